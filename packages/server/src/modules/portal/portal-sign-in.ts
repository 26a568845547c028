import type { PortalCodeRequest, PortalVerify } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { anonymousAccess, type AccessContext } from '../../core/access-context.ts';
import type { SmsSender } from '../../core/sms-sender.ts';
import { recordAudit } from '../audit/index.ts';
import { safeEqual } from '../identity/index.ts';
import type { PortalAccountRow } from './portal.table.ts';
import { codeMessage } from './portal-messages.ts';
import { codeExpiry, codeHash, judgeCode, newCode, normalizeAddress, type NormalizedAddress } from './portal-rules.ts';
import { sendPortalMessage } from './portal-senders.ts';
import { createPortalSession } from './portal-session.ts';

/** One answer for every failed sign-in, so it never tells whether an address has a portal. */
export const invalidCode = () =>
  new AppError('INVALID_CREDENTIALS', { message: 'That code did not work. It may be wrong, used or too old. Ask for a new code.' });

export function requireAddress(raw: string, path = 'body.address'): NormalizedAddress {
  const address = normalizeAddress(raw);
  if (!address) throw new AppError('VALIDATION_FAILED', { fields: [{ path, message: 'Enter an email address or a phone number' }] });
  return address;
}

export async function findAccountByAddress(db: DbOrTrx, address: NormalizedAddress): Promise<PortalAccountRow | undefined> {
  return db
    .selectFrom('portal_accounts')
    .selectAll()
    .where(address.channel === 'email' ? 'email' : 'phone', '=', address.value)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/**
 * Sends a new sign-in code to the address when it belongs to an active portal account, and does
 * nothing otherwise: the caller answers the same either way. A new code replaces any earlier one.
 */
export async function requestPortalCode(
  db: Db,
  clock: Clock,
  config: Config,
  sms: SmsSender | null,
  input: PortalCodeRequest,
  requestId: string | null,
): Promise<void> {
  const address = requireAddress(input.address);
  const account = await findAccountByAddress(db, address);
  if (!account) return;
  if (address.channel === 'sms' && !sms) return;
  const code = newCode();
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('portal_codes').set({ used_at: now }).where('account_id', '=', account.id).where('used_at', 'is', null).execute();
    await trx
      .insertInto('portal_codes')
      .values({
        account_id: account.id,
        code_hash: codeHash(config.secret, account.id, code),
        expires_at: codeExpiry(now),
        created_at: now,
      })
      .execute();
    await sendPortalMessage(trx, clock, sms, { channel: address.channel, to: address.value, ...codeMessage(input.language, code) });
    await recordAudit(trx, clock, anonymousAccess(requestId), {
      action: 'portal.code.send',
      entityType: 'portal_account',
      entityId: account.id,
      details: { channel: address.channel },
    });
  });
}

/**
 * Checks a typed code against the account's latest one. Right, in time and unused: the code is
 * spent and a portal session opens. Otherwise the try is counted (a code takes MAX_CODE_ATTEMPTS
 * wrong tries) and the one same error is thrown.
 */
export async function verifyPortalCode(db: Db, clock: Clock, config: Config, input: PortalVerify, requestId: string | null) {
  const address = requireAddress(input.address);
  const account = await findAccountByAddress(db, address);
  if (!account) throw invalidCode();
  const outcome = await db.transaction().execute(async (trx) => {
    const now = clock.now();
    const code = await trx
      .selectFrom('portal_codes')
      .selectAll()
      .where('account_id', '=', account.id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const matches = code !== undefined && safeEqual(codeHash(config.secret, account.id, input.code), code.code_hash);
    const verdict = judgeCode(code ?? null, matches, now);
    const anonymous = anonymousAccess(requestId);
    if (verdict !== 'ok') {
      if (code && verdict === 'wrong')
        await trx
          .updateTable('portal_codes')
          .set({ attempts: code.attempts + 1 })
          .where('id', '=', code.id)
          .execute();
      await recordAudit(trx, clock, anonymous, {
        action: 'portal.sign-in.fail',
        entityType: 'portal_account',
        entityId: account.id,
        details: { reason: verdict },
      });
      return null;
    }
    // Single use, even against a second request racing this one: only one update finds the code unused.
    const spent = await trx
      .updateTable('portal_codes')
      .set({ used_at: now })
      .where('id', '=', code!.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) return null;
    const { token, row } = await createPortalSession(trx, clock, config, account.id);
    await trx.updateTable('portal_accounts').set({ last_sign_in_at: now }).where('id', '=', account.id).execute();
    const access: AccessContext = {
      actor: { type: 'person', personId: account.person_id, accountId: account.id, sessionId: row.id },
      organizationId: null,
      roles: [],
      requestId,
    };
    await recordAudit(trx, clock, access, { action: 'portal.sign-in', entityType: 'portal_session', entityId: row.id });
    return { token, session: row, account, access };
  });
  if (!outcome) throw invalidCode();
  return outcome;
}
