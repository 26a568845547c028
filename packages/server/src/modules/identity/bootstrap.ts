import type { OrganizationType } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { systemAccess } from '../../core/access-context.ts';
import { insertOrganization } from '../organizations/index.ts';
import { anyoneHoldsRole } from './user-lookups.ts';

export interface BootstrapInput {
  organization: string;
  type: OrganizationType;
  email: string;
  name: string;
  passwordHash: string;
}

/**
 * Creates the first organization and its network administrator, in one audited transaction, on a database
 * where nobody is a network administrator yet (how a production network starts; `continuum admin bootstrap`).
 * Answers 'exists' and changes nothing when there already is one.
 */
export async function bootstrapNetworkAdministrator(db: Db, clock: Clock, input: BootstrapInput): Promise<'created' | 'exists'> {
  if (await anyoneHoldsRole(db, 'network_admin')) return 'exists';
  const now = clock.now();
  const access = systemAccess('admin bootstrap');
  await db.transaction().execute(async (trx) => {
    const org = await insertOrganization(trx, clock, access, { name: input.organization, type: input.type });
    const user = await trx
      .insertInto('users')
      .values({
        email: input.email,
        display_name: input.name,
        password_hash: input.passwordHash,
        status: 'active',
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const membership = await trx
      .insertInto('memberships')
      .values({ user_id: user.id, organization_id: org.id, roles: ['network_admin', 'org_admin'], created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, access, { action: 'user.create', entityType: 'user', entityId: user.id, organizationId: org.id });
    await recordAudit(trx, clock, access, {
      action: 'membership.create',
      entityType: 'membership',
      entityId: membership.id,
      organizationId: org.id,
      details: { roles: ['network_admin', 'org_admin'] },
    });
  });
  return 'created';
}
