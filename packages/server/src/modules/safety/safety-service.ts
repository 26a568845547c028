import {
  epochDay,
  safetyCheckRoles,
  type CdsFeedbackRequest,
  type CdsResponse,
  type SafetyCheckResult,
  type TaperRequest,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { AccessContext } from '../../core/access-context.ts';
import type { Db } from '../../db/database.ts';
import { AppError, validationError } from '../../errors.ts';
import { connectionIdentifierSystem, medicalRecordNumbers, recordCdsFeedback } from '../ehr/index.ts';
import { cdsServices, requiredPrefetch, toCards, type CardContext } from './cds-hooks.ts';
import { findNetworkPerson, findNetworkPersonByDemographics, networkRecords, type NetworkRecords } from './cds-network.ts';
import { completePrefetch } from './cds-prefetch.ts';
import type { DrugKnowledge } from './drug-knowledge.ts';
import { taperSuggestion } from './person-safety.ts';
import { checkSafety, checkSafetyWithFacts } from './safety-check.ts';
import { toDay, type Day } from './safety-model.ts';
import { planTaper, TaperError, type TaperPlan } from './taper.ts';

/** Refuses a caller without a prescribing-safety role (decision support and population review: the contract's role table). */
export function authorizeSafetyCheck(access: AccessContext): void {
  if (access.actor.type === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!access.roles.some((r) => safetyCheckRoles.includes(r))) {
    throw new AppError('FORBIDDEN', {
      message: 'Prescribing-safety checks are for clinicians, care navigators, analysts and network administrators.',
    });
  }
}

/** A point-of-care check over the payload the caller sends, for a caller with a prescribing-safety role. Stores nothing. */
export function runSafetyCheck(access: AccessContext, k: DrugKnowledge, body: unknown, asOf: Day): SafetyCheckResult {
  authorizeSafetyCheck(access);
  return checkSafety(k, body, asOf);
}

/** A taper schedule for a caller with a prescribing-safety role; a taper that cannot be planned is a 400 on the body. */
export function runTaperPlan(access: AccessContext, k: DrugKnowledge, input: TaperRequest, today: Day): TaperPlan {
  authorizeSafetyCheck(access);
  const { start, ...rest } = input;
  try {
    return planTaper(k, { ...rest, start: start ? toDay(start)! : today });
  } catch (error) {
    if (error instanceof TaperError) throw validationError('body', error.message);
    throw error;
  }
}

export type CdsService = (typeof cdsServices)[number];

/** The CDS service with this id, or NOT_FOUND. */
export function cdsServiceById(id: string): CdsService {
  const service = cdsServices.find((s) => s.id === id);
  if (!service) throw new AppError('NOT_FOUND', { message: 'No such CDS service.' });
  return service;
}

function networkNote(n: NetworkRecords | null): string | null {
  if (!n) return null;
  const parts: string[] = [];
  if (n.orders.length > 0)
    parts.push(
      `Includes ${n.orders.length} dispensing record(s) the Continuum network holds from ${n.organizations} organization(s) outside this EHR.`,
    );
  if (n.restricted) parts.push('Some of the network’s medication records for this person need the person’s consent and were not used.');
  if (n.redisclosureNotice) parts.push(n.redisclosureNotice);
  return parts.length > 0 ? parts.join('\n\n') : null;
}

/**
 * One CDS Hooks service call: refuses a caller without a prescribing-safety role, completes the
 * prefetch, adds the network's own records for the person when the caller's organization can name
 * them, checks and returns the cards.
 */
export async function callCdsService(
  db: Db,
  clock: Clock,
  access: AccessContext,
  k: DrugKnowledge,
  serviceId: string,
  request: Record<string, unknown>,
  settings: { publicUrl: string; production: boolean; requestId: string },
): Promise<CdsResponse> {
  const service = cdsServiceById(serviceId);
  authorizeSafetyCheck(access);
  if (request.hook !== service.hook) throw validationError('body.hook', `must be "${service.hook}" for this service`);
  const { body } = await completePrefetch(request, service.prefetch, requiredPrefetch, { production: settings.production });
  const asOf = epochDay(clock.now());
  const prefetch = body.prefetch as Record<string, unknown>;
  const context = (body.context ?? {}) as Record<string, unknown>;
  let network: NetworkRecords | null = null;
  if (access.organizationId) {
    const mrns = medicalRecordNumbers(prefetch.patient, await connectionIdentifierSystem(db, access));
    // By a record number the organization holds; else by demographics, a confident person index match only.
    const personId =
      (await findNetworkPerson(db, access.organizationId, mrns)) ?? (await findNetworkPersonByDemographics(db, prefetch.patient));
    if (personId) network = await networkRecords(db, clock, access, k, personId, asOf);
  }
  const { result, facts } = checkSafetyWithFacts(
    k,
    body,
    asOf,
    undefined,
    service.hook,
    network ?? undefined,
    // An implausible value makes its order "not computable" and is reported in a card: refusing the
    // call would leave the clinician signing with no card at all (docs/safety.md).
    'not-computable',
  );
  const cardContext: CardContext = {
    publicUrl: settings.publicUrl,
    patientId: typeof context.patientId === 'string' ? context.patientId : null,
    taper: taperSuggestion(result.prescriptions, facts.orders),
    networkNote: networkNote(network),
  };
  return toCards(result, typeof body.hookInstance === 'string' ? body.hookInstance : settings.requestId, cardContext);
}

/** CDS Hooks feedback on a service's cards, from a caller with a prescribing-safety role. */
export async function submitCdsFeedback(
  db: Db,
  clock: Clock,
  access: AccessContext,
  serviceId: string,
  input: CdsFeedbackRequest,
): Promise<void> {
  cdsServiceById(serviceId);
  authorizeSafetyCheck(access);
  await recordCdsFeedback(db, clock, access, serviceId, input);
}
