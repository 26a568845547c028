import { sql } from 'kysely';
import type { CareEventType, RecordKind, Sensitivity } from '@continuum/contracts';
import type { Clock } from '../../../clock.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { recordAudit } from '../../audit/index.ts';
import { systemAccess } from '../../../core/access-context.ts';
import { dayOf, decideAccess, noCallerFacts, type PersonFacts } from '../access-decision.ts';
import { loadPersonFacts, resolvePeople, type ResolvedPerson } from '../access-facts.ts';
import { DAY_MS, HOUR_MS } from '@continuum/contracts';

/*
 * The registry's read for the worklist rules: recent drop-out signals (releases from custody,
 * overdoses, missed appointments, MOUD supply) with each person's navigators. A system read for
 * health care operations — nothing leaves to a caller here; the tasks the rules make are read back
 * only through `authorizeRecords`. One audit entry per run, not per person (counts only).
 */

export interface WorklistSignalEvent {
  id: string;
  type: CareEventType;
  occurredAt: Date;
  organizationId: string;
  sensitivity: Sensitivity;
  data: Record<string, unknown>;
}

export interface WorklistSignalNavigator {
  organizationId: string;
  userId: string | null;
  since: string;
  /** `${kind}:${source organization}` of the signals this navigator's organization may see (care coordination). */
  readable: string[];
}

export interface WorklistSignalPerson {
  /** The survivor's id (events of records merged into it are included). */
  personId: string;
  events: WorklistSignalEvent[];
  navigators: WorklistSignalNavigator[];
}

export interface WorklistSignalWindows {
  /** Releases and missed appointments this recent trigger a look (days). */
  lookbackDays: number;
  /** Overdoses this recent (hours). */
  overdoseHours: number;
  /** MOUD history read for supply gaps (days). */
  moudHistoryDays: number;
  /** Supply gaps are only possible for people with no MOUD event in this many recent days. */
  moudQuietDays: number;
}

export const defaultSignalWindows: WorklistSignalWindows = { lookbackDays: 14, overdoseHours: 72, moudHistoryDays: 120, moudQuietDays: 8 };

const MOUD_TYPES = ['moud_dispense', 'moud_administration', 'moud_start', 'moud_dose_change'] as const;
const TRIGGER_TYPES = ['custody_release', 'appointment_missed'] as const;
/** Everything the rules look at for a person who has a signal. */
const CONTEXT_TYPES = [
  'custody_release',
  'custody_booking',
  'overdose',
  'appointment_missed',
  'appointment_attended',
  'referral',
  'moud_stop',
  ...MOUD_TYPES,
] as const;
/** Care-team roles that make someone the person's navigator. */
const NAVIGATOR_ROLES = ['care_navigator', 'peer_support'] as const;
const CHUNK = 500;

/** The record kind of each signal type, as the consent decision sees it. */
const signalKind: Partial<Record<CareEventType, RecordKind>> = {
  custody_release: 'notes',
  custody_booking: 'notes',
  overdose: 'overdose_events',
  appointment_missed: 'referrals',
  appointment_attended: 'referrals',
  referral: 'referrals',
  moud_dispense: 'medications',
  moud_administration: 'medications',
  moud_start: 'medications',
  moud_dose_change: 'medications',
  moud_stop: 'medications',
  death: 'notes',
};

/**
 * People with a drop-out signal in the windows, each with the events the rules need and their
 * navigators (with what each navigator's organization may see). Reads in chunks.
 */
