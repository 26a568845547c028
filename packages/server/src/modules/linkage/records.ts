// Longer than 300 lines: the CSV (quoted and plain) and NDJSON readers share one column plan and one normalizer, so every format fails the same way.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { planColumns, type ColumnPlan, type SourceField } from './columns.ts';
import {
  normalizeBirthDate,
  normalizeCity,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizeSex,
  normalizeSsn,
  normalizeState,
  normalizeStreet,
  normalizeStreetNumber,
  normalizeSuffix,
  normalizeZip,
  type NormalizedName,
} from './normalize.ts';

/**
 * One source record, normalized for linkage. Every text field is '' when missing. This is the unit
 * the engine (and privacy-preserving encoding) works on: pure data, no reference to its source file.
 */
export interface LinkRecord {
  /** The record's id in its source (the id column's value). */
  id: string;
  /** Which source it came from (a file name), '' for a single source. */
  source: string;
  /** 1-based data row in its source (the header is not counted). */
  row: number;
  /** Given name, letters only ("Mary-Ann" → "maryann"). */
  given: string;
  middle: string;
  /** Family name, letters only, parts joined ("García López" → "garcialopez"). */
  family: string;
  /** Words of a compound family name (["garcia", "lopez"]); empty for a one-word name. */
  familyParts: readonly string[];
  /** Generational suffix: 'jr', 'sr', 'ii', 'iii', 'iv' or ''. */
  suffix: string;
  /** 'YYYYMMDD' digits (not always a calendar date: typos are kept comparable). */
  birthDate: string;
  sex: '' | 'f' | 'm';
  /** National id digits; placeholders dropped. */
  ssn: string;
  /** Last 10 digits. */
  phone: string;
  streetNumber: string;
  /** Street name with USPS abbreviations ("main st"). */
  street: string;
  city: string;
  zip: string;
  state: string;
  email: string;
}

/** Bad input: names the row (1-based data row, 0 for the header or the file) and the column; never echoes a value. */
export class LinkageInputError extends Error {
  constructor(
    readonly source: string,
    readonly row: number,
    readonly column: string,
    readonly reason: string,
  ) {
    const where = [source, row > 0 ? `row ${row}` : '', column ? `column ${column}` : ''].filter(Boolean).join(', ');
    super(`${where}: ${reason}`);
    this.name = 'LinkageInputError';
  }
}

export interface ReadOptions {
  /** The id column; by default record_id, rec_id, unique_id or id, whichever the header has. */
  idColumn?: string;
  /** Explicit column → field entries (from --map), applied before recognized names. */
  map?: ReadonlyMap<string, SourceField>;
  /** Source label stored on each record (e.g. the file name). */
  source?: string;
}

/** A raw person as other modules hold it (e.g. registry people), before normalization. */
export type RawPerson = Partial<Record<SourceField, string | null | undefined>>;

/** Caches normalized names: a million records hold far fewer distinct names. */
class NameCache {
  private readonly map = new Map<string, NormalizedName>();
  get(raw: string): NormalizedName {
    let n = this.map.get(raw);
    if (n === undefined) {
      n = normalizeName(raw);
      if (this.map.size < 2_000_000) this.map.set(raw, n);
    }
    return n;
  }
}

function value(raw: RawPerson, field: SourceField): string {
  return raw[field] ?? '';
}

/** Memoizes a normalizer: dates, towns, ZIPs and street names repeat across a million records. */
class Memo<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly fn: (raw: string) => T) {}
  get(raw: string): T {
    let v = this.map.get(raw);
    if (v === undefined) {
      v = this.fn(raw);
      if (this.map.size < 1_000_000) this.map.set(raw, v);
    }
    return v;
  }
}

const LEADING_NUMBER = /^\s*(\d+[A-Za-z]?)\s+(\S.*)$/;

/** Turns raw values into a LinkRecord. Throws LinkageInputError (row, column) for an unparseable date. */
export class RecordNormalizer {
  private readonly names = new NameCache();
  private readonly dates = new Memo(normalizeBirthDate);
  private readonly streets = new Memo(normalizeStreet);
  private readonly numbers = new Memo(normalizeStreetNumber);
  private readonly towns = new Memo(normalizeCity);
  private readonly zips = new Memo(normalizeZip);
  private readonly states = new Memo(normalizeState);
  private readonly suffixes = new Memo(normalizeSuffix);
  constructor(private readonly source = '') {}

