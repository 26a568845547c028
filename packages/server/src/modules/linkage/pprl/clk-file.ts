import fs from 'node:fs';
import readline from 'node:readline';
import { CLK_BYTES } from './dice-kernel.ts';
import type { ClkSet } from './dice.ts';
import { csvField } from '../../../core/csv.ts';

/**
 * The encoded file a party sends to the hub: one line per record, `record_id,clk[,blocking_keys]`
 * (the CLK in base64, blocking keys hex separated by spaces), after a first line naming the format,
 * the schema (id and fingerprint) and a key-check value, so two files encoded under different schemas
 * or secrets are refused instead of silently linking nothing:
 *
 *   # continuum-clks v1 schema=continuum-default fingerprint=3f2a… key-check=9c1d…
 *   record_id,clk,blocking_keys
 *   A-17,AAAg…==,5e2c81aa 0b9f…
 */

export interface ClkFileHeader {
  schema: string;
  fingerprint: string;
  keyCheck: string;
}

export interface ClkFile extends ClkSet {
  header: ClkFileHeader;
  /** Blocking keys per record (empty arrays when the schema has none). */
  blockingKeys: string[][];
}

export class ClkFileError extends Error {
  override name = 'ClkFileError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: string,
    reason: string,
  ) {
    super(`${[file, line > 0 ? `line ${line}` : '', column ? `column ${column}` : ''].filter(Boolean).join(', ')}: ${reason}`);
  }
}

const MAGIC = '# continuum-clks v1';

export function headerLines(h: ClkFileHeader, withBlockingKeys: boolean): string {
  return `${MAGIC} schema=${h.schema} fingerprint=${h.fingerprint} key-check=${h.keyCheck}\nrecord_id,clk${withBlockingKeys ? ',blocking_keys' : ''}\n`;
}

export function recordLine(id: string, clk: Uint8Array, blockingKeys: readonly string[] | null): string {
  return `${csvField(id)},${Buffer.from(clk.buffer, clk.byteOffset, clk.byteLength).toString('base64')}${blockingKeys ? `,${blockingKeys.join(' ')}` : ''}\n`;
}

/** Splits one line: a possibly quoted id, then plain fields (base64 and hex hold no commas or quotes). */
function splitLine(line: string): string[] | null {
  let id: string;
  let rest: string;
  if (line.startsWith('"')) {
    let i = 1;
    let out = '';
    for (;;) {
      const q = line.indexOf('"', i);
      if (q < 0) return null;
      out += line.slice(i, q);
      if (line[q + 1] === '"') {
        out += '"';
        i = q + 2;
        continue;
      }
      if (q + 1 < line.length && line[q + 1] !== ',') return null;
      rest = line.slice(q + 2);
      break;
    }
    id = out;
  } else {
    const c = line.indexOf(',');
    if (c < 0) return [line];
    id = line.slice(0, c);
    rest = line.slice(c + 1);
  }
  return [id, ...rest.split(',')];
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Reads an encoded file, all or nothing; errors name the line and column. */
export async function readClkFile(file: string, onProgress?: (records: number) => void): Promise<ClkFile> {
  let stream: fs.ReadStream;
  try {
    await fs.promises.access(file, fs.constants.R_OK);
    stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  } catch (error) {
    throw new ClkFileError(file, 0, '', `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  let header: ClkFileHeader | null = null;
  let columns: string[] | null = null;
  const ids: string[] = [];
  const seen = new Set<string>();
  const blockingKeys: string[][] = [];
  let filters = new Uint8Array(1024 * CLK_BYTES);
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (header === null) {
      const m = /^# continuum-clks v1 schema=(\S+) fingerprint=([0-9a-f]+) key-check=([0-9a-f]+)\s*$/.exec(line);
      if (!m) throw new ClkFileError(file, lineNo, '', `not a CLK file (the first line must start "${MAGIC}")`);
      header = { schema: m[1]!, fingerprint: m[2]!, keyCheck: m[3]! };
      continue;
    }
    if (columns === null) {
      columns = line.split(',').map((c) => c.trim());
      if (
        columns[0] !== 'record_id' ||
        columns[1] !== 'clk' ||
        (columns.length === 3 && columns[2] !== 'blocking_keys') ||
        columns.length > 3
      )
        throw new ClkFileError(file, lineNo, '', 'the header row must be record_id,clk[,blocking_keys]');
      continue;
    }
    if (line.trim() === '') continue;
    const fields = splitLine(line);
    if (!fields || fields.length !== columns.length)
      throw new ClkFileError(file, lineNo, '', `expected ${columns.length} fields (${columns.join(',')})`);
    const [id, clk, keys] = fields as [string, string, string | undefined];
    if (id === '') throw new ClkFileError(file, lineNo, 'record_id', 'empty record id');
    if (seen.has(id)) throw new ClkFileError(file, lineNo, 'record_id', 'record id repeats an earlier line');
    const bytes = BASE64.test(clk) ? Buffer.from(clk, 'base64') : null;
    if (!bytes || bytes.length !== CLK_BYTES) throw new ClkFileError(file, lineNo, 'clk', 'not a base64 1,024-bit CLK');
    const n = ids.length;
    if ((n + 1) * CLK_BYTES > filters.length) {
      const bigger = new Uint8Array(filters.length * 2);
      bigger.set(filters);
      filters = bigger;
    }
    filters.set(bytes, n * CLK_BYTES);
    seen.add(id);
    ids.push(id);
    const list = keys === undefined || keys.trim() === '' ? [] : keys.trim().split(' ');
    if (list.some((k) => !/^[0-9a-f]+$/.test(k)))
      throw new ClkFileError(file, lineNo, 'blocking_keys', 'blocking keys are hex, separated by spaces');
    blockingKeys.push(list);
    if (onProgress && ids.length % 10_000 === 0) onProgress(ids.length);
  }
  if (header === null || columns === null) throw new ClkFileError(file, 0, '', 'empty file: no CLK header');
  onProgress?.(ids.length);
  return { header, ids, filters: filters.slice(0, ids.length * CLK_BYTES), blockingKeys };
}
