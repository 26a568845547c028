import { sql } from 'kysely';
import type { BreakGlass, Disclosure } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId } from '../../core/access-context.ts';
import { notify } from '../notifications/index.ts';
import { personNotFound, resolvePerson, type ReadContext } from './access-facts.ts';
import { openPerson } from './chokepoint.ts';
import { requireRegistryRole } from './people.ts';
import { addHours, addIsoDays, dayStart, epochDayOf, utcDay } from '@continuum/contracts';
import { organizationNameOf } from '../organizations/index.ts';
import { userDisplayNameOf } from '../identity/index.ts';

/**
 * Emergency access (42 CFR 2.51): a clinician states the nature of the emergency and gets
 * time-limited access to the person's records. Every read under it is a recorded disclosure, and
 * the grant is a review task for the privacy officer of the clinician's organization.
 */
export async function startBreakGlass(
  db: Db,
  clock: Clock,
  ctx: ReadContext,
  personId: string,
  reason: string,
  hours: number,
): Promise<{ id: string; expiresAt: string }> {
  const organizationId = requireRegistryRole(ctx.access, 'break-glass.start');
  if (ctx.access.actor.type !== 'user')
    throw new AppError('FORBIDDEN', { message: 'Emergency access is for a signed-in clinician, not an API token.' });
  const userId = ctx.access.actor.userId;
  return db.transaction().execute(async (trx) => {
    // The clinician reaches the person from a record they hold (a restricted timeline, a referral);
    // an id that does not exist is "not found".
    const person = await resolvePerson(trx, personId);
    if (!person) throw personNotFound();
    const now = clock.now();
    const expiresAt = addHours(now, hours);
    const row = await trx
      .insertInto('break_glass_grants')
      .values({
        person_id: person.row.id,
        user_id: userId,
        organization_id: organizationId,
        reason,
        started_at: now,
        expires_at: expiresAt,
        review_status: 'open',
        review_outcome: null,
        review_note: null,
        reviewed_at: null,
        reviewed_by_user_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, ctx.access, {
      action: 'break-glass.start',
      entityType: 'person',
      entityId: person.row.id,
      details: { grant: row.id, hours },
    });
    // The review task reaches the privacy officers of the clinician's organization.
    await notify(trx, clock, {
      kind: 'break-glass.review',
      title: 'Emergency access to review',
      body: 'A clinician in your organization used emergency access (42 CFR 2.51).',
      link: '/privacy/break-glass',
      organizations: [{ organizationId, roles: ['privacy_officer'] }],
      dedupeKey: `break-glass:${row.id}`,
    });
    return { id: row.id, expiresAt: expiresAt.toISOString() };
  });
}

/** The privacy officer's review list: grants made by staff of their organization. */
export async function listBreakGlass(trx: DbOrTrx, ctx: ReadContext, status: 'open' | 'closed'): Promise<BreakGlass[]> {
  const organizationId = requireRegistryRole(ctx.access, 'break-glass.review');
  const rows = await trx
    .selectFrom('break_glass_grants as g')
    .innerJoin('people as p', 'p.id', 'g.person_id')
    .select([
      'g.id',
      'g.person_id',
      'p.given_name',
      'p.family_name',
      'g.user_id',
      userDisplayNameOf('g.user_id').$notNull().as('user_name'),
      'g.organization_id',
      organizationNameOf('g.organization_id').$notNull().as('organization_name'),
      'g.reason',
      'g.started_at',
      'g.expires_at',
      'g.review_status',
      'g.review_outcome',
      'g.review_note',
      'g.reviewed_at',
      userDisplayNameOf('g.reviewed_by_user_id').as('reviewer_name'),
    ])
    .select((eb) =>
      eb
        .selectFrom('disclosures as d')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('d.record_count'), e.lit(0)).as('n'))
        .whereRef('d.break_glass_id', '=', 'g.id')
        .as('records_viewed'),
    )
    .where('g.organization_id', '=', organizationId)
    .where('g.review_status', '=', status)
    .orderBy('g.started_at', status === 'open' ? 'asc' : 'desc')
    .limit(500)
    .execute();
  // The privacy officer reviews the emergency access to this person: the name is what they review.
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    personName: `${r.given_name} ${r.family_name}`,
    userId: r.user_id,
    userName: r.user_name,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    reason: r.reason,
    startedAt: r.started_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    reviewStatus: r.review_status,
    reviewOutcome: r.review_outcome,
    reviewNote: r.review_note,
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
    reviewedByName: r.reviewer_name,
    recordsViewed: Number(r.records_viewed ?? 0),
  }));
}