  /** A street line; the house number split off first so the rest (shared by many people) is memoized. */
  private street(raw: string): { number: string; street: string } {
    const m = LEADING_NUMBER.exec(raw);
    if (!m) return this.streets.get(raw);
    const rest = this.streets.get(m[2]!);
    return { number: m[1]!.toLowerCase(), street: rest.number ? `${rest.number} ${rest.street}` : rest.street };
  }

  normalize(id: string, raw: RawPerson, row: number, columnOf: (f: SourceField) => string = (f) => f): LinkRecord {
    const given = this.names.get(value(raw, 'given_name'));
    const family = this.names.get(value(raw, 'family_name'));
    const dob = this.dates.get(value(raw, 'birth_date'));
    if (!dob.ok) {
      throw new LinkageInputError(this.source, row, columnOf('birth_date'), 'not a date (expected YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)');
    }
    const line = this.street(value(raw, 'address_1') || value(raw, 'address'));
    const number = this.numbers.get(value(raw, 'street_number'));
    return {
      id,
      source: this.source,
      row,
      given: given.name,
      middle: this.names.get(value(raw, 'middle_name')).name,
      family: family.name,
      familyParts: family.parts,
      suffix: this.suffixes.get(value(raw, 'suffix')) || family.suffix || given.suffix,
      birthDate: dob.value,
      sex: normalizeSex(value(raw, 'sex')),
      ssn: normalizeSsn(value(raw, 'ssn')),
      phone: normalizePhone(value(raw, 'phone')),
      streetNumber: number || line.number,
      street: line.street,
      city: this.towns.get(value(raw, 'city')),
      zip: this.zips.get(value(raw, 'zip')),
      state: this.states.get(value(raw, 'state')),
      email: normalizeEmail(value(raw, 'email')),
    };
  }
}

/** Normalizes people held in memory (e.g. the registry's), numbering rows from 1. */
export function normalizePeople(people: readonly (RawPerson & { id: string })[], source = ''): LinkRecord[] {
  const n = new RecordNormalizer(source);
  return people.map((p, i) => n.normalize(p.id, p, i + 1));
}

class RowMapper {
  private readonly seen = new Set<string>();
  private readonly normalizer: RecordNormalizer;
  private readonly entries: [SourceField, number][];
  private readonly columnOf: (f: SourceField) => string;
  constructor(
    private readonly plan: ColumnPlan,
    private readonly source: string,
  ) {
    this.normalizer = new RecordNormalizer(source);
    this.entries = Object.entries(plan.fields) as [SourceField, number][];
    this.columnOf = (f) => plan.names[f] ?? f;
  }
  map(values: readonly string[], row: number): LinkRecord {
    const id = (values[this.plan.id] ?? '').trim();
    if (id === '') throw new LinkageInputError(this.source, row, this.plan.idColumn, 'empty record id');
    if (this.seen.has(id)) throw new LinkageInputError(this.source, row, this.plan.idColumn, 'record id repeats an earlier row');
    this.seen.add(id);
    const raw: RawPerson = {};
    for (const [field, i] of this.entries) raw[field] = values[i] ?? '';
    return this.normalizer.normalize(id, raw, row, this.columnOf);
  }
}

function planOrThrow(header: readonly string[], source: string, options: ReadOptions): ColumnPlan {
  const planned = planColumns(header, options);
  if (!planned.ok) throw new LinkageInputError(source, 0, planned.column, planned.message);
  return planned.plan;
}

/** Streams CSV text (header row first; FEBRL's ", " separators and CRLF lines handled) into records. */
export async function* csvRecords(input: Readable, options: ReadOptions = {}): AsyncGenerator<LinkRecord> {
  const source = options.source ?? '';
  const parser = input.pipe(parse({ trim: true, relax_column_count: false, skip_empty_lines: true, bom: true }));
  let mapper: RowMapper | undefined;
  let row = 0;
  try {
    for await (const values of parser as AsyncIterable<string[]>) {
      if (!mapper) {
        mapper = new RowMapper(planOrThrow(values, source, options), source);
        continue;
      }
      row += 1;
      yield mapper.map(values, row);
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const detail =
        error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ? 'a different number of columns than the header' : 'not valid CSV';
      // csv-parse counts lines from 1 including the header; rows here count data rows only.
      const lines = (error as CsvError & { lines?: number }).lines;
      throw new LinkageInputError(source, typeof lines === 'number' ? Math.max(1, lines - 1) : row + 1, '', `${detail} (${error.code})`);
    }
    throw error;
  }
  if (!mapper) throw new LinkageInputError(source, 0, '', 'empty file: no header row');
}

