import type { PortalLanguage } from '@continuum/contracts';
import type { Clock } from '../clock.ts';
import { systemAccess } from '../core/access-context.ts';
import type { Db } from '../db/database.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { DEMO_EMAIL_DOMAIN } from './synthetic-staff.ts';

/**
 * The demo people with portal access (README): the demo care navigator's peer recovery organization
 * invited them, so the portal shows their consents, the disclosures of their record, and "I need help
 * today" reaches that navigator. In development the sign-in code arrives in the development mailbox.
 */
export const demoPortalPeople: readonly { email: string; language: PortalLanguage }[] = [
  { email: `person@${DEMO_EMAIL_DOMAIN}`, language: 'en' },
  { email: `persona@${DEMO_EMAIL_DOMAIN}`, language: 'es' },
];

const DEMO_ACCESS = systemAccess('demo seed');

/**
 * Gives two people on the navigator's peer recovery organization's care team a portal account: the
 * first with two or more consents in force (one to stop in a demo), the second preferring Spanish when
 * someone does. Deterministic (by name). Returns how many accounts it made; none when the demo staff
 * or such people are missing, or the accounts exist already.
 */
export async function seedDemoPortal(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const navigator = await db
    .selectFrom('users as u')
    .innerJoin('memberships as m', 'm.user_id', 'u.id')
    .innerJoin('organizations as o', 'o.id', 'm.organization_id')
    .select(['u.id as userId', 'o.id as organizationId'])
    .where('u.email', '=', `navigator@${DEMO_EMAIL_DOMAIN}`)
    .where('o.type', '=', 'peer_recovery')
    .executeTakeFirst();
  if (!navigator) return 0;
  const existing = await db
    .selectFrom('portal_accounts')
    .select('id')
    .where(
      'email',
      'in',
      demoPortalPeople.map((p) => p.email),
    )
    .execute();
  if (existing.length > 0) return 0;

  const candidates = await db
    .selectFrom('people as p')
    .innerJoin('care_team_members as t', 't.person_id', 'p.id')
    .innerJoin('consents as c', 'c.person_id', 'p.id')
    .select(['p.id', 'p.language'])
    .where('t.organization_id', '=', navigator.organizationId)
    .where('t.status', '=', 'active')
    .where('c.status', '=', 'signed')
    .groupBy(['p.id', 'p.language', 'p.family_name', 'p.given_name'])
    .having((eb) => eb.fn.count('c.id').distinct(), '>=', 2)
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .orderBy('p.id')
    .execute();
  const first = candidates.find((p) => p.language !== 'es') ?? candidates[0];
  const second = candidates.find((p) => p.id !== first?.id && p.language === 'es') ?? candidates.find((p) => p.id !== first?.id);
  if (!first || !second) return 0;

  const rows = [first, second].map((person, i) => ({
    person_id: person.id,
    email: demoPortalPeople[i]!.email,
    phone: null,
    language: demoPortalPeople[i]!.language,
    invited_by_user_id: navigator.userId,
    invited_by_organization_id: navigator.organizationId,
    invited_at: now,
    created_at: now,
    updated_at: now,
  }));
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('portal_accounts').values(rows).execute();
    await recordAudit(trx, clock, DEMO_ACCESS, {
      action: 'demo.seed-portal',
      entityType: 'portal_account',
      details: { accounts: rows.length },
    });
  });
  return rows.length;
}
