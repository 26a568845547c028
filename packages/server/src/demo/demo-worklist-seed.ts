import { sql } from 'kysely';
import {
  worklistContactMethodLabels,
  worklistContactResultLabels,
  type WorklistContactMethod,
  type WorklistContactResult,
  type WorklistTaskOutcome,
  HOUR_MS,
  DAY_MS,
  addDays,
} from '@continuum/contracts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { systemAccess } from '../core/access-context.ts';
import { writeCareEvents } from '../modules/registry/index.ts';
import { runWorklistRules, type WorklistRunResult } from '../modules/worklist/index.ts';
import { Random, weightedPicker } from './random.ts';

/** The rules run as if the job had been running: ten days ago, four days ago and now. */
const RUN_DAYS_AGO = [10, 4, 0];
/** Tasks due more than this long ago have been worked by now: an attempt or two, then an outcome. */
const WORKED_AFTER_MS = 2 * DAY_MS;

const outcome = weightedPicker<WorklistTaskOutcome>([
  ['reached', 3],
  ['reengaged_in_care', 2],
  ['accepted_referral', 1.5],
  ['accepted_naloxone', 0.5],
  ['unable_to_reach', 2.5],
  ['declined', 1],
]);
const missedResult = weightedPicker<WorklistContactResult>([
  ['no_answer', 4],
  ['left_message', 3],
  ['wrong_number', 1],
  ['not_found', 1],
]);

const at = (time: Date): Clock => ({ now: () => time });
const DEMO_ACCESS = systemAccess('demo seed');

/**
 * The demo worklist, as if the 15-minute job had been running: the rules run over the seeded care
 * events ten days ago, four days ago and now (so tasks are made when their signal appears, and are
 * due soon after it). Tasks due more than two days ago have been worked — a contact attempt by one
 * of the owning organization's navigators, then an outcome; about a third of the open ones have an
 * attempt. The history is written in bulk (attempts, their timeline notes through the registry's
 * writer, outcomes) with one audit entry, so the seed stays quick. Deterministic from the seed and
 * the seeding time.
 */
export async function seedDemoWorklist(
  db: Db,
  clock: Clock,
  options: { seed: number },
): Promise<WorklistRunResult & { attempts: number; completed: number }> {
  const now = clock.now();
  const total: WorklistRunResult = { people: 0, proposals: 0, created: 0, reopened: 0 };
  for (const daysAgo of RUN_DAYS_AGO) {
    const run = await runWorklistRules(db, at(addDays(now, -daysAgo)));
    total.people = run.people;
    total.proposals = run.proposals;
    total.created += run.created;
  }
  const rng = Random.fromSeed(options.seed, 'worklist');
  return db.transaction().execute(async (trx) => {
    const tasks = await trx
      .selectFrom('worklist_tasks')
      .select(['id', 'person_id', 'organization_id', 'due_at', 'created_at'])
      .where('status', '=', 'open')
      .orderBy('dedupe_key')
      .execute();
    const navigators = await trx
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.organization_id', 'u.id'])
      .where(sql<boolean>`'care_navigator' = any(m.roles)`)
      .orderBy('u.email')
      .execute();
    const attempts: {
      taskId: string;
      personId: string;
      organizationId: string;
      userId: string;
      method: WorklistContactMethod;
      result: WorklistContactResult;
      at: Date;
    }[] = [];
    let completed = 0;
    const latest = now.getTime() - HOUR_MS;
    for (const task of tasks) {
      const navigator = navigators.find((n) => n.organization_id === task.organization_id);
      const worked = now.getTime() - task.due_at.getTime() > WORKED_AFTER_MS;
      const finalOutcome = worked ? outcome(rng) : null;
      // An attempt some hours after the task appeared, then (for worked tasks) the outcome some hours later; never after now.
      const attemptedAt = new Date(Math.min(latest, task.created_at.getTime() + rng.int(2, 20) * HOUR_MS));
      const completedAt = new Date(Math.min(latest, attemptedAt.getTime() + rng.int(1, 24) * HOUR_MS));
      const method: WorklistContactMethod = rng.chance(0.7) ? 'phone' : 'text';
      if (navigator && (worked || rng.chance(0.35))) {
        const result: WorklistContactResult = finalOutcome === null || finalOutcome === 'unable_to_reach' ? missedResult(rng) : 'reached';
        attempts.push({
          taskId: task.id,
          personId: task.person_id,
          organizationId: task.organization_id,
          userId: navigator.id,
          method,
          result,
          at: attemptedAt,
        });
      }
      if (finalOutcome !== null) {
        await trx
          .updateTable('worklist_tasks')
          .set({
            status: 'done',
            outcome: finalOutcome,
            completed_at: completedAt,
            completed_by_user_id: navigator?.id ?? null,
            updated_at: completedAt,
          })
          .where('id', '=', task.id)
          .execute();
        completed++;
      }
    }
    if (attempts.length > 0) {
      await trx
        .insertInto('worklist_contact_attempts')
        .values(
          attempts.map((a) => ({
            task_id: a.taskId,
            method: a.method,
            result: a.result,
            note: null,
            attempted_at: a.at,
            user_id: a.userId,
            created_at: a.at,
          })),
        )
        .execute();
      // The attempts on the people's timelines, as logContactAttempt writes them (one batch per organization).
      for (const organizationId of [...new Set(attempts.map((a) => a.organizationId))]) {
        await writeCareEvents(
          trx,
          clock,
          DEMO_ACCESS,
          { organizationId, source: 'worklist' },
          attempts
            .filter((a) => a.organizationId === organizationId)
            .map((a) => ({
              personId: a.personId,
              event: {
                type: 'note' as const,
                occurredAt: a.at.toISOString(),
                title: 'Outreach contact attempt',
                detail: `${worklistContactMethodLabels[a.method]}: ${worklistContactResultLabels[a.result].toLowerCase()}`,
                externalId: `worklist-demo-attempt:${a.taskId}`,
                data: {},
              },
            })),
        );
      }
    }
    await recordAudit(trx, clock, DEMO_ACCESS, {
      action: 'demo.seed-worklist',
      entityType: 'worklist_task',
      details: { created: total.created, attempts: attempts.length, completed },
    });
    return { ...total, attempts: attempts.length, completed };
  });
}
