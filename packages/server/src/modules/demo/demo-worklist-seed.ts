import { sql } from 'kysely';
import { worklistContactResults, type WorklistContactResult } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { AccessContext } from '../identity/access-context.ts';
import { runWorklistRules, type WorklistRunResult } from '../worklist/evaluate.ts';
import { logContactAttempt } from '../worklist/worklist.ts';
import { Random } from './random.ts';

/**
 * The demo worklist: the rules run once over the seeded care events, so the navigators' teams hold
 * the tasks those signals make (releases from custody without MOUD, recent overdoses, MOUD supply
 * gaps, missed appointments); then about a third of the tasks get a contact attempt by one of the
 * owning organization's navigators, through the same function the API uses (so the attempts are on
 * the person's timeline too). Deterministic from the seed and the seeding time.
 */
export async function seedDemoWorklist(db: Db, clock: Clock, options: { seed: number }): Promise<WorklistRunResult & { attempts: number }> {
  const run = await runWorklistRules(db, clock);
  const rng = Random.fromSeed(options.seed, 'worklist');
  const tasks = await db.selectFrom('worklist_tasks').select(['id', 'organization_id']).where('status', '=', 'open').orderBy('dedupe_key').execute();
  const navigators = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.organization_id', 'u.id'])
    .where(sql<boolean>`'care_navigator' = any(m.roles)`)
    .orderBy('u.email')
    .execute();
  const results: readonly WorklistContactResult[] = worklistContactResults.filter((r) => r !== 'reached' && r !== 'other');
  let attempts = 0;
  for (const task of tasks) {
    if (!rng.chance(0.35)) continue;
    const navigator = navigators.find((n) => n.organization_id === task.organization_id);
    if (!navigator) continue;
    const access: AccessContext = { actor: { type: 'user', userId: navigator.id, sessionId: 'demo-seed' }, organizationId: task.organization_id, roles: ['care_navigator'], requestId: null };
    const hoursAgo = rng.int(1, 30);
    try {
      await logContactAttempt(db, clock, access, task.id, {
        method: rng.chance(0.7) ? 'phone' : 'text',
        result: results[rng.int(0, results.length - 1)]!,
        attemptedAt: new Date(clock.now().getTime() - hoursAgo * 3_600_000).toISOString(),
      });
      attempts++;
    } catch (error) {
      // A task about a person the navigator may not see (no consent): left without an attempt, as in real use.
      if (!(error instanceof AppError && error.code === 'FORBIDDEN')) throw error;
    }
  }
  return { ...run, attempts };
}
