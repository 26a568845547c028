import {
  addHours,
  worklistTaskKindLabels,
  type OrganizationType,
  type OverdoseRecorded,
  type RecordOverdoseParsed,
  type Sensitivity,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import { notify } from '../notifications/index.ts';
import { writeCareEvents, filterVisible, overdoseLinks, type LinkedUser, readContext, recordSensitivity } from '../registry/index.ts';
import { createWorklistTask } from '../worklist/index.ts';
import { canRecordOverdose, sourceTypeFor } from './overdose-policy.ts';
import { insertNaloxone } from './naloxone.ts';
import { checkThreshold, loadOverdoseSettings } from './spike-service.ts';
import { forbidden, callerOrganization } from './events.ts';
import { type AreaPoint, loadAreaPoints, areaOf } from './event-areas.ts';

/*
 * Recording one overdose: the event, the person's `overdose` care event, feedback to the linked
 * providers the chokepoint allows, the post-overdose outreach task and the area's threshold check.
 */

/** The person as the caller may see them (survivor id), or a 400 naming the field: a person you may not see is "not found". */
async function visiblePersonId(trx: DbOrTrx, clock: Clock, access: AccessContext, personId: string, path: string): Promise<string> {
  const [v] = await filterVisible(trx, readContext(access, clock), [personId]);
  if (!v)
    throw new AppError('VALIDATION_FAILED', {
      message: 'No person with that id.',
      fields: [{ path: `${path}personId`, message: 'No person with that id that you may see' }],
    });
  return v.person.row.id;
}

export interface RecordOptions {
  /** Field path prefix for errors (CSV rows). */
  path?: string;
  areas?: AreaPoint[];
  /** Skip the threshold check (the import runs it once per area at the end). */
  skipThreshold?: boolean;
}

/** Records one overdose in the caller's transaction; returns what happened. */
export async function recordInTransaction(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  org: { id: string; type: OrganizationType },
  input: RecordOverdoseParsed & { examinerNote?: string },
  options: RecordOptions,
): Promise<OverdoseRecorded & { alreadyPresent: boolean }> {
  const path = options.path ?? '';
  // One area by id is one row; only coordinates need every area's centre.
  const areas =
    options.areas ??
    (input.areaId !== undefined
      ? await trx.selectFrom('areas').select(['id', 'name', 'latitude', 'longitude']).where('id', '=', input.areaId).execute()
      : await loadAreaPoints(trx));
  const area = areaOf(areas, input, path);
  const personId = input.personId ? await visiblePersonId(trx, clock, access, input.personId, path) : null;
  const now = clock.now();
  const sourceType = sourceTypeFor(org.type);
  const sensitivity = recordSensitivity(org.type, 'overdose_events', undefined);
  const isExaminer = input.examinerNote !== undefined;
  const inserted = await trx
    .insertInto('overdose_events')
    .values({
      occurred_at: new Date(input.occurredAt),
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      area_id: area.id,
      fatal: input.fatal,
      naloxone_doses: input.naloxoneDoses,
      naloxone_by: [...new Set(input.naloxoneBy)],
      suspected_substances: [...new Set(input.suspectedSubstances)],
      disposition: input.fatal && input.disposition === 'unknown' ? 'deceased' : input.disposition,
      reporting_organization_id: org.id,
      source_type: sourceType,
      person_id: personId,
      sensitivity,
      care_event_id: null,
      examiner_note: input.examinerNote ?? null,
      examiner_organization_id: isExaminer ? org.id : null,
      examiner_reported_at: isExaminer ? now : null,
      external_id: input.externalId ?? null,
      created_by_user_id: actorUserId(access),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['reporting_organization_id', 'external_id']).where('external_id', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const existing = await trx
      .selectFrom('overdose_events')
      .select(['id', 'area_id', 'care_event_id'])
      .where('reporting_organization_id', '=', org.id)
      .where('external_id', '=', input.externalId!)
      .executeTakeFirstOrThrow();
    return {
      id: existing.id,
      areaId: existing.area_id,
      careEventId: existing.care_event_id,
      outreachTaskId: null,
      notified: 0,
      alertIds: [],
      alreadyPresent: true,
    };
  }
  const id = inserted.id;
  let careEventId: string | null = null;
  let outreachTaskId: string | null = null;
  let notified = 0;
  if (personId !== null) {
    const written = await writeCareEvents(trx, clock, access, { organizationId: org.id, source: 'overdose' }, [
      {
        personId,
        event: {
          type: 'overdose',
          occurredAt: new Date(input.occurredAt).toISOString(),
          data: { fatal: input.fatal, naloxoneDoses: input.naloxoneDoses, overdoseEventId: id },
          externalId: `overdose:${id}`,
        },
      },
    ]);
    careEventId = written.ids[0] ?? null;
    await trx.updateTable('overdose_events').set({ care_event_id: careEventId }).where('id', '=', id).execute();
    const links = await overdoseLinks(trx, now, personId, { kind: 'overdose_events', sensitivity, sourceOrganizationId: org.id });
    if (links) {
      notified = await sendFeedback(trx, clock, access, id, links.users, input.fatal ? 'fatal' : 'reported');
      if (!input.fatal && careEventId !== null)
        outreachTaskId = await createOutreach(trx, clock, access, {
          eventId: id,
          careEventId,
          personId: links.personId,
          careTeam: links.careTeam,
          signal: { organizationId: org.id, sensitivity, occurredAt: new Date(input.occurredAt) },
          permittedOrganizations: new Set(links.users.filter((u) => u.permitted).map((u) => u.organizationId)),
        });
    }
  }
  if (input.leaveBehindKits > 0) {
    await insertNaloxone(
      trx,
      clock,
      access,
      org.id,
      {
        distributedAt: new Date(input.occurredAt).toISOString(),
        areaId: area.id,
        place: 'Left at the scene',
        recipientCategory: personId !== null ? 'person_at_risk' : 'family_member',
        kits: input.leaveBehindKits,
        leaveBehind: true,
        overdoseEventId: id,
        personId,
      },
      personId,
    );
  }
  const alertIds = options.skipThreshold
    ? []
    : await checkThreshold(trx, clock, access, area.id, new Date(input.occurredAt), await loadOverdoseSettings(trx));
  await recordAudit(trx, clock, access, {
    action: 'overdose.event.record',
    entityType: 'overdose_event',
    entityId: id,
    organizationId: org.id,
    details: {
      source: sourceType,
      fatal: input.fatal,
      personLinked: personId !== null,
      notified,
      outreachTask: outreachTaskId !== null,
      alerts: alertIds.length,
    },
  });
  return { id, areaId: area.id, careEventId, outreachTaskId, notified, alertIds, alreadyPresent: false };
}

/**
 * Tells every linked user the chokepoint lets see this record — without naming the person; the
 * link opens the event page, where the chokepoint decides again — and records each notice.
 */
export async function sendFeedback(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  eventId: string,
  users: readonly LinkedUser[],
  trigger: 'reported' | 'fatal',
): Promise<number> {
  const actor = actorUserId(access);
  const byUser = new Map<string, LinkedUser>();
  for (const u of users) if (u.permitted && u.userId !== actor && !byUser.has(u.userId)) byUser.set(u.userId, u);
  if (byUser.size === 0) return 0;
  const now = clock.now();
  const recorded = await trx
    .insertInto('overdose_feedback_notices')
    .values(
      [...byUser.values()].map((u) => ({
        overdose_event_id: eventId,
        user_id: u.userId,
        organization_id: u.organizationId,
        reasons: u.reasons,
        trigger,
        notified_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['overdose_event_id', 'user_id', 'trigger']).doNothing())
    .returning('user_id')
    .execute();
  if (recorded.length === 0) return 0;
  await notify(trx, clock, {
    kind: 'overdose.linked-person',
    title:
      trigger === 'fatal'
        ? 'A death from overdose involving a person in your care was reported'
        : 'An overdose involving a person in your care was reported',
    body: 'Open the link to see what you may see about it.',
    link: `/overdose-response/events/${eventId}`,
    userIds: recorded.map((r) => r.user_id),
    dedupeKey: `overdose:${eventId}:${trigger}`,
    webhook: {
      organizationIds: [...new Set([...byUser.values()].map((u) => u.organizationId))],
      payload: { overdoseEventId: eventId, trigger },
    },
  });
  return recorded.length;
}

const NAVIGATOR_TEAM_ROLES = new Set(['care_navigator', 'peer_support', 'case_manager']);

/** The post-overdose outreach task: the person's navigator team, else the network's outreach organization. */
async function createOutreach(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  input: {
    eventId: string;
    careEventId: string;
    personId: string;
    careTeam: readonly { organizationId: string; userId: string | null; role: string }[];
    signal: { organizationId: string; sensitivity: Sensitivity; occurredAt: Date };
    /** Organizations whose linked staff the access decision lets see the record. */
    permittedOrganizations: ReadonlySet<string>;
  },
): Promise<string | null> {
  const settings = await loadOverdoseSettings(trx);
  // A navigator team that may see the reporter's record (docs/decisions/0009): a named navigator first.
  const eligible = input.careTeam.filter(
    (m) =>
      NAVIGATOR_TEAM_ROLES.has(m.role) &&
      (m.organizationId === input.signal.organizationId || input.permittedOrganizations.has(m.organizationId)),
  );
  const navigator = eligible.find((m) => m.userId !== null) ?? eligible[0];
  const organizationId = navigator?.organizationId ?? settings.outreachOrganizationId;
  if (!organizationId) return null;
  const task = await createWorklistTask(trx, clock, access, {
    kind: 'post_overdose',
    personId: input.personId,
    organizationId,
    assigneeUserId: navigator?.userId ?? null,
    dueAt: addHours(clock.now(), settings.outreachDueHours),
    reason: `${worklistTaskKindLabels.post_overdose}: a non-fatal overdose was reported. Reach out within ${settings.outreachDueHours} hours; offer naloxone and a referral to treatment (nearby services are on the task).`,
    source: { type: 'overdose_event', id: input.eventId },
    dedupeKey: `post_overdose:${input.careEventId}`,
    // The task reveals the reporter's overdose record: the chokepoint decides on that record.
    signal: input.signal,
  });
  return task.id;
}

export async function recordOverdose(db: Db, clock: Clock, access: AccessContext, input: RecordOverdoseParsed): Promise<OverdoseRecorded> {
  if (!canRecordOverdose(access.roles)) throw forbidden('Your role does not record overdoses.');
  return db.transaction().execute(async (trx) => {
    const org = await callerOrganization(trx, access);
    const { alreadyPresent: _, ...result } = await recordInTransaction(trx, clock, access, org, input, {});
    return result;
  });
}
