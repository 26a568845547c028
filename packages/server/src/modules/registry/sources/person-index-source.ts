import { part2ProgramTypes } from '@continuum/contracts';
import type { DbOrTrx } from '../../../db/database.ts';
import { organizationTypeOf } from '../../organizations/index.ts';

/*
 * The matching fields of registry people, for the network person index (modules/person-index).
 * A system read in bulk: the index scores every registry person against the whole network, which
 * no caller's access decision could allow record by record. What it returns never leaves the server
 * as such: the index keeps the normalized fields in its own person-level table (`source_records`),
 * answers callers with scores and ids, and every person a caller is then shown passes the chokepoint
 * (`filterVisible` / `visiblePeople`), which decides and records the disclosure. Merged records are
 * included (each is its own source record) with the survivor they point at.
 */

export interface IndexPerson {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
  phone: string;
  email: string;
  address: string;
  city: string;
  zip: string;
  registeredByOrganizationId: string | null;
  /** Registered by a 42 CFR Part 2 program. */
  part2: boolean;
  mergedIntoId: string | null;
}

/** A position in the order of changes: (updated_at, id). */
export interface ChangeCursor {
  at: string;
  id: string;
}

/**
 * Registry people by id; the next `limit` after `after` in id order (a rebuild in chunks); or the next
 * `limit` changed after `changedAfter` in (updated_at, id) order (the indexing job).
 */
export async function readPeopleForIndex(
  db: DbOrTrx,
  query: { ids: readonly string[] } | { after: string | null; limit: number } | { changedAfter: ChangeCursor | null; limit: number },
): Promise<(IndexPerson & { cursor: ChangeCursor })[]> {
  if ('ids' in query && query.ids.length === 0) return [];
  const rows = await db
    .selectFrom('people as p')
    .leftJoin('areas as a', 'a.id', 'p.area_id')
    .select([
      'p.id',
      'p.given_name',
      'p.family_name',
      'p.birth_date',
      'p.sex',
      'p.phone',
      'p.email',
      'p.address1',
      'a.town',
      'a.postal_code',
      'p.registered_by_organization_id',
      organizationTypeOf('p.registered_by_organization_id').as('organization_type'),
      'p.merged_into_id',
      'p.updated_at',
    ])
    .$if('ids' in query, (q) => q.where('p.id', 'in', (query as { ids: readonly string[] }).ids))
    .$if('after' in query, (q) => {
      const { after, limit } = query as { after: string | null; limit: number };
      return (after === null ? q : q.where('p.id', '>', after)).orderBy('p.id').limit(limit);
    })
    .$if('changedAfter' in query, (q) => {
      const { changedAfter, limit } = query as { changedAfter: ChangeCursor | null; limit: number };
      const after = changedAfter;
      return (
        after === null
          ? q
          : q.where((eb) =>
              eb.or([
                eb('p.updated_at', '>', new Date(after.at)),
                eb.and([eb('p.updated_at', '=', new Date(after.at)), eb('p.id', '>', after.id)]),
              ]),
            )
      )
        .orderBy('p.updated_at')
        .orderBy('p.id')
        .limit(limit);
    })
    .execute();
  return rows.map((r) => ({
    cursor: { at: new Date(r.updated_at).toISOString(), id: r.id },
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    birthDate: r.birth_date,
    sex: r.sex === 'unknown' ? '' : r.sex,
    phone: r.phone ?? '',
    email: r.email ?? '',
    address: r.address1 ?? '',
    city: r.town ?? '',
    zip: r.postal_code ?? '',
    registeredByOrganizationId: r.registered_by_organization_id,
    part2: r.organization_type !== null && part2ProgramTypes.includes(r.organization_type),
    mergedIntoId: r.merged_into_id,
  }));
}

/** How many registry people there are (merged records included). */
export async function countPeopleForIndex(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
