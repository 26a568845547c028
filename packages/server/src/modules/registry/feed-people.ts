import type { IdentifierKind } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { AccessContext } from '../../core/access-context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { dayOf } from './access-decision.ts';
import { recordAudit } from '../audit/index.ts';
import { areaForPostalCode, insertIdentifier } from './people.ts';
import { phoneticKey } from './phonetic.ts';

/** A person a live feed names and the network does not know yet (modules/feeds). */
export interface FeedPersonRegistration {
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: 'female' | 'male' | 'unknown';
  phone: string | null;
  address: { line1: string; city: string | null; postalCode: string | null } | null;
  /** The sending organization's identifiers for the person (its MRN, a booking number). */
  identifiers: { kind: IdentifierKind; value: string }[];
  justiceInvolved: boolean;
}

/**
 * Registers a person on a feed's behalf, in the feed's transaction (so a message that fails
 * registers nobody). The feed has already asked the network person index, which found no confident
 * match; registered by the sending organization, with its identifiers. Audited like a registration
 * (`person.register`, fields only) with the feed as the channel.
 */
export async function registerFeedPerson(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  organizationId: string,
  input: FeedPersonRegistration,
): Promise<{ id: string }> {
  const now = clock.now();
  const areaId = await areaForPostalCode(trx, input.address?.postalCode);
  const person = await trx
    .insertInto('people')
    .values({
      given_name: input.givenName,
      family_name: input.familyName,
      birth_date: input.birthDate,
      sex: input.sex,
      gender_identity: null,
      race: null,
      ethnicity: null,
      language: null,
      phone: input.phone,
      email: null,
      address1: input.address?.line1 || null,
      area_id: areaId,
      pregnant_or_postpartum: false,
      veteran: false,
      justice_involved: input.justiceInvolved,
      unhoused: false,
      registered_by_organization_id: organizationId,
      given_phonetic: phoneticKey(input.givenName),
      family_phonetic: phoneticKey(input.familyName),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.address) {
    await trx
      .insertInto('person_addresses')
      .values({
        person_id: person.id,
        line1: input.address.line1,
        line2: null,
        city: input.address.city,
        postal_code: input.address.postalCode,
        area_id: areaId,
        valid_from: dayOf(now),
        valid_until: null,
        created_at: now,
      })
      .execute();
  }
  for (const identifier of input.identifiers) await insertIdentifier(trx, person.id, organizationId, identifier, now);
  await recordAudit(trx, clock, access, {
    action: 'person.register',
    entityType: 'person',
    entityId: person.id,
    organizationId,
    details: {
      channel: 'feed',
      fields: ['givenName', 'familyName', 'birthDate', 'sex', ...(input.phone ? ['phone'] : []), ...(input.address ? ['address'] : [])],
      identifiers: input.identifiers.map((i) => i.kind),
    },
  });
  return person;
}
