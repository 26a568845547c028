import type { Config } from '../config.ts';
import type { CliIo } from './cli-io.ts';
import { areasImport, areasImportCounties, areasCountiesUsage, areasImportUsage } from './areas-import.ts';
import { auditCheckpoint, auditVerify } from './audit-verify.ts';
import { adminBootstrap } from './admin-bootstrap.ts';
import { dbBackup, dbBackupUsage, dbRestore, dbRestoreUsage } from './db-backup.ts';
import { dbMigrate, dbStatus } from './db-migrate.ts';
import { demoGenerate, demoGenerateUsage } from './demo-generate.ts';
import { feedsImport, feedsImportUsage } from './feeds-import.ts';
import { jobsRun } from './jobs-run.ts';
import { linkClks, linkClksUsage } from './link-clks.ts';
import { linkDedupe, linkDedupeUsage } from './link-dedupe.ts';
import { linkEncode, linkEncodeUsage } from './link-encode.ts';
import { linkFiles, linkFilesUsage } from './link-files.ts';
import { eventsImport, eventsImportUsage, measuresCompute, measuresComputeUsage } from './learning.ts';
import { overdoseDetect, overdoseDetectUsage } from './overdose-detect.ts';
import { personIndexRebuild, personIndexRebuildUsage } from './person-index.ts';
import { directoryExportHsds, directoryImportHsds, exportHsdsUsage, importHsdsUsage } from './directory-hsds.ts';
import { safetyCheck, safetyCheckUsage } from './safety-check.ts';
import { safetyReport, safetyReportUsage } from './safety-report.ts';
import { safetySampleExtract, safetySampleUsage } from './safety-sample-extract.ts';
import { safetyScreen, safetyScreenUsage } from './safety-screen.ts';
import { scenariosRun, scenariosRunUsage } from './scenarios-run.ts';

/** Everything a command may use, beyond the common IO: the parsed config and standard input. */
export interface CliContext extends CliIo {
  config: Config;
  readStdin(): Promise<string>;
}

interface Command {
  summary: string;
  usage: string;
  run(argv: string[], ctx: CliContext): Promise<number>;
}

