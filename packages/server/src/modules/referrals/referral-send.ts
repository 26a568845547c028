import { localDay, type CreateReferral, type ReferralDetail } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findServices, isOfferedAt } from '../directory/index.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import { notify } from '../notifications/index.ts';
import type { DisclosureChannel } from '../registry/index.ts';
import { writeCareEvents, openPerson, readContext, decideReferralConsent, recordSensitivity } from '../registry/index.ts';
import { callerOrganization, loadPathwayVersion, termsOf } from './pathways.ts';
import { checkReferralContent, pathwayAvailability, referralDeadlines, serviceKindOf } from './referral-rules.ts';
import { RECEIVER_STAFF, requireReferralRole, referralCareEvent } from './referrals.ts';
import { getReferral } from './referral-read.ts';

/* Sending a referral: every check (pathway, criteria, consent, service and location) before anything is written. */

export interface SendOptions {
  channel?: DisclosureChannel;
  /** The sending system's id (FHIR ServiceRequest.identifier). */
  externalId?: string | null;
}

// ── Send ────────────────────────────────────────────────────────────────────
/** Sends a referral and returns its id. Nothing is written unless every check passes. */
export async function sendReferral(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  input: ReturnType<typeof normalizeCreate>,
  timeZone: string,
  options: SendOptions = {},
): Promise<string> {
  const senderId = requireReferralRole(access);
  const now = clock.now();
  const ctx = readContext(access, clock, input.purpose, options.channel);
  const { person, facts } = await openPerson(trx, ctx, input.personId);
  const pathway = await loadPathwayVersion(trx, input.pathwayId).catch(() => {
    throw new AppError('PATHWAY_NOT_FOUND', {
      message: 'No such pathway.',
      fields: [{ path: 'body.pathwayId', message: 'No such pathway' }],
    });
  });
  const sender = (await callerOrganization(trx, access))!;
  const availability = pathwayAvailability(termsOf(pathway), sender, input.serviceId, localDay(now, timeZone));
  if (!availability.ok) {
    const message = {
      inactive: 'The pathway is not active today.',
      not_a_referrer: 'Your organization may not refer on this pathway.',
      service_not_on_pathway: 'The pathway does not lead to this service.',
    }[availability.why];
    throw new AppError('PATHWAY_NOT_AVAILABLE', {
      message,
      fields: [{ path: availability.why === 'service_not_on_pathway' ? 'body.serviceId' : 'body.pathwayId', message }],
    });
  }
  const problems = checkReferralContent(
    {
      requiredFields: pathway.required_fields,
      inclusionCriteria: pathway.inclusion_criteria,
      exclusionCriteria: pathway.exclusion_criteria,
    },
    { answers: input.answers, criteriaConfirmed: input.criteriaConfirmed },
  );
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', { message: 'The referral is missing what the pathway requires.', fields: problems });
  const [service] = await findServices(trx, [input.serviceId]);
  if (!service)
    throw new AppError('VALIDATION_FAILED', {
      message: 'No such service.',
      fields: [{ path: 'body.serviceId', message: 'No such service' }],
    });
  if (input.locationId) {
    if (!(await isOfferedAt(trx, input.serviceId, input.locationId)))
      throw new AppError('VALIDATION_FAILED', {
        message: 'The service is not offered at this location.',
        fields: [{ path: 'body.locationId', message: 'The service is not offered at this location' }],
      });
  }
  const sensitivity = recordSensitivity(sender.type, 'referrals', undefined);
  // The facts the chokepoint just loaded to open the person hold the person's consents.
  const consent = decideReferralConsent(facts, {
    senderOrganizationId: senderId,
    receiverOrganizationId: pathway.receiver_organization_id,
    purpose: input.purpose,
    sensitivity,
    consentId: input.consentId,
    now,
  });
  if (!consent.covered) {
    throw new AppError('CONSENT_REQUIRED', {
      message:
        'A signed, current consent naming the receiving organization for this purpose and covering referrals is needed before sending.',
      fields: [{ path: 'body.consentId', message: consent.reason }],
    });
  }
  const { ackDueAt, firstContactDueAt } = referralDeadlines(now, pathway.ack_hours, pathway.first_contact_days);
  const serviceKind = serviceKindOf(service.codes);
  const row = await trx
    .insertInto('referrals')
    .values({
      person_id: person.row.id,
      pathway_id: pathway.pathway_id,
      pathway_version: pathway.version,
      service_id: service.id,
      service_kind: serviceKind,
      location_id: input.locationId ?? null,
      sender_organization_id: senderId,
      sender_user_id: actorUserId(access),
      receiver_organization_id: pathway.receiver_organization_id,
      reason: input.reason,
      urgency: input.urgency,
      purpose: input.purpose,
      answers: JSON.stringify(input.answers),
      criteria_confirmed: input.criteriaConfirmed,
      consent_id: consent.consentId,
      sensitivity,
      status: 'requested',
      status_before_hold: null,
      status_reason: null,
      outcome: null,
      appointment_at: null,
      ack_due_at: ackDueAt,
      first_contact_due_at: firstContactDueAt,
      acknowledged_at: null,
      first_contact_at: null,
      closed_at: null,
      ack_escalated_at: null,
      contact_escalated_at: null,
      next_deadline_at: ackDueAt,
      external_id: options.externalId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('referral_transitions')
    .values({
      referral_id: row.id,
      event: 'create',
      from_state: null,
      to_state: 'requested',
      at: now,
      by_user_id: actorUserId(access),
      by_organization_id: senderId,
      reason: null,
      outcome: null,
      appointment_at: null,
      note: input.note ?? null,
    })
    .execute();
  // Work that does not touch the audit chain first (see the audit below).
  await notify(trx, clock, {
    kind: 'referral.received',
    title: 'A new referral has arrived',
    body: 'A referral for a person needs attention. Open it to acknowledge it.',
    link: `/referrals/${row.id}`,
    organizations: [{ organizationId: pathway.receiver_organization_id, roles: RECEIVER_STAFF }],
    dedupeKey: `referral:${row.id}:received`,
    webhook: {
      organizationIds: [pathway.receiver_organization_id],
      payload: { referralId: row.id, event: 'created', status: 'requested' },
    },
  });
  await writeCareEvents(trx, clock, access, { organizationId: senderId, source: 'referrals' }, [
    { personId: person.row.id, event: referralCareEvent(row.id, 'requested', service.name, serviceKind, now, 'create') },
  ]);
  // Audited last: the audit chain's lock is then held only until the commit.
  await recordAudit(trx, clock, access, {
    action: 'referral.create',
    entityType: 'referral',
    entityId: row.id,
    details: {
      person: person.row.id,
      pathway: pathway.pathway_id,
      version: pathway.version,
      receiver: pathway.receiver_organization_id,
      consent: consent.consentId,
      urgency: input.urgency,
      fields: Object.keys(input.answers),
    },
  });
  return row.id;
}

export function normalizeCreate(input: CreateReferral) {
  return {
    personId: input.personId,
    pathwayId: input.pathwayId,
    serviceId: input.serviceId,
    locationId: input.locationId ?? null,
    reason: input.reason,
    urgency: input.urgency ?? 'routine',
    purpose: input.purpose ?? 'treatment',
    answers: input.answers ?? {},
    criteriaConfirmed: input.criteriaConfirmed ?? [],
    consentId: input.consentId,
    note: input.note ?? null,
  };
}

export async function createReferral(
  db: Db,
  clock: Clock,
  access: AccessContext,
  input: CreateReferral,
  timeZone: string,
  options: SendOptions = {},
): Promise<ReferralDetail> {
  const id = await db.transaction().execute((trx) => sendReferral(trx, clock, access, normalizeCreate(input), timeZone, options));
  return getReferral(db, clock, access, id, options.channel);
}
