import { worklistTaskKindLabels, type Sensitivity, type WorklistSourceType, type WorklistTaskKind } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import { notify } from '../notifications/index.ts';
import { recordSensitivity } from '../registry/index.ts';
import { taskRecordKind } from './rules.ts';
import { requireOrganization } from '../organizations/index.ts';

export interface NewWorklistTask {
  kind: WorklistTaskKind;
  personId: string;
  /** The team that owns the task: its care navigators see it on their worklist. */
  organizationId: string;
  assigneeUserId?: string | null;
  dueAt: Date;
  /** Why, in words a navigator acts on. Never put identifiers here: notifications carry it. */
  reason: string;
  source?: { type: WorklistSourceType; id: string | null };
  /** One task per key, ever (e.g. `post_overdose:<care event id>`, `no_show:<referral id>`). */
  dedupeKey: string | null;
  /**
   * The record the task reveals, for the consent chokepoint: the organization that recorded the
   * signal (default: the owning organization), its sensitivity (default: from that organization's
   * type, Part 2 programs' records being `part2`) and when it happened.
   */
  signal?: { organizationId: string; sensitivity?: Sensitivity; occurredAt?: Date | null };
}

/**
 * Creates an outreach task, unless one with the same dedupe key exists, in the caller's
 * transaction (so a task exists exactly when the signal that caused it commits). The assignee, or
 * else the owning team's navigators, get an inbox notification. Audited.
 */
export async function createWorklistTask(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  task: NewWorklistTask,
): Promise<{ id: string; created: boolean }> {
  const now = clock.now();
  const signalOrganizationId = task.signal?.organizationId ?? task.organizationId;
  const signalOrg = await requireOrganization(trx, signalOrganizationId);
  const inserted = await trx
    .insertInto('worklist_tasks')
    .values({
      person_id: task.personId,
      organization_id: task.organizationId,
      kind: task.kind,
      status: 'open',
      reason: task.reason,
      due_at: task.dueAt,
      assignee_user_id: task.assigneeUserId ?? null,
      snoozed_until: null,
      snooze_reason: null,
      outcome: null,
      outcome_note: null,
      source_type: task.source?.type ?? 'none',
      source_id: task.source?.id ?? null,
      dedupe_key: task.dedupeKey,
      created_by_user_id: actorUserId(access),
      created_at: now,
      updated_at: now,
      completed_at: null,
      completed_by_user_id: null,
      signal_organization_id: signalOrganizationId,
      signal_sensitivity: recordSensitivity(signalOrg.type, taskRecordKind[task.kind], task.signal?.sensitivity),
      signal_at: task.signal?.occurredAt ?? null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const existing = await trx.selectFrom('worklist_tasks').select('id').where('dedupe_key', '=', task.dedupeKey).executeTakeFirstOrThrow();
    return { id: existing.id, created: false };
  }
  await recordAudit(trx, clock, access, {
    action: 'worklist.task.create',
    entityType: 'worklist_task',
    entityId: inserted.id,
    organizationId: task.organizationId,
    details: { kind: task.kind, person: task.personId, source: task.source?.type ?? 'none' },
  });
  await notify(trx, clock, {
    kind: 'outreach.assigned',
    // The title names the kind of outreach only: inbox and email must not carry who it is about.
    title: `New outreach task: ${worklistTaskKindLabels[task.kind]}`,
    body: `Due ${task.dueAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. Open the worklist to see who and why.`,
    link: `/worklist/${inserted.id}`,
    ...(task.assigneeUserId
      ? { userIds: [task.assigneeUserId] }
      : { organizations: [{ organizationId: task.organizationId, roles: ['care_navigator'] }] }),
    dedupeKey: `worklist:${inserted.id}`,
  });
  return { id: inserted.id, created: true };
}
