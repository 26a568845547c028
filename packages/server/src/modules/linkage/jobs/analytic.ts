import { createHmac } from 'node:crypto';
import { DAY_MS, type DeathReport, type LinkageSourceKind, type LinkageSummary } from '@continuum/contracts';
import { complementary, suppressCount, suppressProportion } from '../../learning/index.ts';
import type { LinkResult } from '../link.ts';
import type { JobRecord } from './source-file.ts';
import { csvLine } from '../../../core/csv.ts';

/*
 * The de-identified linked analytic file, the job summary and the 90-day report (docs/linkage.md,
 * "Analyst jobs"; the method against HIPAA in docs/privacy.md). Pure functions over a job's records
 * and the engine's result.
 */

/** A person's study id: keyed HMAC-SHA-256 of the cluster's lowest record key with the job's secret (stable for the job, meaningless outside it). */
export function studyId(secret: Uint8Array, clusterKey: string): string {
  return `S${createHmac('sha256', secret).update(`study:${clusterKey}`).digest('hex').slice(0, 16)}`;
}

/** Largest date shift in days, either way. Wide enough that a shifted date does not reveal the true week or month (HHS de-identification guidance, 2012, §3.2). */
export const MAX_SHIFT_DAYS = 182;

/** A person's date offset in days, in [-182, 182] and never 0: keyed HMAC of the cluster's lowest record key, so it is stable within the job and never shown. */
export function dateOffsetDays(secret: Uint8Array, clusterKey: string): number {
  const n = createHmac('sha256', secret).update(`shift:${clusterKey}`).digest().readUInt32BE(0);
  const offset = (n % (2 * MAX_SHIFT_DAYS)) - MAX_SHIFT_DAYS;
  return offset >= 0 ? offset + 1 : offset;
}

export function shiftDate(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY_MS);
}

/**
 * Age at the event in 5-year bands ('35-39'); '90+' at 90 and over (HIPAA Safe Harbor, 45 CFR
 * 164.514(b)(2)(i)(C): ages over 89 are aggregated); '' when the birth date is missing or not a date.
 */
export function ageBand(birthDate: string, eventDate: string): string {
  if (!/^\d{8}$/.test(birthDate)) return '';
  const y = Number(birthDate.slice(0, 4));
  const m = Number(birthDate.slice(4, 6));
  const d = Number(birthDate.slice(6, 8));
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return '';
  const [ey, em, ed] = eventDate.split('-').map(Number) as [number, number, number];
  let age = ey - y;
  if (em < m || (em === m && ed < d)) age -= 1;
  if (age < 0 || age > 120) return '';
  if (age >= 90) return '90+';
  const low = Math.floor(age / 5) * 5;
  return `${low}-${low + 4}`;
}

/** One row of the analytic file: no names, addresses, SSN, phone, email, ZIP or birth date; the date shifted per person. */
export interface AnalyticRow {
  study_id: string;
  source: LinkageSourceKind;
  event_type: string;
  /** The event date shifted by the person's offset: intervals within a person are exact. */
  event_date_shifted: string;
  /** Days from the person's first event in the file (the index event); 0 for it. */
  days_from_index: number;
  age_band: string;
  sex: string;
}

export const ANALYTIC_COLUMNS: readonly (keyof AnalyticRow)[] = [
  'study_id',
  'source',
  'event_type',
  'event_date_shifted',
  'days_from_index',
  'age_band',
  'sex',
];

