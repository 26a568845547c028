import type { FeedApplySummary, FeedKind } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { AccessContext } from '../../core/access-context.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { receiveContent, type MessageResult } from './apply.ts';
import { mayOnFeed } from './feeds-policy.ts';
import { loadSource, sourceForOrganization, type SourceRow } from './sources.ts';
import { organizationIdsByNameOrId } from '../organizations/index.ts';

export async function auditPush(
  db: Db,
  clock: Clock,
  access: AccessContext,
  source: SourceRow,
  channel: string,
  summary: FeedApplySummary,
) {
  await recordAudit(db, clock, access, {
    action: 'feeds.push',
    entityType: 'feed_source',
    entityId: source.id,
    organizationId: source.organizationId,
    details: { channel, kind: source.kind, ...summary },
  });
}

/** An API push of a file to one of the caller's organization's feeds. */
export async function pushToFeed(
  db: Db,
  clock: Clock,
  access: AccessContext,
  sourceId: string,
  content: string,
): Promise<FeedApplySummary> {
  const source = await loadSource(db, sourceId);
  if (!source || !mayOnFeed(access, 'feed.push', source.organizationId)) throw new AppError('NOT_FOUND');
  const summary = await receiveContent(db, clock, source, content);
  await auditPush(db, clock, access, source, 'api', summary);
  return summary;
}

/**
 * `continuum feeds import`: applies a file as if it had arrived on the organization's feed of that
 * kind (the organization by id or exact name; its feed set up as "default" when it has none, in
 * `networkTimeZone`, UTC when not given).
 */
export async function importFeedFile(
  db: Db,
  clock: Clock,
  access: AccessContext,
  organization: string,
  kind: FeedKind,
  content: string,
  options: { onMessage?: (result: MessageResult) => void; networkTimeZone?: string } = {},
): Promise<FeedApplySummary> {
  const orgs = await organizationIdsByNameOrId(db, organization);
  if (orgs.length !== 1)
    throw new AppError('VALIDATION_FAILED', {
      message: orgs.length === 0 ? 'No organization with that name or id.' : 'More than one organization has that name; give its id.',
      fields: [{ path: 'organization', message: orgs.length === 0 ? 'No such organization' : 'Ambiguous name' }],
    });
  const source = await sourceForOrganization(db, clock, access, orgs[0]!, kind, options.networkTimeZone ?? 'UTC');
  if (!mayOnFeed(access, 'feed.push', source.organizationId)) throw new AppError('FORBIDDEN');
  const summary = await receiveContent(db, clock, source, content, {
    onMessage: options.onMessage ? (r) => options.onMessage!(r) : undefined,
  });
  await auditPush(db, clock, access, source, 'cli', summary);
  return summary;
}
