import { mayRecordCareEvent, type CareEventInput } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { ReadContext } from './access-facts.ts';
import { writeCareEvents } from './care-events.ts';
import { openPerson } from './chokepoint.ts';

/**
 * A touchpoint recorded at the point of care (the person page's forms): one care event, validated by
 * the route with `careEventInputSchema` exactly like an import row, written as the caller's current
 * organization through the one writer (`writeCareEvents`: sensitivity label, audit). The caller must
 * hold a role that records this type (`pointOfCareRoles`) and be able to open the person through the
 * chokepoint (a person they may not see is "not found").
 */
export async function recordCareEvent(
  db: Db,
  clock: Clock,
  ctx: ReadContext,
  personId: string,
  event: CareEventInput,
): Promise<{ id: string }> {
  const { access } = ctx;
  if (access.organizationId === null) throw new AppError('ORGANIZATION_NOT_SELECTED');
  if (!mayRecordCareEvent(access.roles, event.type))
    throw new AppError('FORBIDDEN', {
      message: 'Your role does not record this kind of event.',
      fields: [{ path: 'body.type', message: 'Not recorded by your role' }],
    });
  const organizationId = access.organizationId;
  return db.transaction().execute(async (trx) => {
    const { person } = await openPerson(trx, ctx, personId);
    const { ids } = await writeCareEvents(trx, clock, access, { organizationId, source: 'point_of_care' }, [
      { personId: person.row.id, event },
    ]);
    if (ids[0] === null || ids[0] === undefined)
      throw new AppError('CONFLICT', {
        message: 'An event with that external id is already recorded.',
        fields: [{ path: 'body.externalId', message: 'Already recorded' }],
      });
    return { id: ids[0] };
  });
}
