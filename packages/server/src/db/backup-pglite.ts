import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import {
  abandonBackupFile,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupFileError,
  createBackupFile,
  filterTar,
  finishBackupFile,
  headerLine,
  isPostgresEntry,
  megabytes,
  readHeader,
} from './backup-file.ts';
import { lockDataDir, openDatabase, restrictDataDir } from './database.ts';

/*
 * Backup and restore of the embedded database (decision 0021). PGlite's own `dumpDataDir()` gives a
 * tarball of the data directory taken while no query runs (it holds PGlite's query lock), after a
 * CHECKPOINT has written every committed change into the data files; `loadDataDir` starts a new
 * instance from such a tarball. The embedded database serves one process at a time, so both need the
 * server stopped. The whole data directory passes through memory once, which suits the embedded
 * engine's size; a larger network runs on PostgreSQL.
 */

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

export type Progress = (line: string) => void;

function writeAll(fd: number, bytes: Buffer): void {
  let written = 0;
  while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
}

export async function backupPglite(dataDir: string, out: string, progress: Progress): Promise<{ bytes: number }> {
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) throw new BackupFileError('There is no database in the data directory to back up.');
  const opened = await openDatabase({ kind: 'pglite', dataDir });
  let fd: number | null = null;
  try {
    progress('checkpoint: writing every committed change into the data files');
    await opened.pglite!.exec('CHECKPOINT');
    progress('reading the data directory');
    const dump = Buffer.from(await (await opened.pglite!.dumpDataDir('none')).arrayBuffer());
    const { tar, kept, dropped } = filterTar(dump, isPostgresEntry);
    progress(`compressing ${megabytes(tar.length)} (${kept} entries; ${dropped} of Continuum's own files, such as the keys, left out)`);
    const payload = await gzip(tar);
    fd = createBackupFile(out);
    writeAll(
      fd,
      Buffer.from(
        headerLine({
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          engine: 'pglite',
          payload: 'pglite-datadir.tar.gz',
          createdAt: new Date().toISOString(),
        }),
      ),
    );
    writeAll(fd, payload);
    finishBackupFile(fd, out);
    fd = null;
    return { bytes: fs.statSync(out).size };
  } catch (error) {
    abandonBackupFile(fd, out);
    throw error;
  } finally {
    await opened.close();
  }
}

/**
 * Replaces the data directory's PostgreSQL files with the backup's. The backup is first loaded into a
 * staging folder beside the data directory and opened there, so a damaged file is found before
 * anything is removed; then the old files are removed and the staged ones moved in (same file
 * system: renames). Continuum's own files in the folder (keys, checkpoints, uploads) stay.
 */
export async function restorePglite(file: string, dataDir: string, force: boolean, progress: Progress): Promise<void> {
  const { header, payloadOffset, size } = readHeader(file);
  if (header.engine !== 'pglite')
    throw new BackupFileError(
      'This is a backup of a PostgreSQL server (pg_dump); restore it with DATABASE_URL set to the target database.',
    );
  const release = lockDataDir(dataDir);
  try {
    const existing = fs.readdirSync(dataDir).filter(isPostgresEntry);
    if (existing.includes('PG_VERSION') && !force)
      throw new RestoreRefusedError(
        'The data directory already holds a database. Restoring replaces all of it with the backup; run again with --force to do so.',
      );
    progress(`reading the backup (${megabytes(size)}, taken ${header.createdAt})`);
    const tar = await gunzip(fs.readFileSync(file).subarray(payloadOffset));
    const staging = fs.mkdtempSync(path.join(path.dirname(dataDir), `.${path.basename(dataDir)}.restoring-`));
    try {
      progress(`loading ${megabytes(tar.length)} into a staging folder beside the data directory`);
      const opened = await openDatabase({ kind: 'pglite', dataDir: staging }, { loadDataDir: new Blob([tar]) });
      try {
        await opened.pglite!.query('select count(*) from schema_migrations');
      } finally {
        await opened.close();
      }
      progress('replacing the database files');
      for (const name of [...existing, 'postmaster.pid']) fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
      for (const name of fs.readdirSync(staging).filter(isPostgresEntry)) fs.renameSync(path.join(staging, name), path.join(dataDir, name));
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
    restrictDataDir(dataDir);
  } finally {
    release();
  }
}