const commands: Record<string, Record<string, Command>> = {
  db: {
    migrate: { summary: 'Apply pending database migrations', usage: 'continuum db migrate', run: dbMigrate },
    status: { summary: 'List applied and pending migrations', usage: 'continuum db status [--json]', run: dbStatus },
    backup: { summary: 'Write a backup of the whole database to a file (0600; it holds PHI)', usage: dbBackupUsage, run: dbBackup },
    restore: {
      summary: 'Replace the database with a backup (--force over existing data); the audit chain verified after',
      usage: dbRestoreUsage,
      run: dbRestore,
    },
  },
  'person-index': {
    rebuild: {
      summary: 'Re-estimate the person index model and score every registry person against the network',
      usage: personIndexRebuildUsage,
      run: personIndexRebuild,
    },
  },
  audit: {
    verify: {
      summary: 'Recompute the audit hash chain; exit 1 at the first broken entry',
      usage: 'continuum audit verify [--json]',
      run: auditVerify,
    },
    checkpoint: {
      summary: "Anchor the audit chain's head in the signed checkpoint file outside the database",
      usage: 'continuum audit checkpoint',
      run: auditCheckpoint,
    },
  },
  demo: {
    generate: {
      summary: 'Write a synthetic community into the database',
      usage: demoGenerateUsage,
      run: (argv, ctx) => demoGenerate(argv, ctx),
    },
  },
  safety: {
    check: {
      summary: 'MME, timeline and prescribing-safety rules for a FHIR Bundle or CDS Hooks request',
      usage: safetyCheckUsage,
      run: safetyCheck,
    },
    screen: {
      summary: 'Screen a PDMP-style dispensing extract (CSV or NDJSON); per-person flags and summaries',
      usage: safetyScreenUsage,
      run: safetyScreen,
    },
    'sample-extract': {
      summary: 'Write a synthetic dispensing extract (CSV) to try safety screen on',
      usage: safetySampleUsage,
      run: safetySampleExtract,
    },
    report: {
      summary: "Prescriber feedback report over the network's dispensing records (CSV and JSON; aggregates)",
      usage: safetyReportUsage,
      run: safetyReport,
    },
  },
  areas: {
    import: {
      summary: 'Import areas and their boundaries from GeoJSON or TopoJSON (tracts, ZCTAs, counties, service areas); all or nothing',
      usage: areasImportUsage,
      run: areasImport,
    },
    'import-counties': {
      summary: 'Import the shipped US county boundaries of some states, with their populations',
      usage: areasCountiesUsage,
      run: areasImportCounties,
    },
  },
  directory: {
    'import-hsds': {
      summary: 'Import Open Referral HSDS 3.0 (JSON or CSV); all or nothing',
      usage: importHsdsUsage,
      run: directoryImportHsds,
    },
    'export-hsds': { summary: 'Export the directory as Open Referral HSDS 3.0', usage: exportHsdsUsage, run: directoryExportHsds },
  },
  overdose: {
    detect: {
      summary: 'CDC EARS C1/C2/C3 spike detection on a CSV of daily counts per area',
      usage: overdoseDetectUsage,
      run: overdoseDetect,
    },
  },
  feeds: {
    import: {
      summary: "Apply a feed file (HL7 v2, roster) as if it arrived on an organization's feed; messages that fail go to the error queue",
      usage: feedsImportUsage,
      run: feedsImport,
    },
  },
  events: {
    import: {
      summary: 'Import care events (CSV, JSON or a FHIR Bundle) as an organization; all or nothing',
      usage: eventsImportUsage,
      run: eventsImport,
    },
  },
  scenarios: {
    run: {
      summary: 'Run what-if scenarios against the community’s own data; results as JSON, CSV and a summary',
      usage: scenariosRunUsage,
      run: scenariosRun,
    },
  },
  measures: {
    compute: {
      summary: 'Compute and store the cascade and every measure for the dashboard',
      usage: measuresComputeUsage,
      run: measuresCompute,
    },
  },
  link: {
    dedupe: {
      summary: 'Find the records of one file (CSV or NDJSON) that are the same person: probabilistic linkage, clusters',
      usage: linkDedupeUsage,
      run: linkDedupe,
    },
    files: {
      summary: 'Link the records of several files into persons (across and within files)',
      usage: linkFilesUsage,
      run: linkFiles,
    },
    encode: {
      summary: 'Privacy-preserving linkage: encode records as keyed Bloom-filter CLKs (run where the records are)',
      usage: linkEncodeUsage,
      run: linkEncode,
    },
    clks: {
      summary: 'Privacy-preserving linkage: link two CLK files by Dice similarity (one-to-one pairs)',
      usage: linkClksUsage,
      run: linkClks,
    },
  },
  jobs: {
    run: {
      summary: 'Run background jobs (until stopped, or --once to drain due jobs)',
      usage: 'continuum jobs run [--once]',
      run: jobsRun,
    },
  },
  admin: {
    bootstrap: {
      summary: 'Create the first organization and network administrator (password on stdin)',
      usage: 'continuum admin bootstrap --organization NAME --type TYPE --email EMAIL --name NAME --password-stdin',
      run: adminBootstrap,
    },
  },
};

export function helpText(): string {
  const lines = ['Usage: continuum <noun> <verb> [options]', '', 'Commands:'];
  for (const [noun, verbs] of Object.entries(commands)) {
    for (const [verb, cmd] of Object.entries(verbs)) lines.push(`  ${`${noun} ${verb}`.padEnd(22)} ${cmd.summary}`);
  }
  lines.push(
    '',
    'Exit codes: 0 success, 1 failure, 2 usage error.',
    'Configuration comes from the environment (see README: DATABASE_URL, CONTINUUM_DATA_DIR, ...).',
    '',
  );
  return lines.join('\n');
}

/** Dispatches `<noun> <verb> [options]`. Returns the exit code: 0 ok, 1 failure, 2 usage error. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const [noun, verb, ...rest] = argv;
  if (!noun || noun === '--help' || noun === '-h' || noun === 'help') {
    ctx.stdout(helpText());
    return noun ? 0 : 2;
  }
  const group = commands[noun];
  const command = verb ? group?.[verb] : undefined;
  if (!command) {
    ctx.stderr(`continuum: unknown command "${[noun, verb].filter(Boolean).join(' ')}"\n\n${helpText()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    ctx.stdout(command.usage.startsWith('Usage:') ? command.usage : `Usage: ${command.usage}\n${command.summary}\n`);
    return 0;
  }
  return command.run(rest, ctx);
}
