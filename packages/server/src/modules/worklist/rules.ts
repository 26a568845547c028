// Longer than 300 lines: one pure function per drop-out rule, each with its cited window, in one list.
import type { CareEventType, MoudStopReason, RecordKind, Sensitivity, WorklistSourceType, WorklistTaskKind } from '@continuum/contracts';
import { coverage, MAX_TOLERATED_GAP, union, type Dispensing, type Interval } from '../../core/coverage.ts';
import { DAY_MS, HOUR_MS, addHours, dayStart, epochDay, isoDayOf } from '@continuum/contracts';

/*
 * The worklist rule engine: drop-out signals in, outreach-task proposals out. Pure; the job
 * (`worklist.jobs.ts`) feeds it care events read through the registry and hands the proposals to
 * `createWorklistTask`, whose dedupe key makes every rule idempotent: a signal seen again (every
 * 15 minutes) never makes a second task.
 *
 * Windows, and where they come from:
 * - 72 hours from release to a MOUD contact: the period of highest overdose risk after release
 *   from incarceration (Binswanger et al., NEJM 2007; SAMHSA, "Use of MOUD in Criminal Justice
 *   Settings", 2019, recommends a MOUD appointment within days of release).
 * - Post-overdose outreach for an overdose reported within the last 72 hours, due within 24 hours
 *   (post-overdose response teams aim for contact in 24–72 hours; CDC Overdose Data to Action).
 * - A gap in MOUD supply of more than 7 days: the HEDIS POD / NQF 3175 continuity rule (a gap of
 *   exactly 7 days is tolerated, 8 is not), as in `learning/coverage.ts`.
 */

export const CUSTODY_MOUD_WINDOW_HOURS = 72;
/** After the 72-hour window passes without a MOUD contact, outreach is due within a day. */
export const CUSTODY_DUE_AFTER_WINDOW_HOURS = 24;
/** Releases older than this are not acted on any more (the job missed them; a person's later signals take over). */
export const CUSTODY_LOOKBACK_DAYS = 14;
export const OVERDOSE_WINDOW_HOURS = 72;
export const OVERDOSE_DUE_HOURS = 24;
/** A gap is acted on once it exceeds 7 days; outreach is due two days after that. */
export const MOUD_GAP_DUE_HOURS = 48;
/** Gaps that began longer ago than this are left to the person's other signals (they have left care long ago). */
export const MOUD_GAP_LOOKBACK_DAYS = 60;
/** A missed appointment: outreach within two days. */
export const NO_SHOW_DUE_HOURS = 48;
/** A referral not acknowledged by its deadline: the sender's navigator follows up within a day. */
export const NOT_ACKNOWLEDGED_DUE_HOURS = 24;

/** Referral statuses that count as "a referral to MOUD accepted" (and everything after acceptance). */
const ACCEPTED_REFERRAL_STATUSES = new Set(['accepted', 'scheduled', 'in_progress', 'in-progress', 'completed']);

/** One care event as the rules see it. */
export interface SignalEvent {
  id: string;
  type: CareEventType;
  occurredAt: Date;
  /** The organization that recorded the event. */
  organizationId: string;
  sensitivity: Sensitivity;
  data: Record<string, unknown>;
}

/** A navigator on the person's care team (care-team role care navigator or peer support). */
export interface NavigatorLink {
  organizationId: string;
  userId: string | null;
  since: string;
  /**
   * Signals the navigator's organization may see under the person's consents, as
   * `${kind}:${source organization}` keys (decided by the registry's access rules).
   */
  readable: readonly string[];
}

export interface PersonSignals {
  personId: string;
  events: readonly SignalEvent[];
  navigators: readonly NavigatorLink[];
}

/** A task the rules want to exist. */
export interface TaskProposal {
  kind: WorklistTaskKind;
  personId: string;
  organizationId: string;
  assigneeUserId: string | null;
  dueAt: Date;
  reason: string;
  dedupeKey: string;
  source: { type: WorklistSourceType; id: string | null };
  /** The record the task reveals: what the chokepoint checks before anyone reads the task. */
  signal: { organizationId: string; sensitivity: Sensitivity; kind: RecordKind; occurredAt: Date };
}

