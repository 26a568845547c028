import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { canActOnListing, type DirectoryAction } from './directory-policy.ts';
import { userDisplayName } from '../identity/index.ts';

/* Who may change a directory listing, and who acted, as stored beside verifications and capacity updates. */

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Throws FORBIDDEN unless the policy allows `action` on a listing owned by `memberOrganizationId`. */
export function authorizeListing(access: AccessContext, action: DirectoryAction, memberOrganizationId: string | null): void {
  if (!canActOnListing(access, action, memberOrganizationId)) {
    throw new AppError('FORBIDDEN', { message: "Only the organization's staff or a network administrator may change this listing." });
  }
}

/** Who acted, as stored beside verifications and capacity updates. */
export async function actorOf(db: DbOrTrx, access: AccessContext): Promise<{ userId: string | null; label: string }> {
  switch (access.actor.type) {
    case 'user': {
      return { userId: access.actor.userId, label: (await userDisplayName(db, access.actor.userId)) ?? 'user' };
    }
    case 'token':
      return { userId: null, label: 'API token' };
    case 'client':
      return { userId: null, label: 'EHR connection' };
    case 'system':
      return { userId: null, label: access.actor.reason };
    case 'person':
    case 'anonymous':
      return { userId: null, label: 'anonymous' };
  }
}

/** The owning member organization of a service, for authorization. */
export async function serviceOwner(
  db: DbOrTrx,
  serviceId: string,
): Promise<{ organizationId: string; memberOrganizationId: string | null }> {
  const row = await db
    .selectFrom('directory_services as s')
    .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
    .select(['s.organization_id', 'o.member_organization_id'])
    .where('s.id', '=', serviceId)
    .executeTakeFirst();
  if (!row) throw new AppError('DIRECTORY_SERVICE_NOT_FOUND');
  return { organizationId: row.organization_id, memberOrganizationId: row.member_organization_id };
}
