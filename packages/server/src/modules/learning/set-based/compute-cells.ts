import { sql } from 'kysely';
import type { Clock } from '../../../clock.ts';
import type { Db } from '../../../db/database.ts';
import type { AccessContext } from '../../../core/access-context.ts';
import { organizationTypes } from '../../organizations/index.ts';
import { withMeasureRelations } from '../../registry/index.ts';
import type { CascadePeriod, CascadeRow, ResultRow } from '../aggregate.ts';
import { cascadeCells, resultCells } from './cells.ts';
import { createCascade } from './cascade.ts';
import { createCoverageTables } from './coverage.ts';
import { createEventTables } from './events.ts';
import { createContributions } from './measures.ts';

/*
 * The cascade and every measure computed in the database (set-based SQL on PGlite and PostgreSQL):
 * the events classified once, MOUD coverage and starts by window functions, each measure's
 * episodes as joins, and the cells added up with GROUP BY — only the cells come back. The same
 * cells as the per-person engine (Aggregator over forEachMeasureBatch), proven by
 * set-based.int.test.ts on the demo community and generated ones. Working tables are temporary,
 * in one transaction, dropped at commit.
 */

export interface CellOptions {
  /** The first and last index day counted. */
  fromDay: number;
  toDay: number;
  asOf: number;
  /** Events are read from this day (the look-back) to the as-of day. */
  readFromDay: number;
  periods: readonly CascadePeriod[];
  conversionDays: number;
  purpose: string;
}

export async function computeCellsInDatabase(
  db: Db,
  clock: Clock,
  access: AccessContext,
  o: CellOptions,
): Promise<{ people: number; events: number; results: ResultRow[]; cascade: CascadeRow[] }> {
  const types = await organizationTypes(db);
  const edOrHospital = [...types].filter(([, t]) => t === 'emergency_department' || t === 'hospital').map(([id]) => id);
  const out = await withMeasureRelations(
    db,
    clock,
    access,
    { fromDay: o.readFromDay, toDay: o.asOf, purpose: o.purpose },
    async (trx, relations) => {
      await createEventTables(trx, relations, edOrHospital);
      await createCoverageTables(trx);
      await createContributions(trx, { fromDay: o.fromDay, toDay: o.toDay, asOf: o.asOf, conversionDays: o.conversionDays });
      await createCascade(trx, o.periods, o.asOf);
      const results = await resultCells(trx);
      const cascade = await cascadeCells(trx, o.periods);
      const counts = await sql<{ people: string; events: string }>`
        select (select count(*) from ${relations.people} p) as people, (select count(*) from lm_ev) as events
      `.execute(trx);
      const c = counts.rows[0]!;
      return { people: Number(c.people), events: Number(c.events), value: { results, cascade } };
    },
  );
  return { people: out.people, events: out.events, ...out.value };
}
