import fs from 'node:fs';

/*
 * The backup file (decision 0021): one JSON header line naming the format, the engine and what the
 * payload is, then the payload bytes — for PGlite a gzipped tarball of the data directory's
 * PostgreSQL files, for PostgreSQL a pg_dump archive in its custom format. The header lets restore
 * refuse the wrong engine or a file that is not a backup before touching anything.
 */

export const BACKUP_FORMAT = 'continuum-backup';
export const BACKUP_VERSION = 1;

export type BackupEngine = 'pglite' | 'postgres';

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  engine: BackupEngine;
  payload: 'pglite-datadir.tar.gz' | 'pg_dump-custom';
  createdAt: string;
}

export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

export function headerLine(header: BackupHeader): string {
  return `${JSON.stringify(header)}\n`;
}

const MAX_HEADER = 4096;

/** The header and the offset its payload starts at; refuses anything that is not a backup of this format. */
export function parseHeader(start: Buffer): { header: BackupHeader; payloadOffset: number } {
  const end = start.subarray(0, MAX_HEADER).indexOf(0x0a);
  const notBackup = new BackupFileError('The file is not a Continuum backup (no backup header).');
  if (end < 0) throw notBackup;
  let parsed: Partial<BackupHeader>;
  try {
    parsed = JSON.parse(start.subarray(0, end).toString('utf8')) as Partial<BackupHeader>;
  } catch {
    throw notBackup;
  }
  if (parsed?.format !== BACKUP_FORMAT) throw notBackup;
  if (parsed.version !== BACKUP_VERSION)
    throw new BackupFileError(`The backup is format version ${parsed.version}; this build reads ${BACKUP_VERSION}.`);
  if (parsed.engine !== 'pglite' && parsed.engine !== 'postgres') throw new BackupFileError('The backup names no known database engine.');
  return { header: parsed as BackupHeader, payloadOffset: end + 1 };
}

export function readHeader(file: string): { header: BackupHeader; payloadOffset: number; size: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(MAX_HEADER);
    const read = fs.readSync(fd, buffer, 0, MAX_HEADER, 0);
    return { ...parseHeader(buffer.subarray(0, read)), size: fs.fstatSync(fd).size };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Opens the file a backup is written to: a sibling `.partial` file created 0600 (a backup holds every
 * record, PHI included), renamed over the final name only when complete, so a failed or interrupted
 * backup never leaves a file that looks whole.
 */
export function partialBackupPath(out: string): string {
  return `${out}.partial`;
}

export function createBackupFile(out: string): number {
  const partial = partialBackupPath(out);
  fs.rmSync(partial, { force: true });
  const fd = fs.openSync(partial, 'wx', 0o600);
  fs.fchmodSync(fd, 0o600);
  return fd;
}

export function finishBackupFile(fd: number, out: string): void {
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(partialBackupPath(out), out);
  fs.chmodSync(out, 0o600);
}

export function abandonBackupFile(fd: number | null, out: string): void {
  if (fd !== null) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
  }
  fs.rmSync(partialBackupPath(out), { force: true });
}

/**
 * Whether a top-level entry of the PGlite data directory belongs to PostgreSQL. Everything else in
 * the folder is Continuum's own — the audit and secret key files (which must never travel with the
 * data, decision 0020), the checkpoint file, uploaded files, the lock — and stays out of the backup
 * and untouched by a restore. `postmaster.pid` describes the running process, not the data.
 */
export function isPostgresEntry(name: string): boolean {
  return (
    name === 'PG_VERSION' ||
    name === 'base' ||
    name === 'global' ||
    /^pg_[a-z_]+(\.conf)?$/.test(name) ||
    /^postgresql(\.auto)?\.conf$/.test(name)
  );
}

const BLOCK = 512;

function field(block: Buffer, from: number, length: number): string {
  const raw = block.subarray(from, from + length);
  const nul = raw.indexOf(0);
  return raw.subarray(0, nul < 0 ? length : nul).toString('utf8');
}

/**
 * Keeps the entries of a ustar archive whose top-level name passes `keep` (names may start with "/",
 * as PGlite writes them). Only plain files and folders are expected; anything else is refused rather
 * than copied blindly.
 */
export function filterTar(tar: Buffer, keep: (topLevel: string) => boolean): { tar: Buffer; kept: number; dropped: number } {
  const parts: Buffer[] = [];
  let kept = 0;
  let dropped = 0;
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const prefix = field(header, 345, 155);
    const name = (prefix ? `${prefix}/` : '') + field(header, 0, 100);
    const type = String.fromCharCode(header[156]!);
    if (!['0', '\0', '5'].includes(type)) throw new BackupFileError(`Unexpected entry type "${type}" in the data directory dump.`);
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    const span = BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    const topLevel = name.replace(/^\/+/, '').split('/')[0]!;
    if (keep(topLevel)) {
      parts.push(tar.subarray(offset, offset + span));
      kept++;
    } else dropped++;
    offset += span;
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return { tar: Buffer.concat(parts), kept, dropped };
}

/** Megabytes with one decimal, for progress lines. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
