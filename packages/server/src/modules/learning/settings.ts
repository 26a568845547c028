import type { MeasureId } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import { defaultTargets } from './definitions.ts';

const CONVERSION_KEY = 'learning.conversion_days';

/** The ED-to-MOUD conversion window (days), configurable by network administrators; default 7. */
export async function conversionDays(db: DbOrTrx): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', CONVERSION_KEY).executeTakeFirst();
  const v = row ? (typeof row.value === 'string' ? JSON.parse(row.value) : row.value) : null;
  return typeof v === 'number' && v > 0 ? v : 7;
}

export async function targets(db: DbOrTrx): Promise<Partial<Record<MeasureId, number | null>>> {
  const rows = await db.selectFrom('learning_measure_targets').select(['measure_id', 'target']).execute();
  const out: Partial<Record<MeasureId, number | null>> = { ...defaultTargets };
  for (const r of rows) out[r.measure_id as MeasureId] = r.target;
  return out;
}

export async function setTarget(
  db: Db,
  clock: Clock,
  access: AccessContext,
  measureId: MeasureId,
  input: { target: number | null; windowDays?: number | undefined },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = clock.now();
    await trx
      .insertInto('learning_measure_targets')
      .values({ measure_id: measureId, target: input.target, updated_at: now, updated_by_user_id: actorUserId(access) })
      .onConflict((oc) =>
        oc.column('measure_id').doUpdateSet({ target: input.target, updated_at: now, updated_by_user_id: actorUserId(access) }),
      )
      .execute();
    if (input.windowDays !== undefined) {
      await trx
        .insertInto('settings')
        .values({ key: CONVERSION_KEY, value: JSON.stringify(input.windowDays) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(input.windowDays) }))
        .execute();
    }
    await recordAudit(trx, clock, access, {
      action: 'learning.target.update',
      entityType: 'learning_measure',
      entityId: measureId,
      details: { fields: ['target', ...(input.windowDays !== undefined ? ['windowDays'] : [])] },
    });
  });
}