/** The record kind a task of each kind discloses (a post-overdose task says an overdose happened…). */
export const taskRecordKind: Record<WorklistTaskKind, Exclude<RecordKind, 'demographics'>> = {
  referral_not_acknowledged: 'referrals',
  no_show: 'referrals',
  custody_release_no_moud: 'notes',
  post_overdose: 'overdose_events',
  moud_gap: 'medications',
  manual: 'notes',
};

export const readableKey = (kind: RecordKind, organizationId: string) => `${kind}:${organizationId}`;

/**
 * Who owns a task: the person's navigator (care-team role care navigator or peer support, the most
 * recent link first) whose organization may see the signal under the person's consents — with the
 * staff member as assignee when the link names one — otherwise the organization that recorded the
 * signal, which always sees its own record. A navigator who may not see the signal never gets a
 * task that would reveal it.
 */
export function chooseOwner(
  navigators: readonly NavigatorLink[],
  signal: { kind: RecordKind; organizationId: string },
): { organizationId: string; assigneeUserId: string | null } {
  const key = readableKey(signal.kind, signal.organizationId);
  const eligible = navigators.filter((n) => n.organizationId === signal.organizationId || n.readable.includes(key));
  const sorted = [...eligible].sort((a, b) =>
    a.since < b.since ? 1 : a.since > b.since ? -1 : (a.userId === null ? 1 : 0) - (b.userId === null ? 1 : 0),
  );
  const chosen = sorted[0];
  if (chosen) return { organizationId: chosen.organizationId, assigneeUserId: chosen.userId };
  return { organizationId: signal.organizationId, assigneeUserId: null };
}

function propose(
  person: PersonSignals,
  kind: WorklistTaskKind,
  signal: SignalEvent,
  dueAt: Date,
  reason: string,
  dedupeKey: string,
  source: TaskProposal['source'],
): TaskProposal {
  const recordKind = taskRecordKind[kind];
  const owner = chooseOwner(person.navigators, { kind: recordKind, organizationId: signal.organizationId });
  return {
    kind,
    personId: person.personId,
    ...owner,
    dueAt,
    reason,
    dedupeKey,
    source,
    signal: { organizationId: signal.organizationId, sensitivity: signal.sensitivity, kind: recordKind, occurredAt: signal.occurredAt },
  };
}

/** A contact that counts as MOUD engagement: a dispensing or dose, a start or dose change, an attended MOUD appointment, an accepted MOUD referral. */
export function isMoudContact(e: SignalEvent): boolean {
  if (e.type === 'moud_dispense' || e.type === 'moud_administration' || e.type === 'moud_start' || e.type === 'moud_dose_change')
    return true;
  if (e.type === 'appointment_attended') return e.data.serviceKind === 'moud';
  if (e.type === 'referral') return e.data.serviceKind === 'moud' && ACCEPTED_REFERRAL_STATUSES.has(String(e.data.status));
  return false;
}

/** The person has died: a fatal overdose, or a death from the medical examiner or vital records. No outreach after that. */
const hasDied = (events: readonly SignalEvent[]) =>
  events.some((e) => e.type === 'death' || (e.type === 'overdose' && e.data.fatal === true));

/**
 * Released from custody with no MOUD contact within 72 hours: once the 72 hours have passed with
 * no dispensing, dose, attended MOUD appointment or accepted MOUD referral since the release, and
 * no new booking (back in custody), outreach is due a day later.
 */
