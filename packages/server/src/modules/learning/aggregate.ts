import { measureIds, type MeasureId, type StrataDimension, dayStart, firstDayOfMonth, lastDayOfMonth } from '@continuum/contracts';
import type { MeasureBatchItem, MeasurePerson } from '../registry/index.ts';
import { ageOn, cascadeMembership, COUNTED_STAGES, moudCourse, personMeasures } from './person-measures.ts';

/*
 * Adds up every person's contributions into cells: (scope, measure, month, dimension, stratum) for
 * the measures and (scope, period, dimension, stratum) for the cascade. Scopes are `network` and
 * each organization an episode is attributed to (cascade: each organization that recorded an
 * event for the person in the period). Cells hold true counts; suppression happens on the way out.
 */

export const NETWORK = 'network';

/** Months since January 2000 (0-based), and back. */
export function monthIndex(day: number): number {
  const d = dayStart(day);
  return (d.getUTCFullYear() - 2000) * 12 + d.getUTCMonth();
}
export function monthName(index: number): string {
  return `${2000 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function ageBand(age: number): string {
  if (age < 18) return '0-17';
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 55) return '45-54';
  if (age < 65) return '55-64';
  return '65+';
}

/** The (dimension, value) cells a person falls in at a day, `all` first. Special populations may be several. */
export function strataOf(person: MeasurePerson, day: number): [dimension: 'all' | StrataDimension, value: string][] {
  const cells: ['all' | StrataDimension, string][] = [
    ['all', 'all'],
    ['age_band', ageBand(ageOn(person.birthDate, day))],
    ['sex', person.sex],
    ['race', person.race ?? 'unknown'],
    ['ethnicity', person.ethnicity ?? 'unknown'],
    ['payer', person.payer],
    ['area', person.areaId ?? 'unknown'],
  ];
  if (person.specialPopulations.length === 0) cells.push(['special_population', 'none']);
  for (const s of person.specialPopulations) cells.push(['special_population', s]);
  return cells;
}

export interface CascadePeriod {
  from: string;
  to: string;
  fromDay: number;
  toDay: number;
}

export interface ResultRow {
  scope: string;
  measure_id: MeasureId;
  month: string;
  dimension: string;
  stratum: string;
  numerator: number;
  denominator: number;
  days_sum: number;
}

export interface CascadeRow {
  scope: string;
  period_from: string;
  period_to: string;
  dimension: string;
  stratum: string;
  stage: string;
  count: number;
  not_yet_evaluable: number;
}

export interface AggregateOptions {
  fromDay: number;
  toDay: number;
  asOf: number;
  periods: readonly CascadePeriod[];
  conversionDays?: number;
}

/** Accumulates cells over batches of people; memory grows with the number of cells, not people. */
export class Aggregator {
  private readonly interned = new Map<string, number>();
  private readonly names: string[] = [];
  // Numeric keys (no strings built per cell): ((scope × 32 + measure) × 2400 + month) × 65536 + stratum cell.
  private readonly results = new Map<number, Float64Array>();
  private readonly cascade = new Map<number, Float64Array>();
  private readonly measureIndex = new Map<MeasureId, number>(measureIds.map((m, i) => [m, i]));

  constructor(private readonly options: AggregateOptions) {}

  private id(s: string): number {
    let v = this.interned.get(s);
    if (v === undefined) {
      v = this.names.length;
      if (v >= 65536) throw new RangeError('more than 65,536 distinct scopes and strata');
      this.interned.set(s, v);
      this.names.push(s);
    }
    return v;
  }

  addBatch(batch: readonly MeasureBatchItem[]): void {
    for (const item of batch) this.addPerson(item);
  }

  addPerson({ person, events }: MeasureBatchItem): void {
    const o = this.options;
    if (events.length === 0) return;
    const contributions = personMeasures(events, {
      fromDay: o.fromDay,
      toDay: o.toDay,
      asOf: o.asOf,
      birthDate: person.birthDate,
      ...(o.conversionDays ? { conversionDays: o.conversionDays } : {}),
    });
    const cellCache = new Map<number, number[]>();
    const network = this.id(NETWORK);
    for (const c of contributions) {
      const month = monthIndex(c.day);
      // The strata at the index day (the age band can change within a month).
      let cells = cellCache.get(c.day);
      if (!cells) {
        cells = strataOf(person, c.day).map(([d, v]) => this.id(`${d}\u0000${v}`));
        cellCache.set(c.day, cells);
      }
      const m = this.measureIndex.get(c.measure)!;
      for (const scope of c.organizationId ? [network, this.id(c.organizationId)] : [network]) {
        const prefix = ((scope * 32 + m) * 2400 + month) * 65536;
        for (const cell of cells) {
          const key = prefix + cell;
          let acc = this.results.get(key);
          if (!acc) this.results.set(key, (acc = new Float64Array(3)));
          acc[0]! += c.numerator;
          acc[1]! += c.denominator;
          acc[2]! += c.days ?? 0;
        }
      }
    }
    const course = moudCourse(events);
    for (let p = 0; p < o.periods.length; p++) {
      const period = o.periods[p]!;
      const m = cascadeMembership(events, period.fromDay, period.toDay, o.asOf, course);
      if (m.reached === 0 && !m.notYetEvaluable) continue;
      const cells = strataOf(person, period.toDay).map(([d, v]) => this.id(`${d}\u0000${v}`));
      for (const scope of [network, ...[...m.organizations].map((org) => this.id(org))]) {
        const prefix = (scope * 64 + p) * 65536;
        for (const cell of cells) {
          const key = prefix + cell;
          let acc = this.cascade.get(key);
          if (!acc) this.cascade.set(key, (acc = new Float64Array(COUNTED_STAGES.length + 1)));
          for (let s = 0; s < m.reached; s++) acc[s]! += 1;
          if (m.notYetEvaluable) acc[COUNTED_STAGES.length]! += 1;
        }
      }
    }
  }

  /**
   * Adds one person to a count measure once per month: the network once, each organization named
   * once (people in MOUD, `moudMonths`); strata at the given day. Not part of `addPerson`, so the
   * set-based engine's cells stay the per-person engine's.
   */
  addPersonMonths(person: MeasurePerson, measure: MeasureId, months: readonly { day: number; organizationIds: readonly string[] }[]): void {
    const m = this.measureIndex.get(measure)!;
    for (const { day, organizationIds } of months) {
      const cells = strataOf(person, day).map(([d, v]) => this.id(`${d}\u0000${v}`));
      const month = monthIndex(day);
      for (const scope of [this.id(NETWORK), ...organizationIds.map((o) => this.id(o))]) {
        for (const cell of cells) {
          const key = ((scope * 32 + m) * 2400 + month) * 65536 + cell;
          let acc = this.results.get(key);
          if (!acc) this.results.set(key, (acc = new Float64Array(3)));
          acc[0]! += 1;
        }
      }
    }
  }

  /** Adds a count that has no person behind it (e.g. naloxone kits handed out anonymously) to the given strata cells. */
  addCount(measure: MeasureId, day: number, organizationId: string, cells: readonly [string, string][], count: number): void {
    const month = monthIndex(day);
    const m = this.measureIndex.get(measure)!;
    for (const scope of [this.id(NETWORK), this.id(organizationId)]) {
      for (const [d, v] of cells) {
        const key = ((scope * 32 + m) * 2400 + month) * 65536 + this.id(`${d}\u0000${v}`);
        let acc = this.results.get(key);
        if (!acc) this.results.set(key, (acc = new Float64Array(3)));
        acc[0]! += count;
      }
    }
  }

  resultRows(): ResultRow[] {
    const rows: ResultRow[] = [];
    for (const [key, acc] of this.results) {
      const cell = key % 65536;
      const rest = Math.floor(key / 65536);
      const month = rest % 2400;
      const m = Math.floor(rest / 2400) % 32;
      const scope = Math.floor(rest / 2400 / 32);
      const [dimension, stratum] = this.names[cell]!.split('\u0000') as [string, string];
      rows.push({
        scope: this.names[scope]!,
        measure_id: measureIds[m]!,
        month: monthName(month),
        dimension,
        stratum,
        numerator: acc[0]!,
        denominator: acc[1]!,
        days_sum: acc[2]!,
      });
    }
    return rows;
  }

  cascadeRows(): CascadeRow[] {
    const rows: CascadeRow[] = [];
    for (const [key, acc] of this.cascade) {
      const cell = key % 65536;
      const p = Math.floor(key / 65536) % 64;
      const scope = Math.floor(key / 65536 / 64);
      const period = this.options.periods[p]!;
      const [dimension, stratum] = this.names[cell]!.split('\u0000') as [string, string];
      COUNTED_STAGES.forEach((stage, s) => {
        rows.push({
          scope: this.names[scope]!,
          period_from: period.from,
          period_to: period.to,
          dimension,
          stratum,
          stage,
          count: acc[s]!,
          not_yet_evaluable: stage === 'retained_6m' ? acc[COUNTED_STAGES.length]! : 0,
        });
      });
    }
    return rows;
  }
}

/** The cascade periods of a run: the whole window, each calendar year and each calendar quarter inside it. */
export function cascadePeriods(from: string, to: string): CascadePeriod[] {
  const months = monthRange(from, to);
  const out: CascadePeriod[] = [];
  const add = (a: string, b: string) => {
    if (!out.some((p) => p.from === a && p.to === b)) out.push({ from: a, to: b, fromDay: firstDayOfMonth(a), toDay: lastDayOfMonth(b) });
  };
  add(from, to);
  for (const m of months) {
    const [y, mm] = m.split('-').map(Number) as [number, number];
    if (mm === 1 && months.includes(`${y}-12`)) add(m, `${y}-12`);
    if ((mm - 1) % 3 === 0) {
      const end = `${y}-${String(mm + 2).padStart(2, '0')}`;
      if (months.includes(end)) add(m, end);
    }
  }
  return out;
}

export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
