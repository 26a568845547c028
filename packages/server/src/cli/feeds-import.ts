import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { feedKindSchema } from '@continuum/contracts';
import { systemAccess } from '../core/access-context.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { AppError } from '../errors.ts';
import { feedAdapters, importFeedFile, isImplemented } from '../modules/feeds/index.ts';
import { exitCodes, type CliIo } from './cli-io.ts';

export const feedsImportUsage = `Usage: continuum feeds import <hl7v2|nemsis|roster|deaths|fhir> FILE --organization NAME_OR_ID

Applies a file as if its messages had arrived on the organization's feed of that kind (its first
feed of the kind, set up as "default" when it has none; docs/integration.md). An HL7 v2 file holds
one or more messages separated by blank lines or MLLP framing; a roster is CSV or JSON, one message
per row; a NEMSIS v3.5 EMS export (XML) is one message per PatientCareReport; FHIR is bulk NDJSON
(one message a line, carrying the Patient it refers to from the same file) or a Bundle (one
message, all or nothing). Each message is applied on its own, all or nothing; one that cannot be
applied goes to the error queue. A message sent before is a duplicate and changes nothing.

Prints {"accepted":N,"rejected":N,"duplicates":N}. Exit 0 when every message was accepted or a
duplicate, 1 when any was rejected, 2 on a usage error.
`;

/** \`continuum feeds import\`: a replay or a scripted load of a feed file. */
export async function feedsImport(argv: string[], io: CliIo & { config?: { timeZone: string } }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { organization: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : 'invalid arguments'}\n\n${feedsImportUsage}`);
    return exitCodes.usage;
  }
  const { values, positionals } = parsed;
  const kind = feedKindSchema.safeParse(positionals[0]);
  if (positionals.length !== 2 || !kind.success || !values.organization) {
    io.stderr(`give a kind (hl7v2, nemsis, roster, deaths or fhir), one file and --organization\n\n${feedsImportUsage}`);
    return exitCodes.usage;
  }
  if (!isImplemented(kind.data)) {
    io.stderr(`Feeds of kind ${kind.data} are not available yet; this version takes ${Object.keys(feedAdapters).join(', ')}.\n`);
    return exitCodes.usage;
  }
  let content: string;
  try {
    content = fs.readFileSync(positionals[1]!, 'utf8');
  } catch {
    io.stderr('The file could not be read.\n');
    return exitCodes.usage;
  }
  const { db, close } = await io.openDb();
  try {
    await migrateToLatest(db);
    const summary = await importFeedFile(db, io.clock, systemAccess('continuum feeds import'), values.organization, kind.data, content, {
      networkTimeZone: io.config?.timeZone,
      onMessage: (r) => {
        if (r.status === 'rejected') io.stderr(`message ${r.messageId}: ${r.code}: ${r.reason}\n`);
      },
    });
    io.stdout(`${JSON.stringify(summary)}\n`);
    return summary.rejected > 0 ? exitCodes.failure : exitCodes.ok;
  } catch (error) {
    if (error instanceof AppError) {
      io.stderr(`${error.message}\n`);
      return exitCodes.usage;
    }
    throw error;
  } finally {
    await close();
  }
}
