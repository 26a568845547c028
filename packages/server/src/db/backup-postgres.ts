import { spawn } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';
import {
  abandonBackupFile,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupFileError,
  createBackupFile,
  finishBackupFile,
  headerLine,
  megabytes,
  readHeader,
} from './backup-file.ts';
import { RestoreRefusedError, type Progress } from './backup-pglite.ts';

/*
 * Backup and restore of a PostgreSQL server's database with PostgreSQL's own pg_dump and pg_restore
 * (decision 0021): a consistent snapshot taken while the server keeps serving, in pg_dump's custom
 * format, restored in one transaction. The programs come from the host (Debian: postgresql-client),
 * of the server's major version or newer; Continuum does not download them.
 */

export class BackupToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupToolError';
  }
}

/**
 * The connection for pg_dump/pg_restore: the URL without its password, which goes to the child in
 * PGPASSWORD so it never appears in a process list.
 */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  // The child inherits the environment (PATH, PG* settings) and gets the password beside it.
  // eslint-disable-next-line no-restricted-properties
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { dbname: u.toString(), env };
}

/** Runs a PostgreSQL client program; progress from its --verbose lines, the error lines kept for the failure. */
function run(
  program: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdio: { stdin?: NodeJS.ReadableStream; stdoutFd?: number },
  progress: Progress,
  describe: (line: string) => string | null,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: [stdio.stdin ? 'pipe' : 'ignore', stdio.stdoutFd ?? 'ignore', 'pipe'] });
    const errors: string[] = [];
    let pending = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (/error:|FATAL|fatal/.test(line)) errors.push(line.trim());
        const shown = describe(line);
        if (shown) progress(shown);
      }
    });
    if (stdio.stdin) {
      stdio.stdin.pipe(child.stdin!);
      child.stdin!.on('error', () => {});
    }
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new BackupToolError(
              `${program} was not found. Install PostgreSQL's client programs of the server's major version or newer (Debian: apt-get install postgresql-client) and run again.`,
            )
          : error,
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new BackupToolError(`${program} failed (exit ${code})${errors.length ? `: ${errors.slice(0, 3).join(' ')}` : ''}`));
    });
  });
}

const tableOf = (line: string, pattern: RegExp): string | null => {
  const m = pattern.exec(line);
  return m ? m[1]!.replace(/^public\./, '').replace(/"/g, '') : null;
};

export async function backupPostgres(url: string, out: string, progress: Progress): Promise<{ bytes: number }> {
  const { dbname, env } = connection(url);
  let fd: number | null = createBackupFile(out);
  try {
    fs.writeSync(
      fd,
      headerLine({
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        engine: 'postgres',
        payload: 'pg_dump-custom',
        createdAt: new Date().toISOString(),
      }),
    );
    progress('pg_dump: taking a consistent snapshot of the database');
    await run(
      'pg_dump',
      ['--format=custom', '--no-owner', '--no-privileges', '--verbose', `--dbname=${dbname}`],
      env,
      { stdoutFd: fd },
      progress,
      (line) => {
        const table = tableOf(line, /dumping contents of table "?([^"\s]+(?:"\."[^"\s]+)?)"?/);
        return table ? `dumping table ${table}` : null;
      },
    );
    finishBackupFile(fd, out);
    fd = null;
    return { bytes: fs.statSync(out).size };
  } catch (error) {
    abandonBackupFile(fd, out);
    throw error;
  }
}

async function publicTables(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: number }>(`select count(*)::int as n from pg_tables where schemaname = 'public'`);
    return r.rows[0]!.n;
  } finally {
    await client.end();
  }
}

async function emptyPublicSchema(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('drop schema public cascade');
    await client.query('create schema public');
    await client.query('commit');
  } finally {
    await client.end();
  }
}

/**
 * Restores into the database DATABASE_URL names, in one transaction (pg_restore --single-transaction):
 * it succeeds whole or changes nothing. With --force an existing database's tables are dropped first
 * (the public schema emptied), so tables a newer version added cannot linger beside the older backup.
 */
export async function restorePostgres(file: string, url: string, force: boolean, progress: Progress): Promise<void> {
  const { header, payloadOffset, size } = readHeader(file);
  if (header.engine !== 'postgres')
    throw new BackupFileError(
      'This is a backup of the embedded database (PGlite); restore it without DATABASE_URL, into CONTINUUM_DATA_DIR.',
    );
  const tables = await publicTables(url);
  if (tables > 0 && !force)
    throw new RestoreRefusedError(
      `The target database already holds ${tables} tables. Restoring replaces all of it with the backup; run again with --force to do so.`,
    );
  if (tables > 0) {
    progress(`dropping the ${tables} tables of the existing database`);
    await emptyPublicSchema(url);
  }
  progress(`pg_restore: restoring ${megabytes(size - payloadOffset)} taken ${header.createdAt}, in one transaction`);
  const { dbname, env } = connection(url);
  await run(
    'pg_restore',
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--verbose', `--dbname=${dbname}`],
    env,
    { stdin: fs.createReadStream(file, { start: payloadOffset }) },
    progress,
    (line) => {
      const table = tableOf(line, /processing data for table "?([^"\s]+(?:"\."[^"\s]+)?)"?/);
      return table ? `restoring table ${table}` : null;
    },
  );
}
