import { type DrugKnowledge } from './drug-knowledge.ts';
import { type Day } from './safety-model.ts';
import { type DispensingRow, type DrugEntry, OTHER, OPIOID } from './screening-model.ts';
import { resolveDrug, RowError, validateRow } from './screening-rows.ts';

/* Dispensing rows held as typed-array columns in chunks, and snapshots of them that threads hand to each other. */

const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

/** A growable column in 1M-row chunks: no copy on growth, so memory stays near the data size. */
class Column<T extends Int32Array | Float32Array> {
  readonly chunks: T[] = [];
  constructor(private readonly make: (n: number) => T) {}
  set(i: number, v: number) {
    const c = i >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(this.make(CHUNK));
    this.chunks[c]![i & MASK] = v;
  }
  get(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]![i & MASK]!;
  }
}

class Interner {
  readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  private lastKey: string | null = null;
  private lastId = -1;
  get(s: string): number {
    // Extracts are often sorted by person: the same key as the last row skips the map.
    if (s === this.lastKey) return this.lastId;
    let n = this.ids.get(s);
    if (n === undefined) {
      n = this.names.length;
      this.ids.set(s, n);
      this.names.push(s);
    }
    this.lastKey = s;
    this.lastId = n;
    return n;
  }
}

/**
 * Rows as columns in chunks (`chunkLengths[c]` rows valid in chunk c), with the string tables their
 * indexes point into. The chunks are transferred between threads, never copied.
 */
export interface ColumnsSnapshot {
  n: number;
  read: number;
  rejected: number;
  first: number;
  last: number;
  people: string[];
  prescribers: string[];
  pharmacies: string[];
  drugKeys: string[];
  drugs: DrugEntry[];
  chunkLengths: number[];
  person: Int32Array[];
  day: Int32Array[];
  supply: Int32Array[];
  drug: Int32Array[];
  mme: Float32Array[];
  prescriber: Int32Array[];
  pharmacy: Int32Array[];
}

/** The ingest half of the screening: validates rows and stores them as columns. */
export class DispensingColumns {
  readonly people = new Interner();
  readonly prescribers = new Interner();
  readonly pharmacies = new Interner();
  readonly drugs: DrugEntry[] = [];
  readonly drugIndex = new Map<string, number>();
  private readonly dates = new Map<string, number>();
  private cols = {
    person: new Column((n) => new Int32Array(n)),
    day: new Column((n) => new Int32Array(n)),
    supply: new Column((n) => new Int32Array(n)),
    drug: new Column((n) => new Int32Array(n)),
    mme: new Column((n) => new Float32Array(n)),
    prescriber: new Column((n) => new Int32Array(n)),
    pharmacy: new Column((n) => new Int32Array(n)),
  };
  n = 0;
  read = 0;
  rejected = 0;
  first = Infinity;
  last = -Infinity;

  constructor(private readonly k: DrugKnowledge) {}

  /** Adds one row; returns the RowError when the row cannot be used. */
  add(row: DispensingRow): RowError | null {
    this.read++;
    let day: Day;
    try {
      day = validateRow(row, this.dates);
    } catch (error) {
      this.rejected++;
      if (error instanceof RowError) return error;
      throw error;
    }
    const key = row.drugName
      ? `${row.rxcui ?? ''}|${row.drugName}|${row.strength ?? ''}|${row.otp ? 1 : 0}`
      : row.otp
        ? `${row.rxcui}|otp`
        : row.rxcui!;
    let d = this.drugIndex.get(key);
    if (d === undefined) {
      d = this.drugs.length;
      this.drugs.push(resolveDrug(this.k, row.rxcui || undefined, row.drugName || undefined, row.strength || undefined, row.otp === true));
      this.drugIndex.set(key, d);
    }
    const drug = this.drugs[d]!;
    if (drug.kind === OTHER) return null;
    const n = this.n;
    const c = this.cols;
    c.person.set(n, this.people.get(row.personId));
    c.day.set(n, day);
    c.supply.set(n, row.daysSupply);
    c.drug.set(n, d);
    c.mme.set(n, drug.kind === OPIOID ? (drug.mmePerUnit * row.quantity) / row.daysSupply : 0);
    c.prescriber.set(n, this.prescribers.get(row.prescriberId));
    c.pharmacy.set(n, this.pharmacies.get(row.pharmacyId));
    if (day < this.first) this.first = day;
    if (day > this.last) this.last = day;
    this.n++;
    return null;
  }

