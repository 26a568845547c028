import { screeningRuleCodes } from '@continuum/contracts';
import { findOpioidDrug, inValueSet, RXNORM, type DrugKnowledge } from './drug-knowledge.ts';
import { FENTANYL_PATCH_FACTOR, mmeFactors2022 } from './mme.ts';
import { defaultSafetyOptions, ruleDefinitions, type RuleCode, type SafetyOptions } from './rules.ts';
import { dayToIso, toDay, type Day } from './safety-model.ts';

/**
 * PDMP-style population screening over dispensing rows (person, fill date, drug, quantity, days
 * supply, prescriber, pharmacy) from any source: a file (`continuum safety screen`), the network's
 * own dispensing data, a generator. Rows may come in any order. Memory: about 30 bytes a row in
 * columnar typed arrays plus one map entry per distinct person, prescriber and pharmacy.
 *
 * MME per fill is dispensing-based: strength × quantity ÷ days supply × factor (reference §3c, §8.6),
 * with the CDC 2022 factors; fentanyl patches as mcg/hr × 2.4 × patches worn (72-hour wear).
 */

export interface DispensingRow {
  personId: string;
  /** YYYY-MM-DD */
  fillDate: string;
  rxcui?: string | undefined;
  drugName?: string | undefined;
  /** "5", "5 MG", "25 MCG/HR", "1 MG/ML" */
  strength?: string | undefined;
  quantity: number;
  daysSupply: number;
  prescriberId: string;
  pharmacyId: string;
  /** Dispensed by an opioid treatment program (methadone or buprenorphine for OUD). */
  otp?: boolean | undefined;
}

/** The rules a dispensing extract can show (the contract's list, shared with the prescriber report). */
export const screeningRules = screeningRuleCodes satisfies readonly RuleCode[];
export type ScreeningRule = (typeof screeningRules)[number];

type Kind = 0 | 1 | 2 | 3 | 4 | 5; // other, opioid, moud, benzodiazepine, cns depressant, naloxone
const OTHER = 0,
  OPIOID = 1,
  MOUD = 2,
  BENZO = 3,
  CNS = 4,
  NALOXONE = 5;

interface DrugEntry {
  kind: Kind;
  /** MME/day per (unit dispensed per day); NaN when not computable; 0 for buprenorphine (no MME). */
  mmePerUnit: number;
  /** Excluded from the multiple-provider count (buprenorphine, reference §7). */
  buprenorphine: boolean;
  name: string;
}

export interface PersonFlags {
  personId: string;
  rules: ScreeningRule[];
  peakMmePerDay: number;
  /** The not-computable drugs, named. */
  notComputable: string[];
  maxPrescribers90d: number;
  maxPharmacies90d: number;
  benzodiazepineOverlapDays: number;
  naloxoneDispensed: boolean;
}

export interface PrescriberRate {
  prescriberId: string;
  /** People who filled an opioid this prescriber wrote. */
  people: number;
  flagged: Record<ScreeningRule, number>;
}

export interface ScreeningSummary {
  rows: number;
  rejectedRows: number;
  people: number;
  peopleWithOpioids: number;
  peopleWithMoud: number;
  flaggedPeople: number;
  byRule: Record<ScreeningRule, number>;
  firstFill: string | null;
  lastFill: string | null;
  options: SafetyOptions;
}

export interface ScreeningResult {
  summary: ScreeningSummary;
  prescribers: PrescriberRate[];
}

export interface ScreeningCallbacks {
  /** Called for each flagged person, in no particular order. */
  onFlagged?: (flags: PersonFlags) => void;
  /** Called every `progressEvery` rows read. */
  onProgress?: (rowsRead: number) => void;
  progressEvery?: number;
  /** Called for each row the screening cannot use, with its 1-based position and the column at fault. */
  onRejected?: (row: number, error: RowError) => void;
}

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

const INGREDIENT_WORD = /[a-z]+/g;

function parseStrength(s: string | undefined): { value: number; unit: string } | null {
  if (!s) return null;
  const m = /^\s*([\d.]+)\s*([A-Za-z/µ]*)/.exec(s);
  if (!m) return null;
  const value = Number(m[1]);
  return Number.isFinite(value) ? { value, unit: (m[2] ?? '').toLowerCase() } : null;
}

