import type { PortalOutreach } from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';
import { organizationNameOf } from '../organizations/index.ts';
import { authorizeRecords, openPerson, requireSelf, type ReadContext } from '../registry/index.ts';
import { taskRecordKind } from './rules.ts';

/*
 * The outreach a navigator has planned for the person, as the person sees it in their portal:
 * open (or snoozed) tasks about them, with the day and the team that will reach out, and what it is
 * about in gentle words chosen by the portal (contracts/portal-care.ts). Never the reason staff
 * wrote, the contact attempts, the snooze reason or the outcome: those are notes for the team.
 */
export async function listOwnPlannedOutreach(trx: DbOrTrx, ctx: ReadContext): Promise<PortalOutreach[]> {
  const { person } = await openPerson(trx, ctx, requireSelf(ctx));
  const rows = await trx
    .selectFrom('worklist_tasks as t')
    .select([
      't.id',
      't.person_id',
      't.kind',
      't.status',
      't.due_at',
      't.snoozed_until',
      't.signal_sensitivity',
      't.signal_organization_id',
      organizationNameOf('t.organization_id').$notNull().as('organization_name'),
    ])
    .where('t.person_id', 'in', person.ids)
    .where('t.status', '<>', 'done')
    .orderBy('t.due_at')
    .execute();
  const { permitted } = await authorizeRecords(
    trx,
    ctx,
    rows.map((row) => ({
      personId: row.person_id,
      kind: taskRecordKind[row.kind],
      sensitivity: row.signal_sensitivity,
      sourceOrganizationId: row.signal_organization_id,
      ref: { type: 'worklist_task', id: row.id },
      row,
    })),
  );
  return permitted.map(({ row }) => {
    // A snoozed task is planned for the day it wakes up, if that is after its due day.
    const planned = row.status === 'snoozed' && row.snoozed_until && row.snoozed_until > row.due_at ? row.snoozed_until : row.due_at;
    return { kind: row.kind, plannedOn: planned.toISOString().slice(0, 10), organizationName: row.organization_name };
  });
}