export function custodyReleaseRule(person: PersonSignals, now: Date): TaskProposal[] {
  const out: TaskProposal[] = [];
  for (const release of person.events) {
    if (release.type !== 'custody_release') continue;
    const windowEnd = release.occurredAt.getTime() + CUSTODY_MOUD_WINDOW_HOURS * HOUR_MS;
    if (now.getTime() < windowEnd) continue;
    if (now.getTime() - release.occurredAt.getTime() > CUSTODY_LOOKBACK_DAYS * DAY_MS) continue;
    const after = person.events.filter(
      (e) => e.occurredAt.getTime() >= release.occurredAt.getTime() && e.occurredAt.getTime() <= windowEnd,
    );
    if (after.some(isMoudContact)) continue;
    if (after.some((e) => e.type === 'custody_booking' && e.occurredAt.getTime() > release.occurredAt.getTime())) continue;
    out.push(
      propose(
        person,
        'custody_release_no_moud',
        release,
        new Date(windowEnd + CUSTODY_DUE_AFTER_WINDOW_HOURS * HOUR_MS),
        'Released from custody 72 hours ago with no MOUD contact since: reach out to connect them with treatment and naloxone.',
        `custody_release_no_moud:${release.id}`,
        { type: 'care_event', id: release.id },
      ),
    );
  }
  return out;
}

/**
 * An overdose (not fatal) reported within the last 72 hours: post-overdose outreach, due 24 hours
 * after the overdose. The key is the one the overdose response module uses, so the two never make
 * two tasks for one overdose.
 */
export function postOverdoseRule(person: PersonSignals, now: Date): TaskProposal[] {
  const out: TaskProposal[] = [];
  for (const e of person.events) {
    if (e.type !== 'overdose' || e.data.fatal === true) continue;
    const age = now.getTime() - e.occurredAt.getTime();
    if (age < 0 || age > OVERDOSE_WINDOW_HOURS * HOUR_MS) continue;
    const overdoseEventId = typeof e.data.overdoseEventId === 'string' ? e.data.overdoseEventId : null;
    out.push(
      propose(
        person,
        'post_overdose',
        e,
        addHours(e.occurredAt, OVERDOSE_DUE_HOURS),
        'Overdose reported in the last 72 hours: offer naloxone, check in, and offer treatment.',
        `post_overdose:${e.id}`,
        overdoseEventId ? { type: 'overdose_event', id: overdoseEventId } : { type: 'care_event', id: e.id },
      ),
    );
  }
  return out;
}

/**
 * MOUD stop reasons after which a supply gap is expected, not missed supply: a completed taper is a
 * planned discontinuation agreed with the prescriber (SAMHSA TIP 63, "Medications for Opioid Use
 * Disorder", 2021: tapering off MOUD is a shared decision, planned and monitored, not a drop-out).
 * Every other reason keeps the gap task as re-engagement outreach: retention in MOUD is what protects
 * against overdose and death, and the weeks after stopping carry a high risk of return to use and
 * overdose (TIP 63 Part 3; Williams et al., "Retention in MOUD", 2020; Sordo et al., BMJ 2017) —
 * a person who chose to stop, had side effects (another medication can be offered), was lost to
 * follow-up, transferred (linkage to the new program is not yet confirmed here), left hospital or
 * another reason.
 */
export const PLANNED_MOUD_STOP_REASONS: ReadonlySet<string> = new Set<MoudStopReason>(['taper_completed']);

function medicationOf(e: SignalEvent): string {
  return String(e.data.medication ?? 'moud');
}

/**
 * Per medication, the last `moud_stop` on or after that medication's last supply: its day, and
 * whether the stop was planned — a completed taper, or a switch (a MOUD start, dose change or supply
 * of another medication on or after the stop, which only clinicians record at the point of care).
 */
