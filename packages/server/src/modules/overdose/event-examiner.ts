import { recordOverdoseSchema, type ExaminerDeath, type ExaminerReport, type OverdoseRecorded } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { type AccessContext } from '../../core/access-context.ts';
import { writeCareEvents, overdoseLinks, recordSensitivity } from '../registry/index.ts';
import { canReportAsExaminer } from './overdose-policy.ts';
import { forbidden, eventNotFound, callerOrganization } from './events.ts';
import { recordInTransaction, sendFeedback } from './event-record.ts';

/* The medical examiner's reports: an event turned fatal, or a death no one reported before. */

/**
 * A medical examiner's report on an event: it becomes fatal (disposition deceased) with the
 * examiner's note. The person's timeline gets a fatal overdose entry from the examiner's office and
 * the linked providers are told again (the prescribers read the note through the event page).
 */
export async function examinerReport(db: Db, clock: Clock, access: AccessContext, eventId: string, input: ExaminerReport): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const org = await callerOrganization(trx, access);
    if (!canReportAsExaminer(org.type, access.roles)) throw forbidden('Only a medical examiner office files an examiner report.');
    const row = await trx.selectFrom('overdose_events').selectAll().where('id', '=', eventId).executeTakeFirst();
    if (!row) throw eventNotFound();
    const now = clock.now();
    const wasFatal = row.fatal;
    await trx
      .updateTable('overdose_events')
      .set({
        fatal: true,
        disposition: 'deceased',
        examiner_note: input.note,
        examiner_organization_id: org.id,
        examiner_reported_at: now,
        ...(input.suspectedSubstances ? { suspected_substances: [...new Set(input.suspectedSubstances)] } : {}),
        updated_at: now,
      })
      .where('id', '=', eventId)
      .execute();
    let notified = 0;
    if (row.person_id !== null) {
      await writeCareEvents(trx, clock, access, { organizationId: org.id, source: 'overdose' }, [
        {
          personId: row.person_id,
          event: {
            type: 'overdose',
            occurredAt: row.occurred_at.toISOString(),
            data: { fatal: true, naloxoneDoses: row.naloxone_doses, overdoseEventId: eventId },
            externalId: `overdose:${eventId}:examiner`,
          },
        },
      ]);
      const links = await overdoseLinks(trx, now, row.person_id, {
        kind: 'overdose_events',
        sensitivity: recordSensitivity(org.type, 'overdose_events', undefined),
        sourceOrganizationId: org.id,
      });
      if (links) notified = await sendFeedback(trx, clock, access, eventId, links.users, 'fatal');
    }
    await recordAudit(trx, clock, access, {
      action: 'overdose.event.examiner-report',
      entityType: 'overdose_event',
      entityId: eventId,
      organizationId: org.id,
      details: {
        madeFatal: !wasFatal,
        fields: ['fatal', 'disposition', 'examiner_note', ...(input.suspectedSubstances ? ['suspected_substances'] : [])],
        notified,
      },
    });
  });
}

/** A death the examiner reports that no one reported before: a fatal event from the examiner's office. */
export async function examinerDeath(db: Db, clock: Clock, access: AccessContext, input: ExaminerDeath): Promise<OverdoseRecorded> {
  return db.transaction().execute(async (trx) => {
    const org = await callerOrganization(trx, access);
    if (!canReportAsExaminer(org.type, access.roles)) throw forbidden('Only a medical examiner office reports a death.');
    const parsed = recordOverdoseSchema.parse({
      occurredAt: input.occurredAt,
      latitude: input.latitude,
      longitude: input.longitude,
      areaId: input.areaId,
      fatal: true,
      disposition: 'deceased',
      suspectedSubstances: input.suspectedSubstances ?? [],
      personId: input.personId ?? null,
    });
    const { alreadyPresent: _, ...result } = await recordInTransaction(
      trx,
      clock,
      access,
      org,
      { ...parsed, examinerNote: input.note },
      {},
    );
    return result;
  });
}
