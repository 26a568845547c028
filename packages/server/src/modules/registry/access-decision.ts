import { agreementInForce, type CallerFacts, type ServiceAgreementFacts } from './caller-facts.ts';
import type {
  AccessBasis,
  ConsentStatus,
  ConsentType,
  DenyReason,
  Disclosers,
  Purpose,
  Recipients,
  RecordKind,
  Role,
  Sensitivity,
} from '@continuum/contracts';

/*
 * The one access decision for person-level data: (actor, organization, purpose, record kind and
 * sensitivity, consents, care-team relationship, break-glass) → permit with a basis, or deny with a
 * reason. Pure: the chokepoint loads the facts and records the disclosure; this decides.
 *
 * Sources: 42 CFR 2.31 (consent elements: who may disclose, recipients — named or a general
 * designation limited to a treating provider relationship — purpose, kinds of information,
 * expiry), 2.31(b) (SUD counseling notes only under a consent of their own), 2.51 (medical
 * emergency), 45 CFR 164.506(c) (HIPAA treatment disclosures of non-Part 2 data between providers
 * with a treating relationship), 2.11 and 2.12(c)(4) (a qualified service organization receives,
 * under a written agreement in force, what it needs to serve the Part 2 program). See docs/privacy.md.
 */

/** Roles that read person-level records. Administrators administer; analysts see aggregates only. */
export const PERSON_READ_ROLES: readonly Role[] = ['clinician', 'care_navigator', 'partner_staff', 'privacy_officer'];

export interface ActorFacts {
  kind: 'user' | 'token' | 'person' | 'system';
  userId: string | null;
  /** A person in care signed in to their portal: the record they are (null for every other actor). */
  personId?: string | null;
  organizationId: string | null;
  roles: readonly Role[];
}

export interface RecordFacts {
  kind: RecordKind;
  sensitivity: Sensitivity;
  /** The organization whose record it is (for demographics: the registering organization). */
  sourceOrganizationId: string | null;
}

export interface ConsentFacts {
  id: string;
  type: ConsentType;
  status: ConsentStatus;
  disclosers: Disclosers;
  recipients: Recipients;
  purposes: readonly Purpose[];
  kinds: readonly RecordKind[];
  /** YYYY-MM-DD: the consent is valid through this day. */
  expiresOn: string | null;
}

export interface CareTeamFacts {
  organizationId: string;
  userId: string | null;
  /** YYYY-MM-DD. */
  since: string;
  /** YYYY-MM-DD, inclusive; null while the link is open. */
  until: string | null;
  /**
   * Another organization's link not yet confirmed by the person's consent naming it, an accepted
   * referral or a privacy officer: it is no treating relationship (docs/privacy.md, "Care-team links").
   */
  pending?: boolean;
}

export interface BreakGlassFacts {
  id: string;
  userId: string;
  startedAt: Date;
  expiresAt: Date;
}

export interface PersonFacts {
  /** The person's record ids: the survivor's first, then every record merged into it. */
  ids?: readonly string[];
  registeredByOrganizationId: string | null;
  identifierOrganizationIds: readonly string[];
  careTeam: readonly CareTeamFacts[];
  consents: readonly ConsentFacts[];
  breakGlass: readonly BreakGlassFacts[];
}

export interface AccessRequest {
  actor: ActorFacts;
  caller: CallerFacts;
  purpose: Purpose;
  record: RecordFacts;
  person: PersonFacts;
  now: Date;
}

export type AccessDecision =
  | { permit: true; basis: AccessBasis; consentId?: string; breakGlassId?: string; agreementId?: string }
  | { permit: false; reason: DenyReason };

export { denyMessages } from './deny-messages.ts';
export { agreementInForce, noCallerFacts, type CallerFacts, type ServiceAgreementFacts } from './caller-facts.ts';

/** The calendar day of an instant, in UTC, as YYYY-MM-DD. */
export function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function hasTreatingRelationship(person: PersonFacts, organizationId: string, now: Date): boolean {
  const today = dayOf(now);
  return person.careTeam.some(
    (m) => m.organizationId === organizationId && m.pending !== true && m.since <= today && (m.until === null || m.until >= today),
  );
}

