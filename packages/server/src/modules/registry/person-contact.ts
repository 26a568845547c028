import type { DbOrTrx } from '../../db/database.ts';
import type { ReadContext } from './access-facts.ts';
import { discloseDemographics, filterVisible } from './chokepoint.ts';

/** How to reach a person: what an outreach worker needs, and no more. */
export interface PersonContact {
  phone: string | null;
  email: string | null;
  language: string | null;
  /** The current address on one line. */
  address: string | null;
}

/**
 * The contact details of a person the caller may see (demographics, decided like the person
 * record), with the disclosure recorded; `null` for a person they may not see.
 */
export async function readPersonContact(trx: DbOrTrx, ctx: ReadContext, personId: string): Promise<PersonContact | null> {
  const [visible] = await filterVisible(trx, ctx, [personId]);
  if (!visible) return null;
  const address = await trx
    .selectFrom('person_addresses')
    .select(['line1', 'line2', 'city', 'postal_code'])
    .where('person_id', 'in', visible.person.ids)
    .where('valid_until', 'is', null)
    .orderBy('valid_from', 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  await discloseDemographics(trx, ctx, [visible]);
  const row = visible.person.row;
  return {
    phone: row.phone,
    email: row.email,
    language: row.language,
    address: address
      ? [address.line1, address.line2, [address.city, address.postal_code].filter(Boolean).join(' ')].filter((x) => x).join(', ')
      : null,
  };
}
