import { firstDayOfMonth, lastDayOfMonth, monthKey } from '@continuum/contracts';
import type { MeasureEvent } from '../registry/index.ts';
import { isMoud, moudCoverage } from './person-measures.ts';
import type { Interval } from '../../core/coverage.ts';

/*
 * The monthly counts in the scenario model's units (docs/measures.md, "Monthly counts"): people in
 * MOUD per month from a person's events, pure. Overdose deaths and non-fatal overdoses are counted
 * from the overdose module's events in compute.ts (the series the scenario model calibrates to).
 */

export interface MoudMonth {
  /** The first day of the month the person was covered (strata are taken on this day). */
  day: number;
  /** The organizations whose MOUD covered a day of the month (each counts the person once). */
  organizationIds: string[];
}

/**
 * The months in [fromDay, toDay] in which the person had MOUD on at least one day: the coverage
 * the cascade's retention and the retention measures read (a dispensing, administration, start or
 * dose change covers its days' supply, stacked; a stop ends it). This is the HEALing Communities
 * Study's "number of individuals receiving MOUD" in a period (Slavova et al. 2020, Drug Alcohol
 * Depend 217:108176), per month. An organization is credited when one of its own MOUD events
 * covers a day of the month; when only stacked supply does, the organization of the latest MOUD
 * event before the month ends.
 */
export function moudMonths(
  events: readonly MeasureEvent[],
  fromDay: number,
  toDay: number,
  cover: readonly Interval[] = moudCoverage(events),
): MoudMonth[] {
  if (cover.length === 0 || fromDay > toDay) return [];
  const moud = events.filter(isMoud);
  const out: MoudMonth[] = [];
  let month = monthKey(fromDay);
  while (firstDayOfMonth(month) <= toDay) {
    const start = Math.max(firstDayOfMonth(month), fromDay);
    const end = Math.min(lastDayOfMonth(month), toDay);
    let first: number | undefined;
    for (const [s, e] of cover) {
      if (e < start || s > end) continue;
      const d = Math.max(s, start);
      if (first === undefined || d < first) first = d;
    }
    if (first !== undefined) {
      const orgs = new Set<string>();
      for (const e of moud) {
        const last = e.day + Math.max(1, Number(e.data.daysSupply ?? 1)) - 1;
        if (e.day <= end && last >= start) orgs.add(e.organizationId);
      }
      if (orgs.size === 0) {
        const latest = moud.filter((e) => e.day <= end).at(-1);
        if (latest) orgs.add(latest.organizationId);
      }
      out.push({ day: first, organizationIds: [...orgs].sort() });
    }
    month = monthKey(lastDayOfMonth(month) + 1);
  }
  return out;
}