function activeBreakGlass(person: PersonFacts, userId: string | null, now: Date): BreakGlassFacts | undefined {
  if (userId === null) return undefined;
  return person.breakGlass.find((g) => g.userId === userId && g.startedAt <= now && g.expiresAt > now);
}

/** A TPO consent covers treatment, payment and health care operations, and care coordination as part of them. */
function coversPurpose(consent: ConsentFacts, purpose: Purpose): boolean {
  if (consent.purposes.includes(purpose)) return true;
  return consent.type === 'tpo' && purpose === 'care_coordination';
}

// Checks in order; a consent that fails later in this list is "closer" to permitting, and its
// reason is the one reported.
const stages = ['status', 'discloser', 'recipient', 'purpose', 'kind'] as const;

interface ConsentVerdict {
  permit: boolean;
  stage: number;
  reason: DenyReason | null;
}

/** Does this consent let the actor's organization see this record, for this purpose, now? */
export function evaluateConsent(
  consent: ConsentFacts,
  input: { organizationId: string; purpose: Purpose; record: RecordFacts; person: PersonFacts; now: Date; checkKind: boolean },
): ConsentVerdict {
  const deny = (stage: (typeof stages)[number], reason: DenyReason): ConsentVerdict => ({
    permit: false,
    stage: stages.indexOf(stage),
    reason,
  });
  if (consent.status === 'draft') return deny('status', 'CONSENT_NOT_SIGNED');
  if (consent.status === 'revoked') return deny('status', 'CONSENT_REVOKED');
  if (consent.status === 'expired') return deny('status', 'CONSENT_EXPIRED');
  // Re-evaluated at every disclosure: a signed consent past its date is expired even before the
  // nightly job marks it so.
  if (consent.expiresOn !== null && consent.expiresOn < dayOf(input.now)) return deny('status', 'CONSENT_EXPIRED');

  if (input.checkKind && consent.disclosers.type === 'organizations') {
    if (input.record.sourceOrganizationId === null || !consent.disclosers.organizationIds.includes(input.record.sourceOrganizationId)) {
      return deny('discloser', 'WRONG_DISCLOSER');
    }
  }

  if (consent.recipients.type === 'organizations') {
    if (!consent.recipients.organizationIds.includes(input.organizationId)) return deny('recipient', 'WRONG_RECIPIENT');
  } else if (!hasTreatingRelationship(input.person, input.organizationId, input.now)) {
    return deny('recipient', 'NO_TREATING_RELATIONSHIP');
  }

  if (!coversPurpose(consent, input.purpose)) return deny('purpose', 'WRONG_PURPOSE');

  if (input.checkKind) {
    const kind = input.record.kind;
    if (kind === 'counseling_notes' && consent.type !== 'counseling_notes') return deny('kind', 'COUNSELING_NOTES_NEED_OWN_CONSENT');
    if (!consent.kinds.includes(kind)) return deny('kind', 'KIND_NOT_COVERED');
  }
  return { permit: true, stage: stages.length, reason: null };
}

function decideByConsent(
  req: AccessRequest,
  organizationId: string,
  checkKind: boolean,
): { permit: true; consentId: string } | { permit: false; reason: DenyReason } {
  let best: ConsentVerdict | null = null;
  for (const consent of req.person.consents) {
    const verdict = evaluateConsent(consent, {
      organizationId,
      purpose: req.purpose,
      record: req.record,
      person: req.person,
      now: req.now,
      checkKind,
    });
    if (verdict.permit) return { permit: true, consentId: consent.id };
    if (best === null || verdict.stage > best.stage) best = verdict;
  }
  if (checkKind && req.record.kind === 'counseling_notes' && (best === null || best.stage < stages.indexOf('kind'))) {
    return { permit: false, reason: 'COUNSELING_NOTES_NEED_OWN_CONSENT' };
  }
  return { permit: false, reason: best?.reason ?? 'NO_CONSENT' };
}

/**
 * The caller's qualified service organization agreement with the program that holds this record,
 * in force and covering its kind and the purpose. Counseling notes are never covered: they need a
 * consent of their own (2.31(b)).
 */
function serviceAgreementFor(req: AccessRequest, programIds: readonly string[]): ServiceAgreementFacts | undefined {
  if (req.record.kind === 'counseling_notes') return undefined;
  return req.caller.serviceAgreements.find(
    (a) =>
      programIds.includes(a.programOrganizationId) &&
      agreementInForce(a, req.now) &&
      a.kinds.includes(req.record.kind) &&
      a.purposes.includes(req.purpose),
  );
}

