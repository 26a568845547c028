import {
  personIndexReviewRoles,
  type LinkDecision,
  type LinkHistoryEntry,
  type LinkItem,
  type LinkQueueQuery,
  type LinkSide,
  type Role,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { organizationNames } from '../organizations/index.ts';
import { filterVisible, readContext, unmergeLinkedPeople, visiblePeople } from '../registry/index.ts';
import { joinIdentities } from './person-index.ts';

/** Who works the review queue: the network's data stewards (docs/person-index.md). */
export const REVIEW_ROLES: readonly Role[] = personIndexReviewRoles;

export function requireReviewer(access: AccessContext): void {
  if (!access.roles.some((r) => REVIEW_ROLES.includes(r))) throw new AppError('FORBIDDEN');
}

export const PART2_LABEL = 'A record at a Part 2 program';

const STEP: Record<LinkHistoryEntry['decision'], number> = { auto_link: 0, review: 0, not_sure: 1, accept: 2, reject: 2, unlink: 3 };

const OPEN: readonly ('review' | 'not_sure')[] = ['review', 'not_sure'];

interface SideRow {
  id: string;
  person_id: string | null;
  source_organization_id: string | null;
  source_system: string;
  part2: boolean;
}

/**
 * The queue: pairs by status (open = in review or "not sure", best first), each side shown only as
 * far as the reviewer may see it through the chokepoint (which records the disclosure): the person's
 * summary, or a label — "A record at a Part 2 program" for a Part 2 record, else the holding
 * organization's name. The waterfall (prior and each field's contribution) comes with every pair.
 */
export async function listLinks(db: Db, clock: Clock, access: AccessContext, query: LinkQueueQuery): Promise<LinkItem[]> {
  requireReviewer(access);
  const statuses = query.status === 'open' ? OPEN : [query.status];
  return db.transaction().execute(async (trx) => {
    // Open pairs best first; decided ones (the merge and unmerge history) most recent first.
    const links = await trx
      .selectFrom('person_index_links')
      .selectAll()
      .where('status', 'in', statuses)
      .$if(query.status === 'open', (q) => q.orderBy('probability', 'desc'))
      .$if(query.status !== 'open', (q) => q.orderBy('decided_at', 'desc'))
      .orderBy('id')
      .limit(query.limit)
      .execute();
    return presentLinks(trx, clock, access, links);
  });
}

type LinkRow = Awaited<ReturnType<typeof loadLink>>;

async function loadLink(trx: DbOrTrx, id: string) {
  const link = await trx.selectFrom('person_index_links').selectAll().where('id', '=', id).executeTakeFirst();
  if (!link) throw new AppError('LINK_NOT_FOUND');
  return link;
}

async function presentLinks(trx: DbOrTrx, clock: Clock, access: AccessContext, links: readonly LinkRow[]): Promise<LinkItem[]> {
  if (links.length === 0) return [];
  const recordIds = [...new Set(links.flatMap((l) => [l.record_id, l.candidate_id]))];
  const sides = new Map(
    (
      await trx
        .selectFrom('source_records')
        .select(['id', 'person_id', 'source_organization_id', 'source_system', 'part2'])
        .where('id', 'in', recordIds)
        .execute()
    ).map((r) => [r.id, r as SideRow]),
  );
  const ctx = readContext(access, clock);
  const personIds = [...new Set([...sides.values()].flatMap((s) => (s.person_id ? [s.person_id] : [])))];
  // Who the reviewer may see, decided per person by the chokepoint; the disclosure is written below for those shown.
  const visible = new Map<string, string>();
  for (const v of await filterVisible(trx, ctx, personIds)) for (const id of v.person.ids) visible.set(id, v.person.row.id);
  const summaries = new Map((await visiblePeople(trx, ctx, [...new Set(visible.values())])).map((s) => [s.id, s]));
  const orgNames = await organizationNames(trx, [
    ...new Set([...sides.values()].flatMap((s) => (s.source_organization_id ? [s.source_organization_id] : []))),
  ]);
  const history = new Map<string, LinkItem['history']>();
  const decisions = await trx
    .selectFrom('person_index_decisions')
    .select(['link_id', 'decision', 'decided_by', 'decided_at', 'reason'])
    .where(
      'link_id',
      'in',
      links.map((l) => l.id),
    )
    .execute();
  // Oldest first; within one instant in the order a pair's life allows (proposed, not sure, decided, undone).
  const at = (d: (typeof decisions)[number]) => new Date(d.decided_at).getTime();
  decisions.sort((a, b) => at(a) - at(b) || STEP[a.decision] - STEP[b.decision]);
  for (const d of decisions) {
    const entries = history.get(d.link_id) ?? [];
    entries.push({ decision: d.decision, decidedBy: d.decided_by, decidedAt: new Date(d.decided_at).toISOString(), reason: d.reason });
    history.set(d.link_id, entries);
  }
  const sideOf = (recordId: string): LinkSide => {
    const s = sides.get(recordId)!;
    const root = s.person_id ? visible.get(s.person_id) : undefined;
    const person = root ? (summaries.get(root) ?? null) : null;
    const org = s.source_organization_id ? orgNames.get(s.source_organization_id) : undefined;
    const label = s.part2 ? PART2_LABEL : `A record at ${org ?? 'another organization'}`;
    return { person, label, sourceSystem: s.source_system };
  };
  return links.map((l) => ({
    id: l.id,
    status: l.status,
    probability: l.probability,
    weight: l.weight,
    prior: (l.contributions as { prior: number }).prior,
    contributions: (l.contributions as { fields: LinkItem['contributions'] }).fields,
    guarded: Boolean((l.contributions as { guarded?: boolean }).guarded),
    modelVersion: l.model_version,
    decidedBy: l.decided_by,
    decidedAt: new Date(l.decided_at).toISOString(),
    left: sideOf(l.candidate_id),
    right: sideOf(l.record_id),
    history: history.get(l.id) ?? [],
  }));
}

export async function readLink(db: Db, clock: Clock, access: AccessContext, id: string): Promise<LinkItem> {
  requireReviewer(access);
  return db.transaction().execute(async (trx) => (await presentLinks(trx, clock, access, [await loadLink(trx, id)]))[0]!);
}

async function writeDecision(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  linkId: string,
  decision: 'accept' | 'reject' | 'not_sure' | 'unlink',
  reason: string | null,
) {
  await trx
    .insertInto('person_index_decisions')
    .values({
      link_id: linkId,
      decision,
      decided_by: 'reviewer',
      decided_by_user_id: actorUserId(access),
      reason,
      decided_at: clock.now(),
    })
    .execute();
  await recordAudit(trx, clock, access, {
    action: `person-index.${decision === 'not_sure' ? 'not-sure' : decision}`,
    entityType: 'person_index_link',
    entityId: linkId,
    details: { decision, reason: reason !== null },
  });
}

/**
 * A reviewer's decision on an open pair: accept joins the two identities (and merges the registry
 * people, reversibly), reject keeps them apart for good (the pair is not proposed again), not sure
 * keeps it in the queue. Audited; the decision history is kept.
 */
export async function decideLink(db: Db, clock: Clock, access: AccessContext, id: string, input: LinkDecision): Promise<LinkItem> {
  requireReviewer(access);
  return db.transaction().execute(async (trx) => {
    const link = await loadLink(trx, id);
    if (!OPEN.includes(link.status as 'review'))
      throw new AppError('LINK_STATE_INVALID', { message: 'This pair is no longer open for review.' });
    const now = clock.now();
    const status = input.decision === 'accept' ? 'linked' : input.decision === 'reject' ? 'rejected' : 'not_sure';
    await trx
      .updateTable('person_index_links')
      .set({ status, decided_by: 'reviewer', decided_by_user_id: actorUserId(access), decided_at: now })
      .where('id', '=', id)
      .execute();
    await writeDecision(trx, clock, access, id, input.decision, input.reason ?? null);
    if (input.decision === 'accept') {
      const records = await trx
        .selectFrom('source_records')
        .select(['id', 'identity_id'])
        .where('id', 'in', [link.record_id, link.candidate_id])
        .execute();
      const identity = new Map(records.map((r) => [r.id, r.identity_id]));
      await joinIdentities(trx, clock, access, id, identity.get(link.candidate_id)!, identity.get(link.record_id)!, 'reviewer');
    }
    return (await presentLinks(trx, clock, access, [await loadLink(trx, id)]))[0]!;
  });
}

/**
 * Undoes a link (automatic or accepted): the records that moved go back to the identity they came
 * from and the registry merge it made is undone, so both records read exactly as before. The pair is
 * then "unlinked" and not proposed again. Audited.
 */
export async function unlink(db: Db, clock: Clock, access: AccessContext, id: string, reason: string): Promise<LinkItem> {
  requireReviewer(access);
  return db.transaction().execute(async (trx) => {
    const link = await loadLink(trx, id);
    if (link.status !== 'linked') throw new AppError('LINK_STATE_INVALID', { message: 'Only a linked pair can be unlinked.' });
    const now = clock.now();
    if (link.absorbed_identity_id && link.moved_record_ids.length > 0)
      await trx
        .updateTable('source_records')
        .set({ identity_id: link.absorbed_identity_id, updated_at: now })
        .where('id', 'in', link.moved_record_ids)
        .execute();
    if (link.merge_id) await unmergeLinkedPeople(trx, clock, access, link.merge_id, reason);
    await trx
      .updateTable('person_index_links')
      .set({ status: 'unlinked', decided_by: 'reviewer', decided_by_user_id: actorUserId(access), decided_at: now })
      .where('id', '=', id)
      .execute();
    await writeDecision(trx, clock, access, id, 'unlink', reason);
    return (await presentLinks(trx, clock, access, [await loadLink(trx, id)]))[0]!;
  });
}