/** Resolves a row's drug (RxNorm code, else name and strength) to its kind and MME per unit. */
export function resolveDrug(
  k: DrugKnowledge,
  rxcui: string | undefined,
  drugName: string | undefined,
  strength: string | undefined,
  otp: boolean,
): DrugEntry {
  if (rxcui) {
    const codings = [{ system: RXNORM, code: rxcui }];
    const drug = findOpioidDrug(k, codings);
    if (drug) {
      const buprenorphine = drug.buprenorphineOnly;
      const methadone = drug.ingredients.every((i) => i.ingredient === 'methadone');
      if (drug.moudForm || (otp && (buprenorphine || methadone))) return { kind: MOUD, mmePerUnit: 0, buprenorphine, name: drug.name };
      if (buprenorphine) return { kind: OPIOID, mmePerUnit: 0, buprenorphine: true, name: drug.name };
      if (drug.parenteral) return { kind: OPIOID, mmePerUnit: NaN, buprenorphine: false, name: drug.name };
      let mme = 0;
      for (const i of drug.ingredients) {
        if (i.ingredient === 'fentanyl') {
          mme += drug.patch ? i.strengthValue * 1000 * FENTANYL_PATCH_FACTOR * 3 : NaN;
          continue;
        }
        const f = mmeFactors2022[i.ingredient];
        mme += f === undefined ? NaN : i.strengthValue * f;
      }
      return { kind: OPIOID, mmePerUnit: mme, buprenorphine: false, name: drug.name };
    }
    const name = drugName ?? `RxNorm ${rxcui}`;
    if (inValueSet(k, 'opioid-analgesics-with-ambulatory-misuse-potential', codings))
      return { kind: OPIOID, mmePerUnit: NaN, buprenorphine: false, name };
    if (inValueSet(k, 'naloxone-medications', codings)) return { kind: NALOXONE, mmePerUnit: 0, buprenorphine: false, name };
    if (inValueSet(k, 'benzodiazepine-medications', codings)) return { kind: BENZO, mmePerUnit: 0, buprenorphine: false, name };
    if (inValueSet(k, 'cns-depressant-medications', codings)) return { kind: CNS, mmePerUnit: 0, buprenorphine: false, name };
    if (!drugName) return { kind: OTHER, mmePerUnit: 0, buprenorphine: false, name };
  }
  const name = (drugName ?? '').toLowerCase();
  const words: string[] = name.match(INGREDIENT_WORD) ?? [];
  const label = drugName ?? 'unnamed drug';
  if (words.includes('naloxone') && !words.includes('buprenorphine'))
    return { kind: NALOXONE, mmePerUnit: 0, buprenorphine: false, name: label };
  const ingredient = words.find((w) => k.opioidIngredientNames.has(w));
  if (ingredient) {
    const patch = /patch|transdermal/.test(name);
    if (ingredient === 'buprenorphine') {
      const oud = otp || /sublingual|buccal|film|suboxone|zubsolv|implant|sublocade/.test(name);
      return { kind: oud ? MOUD : OPIOID, mmePerUnit: 0, buprenorphine: true, name: label };
    }
    if (ingredient === 'methadone' && otp) return { kind: MOUD, mmePerUnit: 0, buprenorphine: false, name: label };
    const st = parseStrength(strength);
    if (!st) return { kind: OPIOID, mmePerUnit: NaN, buprenorphine: false, name: label };
    if (ingredient === 'fentanyl') {
      if (!patch) return { kind: OPIOID, mmePerUnit: NaN, buprenorphine: false, name: label };
      const mcgPerHr = st.unit.startsWith('mg') ? st.value * 1000 : st.value;
      return { kind: OPIOID, mmePerUnit: mcgPerHr * FENTANYL_PATCH_FACTOR * 3, buprenorphine: false, name: label };
    }
    const f = mmeFactors2022[ingredient];
    const mg = st.unit.startsWith('mcg') || st.unit.startsWith('ug') || st.unit.startsWith('µg') ? st.value / 1000 : st.value;
    return { kind: OPIOID, mmePerUnit: f === undefined ? NaN : mg * f, buprenorphine: false, name: label };
  }
  if (words.some((w) => k.benzodiazepineNames.has(w))) return { kind: BENZO, mmePerUnit: 0, buprenorphine: false, name: label };
  if (words.some((w) => k.cnsDepressantNames.has(w))) return { kind: CNS, mmePerUnit: 0, buprenorphine: false, name: label };
  return { kind: OTHER, mmePerUnit: 0, buprenorphine: false, name: label };
}

