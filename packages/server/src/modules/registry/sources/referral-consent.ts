import type { DenyReason, Purpose, Sensitivity } from '@continuum/contracts';
import type { DbOrTrx } from '../../../db/database.ts';
import { evaluateConsent, type PersonFacts } from '../access-decision.ts';
import { loadPersonFacts, resolvePerson } from '../access-facts.ts';

/*
 * Consent before send. A referral discloses the person's data from the sending organization to the
 * receiving one, so it needs a consent that is signed, current (not expired, not revoked), names
 * the sender as a discloser (or any network provider), names the receiver as a recipient (or "my
 * treating providers" when the receiver already treats the person), covers the purpose and the
 * `referrals` kind — exactly the consent the access decision will later use to let the receiver
 * open the person and the referral (docs/privacy.md, docs/referrals.md).
 */

export interface ReferralConsentQuestion {
  senderOrganizationId: string;
  receiverOrganizationId: string;
  purpose: Purpose;
  /** The referral record's sensitivity (a Part 2 program's referral is `part2`). */
  sensitivity: Sensitivity;
  /** Only this consent may be used (the sender chose it). */
  consentId?: string | undefined;
  now: Date;
}

export type ReferralConsentAnswer = { covered: true; consentId: string } | { covered: false; reason: DenyReason };

/** Pure: which consent, if any, lets the sender send this referral to the receiver. */
export function decideReferralConsent(person: PersonFacts, q: ReferralConsentQuestion): ReferralConsentAnswer {
  const consents = q.consentId === undefined ? person.consents : person.consents.filter((c) => c.id === q.consentId);
  if (consents.length === 0) return { covered: false, reason: 'NO_CONSENT' };
  let best: { stage: number; reason: DenyReason } | null = null;
  for (const consent of consents) {
    const verdict = evaluateConsent(consent, {
      organizationId: q.receiverOrganizationId,
      purpose: q.purpose,
      record: { kind: 'referrals', sensitivity: q.sensitivity, sourceOrganizationId: q.senderOrganizationId },
      person,
      now: q.now,
      checkKind: true,
    });
    if (verdict.permit) return { covered: true, consentId: consent.id };
    if (best === null || verdict.stage > best.stage) best = { stage: verdict.stage, reason: verdict.reason ?? 'NO_CONSENT' };
  }
  return { covered: false, reason: best?.reason ?? 'NO_CONSENT' };
}

/**
 * Loads the person's consents and answers the question for each receiving organization. The caller
 * has already opened the person through the chokepoint (the sender may see them). Unknown people
 * answer "not covered".
 */
export async function findReferralConsents(
  trx: DbOrTrx,
  personId: string,
  questions: readonly ReferralConsentQuestion[],
): Promise<ReferralConsentAnswer[]> {
  const person = await resolvePerson(trx, personId);
  if (!person) return questions.map(() => ({ covered: false, reason: 'NO_CONSENT' }));
  const facts = (await loadPersonFacts(trx, [person])).get(person.row.id)!;
  return questions.map((q) => decideReferralConsent(facts, q));
}