function moudStopsAfterSupply(
  past: readonly SignalEvent[],
  supply: readonly SignalEvent[],
): Map<string, { day: number; planned: boolean }> {
  const lastSupplyDay = new Map<string, number>();
  for (const e of supply)
    lastSupplyDay.set(medicationOf(e), Math.max(lastSupplyDay.get(medicationOf(e)) ?? -Infinity, epochDay(e.occurredAt)));
  const out = new Map<string, { day: number; planned: boolean; at: number }>();
  for (const stop of past) {
    if (stop.type !== 'moud_stop') continue;
    const medication = medicationOf(stop);
    const day = epochDay(stop.occurredAt);
    const last = lastSupplyDay.get(medication);
    if (last === undefined || day < last) continue;
    const previous = out.get(medication);
    if (previous && previous.at > stop.occurredAt.getTime()) continue;
    const switched = past.some(
      (e) =>
        (e.type === 'moud_start' || e.type === 'moud_dose_change' || e.type === 'moud_dispense' || e.type === 'moud_administration') &&
        medicationOf(e) !== medication &&
        epochDay(e.occurredAt) >= day,
    );
    out.set(medication, {
      day,
      planned: PLANNED_MOUD_STOP_REASONS.has(String(stop.data.reason)) || switched,
      at: stop.occurredAt.getTime(),
    });
  }
  return out;
}

/**
 * A gap of more than 7 days in MOUD supply that is still open today: the last covered day is more
 * than 7 days ago (POD: 7 uncovered days are tolerated, the 8th makes a gap). Days are UTC calendar
 * days; supply of the same medication stacks (`learning/coverage.ts`). One task per gap (keyed by
 * its first uncovered day); a dispensing closes the gap, and a later gap is a new one. Not while
 * the person is in custody (booked after their last supply), and not after a fatal overdose. A
 * medication stopped as planned (`PLANNED_MOUD_STOP_REASONS`, or a switch) leaves no gap; after any
 * other stop its supply ends on the stop day.
 */
export function moudGapRule(person: PersonSignals, now: Date): TaskProposal[] {
  const past = person.events.filter((e) => e.occurredAt.getTime() <= now.getTime());
  const allSupply = past.filter((e) => e.type === 'moud_dispense' || e.type === 'moud_administration');
  if (allSupply.length === 0) return [];
  const ended = moudStopsAfterSupply(past, allSupply);
  const supply = allSupply.filter((e) => ended.get(medicationOf(e))?.planned !== true);
  if (supply.length === 0) return [];
  const today = epochDay(now);
  const byMedication = new Map<string, Dispensing[]>();
  for (const e of supply) {
    const medication = medicationOf(e);
    const d: Dispensing = {
      day: epochDay(e.occurredAt),
      daysSupply: typeof e.data.daysSupply === 'number' ? e.data.daysSupply : 1,
      medication,
    };
    byMedication.set(medication, [...(byMedication.get(medication) ?? []), d]);
  }
  // After a stop that was not planned, the stopped medication's supply covers no day after the stop
  // day (as in learning's `moudCoverage`), so the gap — and the re-engagement task — start there.
  const parts: Interval[] = [];
  for (const [medication, list] of byMedication) {
    const stop = ended.get(medication);
    for (const [s, e] of coverage(list)) if (!stop || s <= stop.day) parts.push([s, stop ? Math.min(e, stop.day) : e]);
  }
  const intervals = union(parts);
  const lastCovered = intervals.at(-1)![1];
  const gapStart = lastCovered + 1;
  const uncoveredDays = today - lastCovered;
  if (uncoveredDays <= MAX_TOLERATED_GAP) return [];
  if (today - gapStart > MOUD_GAP_LOOKBACK_DAYS) return [];
  const last = [...supply].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime())[0]!;
  const inCustody =
    person.events.some((e) => e.type === 'custody_booking' && e.occurredAt.getTime() > last.occurredAt.getTime()) &&
    !person.events.some((e) => e.type === 'custody_release' && e.occurredAt.getTime() > last.occurredAt.getTime());
  if (inCustody) return [];
  const gapBecameGap = dayStart(gapStart + MAX_TOLERATED_GAP);
  return [
    propose(
      person,
      'moud_gap',
      last,
      addHours(gapBecameGap, MOUD_GAP_DUE_HOURS),
      `No medication for OUD on hand for more than ${MAX_TOLERATED_GAP} days: check in and help restart treatment.`,
      `moud_gap:${person.personId}:${isoDayOf(gapStart)}`,
      { type: 'care_event', id: last.id },
    ),
  ];
}

