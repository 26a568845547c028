import { defaultSafetyOptions, type SafetyOptions } from './rule-definitions.ts';
import { dayToIso } from './safety-model.ts';
import {
  screeningRules,
  type ScreeningRule,
  type PrescriberRate,
  type ScreeningResult,
  type ScreeningCallbacks,
  OPIOID,
  MOUD,
  BENZO,
  CNS,
  NALOXONE,
} from './screening-model.ts';
import type { ColumnsSnapshot } from './screening-columns.ts';
import { dec, inc, intervals, overlapDays, sortByDay } from './screening-intervals.ts';

export { overlapDays };

/* The evaluation half: rows grouped by person, sorted by day, and every screening rule applied. */

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Groups the rows by person with a counting sort (the input may come in any order), gathering every
 * column into that order and releasing each chunk as it goes; then orders each person's rows by fill day.
 * Person p's rows are offsets[p] to offsets[p + 1] (exclusive).
 */
function groupByPerson(snap: ColumnsSnapshot, personCount: number) {
  const { n } = snap;
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

  return { offsets, day, end, drugOf, mmeOf, prescriberOf, pharmacyOf };
}

/** Peak total daily MME over a person's opioid rows: the total is highest on some fill's first day (rows are in day order). */
function peakDailyMme(opioidRows: Int32Array, no: number, day: Int32Array, end: Int32Array, mmeOf: Float32Array): number {
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
  return round1(peak);
}

/** The screening rules a person's figures fire. */
function firedRules(peak: number, overlap: number, naloxone: boolean, multiple: boolean, notComputable: boolean): ScreeningRule[] {
  const fired: ScreeningRule[] = [];
  // Thresholds: CDC 2022 Recommendations 4–5, as in rules.ts (reference §4b, §4d).
  if (peak >= 90) fired.push('MME_AT_LEAST_90');
  else if (peak >= 50) fired.push('MME_AT_LEAST_50');
  if (overlap > 0) fired.push('OPIOID_WITH_BENZODIAZEPINE');
  // Rec 8 risk factors visible in an extract: ≥ 50 MME/day or a benzodiazepine, and no naloxone.
  if ((peak >= 50 || overlap > 0) && !naloxone) fired.push('OFFER_NALOXONE');
  if (multiple) fired.push('MULTIPLE_PRESCRIBERS_AND_PHARMACIES');
  if (notComputable) fired.push('MME_NOT_COMPUTABLE');
  return fired;
}

/** The evaluation half: groups the rows by person and applies the rules. */
export function evaluateSnapshot(
  snap: ColumnsSnapshot,
  options: SafetyOptions = defaultSafetyOptions,
  callbacks: ScreeningCallbacks = {},
): ScreeningResult {
  const { first, last, drugs, read, rejected } = snap;
  const people = { names: snap.people };
  const prescribers = { names: snap.prescribers };
  const personCount = people.names.length;
  const { offsets, day, end, drugOf, mmeOf, prescriberOf, pharmacyOf } = groupByPerson(snap, personCount);

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

    const peak = peakDailyMme(opioidRows, no, day, end, mmeOf);

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

    const fired = firedRules(peak, overlap, naloxone, multiple, notComputable !== null);
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
