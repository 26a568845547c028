import { sql } from 'kysely';
import type { WorklistContactResult, WorklistTaskOutcome } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { AccessContext } from '../identity/access-context.ts';
import { runWorklistRules, type WorklistRunResult } from '../worklist/evaluate.ts';
import { completeWorklistTask, logContactAttempt } from '../worklist/worklist.ts';
import { Random, weightedPicker } from './random.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The rules run as if the job had been running: ten days ago, four days ago and now. */
const RUN_DAYS_AGO = [10, 4, 0];
/** Tasks due more than this long ago have been worked by now: an attempt or two, then an outcome. */
const WORKED_AFTER_MS = 2 * DAY;

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

/**
 * The demo worklist, as if the 15-minute job had been running: the rules run over the seeded care
 * events ten days ago, four days ago and now (so tasks are made when their signal appears, and are
 * due soon after it). Tasks due more than two days ago have been worked — a contact attempt by one
 * of the owning organization's navigators, then an outcome — through the same functions the API
 * uses (attempts go on the person's timeline too); about a third of the open ones have an attempt.
 * Deterministic from the seed and the seeding time.
 */
export async function seedDemoWorklist(db: Db, clock: Clock, options: { seed: number }): Promise<WorklistRunResult & { attempts: number; completed: number }> {
  const now = clock.now();
  const total: WorklistRunResult = { people: 0, proposals: 0, created: 0, reopened: 0 };
  for (const daysAgo of RUN_DAYS_AGO) {
    const run = await runWorklistRules(db, at(new Date(now.getTime() - daysAgo * DAY)));
    total.people = run.people;
    total.proposals = run.proposals;
    total.created += run.created;
  }
  const rng = Random.fromSeed(options.seed, 'worklist');
  const tasks = await db.selectFrom('worklist_tasks').select(['id', 'organization_id', 'due_at', 'created_at']).where('status', '=', 'open').orderBy('dedupe_key').execute();
  const navigators = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.organization_id', 'u.id'])
    .where(sql<boolean>`'care_navigator' = any(m.roles)`)
    .orderBy('u.email')
    .execute();
  let attempts = 0;
  let completed = 0;
  for (const task of tasks) {
    const navigator = navigators.find((n) => n.organization_id === task.organization_id);
    const access: AccessContext = navigator
      ? { actor: { type: 'user', userId: navigator.id, sessionId: 'demo-seed' }, organizationId: task.organization_id, roles: ['care_navigator'], requestId: null }
      : { actor: { type: 'system', reason: 'demo seed' }, organizationId: task.organization_id, roles: ['care_navigator'], requestId: null };
    const worked = now.getTime() - task.due_at.getTime() > WORKED_AFTER_MS;
    const finalOutcome = worked ? outcome(rng) : null;
    const latest = now.getTime() - HOUR;
    // An attempt some hours after the task appeared, then (for worked tasks) the outcome some hours later; never after now.
    const attemptedAt = new Date(Math.min(latest, task.created_at.getTime() + rng.int(2, 20) * HOUR));
    const completedAt = new Date(Math.min(latest, attemptedAt.getTime() + rng.int(1, 24) * HOUR));
    if (navigator && (worked || rng.chance(0.35))) {
      const result: WorklistContactResult = finalOutcome === null || finalOutcome === 'unable_to_reach' ? missedResult(rng) : 'reached';
      try {
        await logContactAttempt(db, at(attemptedAt), access, task.id, { method: rng.chance(0.7) ? 'phone' : 'text', result, attemptedAt: attemptedAt.toISOString() });
        attempts++;
      } catch (error) {
        // A person the navigator may not see (no consent): no outreach logged, as in real use.
        if (!(error instanceof AppError && error.code === 'FORBIDDEN')) throw error;
      }
    }
    if (finalOutcome !== null) {
      await completeWorklistTask(db, at(completedAt), access, task.id, { outcome: finalOutcome });
      completed++;
    }
  }
  return { ...total, attempts, completed };
}
