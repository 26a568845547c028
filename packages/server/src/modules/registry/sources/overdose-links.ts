import type { CareTeamRole, Role } from '@continuum/contracts';
import type { DbOrTrx } from '../../../db/database.ts';
import { dayOf, decideAccess, noCallerFacts, type RecordFacts } from '../access-decision.ts';
import { loadPersonFacts, resolvePerson } from '../access-facts.ts';
import { addDays } from '@continuum/contracts';
import { activeMemberships } from '../../identity/index.ts';

/*
 * Who is linked to a person, for the overdose feedback loop and post-overdose outreach: the open
 * care-team links (with their role and staff member) and the prescribers of opioids in the last
 * 12 months (opioid_dispense care events naming a network user). A system read for routing only:
 * it returns user and organization ids, never the person's data, and for every linked user whether
 * the access decision would let them see the given record — so only people who may open the
 * link are told, and what they see behind it is decided again (and logged) when they open it.
 */

export type LinkReason = 'care_team' | 'opioid_prescriber' | 'moud_program' | 'navigator';

export interface CareTeamLink {
  organizationId: string;
  userId: string | null;
  role: CareTeamRole;
}

export interface LinkedUser {
  userId: string;
  organizationId: string;
  reasons: LinkReason[];
  /** The access decision for this user (in this organization) and the record. */
  permitted: boolean;
}

export interface PersonLinks {
  /** The survivor's id when the given record was merged. */
  personId: string;
  careTeam: CareTeamLink[];
  users: LinkedUser[];
}

const NAVIGATOR_ROLES: readonly CareTeamRole[] = ['care_navigator', 'peer_support', 'case_manager'];
const MOUD_ROLES: readonly CareTeamRole[] = ['moud_prescriber', 'opioid_treatment_program'];

/** Why a care-team link is told, and which staff of the organization are told when no one is named. */
export function careTeamAudience(role: CareTeamRole): { reason: LinkReason; staffRoles: readonly Role[] } {
  if (NAVIGATOR_ROLES.includes(role)) return { reason: 'navigator', staffRoles: ['care_navigator'] };
  if (MOUD_ROLES.includes(role)) return { reason: 'moud_program', staffRoles: ['clinician'] };
  return { reason: 'care_team', staffRoles: ['clinician', 'care_navigator'] };
}

export const PRESCRIBER_LOOKBACK_DAYS = 365;

export async function overdoseLinks(trx: DbOrTrx, now: Date, personId: string, record: RecordFacts): Promise<PersonLinks | null> {
  const person = await resolvePerson(trx, personId);
  if (!person) return null;
  const today = dayOf(now);
  const team = await trx
    .selectFrom('care_team_members')
    .select(['organization_id', 'user_id', 'role'])
    .where('person_id', 'in', person.ids)
    // A pending link (docs/privacy.md, "Care-team links") is not told: that would disclose the overdose.
    .where('status', '=', 'active')
    .where('since', '<=', today)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', today)]))
    .execute();
  const since = addDays(now, -PRESCRIBER_LOOKBACK_DAYS);
  const prescribed = await trx
    .selectFrom('person_events')
    .select((eb) => eb.ref('data', '->>').key('prescriberUserId').as('prescriber'))
    .where('person_id', 'in', person.ids)
    .where('type', '=', 'opioid_dispense')
    .where('occurred_at', '>=', since)
    .execute();
  const prescriberIds = [
    ...new Set(prescribed.map((p) => p.prescriber).filter((p): p is string => typeof p === 'string' && /^[0-9a-f-]{36}$/i.test(p))),
  ];

  // Candidate (user, organization) pairs with their reasons.
  const candidates = new Map<string, { userId: string; organizationId: string; reasons: Set<LinkReason> }>();
  const add = (userId: string, organizationId: string, reason: LinkReason) => {
    const key = `${userId}|${organizationId}`;
    let c = candidates.get(key);
    if (!c) candidates.set(key, (c = { userId, organizationId, reasons: new Set() }));
    c.reasons.add(reason);
  };
  const memberships = async (where: { organizationIds: string[] } | { userIds: string[] }) =>
    (await activeMemberships(trx, where)).map((m) => ({ user_id: m.userId, organization_id: m.organizationId, roles: m.roles }));
  const rolesOf = new Map<string, readonly Role[]>();
  if (team.length > 0) {
    const rows = await memberships({ organizationIds: [...new Set(team.map((t) => t.organization_id))] });
    for (const r of rows) rolesOf.set(`${r.user_id}|${r.organization_id}`, r.roles);
    for (const link of team) {
      const { reason, staffRoles } = careTeamAudience(link.role);
      for (const r of rows) {
        if (r.organization_id !== link.organization_id) continue;
        const named = link.user_id !== null;
        if (named ? r.user_id === link.user_id : r.roles.some((x) => staffRoles.includes(x))) add(r.user_id, r.organization_id, reason);
      }
    }
  }
  if (prescriberIds.length > 0) {
    for (const r of await memberships({ userIds: prescriberIds })) {
      rolesOf.set(`${r.user_id}|${r.organization_id}`, r.roles);
      if (r.roles.includes('clinician')) add(r.user_id, r.organization_id, 'opioid_prescriber');
    }
  }

  const facts = (await loadPersonFacts(trx, [person])).get(person.row.id)!;
  const users: LinkedUser[] = [...candidates.values()].map((c) => {
    const decision = decideAccess({
      actor: {
        kind: 'user',
        userId: c.userId,
        organizationId: c.organizationId,
        roles: rolesOf.get(`${c.userId}|${c.organizationId}`) ?? [],
      },
      // Who is told; what they then read goes through the chokepoint with their agreements and training.
      caller: noCallerFacts,
      purpose: 'treatment',
      record,
      person: facts,
      now,
    });
    return { userId: c.userId, organizationId: c.organizationId, reasons: [...c.reasons].sort(), permitted: decision.permit };
  });
  users.sort((a, b) => a.userId.localeCompare(b.userId) || a.organizationId.localeCompare(b.organizationId));
  return {
    personId: person.row.id,
    careTeam: team.map((t) => ({ organizationId: t.organization_id, userId: t.user_id, role: t.role })),
    users,
  };
}
