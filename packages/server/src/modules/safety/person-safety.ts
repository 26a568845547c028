import { epochDay, personSafetyRoles, taperIngredients, type NaloxoneOffered, type PersonSafety } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { writeCareEvents, openPerson, readContext, readSafetySource, type SafetySource } from '../registry/index.ts';
import { factsFromCareEvents, medicationList } from './care-event-adapter.ts';
import type { DrugKnowledge } from './drug-knowledge.ts';
import { defaultSafetyOptions, type SafetyOptions } from './rule-definitions.ts';
import { evaluateSafety } from './rules.ts';
import { dayToIso, type Day } from './safety-model.ts';

/**
 * The person page's safety panel: the person's dispensings, diagnoses, overdoses and naloxone from
 * the network's care events (read through the registry's chokepoint), run through the same engine
 * as the CDS Hooks patient-view service.
 */

/** Who sees the panel and records naloxone (the contract's role table; docs/safety.md). */
export { personSafetyRoles };

export function authorizePersonSafety(access: AccessContext): void {
  if (access.actor.type === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (access.actor.type === 'system') return;
  if (access.organizationId === null) throw new AppError('ORGANIZATION_NOT_SELECTED');
  if (!access.roles.some((r) => personSafetyRoles.includes(r))) {
    throw new AppError('FORBIDDEN', { message: 'The prescribing-safety panel is for clinicians and care navigators.' });
  }
}

/** Days of dispensings listed beside the figures. */
const MEDICATION_LIST_DAYS = 365;

/** Kinds whose absence changes the result: medications (everything), and diagnoses and overdoses (exclusions, risk factors). */
function statusOf(source: SafetySource): PersonSafety['status'] {
  if (source.restricted.some((r) => r.kind === 'medications')) return 'restricted';
  if (source.restricted.length > 0) return 'partial';
  return 'complete';
}

/** Pure: the panel from what the chokepoint returned. */
export function personSafetyFrom(
  k: DrugKnowledge,
  source: SafetySource,
  asOf: Day,
  options: SafetyOptions = defaultSafetyOptions,
): PersonSafety {
  const status = statusOf(source);
  const base = {
    personId: source.personId,
    asOf: dayToIso(asOf),
    status,
    restricted: source.restricted,
    redisclosureNotice: source.redisclosureNotice,
  };
  if (status === 'restricted') {
    // Never a total over part of the medications: the panel says the records are restricted instead.
    return {
      ...base,
      hook: 'patient-view',
      mmePerDay: null,
      computableMmePerDay: 0,
      prescriptions: [],
      notComputable: [],
      timeline: [],
      rules: [],
      exclusions: [],
      medications: [],
      lastNaloxoneKit: null,
      taperSuggestion: null,
    };
  }
  const facts = factsFromCareEvents(k, source.birthDate, source.events, asOf);
  const result = evaluateSafety(k, facts, 'patient-view', [], options);
  const kits = source.events.filter((e) => e.type === 'naloxone' && e.data.mode === 'kit_given' && epochDay(e.occurredAt) <= asOf);
  const last = kits.at(-1);
  return {
    ...base,
    hook: result.hook,
    mmePerDay: result.mme.mmePerDay,
    computableMmePerDay: result.mme.computableMmePerDay,
    prescriptions: result.mme.prescriptions,
    notComputable: result.mme.notComputable,
    timeline: result.mme.timeline,
    rules: result.rules,
    exclusions: result.exclusions,
    medications: medicationList(source.events, asOf - MEDICATION_LIST_DAYS, k),
    lastNaloxoneKit: last ? dayToIso(epochDay(last.occurredAt)) : null,
    taperSuggestion: taperSuggestion(result.mme.prescriptions, facts.orders),
  };
}

/** The one active oral opioid (by ingredient) as a starting point for the taper planner; null otherwise. */
export function taperSuggestion(
  prescriptions: PersonSafety['prescriptions'],
  orders: readonly { id: string; quantity: number | null; supplyDays: number | null }[],
): PersonSafety['taperSuggestion'] {
  const pain = prescriptions.filter((p) => p.kind === 'opioid');
  if (pain.length === 0 || pain.some((p) => p.status !== 'computed' || p.ingredients.length !== 1)) return null;
  const ingredient = pain[0]!.ingredients[0]!.ingredient;
  if (!pain.every((p) => p.ingredients[0]!.ingredient === ingredient && p.ingredients[0]!.unit === 'mg/day')) return null;
  if (!(taperIngredients as readonly string[]).includes(ingredient)) return null;
  const currentDailyMg = Math.round(pain.reduce((s, p) => s + p.ingredients[0]!.dailyDose, 0) * 100) / 100;
  const order = orders.find((o) => o.id === pain[0]!.orderId);
  const unitsPerDay = order?.quantity && order.supplyDays ? order.quantity / order.supplyDays : 2;
  return {
    ingredient: ingredient as (typeof taperIngredients)[number],
    currentDailyMg,
    dosesPerDay: Math.min(8, Math.max(1, Math.round(unitsPerDay))),
  };
}

/** GET /api/people/:id/safety: one transaction with the disclosures it records. */
export async function readPersonSafety(
  db: Db,
  clock: Clock,
  access: AccessContext,
  k: DrugKnowledge,
  personId: string,
): Promise<PersonSafety> {
  authorizePersonSafety(access);
  const ctx = readContext(access, clock, 'treatment');
  const source = await db.transaction().execute((trx) => readSafetySource(trx, ctx, personId));
  return personSafetyFrom(k, source, epochDay(clock.now()));
}

/**
 * Records that naloxone was offered and a kit given (a `naloxone` care event, mode kit_given), and
 * audits it. The person must be visible to the caller.
 */
export async function recordNaloxoneOffered(
  db: Db,
  clock: Clock,
  access: AccessContext,
  personId: string,
  input: { kits: number; note?: string | undefined },
): Promise<{ id: string }> {
  authorizePersonSafety(access);
  const organizationId = access.organizationId;
  if (organizationId === null) throw new AppError('ORGANIZATION_NOT_SELECTED');
  return db.transaction().execute(async (trx: DbOrTrx) => {
    const { person } = await openPerson(trx, readContext(access, clock, 'treatment'), personId);
    const written = await writeCareEvents(trx, clock, access, { organizationId, source: 'safety' }, [
      {
        personId: person.row.id,
        event: {
          type: 'naloxone',
          occurredAt: clock.now().toISOString(),
          title: 'Naloxone offered and given',
          detail: input.note ?? null,
          data: { mode: 'kit_given', kits: input.kits },
        },
      },
    ]);
    const id = written.ids[0]!;
    await recordAudit(trx, clock, access, {
      action: 'safety.naloxone-offered',
      entityType: 'person_event',
      entityId: id,
      details: { kits: input.kits },
    });
    return { id };
  });
}

export type { NaloxoneOffered };
