import { careEventInputSchema, type CareEventInput, type FeedErrorCode } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import { systemAccess, type AccessContext } from '../../core/access-context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { reconcileFeedDeath, recordFeedOverdose } from '../overdose/index.ts';
import type { ActiveModel } from '../person-index/index.ts';
import { recordSensitivity, writeCareEvents } from '../registry/index.ts';
import { FeedMessageError, type FeedPlan } from './adapter.ts';
import type { FeedMessageOutcome } from './feeds.table.ts';
import { resolveFeedPerson } from './person-match.ts';
import type { SourceRow } from './sources.ts';

/* Applying one message's plan, in the caller's transaction (apply.ts owns the transaction and the staging row). */

/** The context a feed writes in: the system, on behalf of the feed's organization (the caller's own right to push was checked before). */
export function feedAccess(source: SourceRow, requestId: string | null = null): AccessContext {
  return { ...systemAccess(`feed ${source.kind} ${source.id}`, requestId), organizationId: source.organizationId };
}

/** A failure as the error queue shows it: our own codes and field names, never a value from the message. */
export function describeFailure(error: unknown): { code: FeedErrorCode; reason: string } {
  if (error instanceof FeedMessageError) return { code: error.code, reason: error.reason };
  if (error instanceof AppError) {
    const fields = (error.fields ?? []).map((f) => `${f.path}: ${f.message}`).join('; ');
    return { code: 'invalid_event', reason: `${error.code}${fields ? ` (${fields})` : ''}` };
  }
  return { code: 'failed', reason: 'The message could not be applied (an internal error); retry it, or dismiss it' };
}

/** Applies a plan in the caller's transaction: people, care events, overdoses. Throws on anything that cannot be applied. */
export async function applyPlan(
  trx: DbOrTrx,
  clock: Clock,
  source: SourceRow,
  model: ActiveModel,
  plan: FeedPlan,
): Promise<FeedMessageOutcome> {
  const access = feedAccess(source);
  const outcome: FeedMessageOutcome = { careEvents: 0, alreadyPresent: 0, overdoseEvents: 0, people: [] };
  const ctx = {
    organizationId: source.organizationId,
    part2: recordSensitivity(source.organizationType, 'demographics', undefined) === 'part2',
    sourceSystem: `feed:${source.kind}`,
    model,
  };
  for (const [i, item] of plan.items.entries()) {
    const events: CareEventInput[] = item.events.map((e, k) => {
      const parsed = careEventInputSchema.safeParse(e);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new FeedMessageError(
          'invalid_event',
          `item ${i + 1}, event ${k + 1}: ${issue.path.join('.') || '(event)'}: ${issue.message}`,
        );
      }
      return parsed.data;
    });
    const { personId, outcome: how } = await resolveFeedPerson(trx, clock, access, ctx, item);
    outcome.people.push(how);
    if (personId === null) continue;
    if (events.length > 0) {
      const written = await writeCareEvents(
        trx,
        clock,
        access,
        { organizationId: source.organizationId, source: `feed:${source.kind}` },
        events.map((event) => ({ personId, event })),
        { replaceExisting: item.replaceEvents === true },
      );
      outcome.careEvents += written.written;
      outcome.alreadyPresent += written.alreadyPresent - written.updated;
      if (written.updated > 0) outcome.careEventsReplaced = (outcome.careEventsReplaced ?? 0) + written.updated;
    }
    const org = { id: source.organizationId, type: source.organizationType };
    const linked =
      item.overdose && item.reconcileDeath ? await reconcileFeedDeath(trx, clock, access, org, { personId, ...item.reconcileDeath }) : null;
    if (linked) {
      if (linked.madeFatal) outcome.overdoseEvents += 1;
    } else if (item.overdose) {
      const recorded = await recordFeedOverdose(
        trx,
        clock,
        access,
        { id: source.organizationId, type: source.organizationType },
        { ...item.overdose, personId },
      );
      if (recorded) {
        if (!recorded.alreadyPresent) outcome.overdoseEvents += 1;
      } else {
        // No area to place it in: the person's overdose care event alone, so outreach still follows.
        const written = await writeCareEvents(
          trx,
          clock,
          access,
          { organizationId: source.organizationId, source: `feed:${source.kind}` },
          [
            {
              personId,
              event: {
                type: 'overdose',
                occurredAt: new Date(item.overdose.occurredAt).toISOString(),
                data: { fatal: item.overdose.fatal ?? false, naloxoneDoses: item.overdose.naloxoneDoses ?? 0 },
                ...(item.overdose.externalId ? { externalId: item.overdose.externalId } : {}),
              },
            },
          ],
        );
        outcome.careEvents += written.written;
      }
    }
  }
  return outcome;
}
