// Longer than 300 lines: the extract reader and the synthetic generator share the column vocabulary and must stay in step.
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { CsvRecords } from './csv-records.ts';
import type { DispensingRow } from './screening-model.ts';
import { epochDayOf, isoDayOf } from '@continuum/contracts';

/**
 * PDMP-style dispensing extracts: reading CSV or NDJSON into rows, and generating a synthetic
 * extract for tests and the benchmark.
 *
 * Columns (CSV header, or NDJSON keys): person_id, fill_date (YYYY-MM-DD), rxcui and/or drug_name +
 * strength, quantity, days_supply, prescriber_id, pharmacy_id, and optionally otp (true/1 when an
 * opioid treatment program dispensed it).
 */

export const extractColumns = [
  'person_id',
  'fill_date',
  'rxcui',
  'drug_name',
  'strength',
  'quantity',
  'days_supply',
  'prescriber_id',
  'pharmacy_id',
  'otp',
] as const;
const requiredColumns = ['person_id', 'fill_date', 'quantity', 'days_supply', 'prescriber_id', 'pharmacy_id'] as const;

export class ExtractError extends Error {
  override name = 'ExtractError';
}

export interface ReadProgress {
  bytes: number;
}

const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 'true' || v === 'TRUE' || v === 'Y' || v === 'y';

function toRow(get: (c: (typeof extractColumns)[number]) => unknown): DispensingRow {
  const str = (c: (typeof extractColumns)[number]) => {
    const v = get(c);
    return v === undefined || v === null ? '' : String(v);
  };
  return {
    personId: str('person_id'),
    fillDate: str('fill_date'),
    rxcui: str('rxcui') || undefined,
    drugName: str('drug_name') || undefined,
    strength: str('strength') || undefined,
    quantity: Number(str('quantity') || NaN),
    daysSupply: Number(str('days_supply') || NaN),
    prescriberId: str('prescriber_id'),
    pharmacyId: str('pharmacy_id'),
    otp: truthy(get('otp')),
  };
}

const csvParseOptions = { skip_empty_lines: true, trim: true, relax_column_count: true } as const;

type ColumnIndex = Partial<Record<(typeof extractColumns)[number], number>> & Record<(typeof requiredColumns)[number], number>;

export function columnIndex(headerRecord: string[]): ColumnIndex {
  const header = headerRecord.map((h) => h.trim().toLowerCase());
  const index: Partial<Record<(typeof extractColumns)[number], number>> = {};
  for (const c of extractColumns) {
    const i = header.indexOf(c);
    if (i >= 0) index[c] = i;
  }
  for (const c of requiredColumns) if (index[c] === undefined) throw new ExtractError(`the extract has no "${c}" column`);
  if (index.rxcui === undefined && index.drug_name === undefined)
    throw new ExtractError('the extract needs an "rxcui" or a "drug_name" column');
  return index as ColumnIndex;
}

/** A CSV record → a row, by column position (the hot path: no closures, no per-row lookups by name). */
function csvRow(record: string[], ix: ColumnIndex): DispensingRow {
  const otp = ix.otp === undefined ? '' : (record[ix.otp] ?? '');
  return {
    personId: record[ix.person_id] ?? '',
    fillDate: record[ix.fill_date] ?? '',
    rxcui: (ix.rxcui === undefined ? '' : record[ix.rxcui]) || undefined,
    drugName: (ix.drug_name === undefined ? '' : record[ix.drug_name]) || undefined,
    strength: (ix.strength === undefined ? '' : record[ix.strength]) || undefined,
    quantity: Number(record[ix.quantity] || NaN),
    daysSupply: Number(record[ix.days_supply] || NaN),
    prescriberId: record[ix.prescriber_id] ?? '',
    pharmacyId: record[ix.pharmacy_id] ?? '',
    otp: otp !== '' && truthy(otp),
  };
}

/**
 * Records of a CSV stream, chunk by chunk (CsvRecords: csv-parse's results, split faster); the whole
 * stream goes to csv-parse when its lines end with a lone CR.
 */
async function* csvRecordBatches(input: Readable): AsyncGenerator<{ records: string[][]; bytes: number }> {
  let records: string[][] = [];
  const lines = new CsvRecords((r) => records.push([...r]));
  let full: ReturnType<typeof parse> | null = null;
  let bytes = 0;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    if (bytes === 0 && !full && CsvRecords.needsFullParser(chunk)) full = parse(csvParseOptions);
    bytes += chunk.length;
    if (full) {
      full.write(chunk);
      let r: string[] | null;
      while ((r = full.read() as string[] | null) !== null) records.push(r);
    } else lines.push(chunk);
    yield { records, bytes: full ? bytes : lines.bytes };
    records = [];
  }
  if (full) {
    full.end();
    for await (const r of full as AsyncIterable<string[]>) records.push(r);
  } else lines.end();
  yield { records, bytes };
}

