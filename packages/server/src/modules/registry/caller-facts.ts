import type { Purpose, RecordKind } from '@continuum/contracts';

/**
 * A qualified service organization agreement in which the caller's organization is the service
 * organization (42 CFR 2.11): the program's records it may receive, for which purposes, and when.
 */
export interface ServiceAgreementFacts {
  id: string;
  /** The Part 2 program the service organization serves: whose records the agreement covers. */
  programOrganizationId: string;
  kinds: readonly RecordKind[];
  purposes: readonly Purpose[];
  /** YYYY-MM-DD: in force from this day … */
  effectiveOn: string;
  /** … up to the day before this one (YYYY-MM-DD); null while open-ended. */
  endsOn: string | null;
}

/** What the decision needs to know about the caller beyond their roles (loaded once per read). */
export interface CallerFacts {
  serviceAgreements: readonly ServiceAgreementFacts[];
  /**
   * null: the network does not require Part 2 privacy training (or the caller is no person);
   * otherwise whether the signed-in person holds current 42 CFR Part 2 privacy training.
   */
  part2TrainingCurrent: boolean | null;
}

export const noCallerFacts: CallerFacts = { serviceAgreements: [], part2TrainingCurrent: null };

/** An agreement in force today: from its effective day, up to (not including) the day it ends. */
export function agreementInForce(agreement: { effectiveOn: string; endsOn: string | null }, now: Date): boolean {
  const today = now.toISOString().slice(0, 10);
  return agreement.effectiveOn <= today && (agreement.endsOn === null || today < agreement.endsOn);
}
