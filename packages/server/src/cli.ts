import { systemClock } from './clock.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { runCli } from './cli/dispatch.ts';
import { auditKeyring, withAuditKey } from './modules/audit/index.ts';

/** The `continuum` process: config from the environment, database on demand, exit with the command's code. */
async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  return runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    openDb: async () => {
      const opened = await openDatabase(config.database);
      // The audit key (outside the database) travels with the handle: commands that audit or verify use it.
      return { ...opened, db: withAuditKey(opened.db, auditKeyring(config)) };
    },
    clock: systemClock,
    config,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`continuum: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}\n`);
    process.exitCode = 1;
  },
);
