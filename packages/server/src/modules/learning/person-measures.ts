// Longer than 300 lines: every measure for one person in one pass over their events, so the measures share their windows.
import type { MeasureId } from '@continuum/contracts';
import type { MeasureEvent } from '../registry/index.ts';
import { continuous, coverage, NEGATIVE_HISTORY_DAYS, union, type Dispensing, type Interval } from '../../core/coverage.ts';
import { followUpVisits } from './follow-up.ts';
import { dayStart } from '@continuum/contracts';

/*
 * Every measure and the cascade for one person, from that person's care events (sorted by day).
 * Pure: the computation job runs this per person and adds the contributions up. Definitions,
 * windows and exclusions are in docs/measures.md; day arithmetic is closed and inclusive
 * ("within 7 days" of day v is v … v + 7). An episode counts only once its whole window has been
 * observed (window end ≤ as-of); later it is "not yet evaluable" and left out of both numerator
 * and denominator.
 */

export interface Contribution {
  measure: MeasureId;
  /** The index day (ED visit, treatment start, release, overdose…): the month it counts in. */
  day: number;
  /** The organization the episode is attributed to (the index event's), for per-organization results. */
  organizationId: string | null;
  /** 1 when met (proportions), or the count (count measures). */
  numerator: number;
  /** 1 for an episode in the denominator; 0 for count measures. */
  denominator: number;
  /** Time measures: days from the index event to the outcome (when met). */
  days?: number;
}

export interface MeasureOptions {
  /** The first and last index day counted (inclusive). */
  fromDay: number;
  toDay: number;
  /** The day the data runs to: windows ending after it are not yet evaluable. */
  asOf: number;
  /** The birth date (YYYY-MM-DD), for the measures' age limits. */
  birthDate: string;
  /** ED-to-MOUD conversion window in days (default 7). */
  conversionDays?: number;
}

// ---------------------------------------------------------------------------------------------
// Classification of events

export const isSudCode = (code: string | undefined): boolean => code !== undefined && /^F1[0-9]/.test(code) && !code.startsWith('F17');
export const isOudCode = (code: string | undefined): boolean => code !== undefined && code.startsWith('F11');

const ofType =
  <T extends MeasureEvent['type']>(...types: T[]) =>
  (e: MeasureEvent): e is Extract<MeasureEvent, { type: T }> =>
    (types as string[]).includes(e.type);

function encounterCodes(e: MeasureEvent): string[] {
  if (e.type !== 'encounter') return [];
  const { principalDiagnosis, diagnoses = [] } = e.data;
  return principalDiagnosis ? [principalDiagnosis, ...diagnoses] : [...diagnoses];
}

/**
 * A MOUD event: a dispensing or administration, or a start or dose change recorded at the point of
 * care (its days' supply when given, else the day itself). A `moud_stop` is not one: it ends coverage
 * (`moudCoverage`).
 */
export const isMoud = ofType('moud_dispense', 'moud_administration', 'moud_start', 'moud_dose_change');
const setting = (e: MeasureEvent): string | undefined => (e.type === 'encounter' ? e.data.setting : undefined);
export const isEdSudVisit = (e: MeasureEvent): boolean => setting(e) === 'emergency_department' && encounterCodes(e).some(isSudCode);
const isAdmission = (e: MeasureEvent): boolean => setting(e) === 'inpatient' || setting(e) === 'residential';

/** A diagnosis of SUD on record (a diagnosis event, or an encounter with a SUD diagnosis). */
function sudDiagnosis(e: MeasureEvent, opioidOnly: boolean): boolean {
  const test = opioidOnly ? isOudCode : isSudCode;
  if (e.type === 'diagnosis') return test(e.data.code);
  if (e.type === 'encounter') return encounterCodes(e).some(test);
  return false;
}

/** Identified: a positive screen or an OUD diagnosis. */
export const isIdentifying = (e: MeasureEvent): boolean =>
  (e.type === 'screening' && e.data.result === 'positive') || sudDiagnosis(e, true);