/** The programs with a relationship to the person: who registered them, holds an identifier, or treats them. */
function programsOfPerson(person: PersonFacts, now: Date, candidates: readonly string[]): string[] {
  return candidates.filter(
    (org) =>
      person.registeredByOrganizationId === org ||
      person.identifierOrganizationIds.includes(org) ||
      hasTreatingRelationship(person, org, now),
  );
}

/**
 * The access decision, then the network's training gate: where the network requires it (a
 * setting), a person without current 42 CFR Part 2 privacy training sees no Part 2 record — their
 * own organization's included — except in a medical emergency (2.51), which no training rule delays.
 */
export function decideAccess(req: AccessRequest): AccessDecision {
  const decision = decideWithoutTraining(req);
  if (
    decision.permit &&
    req.record.sensitivity === 'part2' &&
    req.caller.part2TrainingCurrent === false &&
    decision.basis !== 'break_glass' &&
    decision.basis !== 'system'
  ) {
    return { permit: false, reason: 'PART2_TRAINING_REQUIRED' };
  }
  return decision;
}

function decideWithoutTraining(req: AccessRequest): AccessDecision {
  const { actor, record, person, now, purpose } = req;
  if (actor.kind === 'system') return { permit: true, basis: 'system' };
  // A person sees their own record, all of it (42 CFR 2.23: the patient's access to their own
  // records needs no consent), and nothing of anyone else's — whatever roles a context might carry.
  if (actor.kind === 'person') {
    const self = actor.personId != null && (person.ids ?? []).includes(actor.personId);
    return self ? { permit: true, basis: 'self' } : { permit: false, reason: 'ROLE_NOT_PERMITTED' };
  }
  if (!actor.roles.some((r) => PERSON_READ_ROLES.includes(r))) {
    return { permit: false, reason: actor.roles.includes('analyst') ? 'ANALYST_AGGREGATES_ONLY' : 'ROLE_NOT_PERMITTED' };
  }
  const org = actor.organizationId;
  if (org === null) return { permit: false, reason: 'ROLE_NOT_PERMITTED' };
  const treating = hasTreatingRelationship(person, org, now);
  const glass = activeBreakGlass(person, actor.userId, now);

  if (record.kind === 'demographics') {
    if (person.registeredByOrganizationId === org || person.identifierOrganizationIds.includes(org))
      return { permit: true, basis: 'own_organization' };
    if (treating) return { permit: true, basis: 'care_team' };
    const byConsent = decideByConsent(req, org, false);
    if (byConsent.permit) return { permit: true, basis: 'consent', consentId: byConsent.consentId };
    const programs = programsOfPerson(
      person,
      now,
      req.caller.serviceAgreements.map((a) => a.programOrganizationId),
    );
    const agreement = serviceAgreementFor(req, programs);
    if (agreement) return { permit: true, basis: 'qsoa', agreementId: agreement.id };
    if (glass) return { permit: true, basis: 'break_glass', breakGlassId: glass.id };
    return { permit: false, reason: 'NO_RELATIONSHIP' };
  }

  if (record.sourceOrganizationId === org) return { permit: true, basis: 'own_organization' };
  if (
    record.sensitivity === 'normal' &&
    record.kind !== 'counseling_notes' &&
    treating &&
    (purpose === 'treatment' || purpose === 'care_coordination')
  ) {
    return { permit: true, basis: 'treating_relationship' };
  }
  const byConsent = decideByConsent(req, org, true);
  if (byConsent.permit) return { permit: true, basis: 'consent', consentId: byConsent.consentId };
  // 42 CFR 2.12(c)(4): the program's communication to its qualified service organization.
  const agreement = record.sourceOrganizationId === null ? undefined : serviceAgreementFor(req, [record.sourceOrganizationId]);
  if (agreement) return { permit: true, basis: 'qsoa', agreementId: agreement.id };
  // 42 CFR 2.51: a bona fide medical emergency; counseling notes are not needed for it.
  if (glass && record.kind !== 'counseling_notes') return { permit: true, basis: 'break_glass', breakGlassId: glass.id };
  return { permit: false, reason: byConsent.reason };
}
