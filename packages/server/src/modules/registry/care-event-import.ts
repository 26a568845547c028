import type { IdentifierKind, ImportPersonRef } from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';
import { decideAccess, noCallerFacts, PERSON_READ_ROLES } from './access-decision.ts';
import { loadPersonFacts, resolvePeople } from './access-facts.ts';

/** Who is importing: the importing user (for their own break-glass grants), and when. */
export interface ImportActor {
  userId: string | null;
  now: Date;
}

/**
 * Who an imported event is about: a Continuum person id (a record that exists; merged records are
 * fine, the timeline resolves them), or an identifier the importing organization holds for the
 * person (kind + value within that organization — another organization's identifiers are never
 * matched). Returns, per reference, the person id or null when there is no such person.
 *
 * A person id passes the chokepoint's rule for who may see a person (docs/privacy.md, "Who may see
 * a person"), asked for the importing organization: registering it, holding an identifier, on the
 * care team, named by a consent, or the importing user's break-glass. A person the organization
 * may not see is null, exactly like one who does not exist, so an import (or its preview) can
 * neither reveal nor write to them. Without `actor` no person id resolves.
 */
export async function resolveImportPeople(
  trx: DbOrTrx,
  organizationId: string,
  refs: readonly ImportPersonRef[],
  actor?: ImportActor,
): Promise<(string | null)[]> {
  const ids = [...new Set(refs.flatMap((r) => ('personId' in r ? [r.personId] : [])))];
  const known = new Set<string>();
  const CHUNK = 1000;
  for (let i = 0; actor && i < ids.length; i += CHUNK) {
    const resolved = await resolvePeople(trx, ids.slice(i, i + CHUNK));
    const people = [...new Map([...resolved.values()].map((p) => [p.row.id, p])).values()];
    const facts = await loadPersonFacts(trx, people);
    for (const [id, p] of resolved) {
      // The import writes for the organization (whether the caller's role may record each type is
      // checked before): the question here is the organization's relationship with the person.
      const decision = decideAccess({
        actor: { kind: 'user', userId: actor.userId, organizationId, roles: PERSON_READ_ROLES },
        // Writing for the organization: a service agreement lets it receive records, never write them.
        caller: noCallerFacts,
        purpose: 'treatment',
        record: { kind: 'demographics', sensitivity: 'normal', sourceOrganizationId: p.row.registered_by_organization_id },
        person: facts.get(p.row.id)!,
        now: actor.now,
      });
      if (decision.permit) known.add(id);
    }
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