/** A visit-type treatment contact (not a medication event): attended appointment, SUD visit outside the ED, counseling, peer support. */
function isTreatmentVisit(e: MeasureEvent): boolean {
  if (e.type === 'appointment_attended' || e.type === 'counseling_note') return true;
  if (e.type === 'recovery_milestone') return e.data.milestone === 'peer_support';
  if (e.type === 'encounter') {
    const s = setting(e);
    if (s === 'emergency_department') return false;
    const codes = encounterCodes(e);
    return codes.length === 0 || codes.some(isSudCode);
  }
  return false;
}
/** Any OUD treatment contact: a visit-type contact or a MOUD event. */
export const isTreatmentContact = (e: MeasureEvent): boolean => isMoud(e) || isTreatmentVisit(e);

const isLongActing = (e: MeasureEvent): boolean =>
  isMoud(e) && (e.data.formulation === 'extended_release_injection' || e.data.formulation === 'implant');

export function dispensingsOf(events: readonly MeasureEvent[]): Dispensing[] {
  const out: Dispensing[] = [];
  for (const e of events) {
    if (!isMoud(e)) continue;
    const { daysSupply = 1, medication = 'moud', formulation = '' } = e.data;
    out.push({ day: e.day, daysSupply, medication: `${medication} ${formulation}`.trim() });
  }
  return out;
}

/** The medication of a dispensing's stacking group ("buprenorphine sublingual" → "buprenorphine"). */
const medicationOf = (d: Dispensing): string => d.medication.split(' ')[0]!;

/**
 * Covered days of MOUD with stops: supply dispensed on or before a `moud_stop` of the same
 * medication covers no day after the stop day (the stop day is the last covered day); supply
 * dispensed after it counts again. Without stops this is `coverage`.
 */
export function moudCoverage(events: readonly MeasureEvent[], dispensings: readonly Dispensing[] = dispensingsOf(events)): Interval[] {
  const stops = new Map<string, number[]>();
  for (const e of events) {
    if (e.type !== 'moud_stop') continue;
    const medication = e.data.medication ?? 'moud';
    stops.set(medication, [...(stops.get(medication) ?? []), e.day]);
  }
  if (stops.size === 0) return coverage(dispensings);
  const parts: Interval[] = [];
  const byMedication = new Map<string, Dispensing[]>();
  for (const d of dispensings) byMedication.set(medicationOf(d), [...(byMedication.get(medicationOf(d)) ?? []), d]);
  for (const [medication, list] of byMedication) {
    let rest = list;
    for (const stop of [...(stops.get(medication) ?? [])].sort((a, b) => a - b)) {
      const before = rest.filter((d) => d.day <= stop);
      rest = rest.filter((d) => d.day > stop);
      for (const [s, e] of coverage(before)) if (s <= stop) parts.push([s, Math.min(e, stop)]);
    }
    parts.push(...coverage(rest));
  }
  return union(parts);
}

/**
 * Treatment period starts (POD): a dispensing with no MOUD dispensed in the 31 days before it and
 * not covered by earlier supply. The same rule as `treatmentStarts` in coverage.ts in one pass
 * (people at an OTP have a dispensing a day).
 */
export function fastTreatmentStarts(dispensings: readonly Dispensing[]): number[] {
  const sorted = [...dispensings].sort((a, b) => a.day - b.day);
  const ends = new Map<string, number>();
  let maxEnd = -Infinity;
  let lastDay = -Infinity;
  const starts: number[] = [];
  let i = 0;
  while (i < sorted.length) {
    const day = sorted[i]!.day;
    // Everything dispensed before `day` is in `ends` / `lastDay`.
    if (lastDay < day - NEGATIVE_HISTORY_DAYS && maxEnd < day && starts.at(-1) !== day) starts.push(day);
    let j = i;
    while (j < sorted.length && sorted[j]!.day === day) {
      const d = sorted[j]!;
      if (d.daysSupply > 0) {
        const end = ends.get(d.medication);
        const next = end !== undefined && d.day <= end + 1 ? Math.max(end, d.day - 1) + d.daysSupply : d.day + d.daysSupply - 1;
        ends.set(d.medication, next);
        if (next > maxEnd) maxEnd = next;
      }
      j++;
    }
    lastDay = day;
    i = j;
  }
  return starts;
}

