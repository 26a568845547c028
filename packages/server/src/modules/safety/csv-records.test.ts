import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvRecords } from './csv-records.ts';

const options = { skip_empty_lines: true, trim: true, relax_column_count: true } as const;

/** mulberry32, so a failure reproduces. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function records(text: string, chunkSizes: () => number): string[][] {
  const out: string[][] = [];
  const reader = new CsvRecords((r) => out.push([...r]));
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length;) {
    const n = Math.max(1, chunkSizes());
    reader.push(bytes.subarray(at, at + n));
    at += n;
  }
  reader.end();
  return out;
}

const plainChars = ['a', 'Z', '7', '-', '.', '/', ' ', ' ', '\t', 'é', '\u00a0', '\f'];

function field(random: () => number): string {
  const r = random();
  let s = '';
  const len = Math.floor(random() * 6);
  if (r < 0.75) {
    for (let i = 0; i < len; i++) s += plainChars[Math.floor(random() * plainChars.length)];
    return s;
  }
  // A quoted field: commas, doubled quotes and line breaks inside, spaces around it.
  const inner = ['a', ',', '""', '\n', '\r\n', ' ', 'é'];
  for (let i = 0; i < len; i++) s += inner[Math.floor(random() * inner.length)];
  return `${random() < 0.3 ? ' ' : ''}"${s}"${random() < 0.3 ? ' ' : ''}`;
}

describe('CSV records', () => {
  it('gives exactly what csv-parse gives on generated awkward extracts, however the bytes are chunked', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = rng(seed);
      const lines = ['person_id,fill_date,x'];
      for (let i = 0; i < 200; i++) {
        const r = random();
        if (r < 0.05) lines.push('');
        else if (r < 0.08) lines.push('  \t ');
        else {
          const n = 1 + Math.floor(random() * 5);
          lines.push(Array.from({ length: n }, () => field(random)).join(','));
        }
      }
      // The header ends with LF, as csv-parse takes its line end from the first line.
      const text = lines.map((l, i) => l + (i > 0 && random() < 0.2 ? '\r\n' : '\n')).join('') + (random() < 0.5 ? 'last,row' : '');
      const expected = parse(text, options) as string[][];
      expect(records(text, () => 1 + Math.floor(random() * 64))).toEqual(expected);
      expect(records(text, () => 1 << 20)).toEqual(expected);
    }
  });

  it('counts the bytes of complete lines', () => {
    const reader = new CsvRecords(() => {});
    reader.push(Buffer.from('a,b\nc,'));
    expect(reader.bytes).toBe(4);
    reader.push(Buffer.from('d\n'));
    expect(reader.bytes).toBe(8);
  });

  it('sends a file whose lines end with a lone CR to csv-parse whole', () => {
    expect(CsvRecords.needsFullParser(Buffer.from('a,b\rc,d\r'))).toBe(true);
    expect(CsvRecords.needsFullParser(Buffer.from('a,b\r\nc,d\r\n'))).toBe(false);
    expect(CsvRecords.needsFullParser(Buffer.from('a,b\nc\r,d\n'))).toBe(false);
  });
});