/**
 * A missed appointment (an `appointment_missed` care event, written by the referrals module or
 * imported from a partner): outreach within two days. Keyed per referral when there is one, so the
 * referrals module's own no-show task and this rule make one task.
 */
export function noShowRule(person: PersonSignals, now: Date, lookbackDays = CUSTODY_LOOKBACK_DAYS): TaskProposal[] {
  const out: TaskProposal[] = [];
  for (const e of person.events) {
    if (e.type !== 'appointment_missed') continue;
    const age = now.getTime() - e.occurredAt.getTime();
    if (age < 0 || age > lookbackDays * DAY_MS) continue;
    const referralId = typeof e.data.referralId === 'string' ? e.data.referralId : null;
    out.push(
      propose(
        person,
        'no_show',
        e,
        addHours(e.occurredAt, NO_SHOW_DUE_HOURS),
        'Missed an appointment: reach out to find out what got in the way and rebook.',
        referralId ? `no_show:${referralId}` : `no_show:event:${e.id}`,
        referralId ? { type: 'referral', id: referralId } : { type: 'care_event', id: e.id },
      ),
    );
  }
  return out;
}

/** Everything the job asks of one person's signals. Nothing once the person has died. */
export function evaluatePersonSignals(person: PersonSignals, now: Date): TaskProposal[] {
  if (hasDied(person.events)) return [];
  return [...custodyReleaseRule(person, now), ...postOverdoseRule(person, now), ...moudGapRule(person, now), ...noShowRule(person, now)];
}

/** A referral as the referral rules see it (the referrals module maps its rows to this). */
export interface ReferralSignal {
  referralId: string;
  personId: string;
  senderOrganizationId: string;
  receiverOrganizationId: string;
  /** The sender's navigator for the person, if the care team has one (see `chooseOwner`). */
  navigators: readonly NavigatorLink[];
  sensitivity: Sensitivity;
  acknowledgeBy: Date | null;
  acknowledgedAt: Date | null;
  /** When the appointment was missed (a no-show recorded), or null. */
  missedAppointmentAt: Date | null;
}

function referralProposal(
  r: ReferralSignal,
  kind: 'referral_not_acknowledged' | 'no_show',
  at: Date,
  dueAt: Date,
  reason: string,
): TaskProposal {
  // The sender closes the loop: the referral is the sender's record too, so their navigators may see it.
  const owner = chooseOwner(r.navigators, { kind: 'referrals', organizationId: r.senderOrganizationId });
  return {
    kind,
    personId: r.personId,
    ...owner,
    dueAt,
    reason,
    dedupeKey: `${kind}:${r.referralId}`,
    source: { type: 'referral', id: r.referralId },
    signal: { organizationId: r.senderOrganizationId, sensitivity: r.sensitivity, kind: 'referrals', occurredAt: at },
  };
}

/** A referral not acknowledged by its deadline: the sender's navigator follows up (and the receiver is reminded by the referrals module). */
export function referralNotAcknowledgedRule(r: ReferralSignal, now: Date): TaskProposal[] {
  if (r.acknowledgedAt !== null || r.acknowledgeBy === null || now.getTime() <= r.acknowledgeBy.getTime()) return [];
  return [
    referralProposal(
      r,
      'referral_not_acknowledged',
      r.acknowledgeBy,
      addHours(r.acknowledgeBy, NOT_ACKNOWLEDGED_DUE_HOURS),
      'A referral was not acknowledged in time: check in with the person and the receiving service.',
    ),
  ];
}

/** A referral whose appointment was missed: outreach within two days. Same key as `noShowRule`. */
export function referralNoShowRule(r: ReferralSignal, _now: Date): TaskProposal[] {
  if (r.missedAppointmentAt === null) return [];
  return [
    referralProposal(
      r,
      'no_show',
      r.missedAppointmentAt,
      addHours(r.missedAppointmentAt, NO_SHOW_DUE_HOURS),
      'Missed an appointment: reach out to find out what got in the way and rebook.',
    ),
  ];
}
