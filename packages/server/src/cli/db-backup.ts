import { parseArgs } from 'node:util';
import { BackupFileError, megabytes } from '../db/backup-file.ts';
import { backupPglite, restorePglite, RestoreRefusedError } from '../db/backup-pglite.ts';
import { backupPostgres, BackupToolError, restorePostgres } from '../db/backup-postgres.ts';
import { DataDirInUseError } from '../db/database.ts';
import { drainAuditSequencer, verifyAuditChain, writeAuditCheckpoint } from '../modules/audit/index.ts';
import type { CliContext } from './dispatch.ts';

export const dbBackupUsage = `Usage: continuum db backup --out FILE

Writes a backup of the whole database to FILE, created 0600: it holds every record, PHI included.
Embedded database (PGlite): stop the server first (it holds the data directory). PostgreSQL
(DATABASE_URL): runs pg_dump while the server keeps serving. The audit and secret keys are not in the
backup; keep them apart from it (README, "Backup and restore").
`;

export const dbRestoreUsage = `Usage: continuum db restore FILE [--force]

Replaces the database with the backup in FILE, then writes a "restore" line to the audit checkpoint
file and verifies the audit chain. Refuses a database that already holds data unless --force.
Embedded database: stop the server first. PostgreSQL: restores into the database DATABASE_URL names.
`;

/** Failures the operator can act on: said plainly, exit 1. Anything else is a bug and propagates. */
function known(error: unknown): error is Error {
  return (
    error instanceof BackupFileError ||
    error instanceof BackupToolError ||
    error instanceof RestoreRefusedError ||
    error instanceof DataDirInUseError
  );
}

export async function dbBackup(argv: string[], ctx: CliContext): Promise<number> {
  let out: string | undefined;
  try {
    ({ out } = parseArgs({ args: argv, strict: true, options: { out: { type: 'string' } } }).values);
  } catch {
    out = undefined;
  }
  if (!out) {
    ctx.stderr(dbBackupUsage);
    return 2;
  }
  const progress = (line: string) => ctx.stderr(`${line}\n`);
  const database = ctx.config.database;
  try {
    if (database.kind === 'pglite' && !database.dataDir)
      throw new BackupFileError('The embedded database is in memory: there is nothing on disk to back up.');
    const { bytes } =
      database.kind === 'postgres'
        ? await backupPostgres(database.url, out, progress)
        : await backupPglite(database.dataDir!, out, progress);
    ctx.stdout(
      `Backup written to ${out} (${megabytes(bytes)}, mode 0600). It holds every record: keep it encrypted and access-controlled, apart from the audit key.\n`,
    );
    return 0;
  } catch (error) {
    if (!known(error)) throw error;
    ctx.stderr(`Backup failed: ${error.message}\n`);
    return 1;
  }
}

export async function dbRestore(argv: string[], ctx: CliContext): Promise<number> {
  let file: string | undefined;
  let force = false;
  try {
    const parsed = parseArgs({ args: argv, strict: true, allowPositionals: true, options: { force: { type: 'boolean' } } });
    if (parsed.positionals.length === 1) file = parsed.positionals[0];
    force = parsed.values.force ?? false;
  } catch {
    file = undefined;
  }
  if (!file) {
    ctx.stderr(dbRestoreUsage);
    return 2;
  }
  const progress = (line: string) => ctx.stderr(`${line}\n`);
  const database = ctx.config.database;
  try {
    if (database.kind === 'pglite' && !database.dataDir)
      throw new BackupFileError('The embedded database is in memory: there is no data directory to restore into.');
    if (database.kind === 'postgres') await restorePostgres(file, database.url, force, progress);
    else await restorePglite(file, database.dataDir!, force, progress);
  } catch (error) {
    if (!known(error)) throw error;
    ctx.stderr(`Restore failed: ${error.message}\n`);
    return 1;
  }

  // The restored chain rightly ends before what came after the backup: a signed "restore" line in the
  // checkpoint file makes its head the new baseline for `audit verify` (decision 0020).
  const { db, close } = await ctx.openDb();
  try {
    // Entries the backup caught sealed but not chained yet are chained first, so the line covers them.
    await drainAuditSequencer(db);
    const line = await writeAuditCheckpoint(db, ctx.clock, 'restore');
    progress(line ? `restore line written to the audit checkpoint file (${line.count} entries)` : 'no audit checkpoint file configured');
    const result = await verifyAuditChain(db, (checked) => progress(`verifying the audit chain: ${checked} entries`));
    if (!result.ok) {
      ctx.stdout(`Restored, but the audit chain does not verify: ${result.reason}.\n`);
      return 1;
    }
    ctx.stdout(`Restored ${file}. Audit chain intact: ${result.checked} entries verified.\n`);
    return 0;
  } finally {
    await close();
  }
}