/**
 * CSV without any quote character: lines split on commas, values trimmed, as csv-parse would read
 * them (several times faster on a million rows). Files with quotes go through csv-parse.
 */
export function* plainCsvRecords(text: string, options: ReadOptions = {}): Generator<LinkRecord> {
  const source = options.source ?? '';
  const lines = text.split('\n');
  let mapper: RowMapper | undefined;
  let width = 0;
  let row = 0;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (i === 0 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') continue;
    const values = line.split(',');
    for (let k = 0; k < values.length; k++) values[k] = values[k]!.trim();
    if (!mapper) {
      mapper = new RowMapper(planOrThrow(values, source, options), source);
      width = values.length;
      continue;
    }
    row += 1;
    if (values.length !== width)
      throw new LinkageInputError(source, row, '', 'a different number of columns than the header (CSV_RECORD_INCONSISTENT_FIELDS_LENGTH)');
    yield mapper.map(values, row);
  }
  if (!mapper) throw new LinkageInputError(source, 0, '', 'empty file: no header row');
}

/** Streams NDJSON (one JSON object per line; keys are columns) into records. */
export async function* ndjsonRecords(input: Readable, options: ReadOptions = {}): AsyncGenerator<LinkRecord> {
  const source = options.source ?? '';
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let mapper: RowMapper | undefined;
  let header: string[] = [];
  let row = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    row += 1;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      throw new LinkageInputError(source, row, '', 'not a JSON object');
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new LinkageInputError(source, row, '', 'not a JSON object');
    const record = obj as Record<string, unknown>;
    if (!mapper) {
      header = Object.keys(record);
      mapper = new RowMapper(planOrThrow(header, source, options), source);
    }
    yield mapper.map(
      header.map((k) => {
        const value = record[k];
        return value === null || value === undefined ? '' : String(value);
      }),
      row,
    );
  }
  if (!mapper) throw new LinkageInputError(source, 0, '', 'empty file: no records');
}

/** 'ndjson' for .ndjson/.jsonl or content starting with '{', else 'csv'; throws for binary content. */
export function detectFormat(fileName: string, head: Buffer, source: string): 'csv' | 'ndjson' {
  if (head.includes(0)) throw new LinkageInputError(source, 0, '', 'not a CSV or NDJSON file (binary content)');
  if (/\.(ndjson|jsonl)$/i.test(fileName)) return 'ndjson';
  if (/\.csv$/i.test(fileName)) return 'csv';
  return head.toString('utf8').trimStart().startsWith('{') ? 'ndjson' : 'csv';
}

/** Reads a whole CSV or NDJSON file into records, all or nothing. The source label defaults to the file's base name. */
export async function readRecordFile(file: string, options: ReadOptions = {}): Promise<LinkRecord[]> {
  const source = options.source ?? path.basename(file);
  const fd = await fs.promises.open(file, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fd.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fd.close();
  }
  const format = detectFormat(file, head, source);
  const records: LinkRecord[] = [];
  const opts = { ...options, source };
  if (format === 'csv') {
    const bytes = await fs.promises.readFile(file);
    if (bytes.indexOf(0x22) === -1) {
      for (const r of plainCsvRecords(bytes.toString('utf8'), opts)) records.push(r);
      return records;
    }
  }
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  for await (const r of format === 'csv' ? csvRecords(stream, opts) : ndjsonRecords(stream, opts)) records.push(r);
  return records;
}

/** Parses CSV or NDJSON text already in memory (tests, uploads). */
export async function parseRecordText(text: string, options: ReadOptions & { format?: 'csv' | 'ndjson' } = {}): Promise<LinkRecord[]> {
  const source = options.source ?? '';
  const format = options.format ?? detectFormat('', Buffer.from(text.slice(0, 4096)), source);
  const records: LinkRecord[] = [];
  const stream = Readable.from([text]);
  for await (const r of format === 'csv' ? csvRecords(stream, options) : ndjsonRecords(stream, options)) records.push(r);
  return records;
}
