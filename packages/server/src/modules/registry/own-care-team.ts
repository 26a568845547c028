import type { PortalCareTeamMember } from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';
import { userDisplayNameOf } from '../identity/index.ts';
import { organizationContacts } from '../organizations/index.ts';
import { dayOf } from './access-decision.ts';
import type { ReadContext } from './access-facts.ts';
import { openPerson } from './chokepoint.ts';
import { requireSelf } from './own-record.ts';

/**
 * The person's current care team, as they see it in their portal: each active link (pending links
 * are not yet part of their care) with the organization's public contact details. Through the
 * chokepoint as the person (basis `self`), across every id merged into their record.
 */
export async function listOwnCareTeam(trx: DbOrTrx, ctx: ReadContext): Promise<PortalCareTeamMember[]> {
  const { person } = await openPerson(trx, ctx, requireSelf(ctx));
  const today = dayOf(ctx.now);
  const links = await trx
    .selectFrom('care_team_members as c')
    .select(['c.organization_id', 'c.role', 'c.since', userDisplayNameOf('c.user_id').as('staff_name')])
    .where('c.person_id', 'in', person.ids)
    .where('c.status', '=', 'active')
    .where('c.since', '<=', today)
    .where((eb) => eb.or([eb('c.until', 'is', null), eb('c.until', '>=', today)]))
    .orderBy('c.since', 'desc')
    .execute();
  const contacts = await organizationContacts(trx, [...new Set(links.map((l) => l.organization_id))]);
  return links.flatMap((l) => {
    const org = contacts.get(l.organization_id);
    if (!org) return [];
    return [
      {
        role: l.role,
        organizationName: org.name,
        staffName: l.staff_name,
        phone: org.phone,
        email: org.email,
        website: org.website,
        since: l.since,
      },
    ];
  });
}
