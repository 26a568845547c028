import { type OrganizationType } from '@continuum/contracts';
import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { type AccessContext } from '../../core/access-context.ts';
import type { OverdoseEventsTable } from './overdose.table.ts';
import { requireOrganization } from '../organizations/index.ts';

/*
 * Overdose events: recorded by form, API or CSV import (all or nothing), turned fatal or added by
 * a medical examiner. For a known person each event also becomes an `overdose` care event on the
 * timeline, the linked providers the chokepoint allows are told (and each notice is recorded), and
 * a post-overdose outreach task goes to the person's navigator team or the network's outreach
 * organization. Every recorded event runs the threshold rule for its area at once.
 */

export type EventRow = Selectable<OverdoseEventsTable>;

export const forbidden = (message: string) => new AppError('FORBIDDEN', { message });
export const eventNotFound = () => new AppError('NOT_FOUND', { message: 'No such overdose event.' });

export async function callerOrganization(trx: DbOrTrx, access: AccessContext): Promise<{ id: string; type: OrganizationType }> {
  if (access.organizationId === null) throw new AppError('ORGANIZATION_NOT_SELECTED');
  const org = await requireOrganization(trx, access.organizationId);
  return { id: org.id, type: org.type };
}
