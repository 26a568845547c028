import type { TrainingSettings } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { recordAudit } from '../audit/index.ts';
import { requireNetworkManager, requireNetworkRead } from './network-policy.ts';

/*
 * The network's setting by which current 42 CFR Part 2 privacy training is required to see Part 2
 * records, and each staff member's status against it (read by the registry's chokepoint).
 */

const SETTING = 'network.part2_training_required';

export async function part2TrainingRequired(db: DbOrTrx): Promise<boolean> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTING).executeTakeFirst();
  const v = row ? (typeof row.value === 'string' ? JSON.parse(row.value) : row.value) : false;
  return v === true;
}

/** null when the network does not require Part 2 training; otherwise whether the person holds a current completion. */
export async function part2TrainingStatus(db: DbOrTrx, userId: string, now: Date): Promise<boolean | null> {
  if (!(await part2TrainingRequired(db))) return null;
  const day = now.toISOString().slice(0, 10);
  const row = await db
    .selectFrom('network_training_completions as c')
    .innerJoin('network_courses as k', 'k.id', 'c.course_id')
    .select('c.id')
    .where('k.topic', '=', 'part2_privacy')
    .where('c.user_id', '=', userId)
    .where('c.completed_on', '<=', day)
    .where((eb) => eb.or([eb('c.expires_on', 'is', null), eb('c.expires_on', '>=', day)]))
    .executeTakeFirst();
  return row !== undefined;
}

export async function readTrainingSettings(db: DbOrTrx, access: AccessContext): Promise<TrainingSettings> {
  requireNetworkRead(access);
  return { part2TrainingRequired: await part2TrainingRequired(db) };
}

export async function setTrainingSettings(db: Db, clock: Clock, access: AccessContext, input: TrainingSettings): Promise<TrainingSettings> {
  requireNetworkManager(access);
  await db.transaction().execute(async (trx) => {
    const value = JSON.stringify(input.part2TrainingRequired);
    await trx
      .insertInto('settings')
      .values({ key: SETTING, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    await recordAudit(trx, clock, access, {
      action: 'network.training.settings',
      entityType: 'setting',
      entityId: SETTING,
      details: { part2TrainingRequired: input.part2TrainingRequired },
    });
  });
  return input;
}
