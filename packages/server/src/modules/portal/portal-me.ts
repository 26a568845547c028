import { HOUR_MS, type PortalConsent, type PortalDisclosureList, type PortalHelpResult } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { recordAudit } from '../audit/index.ts';
import { listOwnConsents, listOwnDisclosures, ownOutreachTeam, readContext, requireSelf, revokeOwnConsent } from '../registry/index.ts';
import { createWorklistTask } from '../worklist/index.ts';

/*
 * What a person does in their portal. Each function takes the person's access context; the
 * registry's chokepoint opens only their own record. Every call is audited, reads included.
 */

export async function myConsents(db: Db, clock: Clock, access: AccessContext): Promise<PortalConsent[]> {
  const ctx = readContext(access, clock);
  return db.transaction().execute(async (trx) => {
    const items = await listOwnConsents(trx, ctx);
    await recordAudit(trx, clock, access, { action: 'portal.consents.read', entityType: 'person', entityId: requireSelf(ctx) });
    return items;
  });
}

/** Revokes one of the person's consents; another person's consent id is "not found". */
export async function revokeMyConsent(db: Db, clock: Clock, access: AccessContext, consentId: string): Promise<PortalConsent> {
  const ctx = readContext(access, clock);
  await revokeOwnConsent(db, clock, ctx, consentId);
  const items = await db.transaction().execute((trx) => listOwnConsents(trx, ctx));
  const revoked = items.find((c) => c.id === consentId);
  if (!revoked) throw new AppError('CONSENT_NOT_FOUND');
  return revoked;
}

export async function myDisclosures(db: Db, clock: Clock, access: AccessContext, download = false): Promise<PortalDisclosureList> {
  const ctx = readContext(access, clock, 'treatment', download ? 'export' : 'web');
  return db.transaction().execute(async (trx) => {
    const list = await listOwnDisclosures(trx, ctx);
    await recordAudit(trx, clock, access, {
      action: download ? 'portal.disclosures.download' : 'portal.disclosures.read',
      entityType: 'person',
      entityId: requireSelf(ctx),
      details: { count: list.items.length },
    });
    return list;
  });
}

/** A help request is answered within the hour: the task is due then, at the top of the navigator's worklist. */
export const HELP_DUE_HOURS = 1;

/**
 * "I need help today": an urgent outreach task for the person's navigator (or their team), due
 * within the hour. One per hour: pressing again in the same hour does not make a second task.
 */
export async function askForHelp(db: Db, clock: Clock, access: AccessContext): Promise<PortalHelpResult> {
  const ctx = readContext(access, clock);
  return db.transaction().execute(async (trx) => {
    const team = await ownOutreachTeam(trx, ctx);
    if (!team)
      throw new AppError('CONFLICT', { message: 'We could not find your care team. Call or text 988 now, or call 911 in an emergency.' });
    const now = clock.now();
    const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS).toISOString().slice(0, 13);
    const task = await createWorklistTask(trx, clock, access, {
      kind: 'manual',
      personId: team.personId,
      organizationId: team.organizationId,
      assigneeUserId: team.userId,
      dueAt: new Date(now.getTime() + HELP_DUE_HOURS * HOUR_MS),
      reason: 'Urgent: the person asked for help today in their portal. Reach out now.',
      dedupeKey: `portal-help:${team.personId}:${hour}`,
      signal: { organizationId: team.organizationId, occurredAt: now },
    });
    await recordAudit(trx, clock, access, {
      action: 'portal.help.request',
      entityType: 'worklist_task',
      entityId: task.id,
      details: { created: task.created },
    });
    return { created: task.created };
  });
}
