import {
  createFeedSourceSchema,
  updateFeedSourceSchema,
  type CreateFeedSource,
  type UpdateFeedSource,
  type FeedKind,
  type FeedSource,
  type OrganizationType,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { AccessContext } from '../../core/access-context.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { mayOnFeed } from './feeds-policy.ts';
import { findOrganization, organizationNameOf, organizationTypeOf } from '../organizations/index.ts';

/* Feed sources: one organization's feed of one kind. */

export interface SourceRow {
  id: string;
  organizationId: string;
  organizationName: string;
  organizationType: OrganizationType;
  kind: FeedKind;
  name: string;
  quietAfterMinutes: number;
  /** The sender's local time zone (IANA). */
  timeZone: string;
  lastMessageAt: Date | null;
  quietAlertedAt: Date | null;
  createdAt: Date;
}

function sourceQuery(db: DbOrTrx) {
  return db
    .selectFrom('feed_sources as s')
    .select([
      's.id',
      's.organization_id as organizationId',
      organizationNameOf('s.organization_id').$notNull().as('organizationName'),
      organizationTypeOf('s.organization_id').$notNull().as('organizationType'),
      's.kind',
      's.name',
      's.quiet_after_minutes as quietAfterMinutes',
      's.time_zone as timeZone',
      's.last_message_at as lastMessageAt',
      's.quiet_alerted_at as quietAlertedAt',
      's.created_at as createdAt',
    ]);
}

export async function loadSources(db: DbOrTrx, filter: { organizationId?: string; id?: string } = {}): Promise<SourceRow[]> {
  return sourceQuery(db)
    .$if(filter.organizationId !== undefined, (q) => q.where('s.organization_id', '=', filter.organizationId!))
    .$if(filter.id !== undefined, (q) => q.where('s.id', '=', filter.id!))
    .orderBy('organizationName')
    .orderBy('s.kind')
    .orderBy('s.name')
    .execute() as Promise<SourceRow[]>;
}

export async function loadSource(db: DbOrTrx, id: string): Promise<SourceRow | null> {
  return (await loadSources(db, { id }))[0] ?? null;
}

export function toFeedSource(s: SourceRow): FeedSource {
  return {
    id: s.id,
    organizationId: s.organizationId,
    organizationName: s.organizationName,
    kind: s.kind,
    name: s.name,
    quietAfterMinutes: s.quietAfterMinutes,
    timeZone: s.timeZone,
    createdAt: new Date(s.createdAt).toISOString(),
  };
}

async function insertSource(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  organizationId: string,
  input: { kind: FeedKind; name: string; quietAfterMinutes: number; timeZone: string },
): Promise<string> {
  const now = clock.now();
  const row = await trx
    .insertInto('feed_sources')
    .values({
      organization_id: organizationId,
      kind: input.kind,
      name: input.name,
      quiet_after_minutes: input.quietAfterMinutes,
      time_zone: input.timeZone,
      last_message_at: null,
      quiet_alerted_at: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['organization_id', 'kind', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new AppError('CONFLICT', { message: 'This organization already has a feed of that kind and name.' });
  await recordAudit(trx, clock, access, {
    action: 'feeds.source.create',
    entityType: 'feed_source',
    entityId: row.id,
    organizationId,
    details: { kind: input.kind, quietAfterMinutes: input.quietAfterMinutes, timeZone: input.timeZone },
  });
  return row.id;
}

/**
 * Sets up a feed for an organization (its own administrators, or a network administrator for any);
 * its time zone is the network's (`networkTimeZone`) unless the body names one.
 */
export async function createFeedSource(
  db: Db,
  clock: Clock,
  access: AccessContext,
  body: CreateFeedSource,
  networkTimeZone: string,
): Promise<FeedSource> {
  const input = createFeedSourceSchema.parse(body);
  const organizationId = input.organizationId ?? access.organizationId;
  if (!organizationId) throw new AppError('ORGANIZATION_NOT_SELECTED');
  if (!mayOnFeed(access, 'feed.manage', organizationId)) throw new AppError('FORBIDDEN');
  const org = await findOrganization(db, organizationId);
  if (!org) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.organizationId', message: 'No organization with that id' }] });
  const id = await db
    .transaction()
    .execute((trx) => insertSource(trx, clock, access, organizationId, { ...input, timeZone: input.timeZone ?? networkTimeZone }));
  return toFeedSource((await loadSource(db, id))!);
}

/**
 * The organization's feed of a kind (the first by name), set up as "default" in the network's time
 * zone when it has none: the CLI and the demo use it.
 */
export async function sourceForOrganization(
  db: Db,
  clock: Clock,
  access: AccessContext,
  organizationId: string,
  kind: FeedKind,
  networkTimeZone: string,
): Promise<SourceRow> {
  const existing = (await loadSources(db, { organizationId })).find((s) => s.kind === kind);
  if (existing) return existing;
  const id = await db.transaction().execute(async (trx) => {
    const again = await trx
      .selectFrom('feed_sources')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return (
      again?.id ??
      insertSource(trx, clock, access, organizationId, { kind, name: 'default', quietAfterMinutes: 240, timeZone: networkTimeZone })
    );
  });
  return (await loadSource(db, id))!;
}

/** Changes a feed's quiet window or time zone (its organization's administrators, or a network administrator); audited. */
export async function updateFeedSource(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  body: UpdateFeedSource,
): Promise<FeedSource> {
  const input = updateFeedSourceSchema.parse(body);
  const source = await loadSource(db, id);
  if (!source || !mayOnFeed(access, 'feed.manage', source.organizationId)) throw new AppError('NOT_FOUND');
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('feed_sources')
      .set({
        ...(input.quietAfterMinutes !== undefined ? { quiet_after_minutes: input.quietAfterMinutes } : {}),
        ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
        updated_at: clock.now(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, clock, access, {
      action: 'feeds.source.update',
      entityType: 'feed_source',
      entityId: id,
      organizationId: source.organizationId,
      details: { ...input },
    });
  });
  return toFeedSource((await loadSource(db, id))!);
}