export async function reviewBreakGlass(
  db: Db,
  clock: Clock,
  ctx: ReadContext,
  grantId: string,
  input: { outcome: 'appropriate' | 'inappropriate'; note: string },
): Promise<void> {
  const organizationId = requireRegistryRole(ctx.access, 'break-glass.review');
  await db.transaction().execute(async (trx) => {
    const now = clock.now();
    const updated = await trx
      .updateTable('break_glass_grants')
      .set({
        review_status: 'closed',
        review_outcome: input.outcome,
        review_note: input.note,
        reviewed_at: now,
        reviewed_by_user_id: actorUserId(ctx.access),
        // Closing the review also ends access that is still running.
        expires_at: sql<Date>`least(expires_at, ${now})`,
      })
      .where('id', '=', grantId)
      .where('organization_id', '=', organizationId)
      .where('review_status', '=', 'open')
      .returning('id')
      .executeTakeFirst();
    if (!updated) {
      const exists = await trx
        .selectFrom('break_glass_grants')
        .select('id')
        .where('id', '=', grantId)
        .where('organization_id', '=', organizationId)
        .executeTakeFirst();
      if (!exists) throw new AppError('BREAK_GLASS_NOT_FOUND');
      throw new AppError('CONFLICT', { message: 'This review is already closed.' });
    }
    await recordAudit(trx, clock, ctx.access, {
      action: 'break-glass.review',
      entityType: 'break_glass',
      entityId: grantId,
      details: { outcome: input.outcome },
    });
  });
}

const THREE_YEARS_DAYS = 3 * 365 + 1;

/**
 * The accounting of disclosures (42 CFR 2.24 and 2.25): every disclosure of the person's records
 * in the period, 3 years by default. The privacy officer produces it for the person.
 */
export async function listDisclosures(
  trx: DbOrTrx,
  ctx: ReadContext,
  personId: string,
  range: { from?: string | undefined; to?: string | undefined },
) {
  requireRegistryRole(ctx.access, 'disclosures.read');
  const { person } = await openPerson(trx, ctx, personId);
  const { from, to, items } = await disclosuresOf(trx, ctx, person.ids, range);
  return { personId: person.row.id, personName: `${person.row.given_name} ${person.row.family_name}`, from, to, items };
}

/** The accounting rows of one person's record ids in the period (3 years to today by default). */
export async function disclosuresOf(
  trx: DbOrTrx,
  ctx: ReadContext,
  ids: readonly string[],
  range: { from?: string | undefined; to?: string | undefined },
): Promise<{ from: string; to: string; items: Disclosure[] }> {
  const to = range.to ?? utcDay(ctx.now);
  const from = range.from ?? addIsoDays(to, -THREE_YEARS_DAYS);
  if (from > to) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'querystring.from', message: 'Must be on or before "to"' }] });
  const rows = await trx
    .selectFrom('disclosures as d')
    .select([
      'd.id',
      'd.occurred_at',
      'd.recipient_organization_id',
      organizationNameOf('d.recipient_organization_id').as('recipient_name'),
      userDisplayNameOf('d.recipient_user_id').as('user_name'),
      organizationNameOf('d.source_organization_id').as('source_name'),
      'd.kinds',
      'd.record_count',
      'd.purpose',
      'd.basis',
      'd.consent_id',
      'd.break_glass_id',
      'd.channel',
    ])
    .where('d.person_id', 'in', [...ids])
    .where('d.occurred_at', '>=', new Date(`${from}T00:00:00Z`))
    .where('d.occurred_at', '<', dayStart(epochDayOf(to) + 1))
    .orderBy('d.occurred_at', 'desc')
    .limit(10_000)
    .execute();
  const items: Disclosure[] = rows.map((r) => ({
    id: r.id,
    occurredAt: r.occurred_at.toISOString(),
    recipientOrganizationId: r.recipient_organization_id,
    recipientOrganizationName: r.recipient_name,
    recipientUserName: r.user_name,
    sourceOrganizationName: r.source_name,
    kinds: r.kinds,
    recordCount: r.record_count,
    purpose: r.purpose,
    basis: r.basis as Disclosure['basis'],
    consentId: r.consent_id,
    breakGlassId: r.break_glass_id,
    channel: r.channel,
  }));
  return { from, to, items };
}
