import type { OudEstimate, OudEstimateInput } from '@continuum/contracts';
import { oudEstimateInputSchema } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';

/**
 * The cascade's first stage: people estimated to have OUD, per area — a prevalence (× the area's
 * population) or a count, with an optional range and its source. Areas without an entry add
 * nothing; with no entries at all the stage is not shown.
 */
export function estimateOf(
  population: number,
  e: { method: 'prevalence' | 'count'; prevalence: number | null; count: number | null },
): number {
  return e.method === 'prevalence' ? Math.round(population * (e.prevalence ?? 0)) : (e.count ?? 0);
}

export async function areaEstimates(db: DbOrTrx): Promise<OudEstimate[]> {
  const rows = await db
    .selectFrom('learning_oud_estimates as e')
    .innerJoin('areas as a', 'a.id', 'e.area_id')
    .select(['e.area_id', 'a.name', 'a.population', 'e.method', 'e.prevalence', 'e.count', 'e.low', 'e.high', 'e.source'])
    .orderBy('a.name')
    .execute();
  return rows.map((r) => ({
    areaId: r.area_id,
    areaName: r.name,
    population: Number(r.population),
    method: r.method,
    prevalence: r.prevalence,
    count: r.count,
    estimated: estimateOf(Number(r.population), r),
    low: r.low,
    high: r.high,
    source: r.source,
  }));
}

export async function setAreaEstimate(
  db: Db,
  clock: Clock,
  access: AccessContext,
  areaId: string,
  input: OudEstimateInput,
): Promise<OudEstimate> {
  const v = oudEstimateInputSchema.parse(input);
  return db.transaction().execute(async (trx) => {
    const area = await trx.selectFrom('areas').select('id').where('id', '=', areaId).executeTakeFirst();
    if (!area) throw new AppError('NOT_FOUND', { message: 'No such area.' });
    const values = {
      method: v.method,
      prevalence: v.method === 'prevalence' ? v.prevalence : null,
      count: v.method === 'count' ? v.count : null,
      low: v.low,
      high: v.high,
      source: v.source,
      updated_at: clock.now(),
      updated_by_user_id: actorUserId(access),
    };
    await trx
      .insertInto('learning_oud_estimates')
      .values({ area_id: areaId, ...values })
      .onConflict((oc) => oc.column('area_id').doUpdateSet(values))
      .execute();
    await recordAudit(trx, clock, access, {
      action: 'learning.estimate.update',
      entityType: 'area',
      entityId: areaId,
      details: { method: v.method },
    });
    return (await areaEstimates(trx)).find((e) => e.areaId === areaId)!;
  });
}

/** When the OUD estimates last changed (null: none stored), for the date of an analysis's inputs. */
export async function estimatesUpdatedAt(db: DbOrTrx): Promise<Date | null> {
  const row = await db
    .selectFrom('learning_oud_estimates')
    .select((eb) => eb.fn.max('updated_at').as('at'))
    .executeTakeFirst();
  return row?.at ? new Date(row.at) : null;
}