/**
 * Streams a CSV extract. A missing column is an ExtractError naming it. `header`: the header record
 * when the stream starts after it (a part of a file read by a parser thread).
 */
export async function* readCsvDispensings(
  input: Readable,
  onProgress?: (p: ReadProgress) => void,
  header?: string[],
): AsyncGenerator<DispensingRow> {
  let index: ColumnIndex | null = header ? columnIndex(header) : null;
  for await (const batch of csvRecordBatches(input)) {
    for (const record of batch.records) {
      if (!index) index = columnIndex(record);
      else yield csvRow(record, index);
    }
    onProgress?.({ bytes: batch.bytes });
  }
}

/**
 * The same as readCsvDispensings, but calls `onRow` synchronously for each row instead of yielding
 * it: no promise per row, for the parser threads where throughput is everything.
 */
export async function parseCsvDispensings(
  input: Readable,
  onRow: (row: DispensingRow) => void,
  onProgress?: (p: ReadProgress) => void,
  header?: string[],
): Promise<void> {
  let index: ColumnIndex | null = header ? columnIndex(header) : null;
  const onRecord = (record: string[]) => {
    if (!index) index = columnIndex(record);
    else onRow(csvRow(record, index));
  };
  const lines = new CsvRecords(onRecord);
  let full: ReturnType<typeof parse> | null = null;
  let first = true;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    if (first && CsvRecords.needsFullParser(chunk)) full = parse(csvParseOptions);
    first = false;
    if (!full) {
      lines.push(chunk);
      onProgress?.({ bytes: lines.bytes });
      continue;
    }
    full.write(chunk);
    let r: string[] | null;
    while ((r = full.read() as string[] | null) !== null) onRecord(r);
  }
  if (full) {
    full.end();
    for await (const r of full as AsyncIterable<string[]>) onRecord(r);
  } else lines.end();
  onProgress?.({ bytes: full ? full.info.bytes : lines.bytes });
}

/** Streams an NDJSON extract (one JSON object a line). A line that is not JSON becomes a row that fails validation. */
export async function* readNdjsonDispensings(input: Readable, onProgress?: (p: ReadProgress) => void): AsyncGenerator<DispensingRow> {
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let bytes = 0;
  let n = 0;
  for await (const line of lines) {
    bytes += Buffer.byteLength(line) + 1;
    if (!line.trim()) continue;
    let obj: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(line);
      obj = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    } catch {
      obj = {};
    }
    yield toRow((c) => obj[c]);
    if (onProgress && ++n % 50_000 === 0) onProgress({ bytes });
  }
  onProgress?.({ bytes });
}

/** mulberry32: a small deterministic generator (same seed → same extract). */
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

interface Product {
  rxcui?: string;
  drugName?: string;
  strength?: string;
  quantityPerDay: number;
  otp?: boolean;
}

// RxNorm codes from data/opioid-drug-ingredients-rxnorm-2020-10-20.csv and the CDC value sets.
const acute: Product[] = [
  { rxcui: '857002', quantityPerDay: 4 }, // hydrocodone/APAP 5 mg
  { rxcui: '1049621', quantityPerDay: 4 }, // oxycodone 5 mg
  { rxcui: '835603', quantityPerDay: 4 }, // tramadol 50 mg
  { rxcui: '993781', quantityPerDay: 4 }, // codeine 30 mg/APAP
  { drugName: 'Oxycodone HCl tablet', strength: '10 MG', quantityPerDay: 3 },
];
const chronic: Product[] = [
  { rxcui: '892582', quantityPerDay: 2 }, // morphine 15 mg
  { rxcui: '1049621', quantityPerDay: 6 }, // oxycodone 5 mg
  { rxcui: '1049593', quantityPerDay: 2 }, // oxycodone ER 60 mg
  { rxcui: '245134', quantityPerDay: 1 / 3 }, // fentanyl 25 mcg/hr patch
  { rxcui: '897696', quantityPerDay: 4 }, // hydromorphone 2 mg
  { drugName: 'Hydrocodone bitartrate/acetaminophen', strength: '10 MG', quantityPerDay: 4 },
];
const depressants: Product[] = [
  { rxcui: '197321', quantityPerDay: 2 }, // alprazolam 1 mg
  { drugName: 'Clonazepam tablet', strength: '0.5 MG', quantityPerDay: 2 },
  { drugName: 'Zolpidem tartrate', strength: '10 MG', quantityPerDay: 1 },
];
const moud: Product[] = [
  { rxcui: '1010600', quantityPerDay: 2 }, // buprenorphine/naloxone 2 mg film
  { drugName: 'Methadone HCl oral concentrate', strength: '10 MG/ML', quantityPerDay: 9, otp: true },
];
const naloxone: Product = { rxcui: '1725064', quantityPerDay: 2 / 30 }; // naloxone nasal spray
const notComputable: Product = { rxcui: '197873', quantityPerDay: 3 }; // levorphanol 2 mg

