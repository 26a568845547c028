import { describe, expect, it } from 'vitest';
import { BackupFileError, filterTar, headerLine, isPostgresEntry, parseHeader } from './backup-file.ts';

/** A ustar entry as PGlite writes it: a 512-byte header (name, octal size, type), the data padded to 512. */
function entry(name: string, data = '', type = '0'): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 'utf8');
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  header.write(type, 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  return Buffer.concat([header, Buffer.alloc(Math.ceil(data.length / 512) * 512)]).fill(data, 512, 512 + data.length);
}

function names(tar: Buffer): string[] {
  const out: string[] = [];
  for (let off = 0; off + 512 <= tar.length;) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    out.push(h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, ''));
    off += 512 + Math.ceil(parseInt(h.subarray(124, 135).toString(), 8) / 512) * 512;
  }
  return out;
}

describe('isPostgresEntry', () => {
  it.each([
    ['PG_VERSION', true],
    ['base', true],
    ['global', true],
    ['pg_wal', true],
    ['pg_xact', true],
    ['pg_hba.conf', true],
    ['pg_ident.conf', true],
    ['postgresql.conf', true],
    ['postgresql.auto.conf', true],
    ['postmaster.pid', false],
    ['audit.key', false],
    ['secret.key', false],
    ['audit-checkpoints.jsonl', false],
    ['files', false],
    ['continuum.lock', false],
  ])('%s → %s', (name, expected) => expect(isPostgresEntry(name)).toBe(expected));
});

describe('filterTar', () => {
  it("keeps PostgreSQL's entries with their data and drops Continuum's own files", () => {
    const tar = Buffer.concat([
      entry('/PG_VERSION', '17\n'),
      entry('/audit.key', 'k'.repeat(600)),
      entry('/base', '', '5'),
      entry('/base/1/1259', 'x'.repeat(1000)),
      entry('/pg_hba.conf', 'local all all trust\n'),
      entry('/files', '', '5'),
      entry('/files/referral-attachments/a.pdf', 'pdf'),
      Buffer.alloc(1024),
    ]);
    const { tar: kept, kept: k, dropped } = filterTar(tar, isPostgresEntry);
    expect({ k, dropped }).toEqual({ k: 4, dropped: 3 });
    expect(names(kept)).toEqual(['/PG_VERSION', '/base', '/base/1/1259', '/pg_hba.conf']);
    expect(kept.includes(Buffer.from('x'.repeat(1000)))).toBe(true);
    expect(kept.subarray(-1024).every((b) => b === 0)).toBe(true);
  });

  it('refuses entry types it does not copy (links, long names)', () => {
    expect(() => filterTar(Buffer.concat([entry('/base/link', '', '2'), Buffer.alloc(1024)]), () => true)).toThrow(BackupFileError);
  });
});

describe('parseHeader', () => {
  const header = {
    format: 'continuum-backup',
    version: 1,
    engine: 'pglite',
    payload: 'pglite-datadir.tar.gz',
    createdAt: '2026-12-07T00:00:00.000Z',
  } as const;
  it('reads the header and where the payload starts', () => {
    const line = headerLine(header);
    expect(parseHeader(Buffer.from(`${line}PAYLOAD`))).toEqual({ header, payloadOffset: Buffer.byteLength(line) });
  });
  it.each([
    ['no header line', 'PGDMP binary'],
    ['not JSON', 'hello\n'],
    ['another format', '{"format":"other"}\n'],
    ['a newer version', `${JSON.stringify({ ...header, version: 2 })}\n`],
    ['an unknown engine', `${JSON.stringify({ ...header, engine: 'sqlite' })}\n`],
  ])('refuses %s', (_label, text) => expect(() => parseHeader(Buffer.from(text))).toThrow(BackupFileError));
});
