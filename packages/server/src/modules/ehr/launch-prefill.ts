import { ehrPatientPrefillSchema, MINUTE_MS, type EhrPatientPrefill } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { secretBox } from '../../core/secret-box.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';

/** How long the EHR patient's details wait for the user to register them. */
const PREFILL_TTL_MS = 60 * MINUTE_MS;

/** Where a launch's kept EHR patient details are bound when sealed. */
export const prefillBinding = (launchId: string) => `smart_launches.patient_prefill:${launchId}`;

/**
 * The EHR patient's details a launch kept for the registration form: only to the session that launch
 * opened, and only for an hour. Registering the person is a separate request through the registry.
 */
export async function launchPatientPrefill(
  db: Db,
  clock: Clock,
  access: AccessContext,
  launchId: string,
  config: Config,
): Promise<EhrPatientPrefill> {
  const notFound = () =>
    new AppError('NOT_FOUND', { message: 'No EHR patient details for this launch: they last an hour, for the session the launch opened.' });
  if (access.actor.type !== 'user') throw notFound();
  const row = await db
    .selectFrom('smart_launches')
    .select(['id', 'patient_prefill'])
    .where('id', '=', launchId)
    .where('session_id', '=', access.actor.sessionId)
    .where('used_at', '>', new Date(clock.now().getTime() - PREFILL_TTL_MS))
    .executeTakeFirst();
  if (!row?.patient_prefill) throw notFound();
  return ehrPatientPrefillSchema.parse(JSON.parse(secretBox(config).open(row.patient_prefill, prefillBinding(row.id))));
}