export async function readWorklistSignals(
  trx: DbOrTrx,
  clock: Clock,
  windows: WorklistSignalWindows = defaultSignalWindows,
): Promise<WorklistSignalPerson[]> {
  const now = clock.now();
  const since = (ms: number) => new Date(now.getTime() - ms);
  const triggered = await trx
    .selectFrom('person_events')
    .select('person_id')
    .distinct()
    .where((eb) =>
      eb.or([
        eb.and([
          eb('type', 'in', TRIGGER_TYPES),
          eb('occurred_at', '>=', since(windows.lookbackDays * DAY_MS)),
          eb('occurred_at', '<=', now),
        ]),
        eb.and([
          eb('type', '=', 'overdose'),
          eb('occurred_at', '>=', since(windows.overdoseHours * HOUR_MS)),
          eb('occurred_at', '<=', now),
        ]),
      ]),
    )
    .execute();
  // A supply gap needs MOUD in the history window and none in the last `moudQuietDays` (a dispensing covers its own day).
  const quiet = await trx
    .selectFrom('person_events')
    .select('person_id')
    .where('type', 'in', MOUD_TYPES)
    .where('occurred_at', '>=', since(windows.moudHistoryDays * DAY_MS))
    .where('occurred_at', '<=', now)
    .groupBy('person_id')
    .having(sql<Date>`max(occurred_at)`, '<', since(windows.moudQuietDays * DAY_MS))
    .execute();
  const ids = [...new Set([...triggered, ...quiet].map((r) => r.person_id))];
  const people = [...new Map([...(await resolveInChunks(trx, ids)).values()].map((p) => [p.row.id, p])).values()];

  const out: WorklistSignalPerson[] = [];
  let eventCount = 0;
  for (let i = 0; i < people.length; i += CHUNK) {
    const chunk = people.slice(i, i + CHUNK);
    const rootOf = new Map(chunk.flatMap((p) => p.ids.map((id) => [id, p.row.id] as const)));
    const allIds = [...rootOf.keys()];
    const [events, links, facts] = await Promise.all([
      trx
        .selectFrom('person_events')
        .select(['id', 'person_id', 'type', 'occurred_at', 'organization_id', 'sensitivity', 'data'])
        .where('person_id', 'in', allIds)
        // A recorded death, however long ago, ends every outreach rule (rules.ts); the rest within the history window.
        .where((eb) =>
          eb.or([
            eb.and([eb('type', 'in', CONTEXT_TYPES), eb('occurred_at', '>=', since(windows.moudHistoryDays * DAY_MS))]),
            eb('type', '=', 'death'),
          ]),
        )
        .where('occurred_at', '<=', now)
        .orderBy('occurred_at')
        .execute(),
      trx
        .selectFrom('care_team_members')
        .select(['person_id', 'organization_id', 'user_id', 'since'])
        .where('person_id', 'in', allIds)
        .where('role', 'in', NAVIGATOR_ROLES)
        .where('status', '=', 'active')
        .where('since', '<=', dayOf(now))
        .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', dayOf(now))]))
        .execute(),
      loadPersonFacts(trx, chunk),
    ]);
    const byPerson = new Map<string, WorklistSignalPerson>(
      chunk.map((p) => [p.row.id, { personId: p.row.id, events: [], navigators: [] }]),
    );
    for (const e of events) {
      byPerson.get(rootOf.get(e.person_id)!)!.events.push({
        id: e.id,
        type: e.type as CareEventType,
        occurredAt: e.occurred_at,
        organizationId: e.organization_id,
        sensitivity: e.sensitivity,
        data: e.data,
      });
    }
    eventCount += events.length;
    for (const l of links) {
      const person = byPerson.get(rootOf.get(l.person_id)!)!;
      person.navigators.push({
        organizationId: l.organization_id,
        userId: l.user_id,
        since: l.since,
        readable: readableSignals(facts.get(person.personId)!, person.events, l.organization_id, l.user_id, now),
      });
    }
    out.push(...byPerson.values());
  }
  await recordAudit(trx, clock, systemAccess('worklist rules'), {
    action: 'registry.worklist-signals.read',
    entityType: 'person_events',
    organizationId: null,
    details: { purpose: 'operations', people: out.length, events: eventCount },
  });
  return out;
}

async function resolveInChunks(trx: DbOrTrx, ids: readonly string[]): Promise<Map<string, ResolvedPerson>> {
  const all = new Map<string, ResolvedPerson>();
  for (let i = 0; i < ids.length; i += CHUNK) for (const [k, v] of await resolvePeople(trx, ids.slice(i, i + CHUNK))) all.set(k, v);
  return all;
}

/**
 * Which (kind, source organization) signals a navigator's organization may see for care
 * coordination, by the same decision every read passes (a Part 2 source needs the person's
 * consent). Where a source has records of both sensitivities, the stricter one decides.
 */
function readableSignals(
  facts: PersonFacts,
  events: readonly WorklistSignalEvent[],
  organizationId: string,
  userId: string | null,
  now: Date,
): string[] {
  const sources = new Map<string, { kind: RecordKind; organizationId: string; sensitivity: Sensitivity }>();
  for (const e of events) {
    const kind = signalKind[e.type];
    if (!kind) continue;
    const key = `${kind}:${e.organizationId}`;
    const seen = sources.get(key);
    if (!seen || (seen.sensitivity === 'normal' && e.sensitivity === 'part2'))
      sources.set(key, { kind, organizationId: e.organizationId, sensitivity: e.sensitivity });
  }
  const readable: string[] = [];
  for (const [key, s] of sources) {
    const decision = decideAccess({
      actor: { kind: 'user', userId, organizationId, roles: ['care_navigator'] },
      // Which signals a task may name; the task is read through authorizeRecords, with the caller's facts.
      caller: noCallerFacts,
      purpose: 'care_coordination',
      record: { kind: s.kind, sensitivity: s.sensitivity, sourceOrganizationId: s.organizationId },
      person: facts,
      now,
    });
    if (decision.permit) readable.push(key);
  }
  return readable;
}
