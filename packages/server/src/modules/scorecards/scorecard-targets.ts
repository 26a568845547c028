import {
  scorecardMeasureIds,
  scorecardMeasures,
  type ScorecardMeasureId,
  type ScorecardTarget,
  type ScorecardTargetInput,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { validationError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { requireScorecardRead, requireTargetManager } from './scorecard-policy.ts';

/*
 * The scorecards' targets, one per measure, kept in the platform's settings under
 * `network.scorecard_target.<measure>` with the day they were set; a measure never set uses its
 * documented default (contracts: scorecardMeasures). Network administrators change them, audited.
 */

const keyOf = (measure: ScorecardMeasureId) => `network.scorecard_target.${measure}`;

interface Stored {
  target: number | null;
  updatedAt: string;
}

function parse(value: unknown): Stored | null {
  const v = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (v && typeof v === 'object' && 'target' in v && 'updatedAt' in v) return v as Stored;
  return null;
}

export async function targetsOf(db: DbOrTrx): Promise<ScorecardTarget[]> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where(
      'key',
      'in',
      scorecardMeasureIds.map((m) => keyOf(m)),
    )
    .execute();
  const stored = new Map(rows.map((r) => [r.key, parse(r.value)]));
  return scorecardMeasureIds.map((measure) => {
    const def = scorecardMeasures[measure];
    const s = stored.get(keyOf(measure)) ?? null;
    return {
      measure,
      name: def.name,
      kind: def.kind,
      unit: def.unit,
      better: def.better,
      target: s ? s.target : def.defaultTarget,
      defaultTarget: def.defaultTarget,
      updatedAt: s ? s.updatedAt : null,
    };
  });
}

export async function listTargets(db: DbOrTrx, access: AccessContext): Promise<ScorecardTarget[]> {
  requireScorecardRead(access);
  return targetsOf(db);
}

export async function setTarget(
  db: Db,
  clock: Clock,
  access: AccessContext,
  measure: ScorecardMeasureId,
  input: ScorecardTargetInput,
): Promise<ScorecardTarget> {
  requireTargetManager(access);
  const def = scorecardMeasures[measure];
  if (input.target !== null && def.kind === 'proportion' && input.target > 1)
    throw validationError('body.target', 'A rate’s target is between 0 and 1 (0.9 is 90%)');
  const value = JSON.stringify({ target: input.target, updatedAt: clock.now().toISOString() } satisfies Stored);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: keyOf(measure), value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    await recordAudit(trx, clock, access, {
      action: 'network.scorecard.target',
      entityType: 'setting',
      entityId: keyOf(measure),
      details: { measure, cleared: input.target === null },
    });
  });
  return (await targetsOf(db)).find((t) => t.measure === measure)!;
}
