import { parse } from 'csv-parse/sync';

/**
 * Splits CSV bytes into records with the result csv-parse gives under the options the extract
 * reader uses (`trim`, `skip_empty_lines`, `relax_column_count`), several times faster: a line of
 * plain ASCII with no quote is split on commas and trimmed here, straight from the bytes; any other
 * record (a quote — possibly with line breaks inside it — or a byte outside printable ASCII) is
 * handed to csv-parse itself. Lines end with LF or CRLF; an extract whose first line ends with a
 * lone CR is read entirely by csv-parse (`needsFullParser`).
 *
 * Parsing was most of the population screening's time (docs/performance.md, safety).
 */

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;

/** 1: a byte a plain line may hold; 2: also one csv-parse trims (space, tab, CR, FF, VT). */
const PLAIN = new Uint8Array(256);
for (let b = 0x20; b < 0x7f; b++) PLAIN[b] = 1;
PLAIN[QUOTE] = 0;
for (const b of [0x20, 0x09, 0x0d, 0x0c, 0x0b]) PLAIN[b] = 2;

const parseOptions = { skip_empty_lines: true, trim: true, relax_column_count: true } as const;

/** Node's Buffer has latin1Slice (what toString('latin1') calls), untyped: the bytes here are ASCII. */
type Latin1Buffer = Buffer & { latin1Slice(start: number, end: number): string };

/** Receives each record; the array is reused for the next one (copy it to keep it). */
export type RecordSink = (record: string[]) => void;

export class CsvRecords {
  private rest: Buffer | null = null;
  /** Lines of a record with an open quote, waiting for the line that closes it. */
  private pending: Buffer[] = [];
  private pendingQuotes = 0;
  /** Reused from line to line: `onRecord` must not keep it. */
  private readonly record: string[] = [];
  /** Bytes consumed, up to the end of the last complete line. */
  bytes = 0;

  constructor(private readonly onRecord: RecordSink) {}

  /** True when the data's first line break is a lone CR: such a file goes to csv-parse as a whole. */
  static needsFullParser(first: Buffer): boolean {
    for (let i = 0; i < first.length; i++) {
      if (first[i] === LF) return false;
      if (first[i] === 0x0d) return i + 1 < first.length && first[i + 1] !== LF;
    }
    return false;
  }

  push(chunk: Buffer): void {
    const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(LF, start);
      if (nl < 0) break;
      this.line(buf, start, nl, nl + 1);
      start = nl + 1;
    }
    this.bytes += start;
    this.rest = start < buf.length ? buf.subarray(start) : null;
  }

  end(): void {
    if (this.rest) {
      this.line(this.rest, 0, this.rest.length, this.rest.length);
      this.bytes += this.rest.length;
      this.rest = null;
    }
    if (this.pending.length) this.slow(Buffer.concat(this.pending));
    this.pending = [];
  }

  /** One line [from, to), `next` the position after its line break. */
  private line(buf: Buffer, from: number, to: number, next: number): void {
    if (this.pending.length) {
      this.pending.push(buf.subarray(from, next));
      this.pendingQuotes += countQuotes(buf, from, to);
      if (this.pendingQuotes % 2 === 0) this.flushPending();
      return;
    }
    // One pass: split on commas while checking that every byte is plain.
    const record = this.record;
    let n = 0;
    let s = from;
    for (let i = from; i < to; i++) {
      const c = buf[i]!;
      if (PLAIN[c] === 0) {
        const quotes = countQuotes(buf, from, to);
        if (quotes % 2 === 0) this.slow(buf.subarray(from, next));
        else {
          this.pending.push(buf.subarray(from, next));
          this.pendingQuotes = quotes;
        }
        return;
      }
      if (c === COMMA) {
        record[n++] = field(buf, s, i);
        s = i + 1;
      }
    }
    const last = field(buf, s, to);
    // skip_empty_lines: a line with no comma and nothing but trimmed bytes is no record.
    if (n === 0 && last === '') return;
    record[n++] = last;
    record.length = n;
    this.onRecord(record);
  }

  private flushPending(): void {
    const text = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingQuotes = 0;
    this.slow(text);
  }

  private slow(text: Buffer): void {
    for (const record of parse(text, parseOptions) as string[][]) this.onRecord(record);
  }
}

/** The field [a, b) trimmed as csv-parse trims it. */
function field(buf: Buffer, a: number, b: number): string {
  while (a < b && PLAIN[buf[a]!] === 2) a++;
  while (b > a && PLAIN[buf[b - 1]!] === 2) b--;
  return a === b ? '' : (buf as Latin1Buffer).latin1Slice(a, b);
}

function countQuotes(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (buf[i] === QUOTE) n++;
  return n;
}
