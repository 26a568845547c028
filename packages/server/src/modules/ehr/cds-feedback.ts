import type { CdsFeedbackRequest } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { recordAudit } from '../audit/index.ts';

/**
 * CDS Hooks 2.0 feedback (https://cds-hooks.hl7.org/2.0/#feedback): what the clinician did with each
 * card — accepted (and which suggestions) or overridden (with the reason and comment). Stored for the
 * prescriber feedback and rule review, and audited once per call (counts only).
 */
export async function recordCdsFeedback(
  db: Db,
  clock: Clock,
  access: AccessContext,
  serviceId: string,
  input: CdsFeedbackRequest,
): Promise<{ recorded: number }> {
  const organizationId = access.organizationId;
  if (organizationId === null) throw new AppError('ORGANIZATION_NOT_SELECTED');
  const now = clock.now();
  const connectionId = access.actor.type === 'client' ? access.actor.clientId : null;
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('cds_feedback')
      .values(
        input.feedback.map((f) => ({
          organization_id: organizationId,
          connection_id: connectionId,
          service_id: serviceId,
          card_uuid: f.card,
          outcome: f.outcome,
          accepted_suggestions: (f.acceptedSuggestions ?? []).map((s) => s.id),
          override_reason_code: f.overrideReason?.reason?.code ?? null,
          override_reason_system: f.overrideReason?.reason?.system ?? null,
          override_comment: f.overrideReason?.userComment ?? null,
          outcome_at: new Date(f.outcomeTimestamp),
          received_at: now,
        })),
      )
      .execute();
    await recordAudit(trx, clock, access, {
      action: 'cds.feedback',
      entityType: 'cds_service',
      entityId: serviceId,
      details: {
        accepted: input.feedback.filter((f) => f.outcome === 'accepted').length,
        overridden: input.feedback.filter((f) => f.outcome === 'overridden').length,
      },
    });
    return { recorded: input.feedback.length };
  });
}

/** The FHIR Identifier.system of an EHR connection's medical record numbers (null: match identifiers typed "MR"). */
export async function connectionIdentifierSystem(db: Db, access: AccessContext): Promise<string | null> {
  if (access.actor.type !== 'client') return null;
  const row = await db.selectFrom('ehr_connections').select('identifier_system').where('id', '=', access.actor.clientId).executeTakeFirst();
  return row?.identifier_system ?? null;
}
