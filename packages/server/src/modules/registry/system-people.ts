import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { AccessContext } from '../../core/access-context.ts';

export interface SystemPerson {
  id: string;
  name: string;
  registeredByOrganizationId: string | null;
}

/**
 * People for privileged system work that needs person ids without a person-facing read — the demo
 * seed (a year of synthetic referrals) and benchmarks. Only a system context may call it (a seed or
 * benchmark runs as `systemAccess(reason)`, and the reason is in the audit trail of what it
 * writes); anyone else gets FORBIDDEN. Demo people only when `demoOnly`. Oldest first, stable.
 */
export async function peopleForSystemWork(
  trx: DbOrTrx,
  access: AccessContext,
  options: { limit: number; demoOnly?: boolean },
): Promise<SystemPerson[]> {
  if (access.actor.type !== 'system') throw new AppError('FORBIDDEN', { message: 'Only system work lists people this way.' });
  let q = trx
    .selectFrom('people')
    .select(['id', 'given_name', 'family_name', 'registered_by_organization_id'])
    .where('merged_into_id', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(options.limit);
  if (options.demoOnly) q = q.where('is_demo', '=', true);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    name: `${r.given_name} ${r.family_name}`,
    registeredByOrganizationId: r.registered_by_organization_id,
  }));
}
