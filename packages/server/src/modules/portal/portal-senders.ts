import type { PortalChannel } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { SmsSender } from '../../core/sms-sender.ts';
import { queueEmailTo, recordDevelopmentText } from '../notifications/index.ts';

export const developmentSmsSender: SmsSender = {
  send: (trx, clock, message) => recordDevelopmentText(trx, clock, message),
};

/** The text sender the app uses: the one given, else the development one outside production, else none. */
export function smsSenderFor(config: Config, given: SmsSender | undefined): SmsSender | null {
  if (given) return given;
  return config.env === 'production' ? null : developmentSmsSender;
}

export interface PortalMessage {
  channel: PortalChannel;
  /** The normalized address: an email, or a phone number as +digits. */
  to: string;
  subject: string;
  text: string;
}

/** Sends a portal message by its channel. Messages never carry health information: only that there is a portal, and codes. */
export async function sendPortalMessage(trx: DbOrTrx, clock: Clock, sms: SmsSender | null, message: PortalMessage): Promise<void> {
  if (message.channel === 'email') return queueEmailTo(trx, clock, { to: message.to, subject: message.subject, text: message.text });
  if (!sms)
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ path: 'body.channel', message: 'Text messages are not set up on this server; use email' }],
    });
  return sms.send(trx, clock, { to: message.to, text: message.text });
}