  /** The rows as chunks (handed over: this object keeps no reference to them). */
  snapshot(): ColumnsSnapshot {
    const c = this.cols;
    const chunkLengths = c.person.chunks.map((_, i) => Math.min(CHUNK, this.n - i * CHUNK));
    const snap: ColumnsSnapshot = {
      n: this.n,
      read: this.read,
      rejected: this.rejected,
      first: this.first,
      last: this.last,
      people: this.people.names,
      prescribers: this.prescribers.names,
      pharmacies: this.pharmacies.names,
      drugKeys: [...this.drugIndex.keys()],
      drugs: this.drugs,
      chunkLengths,
      person: c.person.chunks,
      day: c.day.chunks,
      supply: c.supply.chunks,
      drug: c.drug.chunks,
      mme: c.mme.chunks,
      prescriber: c.prescriber.chunks,
      pharmacy: c.pharmacy.chunks,
    };
    this.cols = null as never;
    return snap;
  }
}

/** Joins snapshots (e.g. from parser threads): re-indexes people, prescribers, pharmacies and drugs in place. */
export function mergeSnapshots(parts: ColumnsSnapshot[]): ColumnsSnapshot {
  if (parts.length === 1) return parts[0]!;
  const people = new Interner();
  const prescribers = new Interner();
  const pharmacies = new Interner();
  const drugIndex = new Map<string, number>();
  const drugs: DrugEntry[] = [];
  const out: ColumnsSnapshot = {
    n: 0,
    read: 0,
    rejected: 0,
    first: Infinity,
    last: -Infinity,
    people: people.names,
    prescribers: prescribers.names,
    pharmacies: pharmacies.names,
    drugKeys: [],
    drugs,
    chunkLengths: [],
    person: [],
    day: [],
    supply: [],
    drug: [],
    mme: [],
    prescriber: [],
    pharmacy: [],
  };
  for (const part of parts) {
    const personMap = Int32Array.from(part.people, (s) => people.get(s));
    part.people = [];
    const prescriberMap = Int32Array.from(part.prescribers, (s) => prescribers.get(s));
    const pharmacyMap = Int32Array.from(part.pharmacies, (s) => pharmacies.get(s));
    const drugMap = Int32Array.from(part.drugKeys, (key, i) => {
      let d = drugIndex.get(key);
      if (d === undefined) {
        d = drugs.length;
        drugs.push(part.drugs[i]!);
        drugIndex.set(key, d);
      }
      return d;
    });
    part.chunkLengths.forEach((len, c) => {
      const person = part.person[c]!;
      const drug = part.drug[c]!;
      const prescriber = part.prescriber[c]!;
      const pharmacy = part.pharmacy[c]!;
      for (let i = 0; i < len; i++) {
        person[i] = personMap[person[i]!]!;
        drug[i] = drugMap[drug[i]!]!;
        prescriber[i] = prescriberMap[prescriber[i]!]!;
        pharmacy[i] = pharmacyMap[pharmacy[i]!]!;
      }
    });
    out.chunkLengths.push(...part.chunkLengths);
    out.person.push(...part.person);
    out.day.push(...part.day);
    out.supply.push(...part.supply);
    out.drug.push(...part.drug);
    out.mme.push(...part.mme);
    out.prescriber.push(...part.prescriber);
    out.pharmacy.push(...part.pharmacy);
    out.n += part.n;
    out.read += part.read;
    out.rejected += part.rejected;
    out.first = Math.min(out.first, part.first);
    out.last = Math.max(out.last, part.last);
  }
  out.drugKeys = [...drugIndex.keys()];
  return out;
}
