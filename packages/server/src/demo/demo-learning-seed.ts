import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { systemAccess } from '../core/access-context.ts';
import { BRIDGE_PROGRAM_DAYS_AGO, BRIDGE_PROGRAM_TEXT } from './synthetic-care-events.ts';
import { epochDay, isoDayOf } from '@continuum/contracts';

const ACCESS = systemAccess('demo seed: learning system');

/**
 * The learning system's demo data: an OUD estimate per area (a prevalence sized so that about a
 * quarter of the estimated people with OUD are on MOUD in a year, as in the national figures), the
 * dated change the generator builds in (the ED bridge program) and a PDSA cycle as chart
 * annotations. The first computation is the daily job, which the job runner enqueues as the server
 * starts (so start-up does not wait for it); with jobs off, `continuum measures compute`.
 */
export async function seedDemoLearning(db: Db, clock: Clock, options: { people: number }): Promise<void> {
  const areas = await db.selectFrom('areas').select(['id', 'population']).execute();
  const population = areas.reduce((a, r) => a + Number(r.population), 0);
  const now = clock.now();
  const today = epochDay(now);
  const date = (daysAgo: number) => isoDayOf(today - daysAgo);
  await db.transaction().execute(async (trx) => {
    if (population > 0 && options.people > 0) {
      // About 1.6 estimated people with OUD per person the network knows.
      const prevalence = Math.min(0.05, (1.6 * options.people) / population);
      for (const a of areas) {
        const estimate = Math.round(Number(a.population) * prevalence);
        await trx
          .insertInto('learning_oud_estimates')
          .values({
            area_id: a.id,
            method: 'prevalence',
            prevalence,
            count: null,
            low: Math.round(estimate * 0.75),
            high: Math.round(estimate * 1.3),
            source: 'Synthetic demo estimate (a multiplier on the people known to the network)',
            updated_at: now,
            updated_by_user_id: null,
          })
          .onConflict((oc) => oc.column('area_id').doNothing())
          .execute();
      }
    }
    await trx
      .insertInto('learning_annotations')
      .values([
        {
          measure_id: null,
          organization_id: null,
          date: date(BRIDGE_PROGRAM_DAYS_AGO),
          kind: 'change',
          text: BRIDGE_PROGRAM_TEXT,
          created_by_user_id: null,
          created_at: now,
          updated_at: now,
        },
        {
          measure_id: 'ed_moud_conversion_7',
          organization_id: null,
          date: date(BRIDGE_PROGRAM_DAYS_AGO - 60),
          kind: 'pdsa',
          text: 'PDSA 2: peer recovery coach calls everyone referred from the ED the next morning',
          created_by_user_id: null,
          created_at: now,
          updated_at: now,
        },
      ])
      .execute();
    await recordAudit(trx, clock, ACCESS, {
      action: 'learning.demo-seed',
      entityType: 'settings',
      details: { areas: areas.length, annotations: 2 },
    });
  });
}
