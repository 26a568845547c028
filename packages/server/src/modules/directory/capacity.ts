import type { CapacityHistoryEntry, CapacityStatus, UpdateCapacity, VerificationReminder } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { isNetworkAdmin } from '../../core/access-context.ts';
import { capacityFromRow } from './capacity-rules.ts';
import { actorOf, authorizeListing, serviceOwner } from './listing-access.ts';
import type { DirectoryCapacityRow } from './directory.table.ts';

/**
 * Sets a service's current capacity for one unit in one action and appends it to the history
 * (capacity over time feeds analytics). Confirming an unchanged figure still refreshes its time.
 */
export async function updateCapacity(
  db: Db,
  clock: Clock,
  access: AccessContext,
  serviceId: string,
  input: UpdateCapacity,
  staleHours: number,
): Promise<CapacityStatus> {
  return db.transaction().execute(async (trx) => {
    const owner = await serviceOwner(trx, serviceId);
    authorizeListing(access, 'edit', owner.memberOrganizationId);
    const row = await writeCapacity(trx, clock, access, serviceId, input);
    await recordAudit(trx, clock, access, {
      action: 'directory.capacity.update',
      entityType: 'directory_service',
      entityId: serviceId,
      details: { unit: input.unit, status: input.status },
    });
    return capacityFromRow(row, clock.now(), staleHours);
  });
}

/** The write without authorization or audit: for the caller's transaction (updates, import, demo seed). */
export async function writeCapacity(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  serviceId: string,
  input: UpdateCapacity,
  at: Date = clock.now(),
): Promise<DirectoryCapacityRow> {
  const actor = await actorOf(trx, access);
  const values = {
    status: input.status,
    available: input.available,
    maximum: input.maximum ?? null,
    waitlist_days: input.waitlistDays ?? null,
    note: input.note ?? null,
    updated_at: at,
    updated_by_user_id: actor.userId,
    updated_by_label: actor.label,
  };
  const row = await trx
    .insertInto('directory_capacities')
    .values({ service_id: serviceId, unit: input.unit, ...values })
    .onConflict((oc) => oc.columns(['service_id', 'unit']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('directory_capacity_history')
    .values({
      service_id: serviceId,
      unit: input.unit,
      status: input.status,
      available: input.available,
      maximum: input.maximum ?? null,
      waitlist_days: input.waitlistDays ?? null,
      recorded_at: at,
      recorded_by_user_id: actor.userId,
      recorded_by_label: actor.label,
    })
    .execute();
  return row;
}

export async function capacityHistory(db: DbOrTrx, access: AccessContext, serviceId: string, limit = 500): Promise<CapacityHistoryEntry[]> {
  authorizeListing(access, 'read', null);
  await serviceOwner(db, serviceId);
  const rows = await db
    .selectFrom('directory_capacity_history')
    .selectAll()
    .where('service_id', '=', serviceId)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    unit: r.unit,
    status: r.status,
    available: r.available,
    maximum: r.maximum,
    waitlistDays: r.waitlist_days,
    recordedAt: r.recorded_at.toISOString(),
    recordedByLabel: r.recorded_by_label,
  }));
}

/** Open verification reminders: the caller's organization's, or every one for a network administrator. */
export async function listVerificationReminders(db: DbOrTrx, access: AccessContext): Promise<VerificationReminder[]> {
  authorizeListing(access, 'read', null);
  let query = db
    .selectFrom('directory_verification_reminders as r')
    .innerJoin('directory_organizations as o', 'o.id', 'r.directory_organization_id')
    .select(['r.id', 'r.directory_organization_id', 'o.name', 'r.last_verified_at', 'r.created_at'])
    .where('r.acknowledged_at', 'is', null);
  if (!isNetworkAdmin(access))
    query = query.where('r.member_organization_id', '=', access.organizationId ?? '00000000-0000-0000-0000-000000000000');
  const rows = await query.orderBy('r.created_at', 'desc').orderBy('r.id').limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    directoryOrganizationId: r.directory_organization_id,
    directoryOrganizationName: r.name,
    lastVerifiedAt: r.last_verified_at ? r.last_verified_at.toISOString() : null,
    createdAt: r.created_at.toISOString(),
  }));
}
