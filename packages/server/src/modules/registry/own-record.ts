import type { CareTeamRole, PortalConsent, PortalDisclosure } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { organizationNames } from '../organizations/index.ts';
import { dayOf } from './access-decision.ts';
import type { ReadContext } from './access-facts.ts';
import { disclosuresOf } from './break-glass.ts';
import { openPerson } from './chokepoint.ts';
import { revokeConsent } from './consents.ts';

/*
 * A person's own record, read by the person through their portal. Every function takes the
 * person's read context (actor `person`) and opens the record through the chokepoint, whose
 * decision permits exactly the person's own record (basis `self`): an id belonging to anyone
 * else is "not found", as for one that does not exist.
 */

/** The portal's signed-in person, or FORBIDDEN for every other kind of caller. */
export function requireSelf(ctx: ReadContext): string {
  if (ctx.access.actor.type !== 'person') throw new AppError('FORBIDDEN', { message: 'This is for a person signed in to their portal.' });
  return ctx.access.actor.personId;
}

/** The person's first name and preferred language, through the chokepoint. */
export async function readOwnGreeting(trx: DbOrTrx, ctx: ReadContext): Promise<{ givenName: string; language: string | null }> {
  const { person } = await openPerson(trx, ctx, requireSelf(ctx));
  return { givenName: person.row.given_name, language: person.row.language };
}

/** The person's signed, revoked and expired consents (drafts are staff work in progress), newest first. */
export async function listOwnConsents(trx: DbOrTrx, ctx: ReadContext): Promise<PortalConsent[]> {
  const { person } = await openPerson(trx, ctx, requireSelf(ctx));
  const rows = await trx
    .selectFrom('consents')
    .selectAll()
    .where('person_id', 'in', person.ids)
    .where('status', '!=', 'draft')
    .orderBy('signed_at', 'desc')
    .orderBy('id')
    .execute();
  const orgIds = new Set<string>();
  for (const r of rows) {
    if (r.disclosers.type === 'organizations') r.disclosers.organizationIds.forEach((id) => orgIds.add(id));
    if (r.recipients.type === 'organizations') r.recipients.organizationIds.forEach((id) => orgIds.add(id));
  }
  const names = await organizationNames(trx, [...orgIds]);
  const named = (ids: readonly string[]) => ids.map((id) => names.get(id) ?? 'An organization');
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    status: r.status,
    fromOrganizations: r.disclosers.type === 'organizations' ? named(r.disclosers.organizationIds) : null,
    toOrganizations: r.recipients.type === 'organizations' ? named(r.recipients.organizationIds) : null,
    purposes: r.purposes,
    kinds: r.kinds,
    signedAt: r.signed_at?.toISOString() ?? null,
    expiresOn: r.expires_on,
    expiryEvent: r.expiry_event,
    revokedAt: r.revoked_at?.toISOString() ?? null,
    expiredAt: r.expired_at?.toISOString() ?? null,
  }));
}

/**
 * The person revokes one of their own consents (42 CFR 2.31(a)(6)), electronically, effective at
 * once: the access decision reads the consent's status at every disclosure. What was shared before
 * is not taken back, and stays under 42 CFR 2.32's bar on redisclosure.
 */
export async function revokeOwnConsent(db: Db, clock: Clock, ctx: ReadContext, consentId: string): Promise<void> {
  requireSelf(ctx);
  await revokeConsent(db, clock, ctx, consentId, { method: 'electronic', note: 'Revoked by the person in their portal' });
}

/** Who saw my record: the accounting of disclosures of the last three years (42 CFR 2.24, 2.25). */
export async function listOwnDisclosures(trx: DbOrTrx, ctx: ReadContext): Promise<{ from: string; to: string; items: PortalDisclosure[] }> {
  const { person } = await openPerson(trx, ctx, requireSelf(ctx));
  const { from, to, items } = await disclosuresOf(trx, ctx, person.ids, {});
  return {
    from,
    to,
    items: items.map((d) => ({
      occurredAt: d.occurredAt,
      organizationName: d.recipientOrganizationName,
      fromOrganizationName: d.sourceOrganizationName,
      purpose: d.purpose,
      kinds: d.kinds,
      emergency: d.basis === 'break_glass',
    })),
  };
}

/** Care-team roles whose members reach out to the person, most fitting first. */
const OUTREACH_ROLES: readonly CareTeamRole[] = ['care_navigator', 'peer_support', 'case_manager'];

/**
 * Who should reach out when the person asks for help: their navigator on the care team (a named
 * staff member when the link names one), else a peer or case manager, else the organization that
 * registered them.
 */
export async function ownOutreachTeam(
  trx: DbOrTrx,
  ctx: ReadContext,
): Promise<{ personId: string; organizationId: string; userId: string | null } | null> {
  const { person } = await openPerson(trx, ctx, requireSelf(ctx));
  const today = dayOf(ctx.now);
  const links = await trx
    .selectFrom('care_team_members')
    .select(['organization_id', 'user_id', 'role', 'since'])
    .where('person_id', 'in', person.ids)
    .where('status', '=', 'active')
    .where('since', '<=', today)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', today)]))
    .where('role', 'in', [...OUTREACH_ROLES])
    .execute();
  links.sort((a, b) => OUTREACH_ROLES.indexOf(a.role) - OUTREACH_ROLES.indexOf(b.role) || (a.since < b.since ? 1 : -1));
  const link = links[0];
  if (link) return { personId: person.row.id, organizationId: link.organization_id, userId: link.user_id };
  const registrar = person.row.registered_by_organization_id;
  return registrar ? { personId: person.row.id, organizationId: registrar, userId: null } : null;
}
