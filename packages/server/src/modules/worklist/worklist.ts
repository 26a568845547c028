// Longer than 300 lines: the worklist's reads and task actions share the task visibility check through authorizeRecords.
import {
  worklistRoles,
  checkPersonFirstLanguage,
  part2Notice,
  worklistContactMethodLabels,
  worklistContactResultLabels,
  worklistTaskKindLabels,
  type AssignWorklistTask,
  type CompleteWorklistTask,
  type CreateWorklistTask,
  type LanguageFlag,
  type LogContactAttempt,
  type SnoozeWorklistTask,
  type WorklistChangeResult,
  type WorklistPage,
  type WorklistTask,
  type WorklistTaskDetail,
  DAY_MS,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import { notify } from '../notifications/index.ts';
import { writeCareEvents, authorizeRecords, filterVisible, type RecordToRead, readContext, readPersonContact } from '../registry/index.ts';
import { taskRecordKind } from './rules.ts';
import { createWorklistTask } from './tasks.ts';
import type { WorklistTasksTable } from './worklist.table.ts';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { worklistListQuerySchema } from '@continuum/contracts';
import { requireOrganization } from '../organizations/index.ts';
import { activeMemberships, userDisplayNameOf } from '../identity/index.ts';

/** Who works a worklist: the owning organization's care navigators, clinicians and administrators (the contract's role table). */
export const WORKLIST_ROLES = worklistRoles;
/** Outreach is care coordination (a TPO consent covers it; 42 CFR 2.33). */
const PURPOSE = 'care_coordination' as const;
/** Longest snooze: a task set aside longer than this should be completed ("not needed") instead. */
export const MAX_SNOOZE_DAYS = 30;

type TaskRow = Selectable<WorklistTasksTable> & { assignee_name: string | null };
type ListQuery = z.output<typeof worklistListQuerySchema>;

export function requireWorklistRole(access: AccessContext): string {
  if (access.organizationId === null) throw new AppError('ORGANIZATION_NOT_SELECTED');
  if (!access.roles.some((r) => WORKLIST_ROLES.includes(r))) throw new AppError('FORBIDDEN');
  return access.organizationId;
}

const taskNotFound = () => new AppError('WORKLIST_TASK_NOT_FOUND', { message: 'No such outreach task in your organization.' });

function baseQuery(trx: DbOrTrx) {
  return trx.selectFrom('worklist_tasks as t').selectAll('t').select(userDisplayNameOf('t.assignee_user_id').as('assignee_name'));
}

function recordOf(row: TaskRow): RecordToRead {
  return {
    personId: row.person_id,
    kind: taskRecordKind[row.kind],
    sensitivity: row.signal_sensitivity,
    sourceOrganizationId: row.signal_organization_id,
    ref: { type: 'worklist_task', id: row.id },
  };
}

/** A snooze that has ended counts as open, whether or not the job has put it back yet. */
function effectiveStatus(row: TaskRow, now: Date): WorklistTask['status'] {
  if (row.status === 'snoozed' && row.snoozed_until !== null && row.snoozed_until.getTime() <= now.getTime()) return 'open';
  return row.status;
}

function toItem(row: TaskRow, now: Date, permitted: { person: WorklistTask['person'] } | undefined): WorklistTask {
  const status = effectiveStatus(row, now);
  return {
    id: row.id,
    kind: row.kind,
    status,
    dueAt: row.due_at.toISOString(),
    overdue: status !== 'done' && row.due_at.getTime() < now.getTime(),
    restricted: permitted === undefined,
    person: permitted?.person ?? null,
    reason: permitted ? row.reason : null,
    organizationId: row.organization_id,
    assignee: row.assignee_user_id ? { id: row.assignee_user_id, name: row.assignee_name ?? '' } : null,
    snoozedUntil: status === 'snoozed' ? row.snoozed_until!.toISOString() : null,
    snoozeReason: status === 'snoozed' && permitted ? row.snooze_reason : null,
    outcome: row.outcome,
    createdAt: row.created_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
  };
}

/**
 * Tasks as the caller may see them: every task goes through the chokepoint as a record of its
 * signal's kind and source; a task about a person (or a signal) the caller may not see stays on
 * the list as a restricted row (kind, status, due time, assignee), so the team's workload is
 * visible without disclosing who it is about.
 */
async function authorizeTasks(trx: DbOrTrx, access: AccessContext, clock: Clock, rows: readonly TaskRow[]) {
  const ctx = readContext(access, clock, PURPOSE);
  const { permitted } = await authorizeRecords(trx, ctx, rows.map(recordOf));
  return new Map(permitted.map((p) => [p.ref.id, p]));
}

/**
 * The list query for one organization (and, for `mine`, one user): spelled so the planner walks a
 * partial index on open tasks in due order (`worklist_tasks_open_idx` for the team,
 * `worklist_tasks_assignee_idx` for mine) and stops at the page. Exported for the benchmark's EXPLAIN.
 */
export function worklistListQuery(trx: DbOrTrx, organizationId: string, userId: string | null, query: ListQuery, now: Date) {
  let q = baseQuery(trx).where('t.organization_id', '=', organizationId);
  if (query.scope === 'mine') q = q.where('t.assignee_user_id', '=', userId ?? '00000000-0000-0000-0000-000000000000');
  if (query.status === 'done') q = q.where('t.status', '=', 'done');
  else {
    // The partial indexes' predicate, spelled out so they qualify.
    q = q.where('t.status', '<>', 'done');
    if (query.status === 'open') q = q.where((eb) => eb.or([eb('t.status', '=', 'open'), eb('t.snoozed_until', '<=', now)]));
    if (query.status === 'snoozed') q = q.where('t.status', '=', 'snoozed').where('t.snoozed_until', '>', now);
  }
  if (query.kind) q = q.where('t.kind', '=', query.kind);
  if (query.personId) q = q.where('t.person_id', '=', query.personId);
  if (query.overdue === true) q = q.where('t.due_at', '<', now);
  if (query.overdue === false) q = q.where('t.due_at', '>=', now);
  q = query.status === 'done' ? q.orderBy('t.completed_at', 'desc') : q.orderBy('t.due_at');
  return q
    .orderBy('t.id')
    .offset(query.offset)
    .limit(query.limit + 1);
}

/** The caller's worklist: their tasks or their organization's, filtered, soonest due first (overdue on top). */
export async function listWorklist(trx: DbOrTrx, clock: Clock, access: AccessContext, query: ListQuery): Promise<WorklistPage> {
  const organizationId = requireWorklistRole(access);
  const now = clock.now();
  const userId = actorUserId(access);
  if (query.scope === 'mine' && userId === null) return { items: [], hasMore: false };
  const rows = await worklistListQuery(trx, organizationId, userId, query, now).execute();
  const page = rows.slice(0, query.limit);
  const permitted = await authorizeTasks(trx, access, clock, page);
  return { items: page.map((r) => toItem(r, now, permitted.get(r.id))), hasMore: rows.length > query.limit };
}

async function loadTask(trx: DbOrTrx, organizationId: string, id: string, lock = false): Promise<TaskRow> {
  let q = baseQuery(trx).where('t.id', '=', id).where('t.organization_id', '=', organizationId);
  if (lock) q = q.forUpdate('t');
  const row = await q.executeTakeFirst();
  if (!row) throw taskNotFound();
  return row;
}

/** One task with the person's summary and contact details, why it exists, and every contact attempt. */
export async function getWorklistTask(trx: DbOrTrx, clock: Clock, access: AccessContext, id: string): Promise<WorklistTaskDetail> {
  const organizationId = requireWorklistRole(access);
  const now = clock.now();
  const row = await loadTask(trx, organizationId, id);
  const permitted = (await authorizeTasks(trx, access, clock, [row])).get(row.id);
  const [signalOrg, attempts, assignable] = await Promise.all([
    requireOrganization(trx, row.signal_organization_id),
    permitted
      ? trx
          .selectFrom('worklist_contact_attempts as a')
          .select(['a.id', 'a.method', 'a.result', 'a.note', 'a.attempted_at', 'a.user_id'])
          .select(userDisplayNameOf('a.user_id').as('display_name'))
          .where('a.task_id', '=', row.id)
          .orderBy('a.attempted_at', 'desc')
          .execute()
      : Promise.resolve([]),
    assignableUsers(trx, organizationId),
  ]);
  const contact = permitted ? await readPersonContact(trx, readContext(access, clock, PURPOSE), row.person_id) : null;
  const disclosesPart2 = permitted !== undefined && row.signal_sensitivity === 'part2' && permitted.basis !== 'own_organization';
  return {
    ...toItem(row, now, permitted),
    outcomeNote: permitted ? row.outcome_note : null,
    contact,
    signal: {
      organizationId: row.signal_organization_id,
      organizationName: signalOrg.name,
      occurredAt: row.signal_at?.toISOString() ?? null,
      source: { type: row.source_type, id: row.source_id },
    },
    attempts: attempts.map((a) => ({
      id: a.id,
      method: a.method as WorklistTaskDetail['attempts'][number]['method'],
      result: a.result as WorklistTaskDetail['attempts'][number]['result'],
      note: a.note,
      attemptedAt: a.attempted_at.toISOString(),
      user: a.user_id ? { id: a.user_id, name: a.display_name ?? '' } : null,
    })),
    assignableUsers: assignable,
    // 42 CFR 2.32: the task reveals a Part 2 program's record to another organization.
    redisclosureNotice: disclosesPart2 ? part2Notice.en.full : null,
  };
}

/** Active staff of the organization holding the care navigator role. */
async function assignableUsers(trx: DbOrTrx, organizationId: string) {
  const rows = await activeMemberships(trx, { organizationIds: [organizationId], anyRole: ['care_navigator'] });
  return rows.map((r) => ({ id: r.userId, name: r.displayName }));
}

/** Runs a change on an open task of the caller's organization in one transaction, and answers with the task as it is now. */
async function changeTask(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  change: (trx: DbOrTrx, row: TaskRow, organizationId: string) => Promise<void>,
  note?: string | null,
): Promise<WorklistChangeResult> {
  const organizationId = requireWorklistRole(access);
  return db.transaction().execute(async (trx) => {
    const row = await loadTask(trx, organizationId, id, true);
    if (row.status === 'done') throw new AppError('WORKLIST_TASK_CLOSED', { message: 'This task is already done.' });
    await change(trx, row, organizationId);
    const updated = await loadTask(trx, organizationId, id);
    const permitted = (await authorizeTasks(trx, access, clock, [updated])).get(id);
    const languageFlags: LanguageFlag[] = note ? checkPersonFirstLanguage(note) : [];
    return { task: toItem(updated, clock.now(), permitted), languageFlags };
  });
}

/** Assigns the task to a care navigator of the owning organization (or to nobody: back to the team). */
export async function assignWorklistTask(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  input: AssignWorklistTask,
): Promise<WorklistChangeResult> {
  return changeTask(db, clock, access, id, async (trx, row, organizationId) => {
    if (input.userId !== null && !(await assignableUsers(trx, organizationId)).some((u) => u.id === input.userId)) {
      throw new AppError('VALIDATION_FAILED', {
        message: 'Assign the task to a care navigator of your organization.',
        fields: [{ path: 'body.userId', message: 'Not a care navigator of this organization' }],
      });
    }
    const now = clock.now();
    await trx.updateTable('worklist_tasks').set({ assignee_user_id: input.userId, updated_at: now }).where('id', '=', row.id).execute();
    await recordAudit(trx, clock, access, {
      action: 'worklist.task.assign',
      entityType: 'worklist_task',
      entityId: row.id,
      organizationId,
      details: { assigned: input.userId !== null },
    });
    if (input.userId !== null && input.userId !== actorUserId(access)) {
      await notify(trx, clock, {
        kind: 'outreach.assigned',
        title: `Outreach task assigned to you: ${worklistTaskKindLabels[row.kind]}`,
        body: `Due ${row.due_at.toISOString().slice(0, 16).replace('T', ' ')} UTC. Open the worklist to see who and why.`,
        link: `/worklist/${row.id}`,
        userIds: [input.userId],
        dedupeKey: `worklist:${row.id}:assign:${now.toISOString()}`,
      });
    }
  });
}

/** Sets the task aside until a time, with a reason; it comes back on the worklist by itself. */
export async function snoozeWorklistTask(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  input: SnoozeWorklistTask,
): Promise<WorklistChangeResult> {
  const now = clock.now();
  const until = new Date(input.until);
  if (until.getTime() <= now.getTime() || until.getTime() - now.getTime() > MAX_SNOOZE_DAYS * DAY_MS) {
    throw new AppError('VALIDATION_FAILED', {
      message: `A snooze ends in the future, within ${MAX_SNOOZE_DAYS} days.`,
      fields: [{ path: 'body.until', message: `Choose a time in the next ${MAX_SNOOZE_DAYS} days` }],
    });
  }
  return changeTask(
    db,
    clock,
    access,
    id,
    async (trx, row, organizationId) => {
      await trx
        .updateTable('worklist_tasks')
        .set({ status: 'snoozed', snoozed_until: until, snooze_reason: input.reason, updated_at: now })
        .where('id', '=', row.id)
        .execute();
      await recordAudit(trx, clock, access, {
        action: 'worklist.task.snooze',
        entityType: 'worklist_task',
        entityId: row.id,
        organizationId,
        details: { until: until.toISOString() },
      });
    },
    input.reason,
  );
}

/** Closes the task with an outcome and an optional note. */
export async function completeWorklistTask(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  input: CompleteWorklistTask,
): Promise<WorklistChangeResult> {
  const now = clock.now();
  return changeTask(
    db,
    clock,
    access,
    id,
    async (trx, row, organizationId) => {
      await trx
        .updateTable('worklist_tasks')
        .set({
          status: 'done',
          outcome: input.outcome,
          outcome_note: input.note || null,
          completed_at: now,
          completed_by_user_id: actorUserId(access),
          snoozed_until: null,
          updated_at: now,
        })
        .where('id', '=', row.id)
        .execute();
      await recordAudit(trx, clock, access, {
        action: 'worklist.task.complete',
        entityType: 'worklist_task',
        entityId: row.id,
        organizationId,
        details: { outcome: input.outcome, note: Boolean(input.note) },
      });
    },
    input.note,
  );
}

/**
 * Logs a contact attempt (method, result, note, time). The attempt also goes on the person's
 * timeline as a care note of the caller's organization — method and result only; the free-text
 * note stays on the task — so the person's care team sees that outreach happened.
 */
export async function logContactAttempt(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  input: LogContactAttempt,
): Promise<WorklistChangeResult> {
  const now = clock.now();
  const attemptedAt = input.attemptedAt ? new Date(input.attemptedAt) : now;
  if (attemptedAt.getTime() > now.getTime() + 60_000) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'A contact attempt cannot be in the future.',
      fields: [{ path: 'body.attemptedAt', message: 'Not in the future' }],
    });
  }
  return changeTask(
    db,
    clock,
    access,
    id,
    async (trx, row, organizationId) => {
      const permitted = (await authorizeTasks(trx, access, clock, [row])).get(row.id);
      // Logging outreach to a person the caller may not see would write to their record blind.
      if (!permitted)
        throw new AppError('FORBIDDEN', { message: "You may not see this person's record, so you cannot log outreach for them." });
      const attempt = await trx
        .insertInto('worklist_contact_attempts')
        .values({
          task_id: row.id,
          method: input.method,
          result: input.result,
          note: input.note || null,
          attempted_at: attemptedAt,
          user_id: actorUserId(access),
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.updateTable('worklist_tasks').set({ updated_at: now }).where('id', '=', row.id).execute();
      await writeCareEvents(trx, clock, access, { organizationId, source: 'worklist' }, [
        {
          personId: row.person_id,
          event: {
            type: 'note',
            occurredAt: attemptedAt.toISOString(),
            title: 'Outreach contact attempt',
            detail: `${worklistContactMethodLabels[input.method]}: ${worklistContactResultLabels[input.result].toLowerCase()}`,
            externalId: `worklist-attempt:${attempt.id}`,
            data: {},
          },
        },
      ]);
      await recordAudit(trx, clock, access, {
        action: 'worklist.task.contact-attempt',
        entityType: 'worklist_task',
        entityId: row.id,
        organizationId,
        details: { method: input.method, result: input.result, note: Boolean(input.note) },
      });
    },
    input.note,
  );
}

/**
 * A task made by hand (kind `manual`) for a person the caller may see, owned by the caller's
 * organization and assigned to the caller unless another of its care navigators is named.
 */
export async function createManualWorklistTask(
  db: Db,
  clock: Clock,
  access: AccessContext,
  input: CreateWorklistTask,
): Promise<WorklistChangeResult & { id: string }> {
  const organizationId = requireWorklistRole(access);
  const now = clock.now();
  const dueAt = new Date(input.dueAt);
  if (dueAt.getTime() < now.getTime() - DAY_MS || dueAt.getTime() > now.getTime() + 365 * DAY_MS) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'A task is due within the next year.',
      fields: [{ path: 'body.dueAt', message: 'Choose a time from today to a year ahead' }],
    });
  }
  return db.transaction().execute(async (trx) => {
    const [visible] = await filterVisible(trx, readContext(access, clock, PURPOSE), [input.personId]);
    if (!visible) throw new AppError('PERSON_NOT_FOUND', { message: 'No such person, or you may not see them.' });
    const assigneeUserId = input.assigneeUserId === undefined ? actorUserId(access) : input.assigneeUserId;
    if (assigneeUserId !== null && !(await assignableUsers(trx, organizationId)).some((u) => u.id === assigneeUserId)) {
      throw new AppError('VALIDATION_FAILED', {
        message: 'Assign the task to a care navigator of your organization.',
        fields: [{ path: 'body.assigneeUserId', message: 'Not a care navigator of this organization' }],
      });
    }
    const { id } = await createWorklistTask(trx, clock, access, {
      kind: 'manual',
      personId: visible.person.row.id,
      organizationId,
      assigneeUserId,
      dueAt,
      reason: input.reason,
      source: { type: 'none', id: null },
      dedupeKey: null,
      signal: { organizationId, occurredAt: now },
    });
    const row = await loadTask(trx, organizationId, id);
    const permitted = (await authorizeTasks(trx, access, clock, [row])).get(id);
    return { id, task: toItem(row, now, permitted), languageFlags: checkPersonFirstLanguage(input.reason) };
  });
}
