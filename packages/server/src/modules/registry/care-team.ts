import { sql } from 'kysely';
import type { AddCareTeamMember, CareTeamAdded, CareTeamConfirmation } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import { findOrganization } from '../organizations/index.ts';
import { membersAmong } from '../identity/index.ts';
import { notify } from '../notifications/index.ts';
import { dayOf } from './access-decision.ts';
import { resolvePerson, type ReadContext } from './access-facts.ts';
import { openPerson } from './chokepoint.ts';
import { requireRegistryRole } from './people.ts';

/*
 * Care-team links. A link is a treating relationship, and through it the person's "my treating
 * providers" consents and HIPAA treatment disclosures reach the linked organization. So a link one
 * organization's staff add for another organization does not count by itself: it is `pending` until
 * the person's signed consent names that organization, a referral to it is accepted, or a privacy
 * officer of the adding organization (not the person who added it) approves it. A pending link gives
 * no access, no overdose notice and no outreach task. docs/privacy.md, "Care-team links".
 */

/** A signed, current consent of the person that names the organization as a recipient, if any. */
async function consentNaming(trx: DbOrTrx, personIds: readonly string[], organizationId: string, now: Date): Promise<string | null> {
  const row = await trx
    .selectFrom('consents')
    .select('id')
    .where('person_id', 'in', personIds)
    .where('status', '=', 'signed')
    .where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>=', dayOf(now))]))
    .where(sql<boolean>`recipients->'organizationIds' @> ${JSON.stringify([organizationId])}::jsonb`)
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function addCareTeamMember(
  db: Db,
  clock: Clock,
  ctx: ReadContext,
  personId: string,
  input: AddCareTeamMember,
): Promise<CareTeamAdded> {
  const callerOrg = requireRegistryRole(ctx.access, 'person.care-team.change');
  return db.transaction().execute(async (trx) => {
    const { person, decision } = await openPerson(trx, ctx, personId);
    const organizationId = input.organizationId ?? callerOrg;
    const org = await findOrganization(trx, organizationId);
    if (!org || !org.active)
      throw new AppError('ORGANIZATION_NOT_FOUND', { fields: [{ path: 'body.organizationId', message: 'No such active organization' }] });
    if (input.userId) {
      const member = await membersAmong(trx, organizationId, [input.userId]);
      if (member.size === 0)
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'body.userId', message: 'This person is not staff of that organization' }],
        });
    }
    const now = clock.now();
    // The system (feeds, imports) and an organization linking itself assert their own relationship —
    // unless the caller reaches the person only through emergency (break-glass) access or a service
    // agreement: a link made then would outlive that access, so it waits like another's link.
    const another = ctx.access.actor.type !== 'system' && organizationId !== callerOrg;
    const byTemporaryAccess = ctx.access.actor.type !== 'system' && (decision.basis === 'break_glass' || decision.basis === 'qsoa');
    const needsConfirmation = another || byTemporaryAccess;
    const consentId = needsConfirmation ? await consentNaming(trx, person.ids, organizationId, now) : null;
    const pending = needsConfirmation && consentId === null;
    const row = await trx
      .insertInto('care_team_members')
      .values({
        person_id: person.row.id,
        organization_id: organizationId,
        user_id: input.userId ?? null,
        role: input.role,
        since: input.since ?? dayOf(now),
        until: null,
        created_at: now,
        status: pending ? 'pending' : 'active',
        added_by_organization_id: callerOrg === '' ? null : callerOrg,
        added_by_user_id: actorUserId(ctx.access),
        confirmed_by: consentId === null ? null : 'consent',
        confirmed_at: consentId === null ? null : now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (pending) {
      await notify(trx, clock, {
        kind: 'care-team.pending',
        title: 'A care-team link to approve',
        body: another
          ? 'Staff of your organization linked another organization to a person’s care team. It gives no access until the person consents, a referral to it is accepted or you approve it.'
          : 'Staff of your organization, reaching a person only through emergency access or a service agreement, linked your organization to their care team. The link gives no access of its own: it counts once the person consents or a referral to your organization is accepted.',
        link: `/people/${person.row.id}`,
        organizations: [{ organizationId: callerOrg, roles: ['privacy_officer'] }],
        dedupeKey: `care-team:${row.id}`,
      });
    }
    await recordAudit(trx, clock, ctx.access, {
      action: 'person.care-team.add',
      entityType: 'person',
      entityId: person.row.id,
      details: { role: input.role, member: row.id, pending, ...(consentId ? { confirmedBy: 'consent', consent: consentId } : {}) },
    });
    return { id: row.id, pending };
  });
}

