import type { Role } from '@continuum/contracts';
import { ApiError } from '../api/api-error.ts';

/*
 * What the registry's fakes share: the people fake (features/people/fake-api.ts) holds people, consents,
 * disclosures and emergency access; the consent fake (features/consent/fake-api.ts) answers the consent
 * endpoints over that state. Both take the actor, ids and the not-found answer from here, so neither
 * feature imports the other.
 */

/** Who is asking: the signed-in user in their active organization. */
export interface FakeActor {
  userId: string;
  userName: string;
  organizationId: string | null;
  roles: readonly Role[];
}

let sequence = 0;

/** A fresh id, in the order created. */
export const nextId = () => `10000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;

/** How many ids have been handed out (the registry fake makes each of its instants later than the one before with it). */
export const idsIssued = () => sequence;

/** A person the caller may not see is "not found", like on the server. */
export const personNotFound = () => new ApiError('PERSON_NOT_FOUND', 'Person not found.', { status: 404 });