/** Thrown for a row the screening cannot use; `field` names the column, never the value. */
export class RowError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Checks a row and returns its fill day; `dates` caches date strings (an extract has few distinct days). */
export function validateRow(row: DispensingRow, dates?: Map<string, number>): Day {
  if (!row.personId) throw new RowError('person_id', 'is empty');
  let day = dates?.get(row.fillDate);
  if (day === undefined) {
    day = /^\d{4}-\d{2}-\d{2}$/.test(row.fillDate) ? toDay(row.fillDate) : undefined;
    if (day === undefined || dayToIso(day) !== row.fillDate) throw new RowError('fill_date', 'must be a date (YYYY-MM-DD)');
    dates?.set(row.fillDate, day);
  }
  if (!row.rxcui && !row.drugName) throw new RowError('rxcui', 'or drug_name is required');
  if (!(row.quantity > 0) || !Number.isFinite(row.quantity)) throw new RowError('quantity', 'must be a number above 0');
  if (!(row.daysSupply >= 1) || !Number.isInteger(row.daysSupply) || row.daysSupply > 366)
    throw new RowError('days_supply', 'must be a whole number from 1 to 366');
  if (!row.prescriberId) throw new RowError('prescriber_id', 'is empty');
  if (!row.pharmacyId) throw new RowError('pharmacy_id', 'is empty');
  return day;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

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

/**
 * Screens an extract: rows from any source, in any order. Rows the screening cannot use are
 * counted and passed to `onRejected`; flagged people go to `onFlagged`; the summary and
 * per-prescriber rates are returned.
 */
export async function screenDispensings(
  k: DrugKnowledge,
  rows: AsyncIterable<DispensingRow> | Iterable<DispensingRow>,
  options: SafetyOptions = defaultSafetyOptions,
  callbacks: ScreeningCallbacks = {},
): Promise<ScreeningResult> {
  const cols = new DispensingColumns(k);
  const every = callbacks.progressEvery ?? 100_000;
  for await (const row of rows) {
    const error = cols.add(row);
    if (error) callbacks.onRejected?.(cols.read, error);
    if (callbacks.onProgress && cols.read % every === 0) callbacks.onProgress(cols.read);
  }
  callbacks.onProgress?.(cols.read);
  return evaluateSnapshot(cols.snapshot(), options, callbacks);
}

/** The evaluation half: groups the rows by person and applies the rules. */
export function evaluateSnapshot(
  snap: ColumnsSnapshot,
  options: SafetyOptions = defaultSafetyOptions,
  callbacks: ScreeningCallbacks = {},
): ScreeningResult {
  const { n, first, last, drugs, read, rejected } = snap;
  const people = { names: snap.people };
  const prescribers = { names: snap.prescribers };
  // Group the rows by person with a counting sort (the input may come in any order), gathering
  // every column into that order; then order each person's rows by fill day.
  const personCount = people.names.length;
  const offsets = new Int32Array(personCount + 1);
  snap.chunkLengths.forEach((len, c) => {
    const person = snap.person[c]!;
    for (let i = 0; i < len; i++) offsets[person[i]! + 1]!++;
  });
  for (let p = 0; p < personCount; p++) offsets[p + 1]! += offsets[p]!;
  const cursor = offsets.slice(0, personCount);
  const day = new Int32Array(n);
  const end = new Int32Array(n); // exclusive
  const drugOf = new Int32Array(n);
  const mmeOf = new Float32Array(n);
  const prescriberOf = new Int32Array(n);
  const pharmacyOf = new Int32Array(n);
  snap.chunkLengths.forEach((len, c) => {
    const [person, dayC, supply, drug, mme, prescriber, pharmacy] = [
      snap.person[c]!,
      snap.day[c]!,
      snap.supply[c]!,
      snap.drug[c]!,
      snap.mme[c]!,
      snap.prescriber[c]!,
      snap.pharmacy[c]!,
    ];
    for (let i = 0; i < len; i++) {
      const at = cursor[person[i]!]!++;
      const d = dayC[i]!;
      day[at] = d;
      end[at] = d + supply[i]!;
      drugOf[at] = drug[i]!;
      mmeOf[at] = mme[i]!;
      prescriberOf[at] = prescriber[i]!;
      pharmacyOf[at] = pharmacy[i]!;
    }
    // Each chunk is released as soon as it is gathered.
    snap.person[c] = snap.day[c] = snap.supply[c] = snap.drug[c] = snap.prescriber[c] = snap.pharmacy[c] = EMPTY_I32;
    snap.mme[c] = EMPTY_F32;
  });
  const columns = [day, end, drugOf, prescriberOf, pharmacyOf];
  for (let p = 0; p < personCount; p++) sortByDay(offsets[p]!, offsets[p + 1]!, day, columns, mmeOf);

  const rules = screeningRules;
  const byRule = Object.fromEntries(rules.map((r) => [r, 0])) as Record<ScreeningRule, number>;
  const prescriberPeople = new Int32Array(prescribers.names.length);
  const prescriberFlags = new Int32Array(prescribers.names.length * rules.length);
  let flaggedPeople = 0;
  let peopleWithOpioids = 0;
  let peopleWithMoud = 0;
  const window = options.providerWindowDays;
  const kindOf = Int8Array.from(drugs, (d) => d.kind);
  const buprenorphineOf = Uint8Array.from(drugs, (d) => (d.buprenorphine ? 1 : 0));

  // Buffers reused from person to person.
  let opioidRows = new Int32Array(64);
  let depressantRows = new Int32Array(64);
  const prescriberCounts = new Map<number, number>();
  const pharmacyCounts = new Map<number, number>();
  const personPrescribers: number[] = [];

  for (let p = 0; p < personCount; p++) {
    const from = offsets[p]!;
    const to = offsets[p + 1]!;
    if (to - from > opioidRows.length) {
      opioidRows = new Int32Array(2 * (to - from));
      depressantRows = new Int32Array(2 * (to - from));
    }
    let no = 0;
    let nd = 0;
    let hasMoud = false;
    let naloxone = false;
    let notComputable: Set<string> | null = null;
    for (let j = from; j < to; j++) {
      const kind = kindOf[drugOf[j]!];
      if (kind === OPIOID) {
        opioidRows[no++] = j;
        if (Number.isNaN(mmeOf[j]!)) (notComputable ??= new Set()).add(drugs[drugOf[j]!]!.name);
      } else if (kind === MOUD) hasMoud = true;
      else if (kind === BENZO || kind === CNS) depressantRows[nd++] = j;
      else if (kind === NALOXONE) naloxone = true;
    }
    if (hasMoud) peopleWithMoud++;
    if (no === 0) continue;
    peopleWithOpioids++;
    personPrescribers.length = 0;
    for (let a = 0; a < no; a++) {
      const pr = prescriberOf[opioidRows[a]!]!;
      if (!personPrescribers.includes(pr)) personPrescribers.push(pr);
    }
    for (const pr of personPrescribers) prescriberPeople[pr]!++;

    // Peak total daily MME: the total is highest on some fill's first day (rows are in day order).
    let peak = 0;
    for (let a = 0; a < no; a++) {
      const d = day[opioidRows[a]!]!;
      let total = 0;
      for (let b = 0; b < no; b++) {
        const r = opioidRows[b]!;
        if (day[r]! > d) break;
        const m = mmeOf[r]!;
        if (end[r]! > d && m > 0) total += m;
      }
      if (total > peak) peak = total;
    }
    peak = round1(peak);

    // Opioid + benzodiazepine/CNS-depressant overlap days.
    const overlap = nd === 0 ? 0 : overlapDays(intervals(opioidRows, no, day, end), intervals(depressantRows, nd, day, end));

    // 5 × 5 × 90: sliding window over opioid fills (buprenorphine excluded).
    let maxPrescribers = 0;
    let maxPharmacies = 0;
    let multiple = false;
    prescriberCounts.clear();
    pharmacyCounts.clear();
    let lo = 0;
    for (let a = 0; a < no; a++) {
      const h = opioidRows[a]!;
      if (buprenorphineOf[drugOf[h]!]) continue;
      inc(prescriberCounts, prescriberOf[h]!);
      inc(pharmacyCounts, pharmacyOf[h]!);
      while (day[h]! - day[opioidRows[lo]!]! >= window) {
        const l = opioidRows[lo]!;
        if (!buprenorphineOf[drugOf[l]!]) {
          dec(prescriberCounts, prescriberOf[l]!);
          dec(pharmacyCounts, pharmacyOf[l]!);
        }
        lo++;
      }
      if (prescriberCounts.size > maxPrescribers) maxPrescribers = prescriberCounts.size;
      if (pharmacyCounts.size > maxPharmacies) maxPharmacies = pharmacyCounts.size;
      if (prescriberCounts.size >= options.minPrescribers && pharmacyCounts.size >= options.minPharmacies) multiple = true;
    }

    const fired: ScreeningRule[] = [];
    // Thresholds: CDC 2022 Recommendations 4–5, as in rules.ts (reference §4b, §4d).
    if (peak >= 90) fired.push('MME_AT_LEAST_90');
    else if (peak >= 50) fired.push('MME_AT_LEAST_50');
    if (overlap > 0) fired.push('OPIOID_WITH_BENZODIAZEPINE');
    // Rec 8 risk factors visible in an extract: ≥ 50 MME/day or a benzodiazepine, and no naloxone.
    if ((peak >= 50 || overlap > 0) && !naloxone) fired.push('OFFER_NALOXONE');
    if (multiple) fired.push('MULTIPLE_PRESCRIBERS_AND_PHARMACIES');
    if (notComputable) fired.push('MME_NOT_COMPUTABLE');
    if (fired.length === 0) continue;

    flaggedPeople++;
    for (const r of fired) {
      byRule[r]++;
      const ri = rules.indexOf(r);
      for (const pr of personPrescribers) prescriberFlags[pr * rules.length + ri]!++;
    }
    callbacks.onFlagged?.({
      personId: people.names[p]!,
      rules: fired,
      peakMmePerDay: peak,
      notComputable: notComputable ? [...notComputable] : [],
      maxPrescribers90d: maxPrescribers,
      maxPharmacies90d: maxPharmacies,
      benzodiazepineOverlapDays: overlap,
      naloxoneDispensed: naloxone,
    });
  }

  const prescriberRates: PrescriberRate[] = prescribers.names.map((id, i) => ({
    prescriberId: id,
    people: prescriberPeople[i]!,
    flagged: Object.fromEntries(rules.map((r, ri) => [r, prescriberFlags[i * rules.length + ri]!])) as Record<ScreeningRule, number>,
  }));
  return {
    summary: {
      rows: read,
      rejectedRows: rejected,
      people: personCount,
      peopleWithOpioids,
      peopleWithMoud,
      flaggedPeople,
      byRule,
      firstFill: Number.isFinite(first) ? dayToIso(first) : null,
      lastFill: Number.isFinite(last) ? dayToIso(last) : null,
      options,
    },
    prescribers: prescriberRates.filter((r) => r.people > 0),
  };
}

const EMPTY_I32 = new Int32Array(0);
const EMPTY_F32 = new Float32Array(0);

/** Orders rows [from, to) by day, moving every column with them (insertion sort: people have few rows). */
function sortByDay(from: number, to: number, day: Int32Array, columns: Int32Array[], mme: Float32Array): void {
  if (to - from < 2) return;
  let sorted = true;
  for (let j = from + 1; j < to; j++) if (day[j]! < day[j - 1]!) sorted = false;
  if (sorted) return;
  if (to - from > 32) {
    const idx = Array.from({ length: to - from }, (_, i) => from + i).sort((a, b) => day[a]! - day[b]!);
    for (const col of [...columns, mme]) {
      const copy = idx.map((i) => col[i]!);
      copy.forEach((v, i) => (col[from + i] = v));
    }
    return;
  }
  for (let j = from + 1; j < to; j++) {
    for (let i = j; i > from && day[i]! < day[i - 1]!; i--) {
      for (const col of columns) {
        const t = col[i]!;
        col[i] = col[i - 1]!;
        col[i - 1] = t;
      }
      const t = mme[i]!;
      mme[i] = mme[i - 1]!;
      mme[i - 1] = t;
    }
  }
}

function intervals(rowsIdx: Int32Array, count: number, day: Int32Array, end: Int32Array): [number, number][] {
  const out: [number, number][] = [];
  for (let a = 0; a < count; a++) out.push([day[rowsIdx[a]!]!, end[rowsIdx[a]!]!]);
  return out;
}

function inc(m: Map<number, number>, key: number) {
  m.set(key, (m.get(key) ?? 0) + 1);
}
function dec(m: Map<number, number>, key: number) {
  const v = m.get(key)! - 1;
  if (v === 0) m.delete(key);
  else m.set(key, v);
}

/** Days covered by both sets of [start, end) intervals. */
export function overlapDays(a: [number, number][], b: [number, number][]): number {
  const merge = (xs: [number, number][]) => {
    const s = [...xs].sort((x, y) => x[0] - y[0]);
    const out: [number, number][] = [];
    for (const [st, en] of s) {
      const lastI = out[out.length - 1];
      if (lastI && st <= lastI[1]) lastI[1] = Math.max(lastI[1], en);
      else out.push([st, en]);
    }
    return out;
  };
  const ma = merge(a);
  const mb = merge(b);
  let i = 0;
  let j = 0;
  let days = 0;
  while (i < ma.length && j < mb.length) {
    const st = Math.max(ma[i]![0], mb[j]![0]);
    const en = Math.min(ma[i]![1], mb[j]![1]);
    if (en > st) days += en - st;
    if (ma[i]![1] < mb[j]![1]) i++;
    else j++;
  }
  return days;
}

export function ruleTitle(rule: ScreeningRule): string {
  return ruleDefinitions[rule].title;
}