export async function endCareTeamMember(db: Db, clock: Clock, ctx: ReadContext, personId: string, memberId: string): Promise<void> {
  requireRegistryRole(ctx.access, 'person.care-team.change');
  await db.transaction().execute(async (trx) => {
    const { person } = await openPerson(trx, ctx, personId);
    const today = dayOf(clock.now());
    const result = await trx
      .updateTable('care_team_members')
      .set({ until: today })
      .where('id', '=', memberId)
      .where('person_id', 'in', person.ids)
      .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', today)]))
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) throw new AppError('NOT_FOUND', { message: 'No open care-team link with that id for this person.' });
    await recordAudit(trx, clock, ctx.access, {
      action: 'person.care-team.end',
      entityType: 'person',
      entityId: person.row.id,
      details: { member: memberId },
    });
  });
}

/**
 * A privacy officer of the organization that added a pending link approves it. The one who added
 * the link may not approve it, even when they are also a privacy officer: two people agree.
 */
export async function approveCareTeamMember(db: Db, clock: Clock, ctx: ReadContext, personId: string, memberId: string): Promise<void> {
  const organizationId = requireRegistryRole(ctx.access, 'person.care-team.approve');
  const userId = actorUserId(ctx.access);
  await db.transaction().execute(async (trx) => {
    const { person } = await openPerson(trx, ctx, personId);
    const row = await trx
      .selectFrom('care_team_members')
      .select(['id', 'status', 'added_by_organization_id', 'added_by_user_id'])
      .where('id', '=', memberId)
      .where('person_id', 'in', person.ids)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', { message: 'No care-team link with that id for this person.' });
    if (row.added_by_organization_id !== organizationId)
      throw new AppError('FORBIDDEN', { message: 'Only a privacy officer of the organization that added the link may approve it.' });
    if (userId === null || row.added_by_user_id === userId)
      throw new AppError('FORBIDDEN', { message: 'Someone other than the person who added the link must approve it.' });
    const now = clock.now();
    const updated = await trx
      .updateTable('care_team_members')
      .set({ status: 'active', confirmed_by: 'privacy_officer', confirmed_at: now, confirmed_by_user_id: userId })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) throw new AppError('CONFLICT', { message: 'This care-team link is not waiting for approval.' });
    await recordAudit(trx, clock, ctx.access, {
      action: 'person.care-team.approve',
      entityType: 'person',
      entityId: person.row.id,
      details: { member: row.id },
    });
  });
}

/** Confirms the person's pending links to these organizations (a consent naming them was signed, a referral accepted). */
export async function confirmPendingCareTeam(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  personId: string,
  organizationIds: readonly string[],
  how: Exclude<CareTeamConfirmation, 'privacy_officer'>,
): Promise<number> {
  if (organizationIds.length === 0) return 0;
  const person = await resolvePerson(trx, personId);
  if (!person) return 0;
  const now = clock.now();
  const confirmed = await trx
    .updateTable('care_team_members')
    .set({ status: 'active', confirmed_by: how, confirmed_at: now, confirmed_by_user_id: actorUserId(access) })
    .where('person_id', 'in', person.ids)
    .where('organization_id', 'in', organizationIds)
    .where('status', '=', 'pending')
    .returning('id')
    .execute();
  for (const member of confirmed) {
    await recordAudit(trx, clock, access, {
      action: 'person.care-team.confirm',
      entityType: 'person',
      entityId: person.row.id,
      details: { member: member.id, confirmedBy: how },
    });
  }
  return confirmed.length;
}
