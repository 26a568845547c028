import type { Clock } from '../clock.ts';
import type { DbOrTrx } from '../db/database.ts';

/**
 * Sends a text message. Pluggable: a deployment passes its provider's sender in the app's
 * dependencies (`AppDeps.smsSender`); without one, outside production, the development sender puts
 * the message in the development mailbox; in production there is no text messaging until one is
 * given. A sender is called inside the transaction that causes the message, so it should queue
 * (an outbox and a job), not wait on the provider.
 */
export interface SmsSender {
  send(trx: DbOrTrx, clock: Clock, message: { to: string; text: string }): Promise<void>;
}
