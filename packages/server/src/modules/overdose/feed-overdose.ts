import { recordOverdoseSchema, type OrganizationType, type RecordOverdose } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { AccessContext } from '../../core/access-context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { loadAreaPoints, nearestArea } from './event-areas.ts';
import { recordInTransaction } from './event-record.ts';
import { firstLocatedPoint } from '../organizations/index.ts';

/** An overdose a live feed reports (an ED's ADT, an EMS record): the place only as a postal code. */
export type FeedOverdoseInput = Omit<RecordOverdose, 'areaId' | 'latitude' | 'longitude'> & { postalCode: string | null };

/**
 * The area of a feed's overdose: the area of the postal code given, else the area nearest the
 * reporting organization's first location with coordinates; null when neither is known.
 */
async function feedArea(trx: DbOrTrx, organizationId: string, postalCode: string | null): Promise<string | null> {
  if (postalCode) {
    const byCode = await trx.selectFrom('areas').select('id').where('postal_code', '=', postalCode.slice(0, 5)).executeTakeFirst();
    if (byCode) return byCode.id;
  }
  const location = await firstLocatedPoint(trx, organizationId);
  if (!location) return null;
  return nearestArea(await loadAreaPoints(trx), location.latitude, location.longitude)?.id ?? null;
}

/**
 * Records an overdose a feed reported, in the feed's transaction, exactly as a person recording it
 * would (the person's care event, feedback to linked providers, post-overdose outreach, the area's
 * threshold check). Null when no area can be found for it (the feed then writes the overdose care
 * event alone). The same external id from the same organization is recorded once.
 */
export async function recordFeedOverdose(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  org: { id: string; type: OrganizationType },
  input: FeedOverdoseInput,
): Promise<{ id: string; careEventId: string | null; alreadyPresent: boolean } | null> {
  const { postalCode, ...rest } = input;
  const areaId = await feedArea(trx, org.id, postalCode);
  if (areaId === null) return null;
  const parsed = recordOverdoseSchema.parse({ ...rest, areaId });
  const out = await recordInTransaction(trx, clock, access, org, parsed, {});
  return { id: out.id, careEventId: out.careEventId, alreadyPresent: out.alreadyPresent };
}
