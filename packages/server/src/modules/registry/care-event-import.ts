import type { IdentifierKind, ImportPersonRef } from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';

/**
 * Who an imported event is about: a Continuum person id (a record that exists; merged records are
 * fine, the timeline resolves them), or an identifier the importing organization holds for the
 * person (kind + value within that organization — another organization's identifiers are never
 * matched). Returns, per reference, the person id or null when there is no such person.
 */
export async function resolveImportPeople(
  trx: DbOrTrx,
  organizationId: string,
  refs: readonly ImportPersonRef[],
): Promise<(string | null)[]> {
  const ids = [...new Set(refs.flatMap((r) => ('personId' in r ? [r.personId] : [])))];
  const known = new Set<string>();
  const CHUNK = 1000;
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const r of await trx
      .selectFrom('people')
      .select('id')
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute())
      known.add(r.id);
  }
  const idents = refs.flatMap((r) => ('identifier' in r ? [r.identifier] : []));
  const byIdentifier = new Map<string, string>();
  const kinds = [...new Set(idents.map((i) => i.kind))];
  for (const kind of kinds) {
    const values = [...new Set(idents.filter((i) => i.kind === kind).map((i) => i.value))];
    for (let i = 0; i < values.length; i += CHUNK) {
      const rows = await trx
        .selectFrom('person_identifiers')
        .select(['person_id', 'value'])
        .where('organization_id', '=', organizationId)
        .where('kind', '=', kind as IdentifierKind)
        .where('value', 'in', values.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) byIdentifier.set(`${kind}\u0000${r.value}`, r.person_id);
    }
  }
  return refs.map((r) =>
    'personId' in r
      ? known.has(r.personId)
        ? r.personId
        : null
      : (byIdentifier.get(`${r.identifier.kind}\u0000${r.identifier.value}`) ?? null),
  );
}