/** People as lists of record indexes, each list and the list of people ordered by record key (deterministic). */
export function peopleOf(records: readonly JobRecord[], clusterOf: ArrayLike<number>): number[][] {
  const byCluster = new Map<number, number[]>();
  for (let i = 0; i < records.length; i++) {
    const c = clusterOf[i]!;
    const list = byCluster.get(c);
    if (list) list.push(i);
    else byCluster.set(c, [i]);
  }
  const people = [...byCluster.values()].map((list) => list.sort((a, b) => compareKeys(records[a]!.key, records[b]!.key)));
  return people.sort((a, b) => compareKeys(records[a[0]!]!.key, records[b[0]!]!.key));
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The analytic file's rows: one per source record, grouped by person, ordered by study id then shifted date. */
export function analyticRows(records: readonly JobRecord[], clusterOf: ArrayLike<number>, secret: Uint8Array): AnalyticRow[] {
  const rows: AnalyticRow[] = [];
  for (const person of peopleOf(records, clusterOf)) {
    const key = records[person[0]!]!.key;
    const id = studyId(secret, key);
    const offset = dateOffsetDays(secret, key);
    const index = person.map((i) => records[i]!.eventDate).sort()[0]!;
    // Age and sex from the person's records: the first that has them.
    const birth = person.map((i) => records[i]!.link.birthDate).find((b) => b !== '') ?? '';
    const sex = person.map((i) => records[i]!.link.sex).find((s) => s !== '') ?? '';
    for (const i of person) {
      const r = records[i]!;
      rows.push({
        study_id: id,
        source: r.source,
        event_type: r.eventType,
        event_date_shifted: shiftDate(r.eventDate, offset),
        days_from_index: daysBetween(index, r.eventDate),
        age_band: ageBand(birth, r.eventDate),
        sex,
      });
    }
  }
  return rows.sort((a, b) => compareKeys(a.study_id, b.study_id) || compareKeys(a.event_date_shifted, b.event_date_shifted));
}

export function analyticCsv(rows: readonly AnalyticRow[]): string {
  const lines = [ANALYTIC_COLUMNS.join(',')];
  for (const r of rows) lines.push(csvLine(ANALYTIC_COLUMNS.map((c) => r[c])));
  return `${lines.join('\n')}\n`;
}

/** The window of the Maryland-style report: care touched in the 90 days before death (Maryland DHMH, 2015 overdose death linkage). */
export const DEATH_WINDOW_DAYS = 90;

const SOURCE_ORDER: readonly LinkageSourceKind[] = ['pdmp', 'ems', 'hospital', 'jail', 'other'];

/**
 * For each person with a death record (the earliest death date is the death), the other sources with
 * an event from 90 days before death to the day of death. Reads the analytic rows, whose shifted
 * dates keep every interval within a person, so the report follows from the file alone.
 * Counts: each source's share of decedents (`suppressProportion`), and every combination of sources
 * (`[]` = none) with complementary suppression, since the combinations add up to the decedents.
 */
export function deathReport(rows: readonly AnalyticRow[], sourcesInJob: readonly LinkageSourceKind[]): DeathReport {
  const byPerson = new Map<string, AnalyticRow[]>();
  for (const r of rows) {
    const list = byPerson.get(r.study_id);
    if (list) list.push(r);
    else byPerson.set(r.study_id, [r]);
  }
  const others = SOURCE_ORDER.filter((s) => sourcesInJob.includes(s));
  const perSource = new Map<LinkageSourceKind, number>(others.map((s) => [s, 0]));
  const combos = new Map<string, number>();
  let decedents = 0;
  for (const events of byPerson.values()) {
    const deaths = events.filter((e) => e.source === 'death').map((e) => e.event_date_shifted);
    if (deaths.length === 0) continue;
    decedents += 1;
    const death = deaths.sort()[0]!;
    const touched = new Set<LinkageSourceKind>();
    for (const e of events) {
      if (e.source === 'death') continue;
      const before = daysBetween(e.event_date_shifted, death);
      if (before >= 0 && before <= DEATH_WINDOW_DAYS) touched.add(e.source);
    }
    for (const s of touched) perSource.set(s, (perSource.get(s) ?? 0) + 1);
    const key = others.filter((s) => touched.has(s)).join('+');
    combos.set(key, (combos.get(key) ?? 0) + 1);
  }
  const shown = suppressCount(decedents);
  const bySource = others.map((source) => {
    const p = suppressProportion(perSource.get(source)!, decedents);
    return { source, people: p.numerator, percent: p.rate === null ? null : round1(p.rate * 100), suppressed: p.suppressed };
  });
  const entries = [...combos].sort((a, b) => b[1] - a[1] || compareKeys(a[0], b[0]));
  const values = entries.map(([, n]) => n);
  const hide = complementary(
    values,
    values.map((n) => suppressCount(n).suppressed),
  );
  const combinations = entries.map(([key, n], i) => ({
    sources: key === '' ? [] : (key.split('+') as LinkageSourceKind[]),
    people: hide[i] || shown.suppressed ? null : n,
    percent: hide[i] || shown.suppressed || decedents === 0 ? null : round1((n / decedents) * 100),
    suppressed: hide[i]! || shown.suppressed,
  }));
  return { windowDays: DEATH_WINDOW_DAYS, decedents: shown, bySource, combinations };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

export function deathReportCsv(report: DeathReport): string {
  const lines = ['table,sources,people,percent,suppressed'];
  const cell = (v: number | null) => (v === null ? '' : String(v));
  lines.push(`decedents,death,${cell(report.decedents.value)},,${report.decedents.suppressed}`);
  for (const s of report.bySource) lines.push(`by_source,${s.source},${cell(s.people)},${cell(s.percent)},${s.suppressed}`);
  for (const c of report.combinations)
    lines.push(`combination,${c.sources.length === 0 ? 'none' : c.sources.join('+')},${cell(c.people)},${cell(c.percent)},${c.suppressed}`);
  return `${lines.join('\n')}\n`;
}

/** Match-weight histogram bins: width 2 from −20 to 30; weights outside fall in the end bins. */
const HIST_FROM = -20;
const HIST_TO = 30;
const HIST_WIDTH = 2;

/**
 * Precision and recall expected under the model (docs/linkage.md): with p the match probability of a
 * scored pair and A the accepted pairs (p ≥ threshold), precision ≈ Σ_A p / |A| (each accepted pair
 * is a true match with probability p) and recall ≈ Σ_A p / Σ_all p (the expected matches accepted
 * out of the expected matches among scored pairs). Pairs no blocking rule proposed are not counted,
 * so recall is an upper bound.
 */
export function expectedAccuracy(probability: ArrayLike<number>, count: number, threshold: number) {
  let acceptedSum = 0;
  let accepted = 0;
  let total = 0;
  for (let k = 0; k < count; k++) {
    const p = probability[k]!;
    total += p;
    if (p >= threshold) {
      acceptedSum += p;
      accepted += 1;
    }
  }
  return {
    accepted,
    precision: accepted > 0 ? acceptedSum / accepted : null,
    recall: total > 0 ? acceptedSum / total : null,
  };
}

/** The summary a reviewer reads: m/u per comparison level, the weight histogram, cluster sizes and the expected accuracy; every count of people or pairs small-cell suppressed. */
export function jobSummary(result: Pick<LinkResult, 'n' | 'model' | 'pairs' | 'clusters' | 'threshold'>): LinkageSummary {
  const { pairs, clusters, model } = result;
  const bins = new Array<number>(Math.round((HIST_TO - HIST_FROM) / HIST_WIDTH)).fill(0);
  for (let k = 0; k < pairs.count; k++) {
    const w = pairs.weight[k]!;
    const b = Math.min(bins.length - 1, Math.max(0, Math.floor((w - HIST_FROM) / HIST_WIDTH)));
    bins[b]! += 1;
  }
  const sizes = new Map<number, number>();
  for (let i = 0; i < result.n; i++) sizes.set(clusters.clusterOf[i]!, (sizes.get(clusters.clusterOf[i]!) ?? 0) + 1);
  const sizeCounts = [0, 0, 0, 0, 0];
  for (const s of sizes.values()) sizeCounts[Math.min(s, 5) - 1]! += 1;
  const accuracy = expectedAccuracy(pairs.probability, pairs.count, result.threshold);
  return {
    records: result.n,
    pairsScored: pairs.count,
    pairsAccepted: accuracy.accepted,
    threshold: result.threshold,
    lambda: model.lambda,
    comparisons: model.comparisons.map((c) => ({
      name: c.name,
      levels: c.levels.slice(1).map((level, i) => ({ level, m: c.m[i + 1] ?? 0, u: c.u[i + 1] ?? 0 })),
    })),
    histogram: bins.map((n, i) => ({ from: HIST_FROM + i * HIST_WIDTH, to: HIST_FROM + (i + 1) * HIST_WIDTH, pairs: suppressCount(n) })),
    clusterSizes: sizeCounts.map((n, i) => ({ size: i === 4 ? '5+' : String(i + 1), people: suppressCount(n) })),
    people: suppressCount(sizes.size),
    estimatedPrecision: accuracy.precision,
    estimatedRecall: accuracy.recall,
  };
}
