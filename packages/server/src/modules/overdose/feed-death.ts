import type { Clock } from '../../clock.ts';
import type { AccessContext } from '../../core/access-context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { overdoseLinks, recordSensitivity, writeCareEvents } from '../registry/index.ts';
import type { OrganizationType } from '@continuum/contracts';
import { sendFeedback } from './event-record.ts';

const DAY_MS = 86_400_000;

/**
 * A death record reconciled with the overdose events already held (docs/integration.md, "Medical
 * examiners and vital records"): when the person has an overdose event within `withinDays` days of
 * the date of death, that event is the death — it becomes fatal (disposition deceased), the person's
 * timeline gets the fatal overdose entry and the linked providers are told, as an examiner's report
 * does — and no second event is created. Returns the event linked (the nearest in time), or null
 * when there is none (the caller then records a new fatal event). Run in the feed's transaction.
 */
export async function reconcileFeedDeath(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  org: { id: string; type: OrganizationType },
  input: { personId: string; diedOn: string; withinDays: number },
): Promise<{ id: string; madeFatal: boolean } | null> {
  const death = Date.parse(`${input.diedOn}T00:00:00Z`);
  const candidates = await trx
    .selectFrom('overdose_events')
    .selectAll()
    .where('person_id', '=', input.personId)
    .where('occurred_at', '>=', new Date(death - input.withinDays * DAY_MS))
    .where('occurred_at', '<', new Date(death + (input.withinDays + 1) * DAY_MS))
    .execute();
  if (candidates.length === 0) return null;
  const row = candidates.sort((a, b) => Math.abs(a.occurred_at.getTime() - death) - Math.abs(b.occurred_at.getTime() - death))[0]!;
  if (row.fatal) return { id: row.id, madeFatal: false };
  const now = clock.now();
  await trx
    .updateTable('overdose_events')
    .set({ fatal: true, disposition: 'deceased', updated_at: now })
    .where('id', '=', row.id)
    .execute();
  await writeCareEvents(trx, clock, access, { organizationId: org.id, source: 'overdose' }, [
    {
      personId: input.personId,
      event: {
        type: 'overdose',
        occurredAt: row.occurred_at.toISOString(),
        data: { fatal: true, naloxoneDoses: row.naloxone_doses, overdoseEventId: row.id },
        externalId: `overdose:${row.id}:death`,
      },
    },
  ]);
  const links = await overdoseLinks(trx, now, input.personId, {
    kind: 'overdose_events',
    sensitivity: recordSensitivity(org.type, 'overdose_events', undefined),
    sourceOrganizationId: org.id,
  });
  if (links) await sendFeedback(trx, clock, access, row.id, links.users, 'fatal');
  return { id: row.id, madeFatal: true };
}
