import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { systemAccess } from '../../core/access-context.ts';
import { readWorklistSignals, type WorklistSignalWindows } from '../registry/index.ts';
import { evaluatePersonSignals, type TaskProposal } from './rules.ts';
import { createWorklistTask } from './tasks.ts';

/** Tasks created per transaction, so the embedded database's one connection serves requests in between. */
const CHUNK = 100;

export interface WorklistRunResult {
  people: number;
  proposals: number;
  created: number;
  reopened: number;
}

/**
 * One run of the worklist rules: read recent signals through the registry, evaluate the rules and
 * create the tasks they propose (the dedupe key makes a repeated run a no-op), and put snoozed
 * tasks whose snooze has ended back on the worklist. Idempotent.
 */
export async function runWorklistRules(db: Db, clock: Clock, windows?: WorklistSignalWindows): Promise<WorklistRunResult> {
  const now = clock.now();
  const access = systemAccess('worklist rules');
  const people = await db.transaction().execute((trx) => readWorklistSignals(trx, clock, windows));
  const proposals: TaskProposal[] = people.flatMap((p) => evaluatePersonSignals(p, now));
  let created = 0;
  for (let i = 0; i < proposals.length; i += CHUNK) {
    await db.transaction().execute(async (trx) => {
      for (const p of proposals.slice(i, i + CHUNK)) {
        const result = await createWorklistTask(trx, clock, access, {
          kind: p.kind,
          personId: p.personId,
          organizationId: p.organizationId,
          assigneeUserId: p.assigneeUserId,
          dueAt: p.dueAt,
          reason: p.reason,
          source: p.source,
          dedupeKey: p.dedupeKey,
          signal: { organizationId: p.signal.organizationId, sensitivity: p.signal.sensitivity, occurredAt: p.signal.occurredAt },
        });
        if (result.created) created++;
      }
    });
  }
  const reopened = await reopenEndedSnoozes(db, clock);
  return { people: people.length, proposals: proposals.length, created, reopened };
}

/** Snoozed tasks whose time has come are open again (the list already shows them so; this keeps the stored state true). */
export async function reopenEndedSnoozes(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .updateTable('worklist_tasks')
      .set({ status: 'open', updated_at: now })
      .where('status', '=', 'snoozed')
      .where('snoozed_until', '<=', now)
      .returning(['id', 'organization_id'])
      .execute();
    for (const r of rows) {
      await recordAudit(trx, clock, systemAccess('worklist rules'), {
        action: 'worklist.task.snooze-ended',
        entityType: 'worklist_task',
        entityId: r.id,
        organizationId: r.organization_id,
      });
    }
    return rows.length;
  });
}
