import type { Clock } from '../../../clock.ts';
import type { AccessContext } from '../../../core/access-context.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { AppError } from '../../../errors.ts';
import { recordAudit } from '../../audit/index.ts';

/*
 * The people one organization registered, for encoding them as CLKs at that organization
 * (privacy-preserving linkage, docs/pprl.md, "Encoding the registry"). A system read in bulk, run by
 * `continuum link encode --registry --organization ID` where the network secret is held: the
 * organization's own registrations (demographics it holds itself — a use, not a disclosure to
 * another organization), never anyone else's, never a record merged into another (its survivor
 * speaks for it). What leaves the machine is only the keyed Bloom filters, which no one without the
 * secret can read; the release of the organization's people as encodings is audited once per run
 * with counts (`pprl.encode-registry`), never a name.
 */

export interface EncodingPerson {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
  phone: string;
  address: string;
  city: string;
  zip: string;
}

/** Reads (in id order) and audits the organization's registered people for encoding. Only a system context may call it. */
export async function readPeopleForEncoding(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  input: { organizationId: string; purpose: string },
): Promise<EncodingPerson[]> {
  if (access.actor.type !== 'system') throw new AppError('FORBIDDEN', { message: 'Only a system run encodes the registry.' });
  const rows = await trx
    .selectFrom('people as p')
    .leftJoin('areas as a', 'a.id', 'p.area_id')
    .select(['p.id', 'p.given_name', 'p.family_name', 'p.birth_date', 'p.sex', 'p.phone', 'p.address1', 'a.town', 'a.postal_code'])
    .where('p.registered_by_organization_id', '=', input.organizationId)
    .where('p.merged_into_id', 'is', null)
    .orderBy('p.id')
    .execute();
  await recordAudit(trx, clock, access, {
    action: 'pprl.encode-registry',
    entityType: 'organization',
    entityId: input.organizationId,
    organizationId: input.organizationId,
    details: { people: rows.length, purpose: input.purpose },
  });
  return rows.map((r) => ({
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    birthDate: r.birth_date,
    sex: r.sex === 'unknown' ? '' : r.sex,
    phone: r.phone ?? '',
    address: r.address1 ?? '',
    city: r.town ?? '',
    zip: r.postal_code ?? '',
  }));
}
