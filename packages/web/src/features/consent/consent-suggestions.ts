import type { PersonDetail, Session } from '@continuum/contracts';
import type { NetworkOrganization } from '../organizations/index.ts';

/** The organizations a consent most often names: the person's active care team, then the user's own. */
export function careTeamSuggestions(person: Pick<PersonDetail, 'careTeam'>, session: Session): NetworkOrganization[] {
  const found = new Map<string, string>();
  for (const member of person.careTeam) if (member.active) found.set(member.organizationId, member.organizationName);
  for (const membership of session.memberships)
    if (membership.organizationId === session.activeOrganizationId) found.set(membership.organizationId, membership.organizationName);
  return [...found].map(([id, name]) => ({ id, name }));
}
