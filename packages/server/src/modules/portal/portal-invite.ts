import type { PortalInvitation, PortalInvitationResult } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import type { SmsSender } from '../../core/sms-sender.ts';
import { recordAudit } from '../audit/index.ts';
import { personForPortalInvitation, readContext } from '../registry/index.ts';
import { invitationMessage } from './portal-messages.ts';
import { sendPortalMessage } from './portal-senders.ts';
import { requireAddress } from './portal-sign-in.ts';

/**
 * A staff member of an organization that holds the person's record invites them to their portal
 * at an email address or a mobile number: the account is made (or its address updated) and a
 * message tells the person how to sign in. Only the person's own record is ever reachable from it.
 */
export async function invitePersonToPortal(
  db: Db,
  clock: Clock,
  access: AccessContext,
  personId: string,
  input: PortalInvitation,
  config: Config,
  sms: SmsSender | null,
): Promise<PortalInvitationResult> {
  const address = requireAddress(input.address);
  if (address.channel !== input.channel)
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ path: 'body.address', message: input.channel === 'email' ? 'Enter an email address' : 'Enter a mobile phone number' }],
    });
  const ctx = readContext(access, clock);
  return db.transaction().execute(async (trx) => {
    const person = await personForPortalInvitation(trx, ctx, personId);
    const column = address.channel === 'email' ? 'email' : 'phone';
    const taken = await trx
      .selectFrom('portal_accounts')
      .select('id')
      .where(column, '=', address.value)
      .where('person_id', '!=', person.personId)
      .executeTakeFirst();
    if (taken)
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: 'body.address', message: 'This address is already used for another portal; use another one' }],
      });
    const now = clock.now();
    const invitedBy = { invited_by_user_id: actorUserId(access), invited_by_organization_id: access.organizationId!, invited_at: now };
    const account = await trx
      .insertInto('portal_accounts')
      .values({
        person_id: person.personId,
        email: column === 'email' ? address.value : null,
        phone: column === 'phone' ? address.value : null,
        language: input.language,
        ...invitedBy,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .column('person_id')
          .doUpdateSet({ [column]: address.value, language: input.language, status: 'active', ...invitedBy, updated_at: now }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    await sendPortalMessage(trx, clock, sms, {
      channel: address.channel,
      to: address.value,
      ...invitationMessage(input.language, `${config.mail.publicUrl}/portal`),
    });
    await recordAudit(trx, clock, access, {
      action: 'portal.invite',
      entityType: 'portal_account',
      entityId: account.id,
      details: { person: person.personId, channel: address.channel, language: input.language },
    });
    return { personId: person.personId, channel: address.channel, invitedAt: now.toISOString() };
  });
}
