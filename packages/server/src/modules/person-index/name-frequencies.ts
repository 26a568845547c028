import type { DbOrTrx } from '../../db/database.ts';
import { MIN_RECORDS_FOR_TF, type NameFrequencies } from './scoring.ts';

/**
 * Term frequencies of names across the index (`source_records`), for the term-frequency adjustment in
 * scoring (docs/person-index.md, "Matching"). One reader serves one indexing run: the totals are read
 * once (a run adds a few records to hundreds of thousands; the shares barely move), the count of each
 * name when it is first asked for, through the partial indexes on `given` and `family`.
 */
export class NameFrequencyReader {
  private totals: { given: number; family: number } | null = null;
  private readonly counts = { given: new Map<string, number>(), family: new Map<string, number>() };

  /** The shares of records holding these normalized names; a field is null (no adjustment) until MIN_RECORDS_FOR_TF records carry it. */
  async read(db: DbOrTrx, given: string, family: string): Promise<NameFrequencies> {
    const totals = (this.totals ??= await readTotals(db));
    return {
      given: totals.given >= MIN_RECORDS_FOR_TF && given !== '' ? (await this.count(db, 'given', given)) / totals.given : null,
      family: totals.family >= MIN_RECORDS_FOR_TF && family !== '' ? (await this.count(db, 'family', family)) / totals.family : null,
    };
  }

  private async count(db: DbOrTrx, field: 'given' | 'family', value: string): Promise<number> {
    const cached = this.counts[field].get(value);
    if (cached !== undefined) return cached;
    const row = await db
      .selectFrom('source_records')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(field, '=', value)
      .executeTakeFirstOrThrow();
    const n = Number(row.n);
    this.counts[field].set(value, n);
    return n;
  }
}

async function readTotals(db: DbOrTrx): Promise<{ given: number; family: number }> {
  const row = await db
    .selectFrom('source_records')
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere('given', '<>', '').as('given'),
      eb.fn.countAll<string>().filterWhere('family', '<>', '').as('family'),
    ])
    .executeTakeFirstOrThrow();
  return { given: Number(row.given), family: Number(row.family) };
}