export function ageOn(birthDate: string, day: number): number {
  const d = dayStart(day);
  const [y, m, dd] = birthDate.split('-').map(Number) as [number, number, number];
  let age = d.getUTCFullYear() - y;
  if (d.getUTCMonth() + 1 < m || (d.getUTCMonth() + 1 === m && d.getUTCDate() < dd)) age--;
  return age;
}

// ---------------------------------------------------------------------------------------------
// Measures

export function personMeasures(events: readonly MeasureEvent[], o: MeasureOptions): Contribution[] {
  const out: Contribution[] = [];
  const inWindow = (day: number) => day >= o.fromDay && day <= o.toDay;
  const age = (day: number) => ageOn(o.birthDate, day);

  // FUA 7 / 30 (HEDIS FUA, adapted): ED visits for SUD, 13+, exclusions then 31-day de-duplication.
  const edVisits = events.filter(isEdSudVisit);
  if (edVisits.length > 0) {
    const visits = followUpVisits({
      edVisits: edVisits.filter((e) => age(e.day) >= 13).map((e) => e.day),
      followUps: events.filter(isTreatmentContact).map((e) => e.day),
      admissions: events.filter(isAdmission).map((e) => e.day),
    });
    for (const v of visits) {
      if (!inWindow(v.day) || v.day + 30 > o.asOf) continue;
      const org = edVisits.find((e) => e.day === v.day)!.organizationId;
      out.push({ measure: 'fua_7', day: v.day, organizationId: org, numerator: v.within7 ? 1 : 0, denominator: 1 });
      out.push({ measure: 'fua_30', day: v.day, organizationId: org, numerator: v.within30 ? 1 : 0, denominator: 1 });
    }
  }

  // Medication coverage, treatment starts, retention and POD.
  const moudEvents = events.filter(isMoud);
  let cover: Interval[] = [];
  if (moudEvents.length > 0) {
    const dispensings = dispensingsOf(events);
    cover = moudCoverage(events, dispensings);
    const starts = fastTreatmentStarts(dispensings);
    for (const s of starts) {
      if (!inWindow(s)) continue;
      const org = moudEvents.find((e) => e.day === s)!.organizationId;
      for (const [measure, days] of [
        ['retention_30', 30],
        ['retention_90', 90],
        ['retention_180', 180],
      ] as const) {
        if (s + days - 1 > o.asOf) continue;
        out.push({ measure, day: s, organizationId: org, numerator: continuous(cover, s, days) ? 1 : 0, denominator: 1 });
      }
      // POD: 16+ at the start, an OUD diagnosis in the year before the start through 30 days after it.
      const hasOud = events.some((e) => e.day >= s - 365 && e.day <= s + 30 && sudDiagnosis(e, true));
      if (age(s) >= 16 && hasOud && s + 179 <= o.asOf) {
        out.push({ measure: 'pod_180', day: s, organizationId: org, numerator: continuous(cover, s, 180) ? 1 : 0, denominator: 1 });
      }
    }
  }

  // IET (adapted): SUD episodes with a negative diagnosis and medication history of 194 days.
  const IET_HISTORY = 194;
  let lastEpisode = -Infinity;
  for (const e of events) {
    if (!sudDiagnosis(e, false) || !inWindow(e.day) || age(e.day) < 13 || e.day === lastEpisode) continue;
    const priorDx = events.some(
      (x) => x.day < e.day && x.day >= e.day - IET_HISTORY && sudDiagnosis(x, false) && setting(x) !== 'emergency_department',
    );
    const priorMed = moudEvents.some((x) => x.day < e.day && x.day >= e.day - IET_HISTORY);
    if (priorDx || priorMed) continue;
    lastEpisode = e.day;
    if (e.day + 13 > o.asOf) continue;
    // Initiation within 14 days (the episode day + 13). A non-medication contact on the episode day
    // must be with another organization; an inpatient episode initiates by itself.
    let initiation: number | null = setting(e) === 'inpatient' ? e.day : null;
    if (initiation === null) {
      const first = events.find(
        (x) =>
          x.day >= e.day &&
          x.day <= e.day + 13 &&
          x !== e &&
          (isMoud(x) || (isTreatmentVisit(x) && (x.day > e.day || x.organizationId !== e.organizationId))),
      );
      initiation = first ? first.day : null;
    }
    out.push({
      measure: 'iet_initiation',
      day: e.day,
      organizationId: e.organizationId,
      numerator: initiation !== null ? 1 : 0,
      denominator: 1,
    });
    if (e.day + 13 + 34 > o.asOf) continue;
    let engaged = false;
    if (initiation !== null) {
      const window = events.filter((x) => x.day >= initiation + 1 && x.day <= initiation + 34 && isTreatmentContact(x));
      if (window.some(isLongActing)) engaged = true;
      else {
        // Two or more engagement events: visits count once per (day, organization); each medication event counts.
        const visits = new Set(window.filter((x) => !isMoud(x)).map((x) => `${x.day}:${x.organizationId}`));
        const meds = window.filter(isMoud).length;
        engaged = visits.size + meds >= 2;
      }
    }
    out.push({ measure: 'iet_engagement', day: e.day, organizationId: e.organizationId, numerator: engaged ? 1 : 0, denominator: 1 });
  }

  // ED-to-MOUD referral conversion: referrals to a MOUD service made by an ED or hospital, first event per referral.
  const conversion = o.conversionDays ?? 7;
  const seenReferrals = new Set<string>();
  for (const e of events) {
    if (e.type !== 'referral' || e.data.serviceKind !== 'moud') continue;
    if (e.organizationType !== 'emergency_department' && e.organizationType !== 'hospital') continue;
    const id = e.data.referralId ?? `day-${e.day}`;
    if (seenReferrals.has(id)) continue;
    seenReferrals.add(id);
    if (!inWindow(e.day) || e.day + conversion > o.asOf) continue;
    const met = events.some(
      (x) =>
        x.day >= e.day &&
        x.day <= e.day + conversion &&
        (isMoud(x) || (x.type === 'appointment_attended' && (x.data.referralId === e.data.referralId || x.data.serviceKind === 'moud'))),
    );
    out.push({ measure: 'ed_moud_conversion_7', day: e.day, organizationId: e.organizationId, numerator: met ? 1 : 0, denominator: 1 });
  }

  // Time from custody release to MOUD (within 30 days).
  for (const e of events) {
    if (e.type !== 'custody_release' || !inWindow(e.day) || e.day + 30 > o.asOf) continue;
    const first = moudEvents.find((x) => x.day >= e.day && x.day <= e.day + 30);
    out.push({
      measure: 'custody_release_moud_days',
      day: e.day,
      organizationId: e.organizationId,
      numerator: first ? 1 : 0,
      denominator: 1,
      ...(first ? { days: first.day - e.day } : {}),
    });
  }

  // Naloxone kits distributed (care events with mode kit_given).
  for (const e of events) {
    if (e.type !== 'naloxone' || e.data.mode !== 'kit_given' || !inWindow(e.day)) continue;
    out.push({ measure: 'naloxone_kits', day: e.day, organizationId: e.organizationId, numerator: e.data.kits ?? 1, denominator: 0 });
  }

  // Overdoses: reversals (non-fatal with naloxone), and repeat overdose within 30 days.
  const overdoses = events.filter(ofType('overdose'));
  if (overdoses.length > 0) {
    // A medical examiner's report adds a fatal entry for the same overdose event: the event is fatal,
    // and its earlier non-fatal entry is neither a reversal nor the start of a repeat.
    const fatalEvents = new Set(
      overdoses.flatMap((e) => (e.data.fatal === true && e.data.overdoseEventId !== undefined ? [e.data.overdoseEventId] : [])),
    );
    const isFatal = (e: MeasureEvent<'overdose'>) =>
      e.data.fatal === true || (e.data.overdoseEventId !== undefined && fatalEvents.has(e.data.overdoseEventId));
    const naloxoneDays = new Set(events.filter((e) => e.type === 'naloxone' && e.data.mode === 'administered').map((e) => e.day));
    const days = [...new Set(overdoses.map((e) => e.day))];
    for (const day of days) {
      if (!inWindow(day)) continue;
      const same = overdoses.filter((e) => e.day === day);
      const nonFatal = same.filter((e) => e.data.fatal === false && !isFatal(e));
      const reversed = nonFatal.find((e) => (e.data.naloxoneDoses ?? 0) > 0 || naloxoneDays.has(day));
      if (reversed) out.push({ measure: 'overdose_reversals', day, organizationId: reversed.organizationId, numerator: 1, denominator: 0 });
      if (nonFatal.length > 0 && day + 30 <= o.asOf) {
        const repeat = days.some((d) => d >= day + 1 && d <= day + 30);
        out.push({
          measure: 'repeat_overdose_30',
          day,
          organizationId: nonFatal[0]!.organizationId,
          numerator: repeat ? 1 : 0,
          denominator: 1,
        });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cascade

/** The stages after the estimate, in order. */
export const COUNTED_STAGES = ['identified', 'engaged', 'moud_started', 'retained_6m', 'recovery'] as const;

export interface CascadeMembership {
  /** How many of COUNTED_STAGES the person reached in the period (0 = none): stages nest. */
  reached: number;
  /** Started MOUD, but the 180 days since the latest start have not closed by the as-of day. */
  notYetEvaluable: boolean;
  /** Organizations with an event for the person in the period (per-organization cascades). */
  organizations: Set<string>;
}

/**
 * The person's place in the cascade for a period [fromDay, toDay]:
 *   identified   — a positive screen or an OUD diagnosis in the period or the 365 days before it;
 *   engaged      — identified, and an OUD treatment contact in the period;
 *   moud_started — engaged, and a MOUD dispensing, administration, start or dose change in the period;
 *   retained_6m  — the latest treatment start on or before the period end has 180 days of
 *                  continuous MOUD (no gap over 7 days), the 180 days closed by the as-of day;
 *   recovery     — retained, and remission or recovery documented (a remission diagnosis or a
 *                  `remission_documented` milestone) in the period or the 365 days before it.
 */
/** A person's MOUD course, computed once and shared by the cascade's periods. */
export interface MoudCourse {
  dispensings: Dispensing[];
  cover: Interval[];
  starts: number[];
}
export function moudCourse(events: readonly MeasureEvent[]): MoudCourse {
  const dispensings = dispensingsOf(events);
  return { dispensings, cover: moudCoverage(events, dispensings), starts: fastTreatmentStarts(dispensings) };
}

export function cascadeMembership(
  events: readonly MeasureEvent[],
  fromDay: number,
  toDay: number,
  asOf: number,
  course: MoudCourse = moudCourse(events),
): CascadeMembership {
  const organizations = new Set<string>();
  for (const e of events) if (e.day >= fromDay && e.day <= toDay) organizations.add(e.organizationId);
  const result = (reached: number, notYetEvaluable = false): CascadeMembership => ({ reached, notYetEvaluable, organizations });
  const lookback = fromDay - 365;
  if (!events.some((e) => e.day >= lookback && e.day <= toDay && isIdentifying(e))) return result(0);
  if (!events.some((e) => e.day >= fromDay && e.day <= toDay && isTreatmentContact(e))) return result(1);
  if (!events.some((e) => e.day >= fromDay && e.day <= toDay && isMoud(e))) return result(2);
  const start = course.starts.filter((s) => s <= toDay).at(-1);
  if (start === undefined) return result(3);
  if (start + 179 > asOf) return result(3, true);
  if (!continuous(course.cover, start, 180)) return result(3);
  const remission = events.some(
    (e) =>
      e.day >= lookback &&
      e.day <= toDay &&
      ((e.type === 'recovery_milestone' && e.data.milestone === 'remission_documented') ||
        (e.type === 'diagnosis' && e.data.remission !== undefined)),
  );
  return result(remission ? 5 : 4);
}
