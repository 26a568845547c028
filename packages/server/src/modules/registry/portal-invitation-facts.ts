import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { ReadContext } from './access-facts.ts';
import { discloseDemographics, filterVisible } from './chokepoint.ts';
import { personNotFound } from './access-facts.ts';
import { requireRegistryRole } from './people.ts';

/**
 * The person a staff member invites to their portal: only an organization that holds the person's
 * record (it registered them, holds an identifier of theirs, or is on their care team) may invite
 * them, never one that sees them only through a consent or emergency access. A person the caller
 * may not see is "not found". Returns the record's (survivor) id.
 */
export async function personForPortalInvitation(trx: DbOrTrx, ctx: ReadContext, personId: string): Promise<{ personId: string }> {
  requireRegistryRole(ctx.access, 'person.portal.invite');
  const [visible] = await filterVisible(trx, ctx, [personId]);
  if (!visible) throw personNotFound();
  if (visible.decision.basis !== 'own_organization' && visible.decision.basis !== 'care_team')
    throw new AppError('FORBIDDEN', { message: 'Only an organization that holds this person’s record may invite them to their portal.' });
  await discloseDemographics(trx, ctx, [visible]);
  return { personId: visible.person.row.id };
}
