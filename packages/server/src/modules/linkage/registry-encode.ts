import type { Clock } from '../../clock.ts';
import type { AccessContext } from '../../core/access-context.ts';
import type { Db } from '../../db/database.ts';
import { getOrganization } from '../organizations/index.ts';
import { readPeopleForEncoding } from '../registry/index.ts';
import type { Encoder } from './pprl/encode.ts';
import { encodeRegistryPeople } from './pprl/records.ts';

/**
 * The registry's people of one organization as CLKs (docs/pprl.md, "Encoding the registry"): read
 * through the registry's documented bulk source for encoding (`registry/sources/pprl-source.ts`,
 * which refuses anyone but a system run and audits the release with counts), then encoded with the
 * network schema and secret by the same pure code as a file. The organization's own registrations
 * only; merged records are left to their survivor. Unknown organization: ORGANIZATION_NOT_FOUND.
 */
export async function encodeRegistryOrganization(
  db: Db,
  clock: Clock,
  access: AccessContext,
  input: { organizationId: string; encoder: Encoder; onProgress?: (done: number, total: number) => void },
): Promise<{ organizationName: string; encoded: ReturnType<typeof encodeRegistryPeople> }> {
  const organization = await getOrganization(db, input.organizationId);
  const people = await db
    .transaction()
    .execute((trx) =>
      readPeopleForEncoding(trx, clock, access, { organizationId: organization.id, purpose: `pprl: ${input.encoder.fingerprint}` }),
    );
  input.onProgress?.(0, people.length);
  const encoded = encodeRegistryPeople(
    people.map((p) => ({
      id: p.id,
      given_name: p.givenName,
      family_name: p.familyName,
      birth_date: p.birthDate,
      sex: p.sex,
      phone: p.phone,
      address: p.address,
      city: p.city,
      zip: p.zip,
    })),
    input.encoder,
  );
  input.onProgress?.(people.length, people.length);
  return { organizationName: organization.name, encoded };
}