export interface ExtractOptions {
  people: number;
  rows: number;
  seed?: number;
  /** Last fill date (YYYY-MM-DD); fills span the year before it. */
  endDate?: string;
  prescribers?: number;
  pharmacies?: number;
}

/**
 * A synthetic extract of exactly `rows` dispensings for exactly `people` people (rows are spread
 * evenly; each person follows one pattern: acute fills, chronic monthly fills, an opioid with a
 * benzodiazepine, MOUD, fills from many prescribers and pharmacies, or a drug with no MME factor).
 */
export function* generateDispensings(o: ExtractOptions): Generator<DispensingRow> {
  if (o.people < 1 || o.rows < o.people) throw new ExtractError('rows must be at least people, and people at least 1');
  const random = rng(o.seed ?? 42);
  const end = epochDayOf(o.endDate ?? '2026-10-31');
  const prescribers = o.prescribers ?? Math.max(50, Math.round(o.people / 100));
  const pharmacies = o.pharmacies ?? Math.max(20, Math.round(o.people / 700));
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const base = Math.floor(o.rows / o.people);
  const extra = o.rows - base * o.people;
  for (let p = 0; p < o.people; p++) {
    const personId = `P${String(p).padStart(8, '0')}`;
    const count = base + (p < extra ? 1 : 0);
    const r = random();
    const pattern =
      r < 0.55
        ? 'acute'
        : r < 0.8
          ? 'chronic'
          : r < 0.9
            ? 'benzo'
            : r < 0.95
              ? 'moud'
              : r < 0.985
                ? 'naloxone'
                : r < 0.995
                  ? 'shopper'
                  : 'no-factor';
    const prescriber = Math.floor(random() * prescribers);
    const pharmacy = Math.floor(random() * pharmacies);
    const product =
      pattern === 'acute' || pattern === 'shopper'
        ? pick(acute)
        : pattern === 'moud'
          ? pick(moud)
          : pattern === 'no-factor'
            ? notComputable
            : pick(chronic);
    const spacing = pattern === 'shopper' ? 12 : pattern === 'acute' ? 60 : 30;
    let day = end - Math.floor(random() * 30) - spacing * (count - 1);
    if (day < end - 365) day = end - 365;
    for (let i = 0; i < count; i++) {
      let prod = product;
      if (pattern === 'benzo' && i % 2 === 1) prod = pick(depressants);
      if (pattern === 'naloxone' && i === count - 1 && count > 1) prod = naloxone;
      const daysSupply = pattern === 'acute' || pattern === 'shopper' ? 3 + Math.floor(random() * 5) : 30;
      const quantity = Math.max(1, Math.round(prod.quantityPerDay * daysSupply));
      yield {
        personId,
        fillDate: isoDayOf(Math.min(end, day)),
        rxcui: prod.rxcui,
        drugName: prod.drugName,
        strength: prod.strength,
        quantity,
        daysSupply,
        prescriberId: `NPI${String(pattern === 'shopper' ? Math.floor(random() * prescribers) : prescriber).padStart(7, '0')}`,
        pharmacyId: `PH${String(pattern === 'shopper' ? Math.floor(random() * pharmacies) : pharmacy).padStart(5, '0')}`,
        otp: prod.otp,
      };
      day += pattern === 'benzo' && i % 2 === 0 ? 0 : spacing;
    }
  }
}

/** One CSV line (no quoting needed: generated values hold no commas, quotes or newlines). */
export function toCsvLine(r: DispensingRow): string {
  return `${r.personId},${r.fillDate},${r.rxcui ?? ''},${r.drugName ?? ''},${r.strength ?? ''},${r.quantity},${r.daysSupply},${r.prescriberId},${r.pharmacyId},${r.otp ? 1 : ''}\n`;
}
export const csvHeader = `${extractColumns.join(',')}\n`;
