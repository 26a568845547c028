import {
  AGREEMENT_REMINDER_DAYS,
  epochDayOf,
  type AgreementInput,
  type AgreementKind,
  type AgreementState,
  type AgreementStatus,
  type FieldError,
  type PartyRole,
} from '@continuum/contracts';

/*
 * The agreements register's rules, pure (table-driven tests in agreement-rules.test.ts): which
 * parties each kind of agreement needs, what the dates say about it today, and which renewal
 * reminder is due.
 */

/** Parties' roles each kind allows; a QSOA and a BAA also need their two sides (below). */
const allowedRoles: Record<AgreementKind, readonly PartyRole[]> = {
  mou: ['party'],
  data_sharing: ['party', 'covered_entity', 'business_associate'],
  referral: ['party'],
  baa: ['covered_entity', 'business_associate'],
  // 42 CFR 2.11: an agreement between a Part 2 program and the organization providing it a service.
  qsoa: ['part2_program', 'service_organization'],
};

/** Days from one YYYY-MM-DD to another. */
export function daysBetween(from: string, to: string): number {
  return epochDayOf(to) - epochDayOf(from);
}

/** What is wrong with an agreement as entered, each problem naming its field; empty when it may be saved. */
export function agreementProblems(input: AgreementInput): FieldError[] {
  const problems: FieldError[] = [];
  const problem = (path: string, message: string) => problems.push({ path: `body.${path}`, message });
  const orgs = input.parties.map((p) => p.organizationId);
  if (new Set(orgs).size !== orgs.length) problem('parties', 'An organization is listed as a party more than once.');
  input.parties.forEach((p, i) => {
    if (!allowedRoles[input.kind].includes(p.role))
      problem(`parties.${i}.role`, `A ${input.kind} agreement has no party in the role ${p.role}.`);
  });
  const count = (role: PartyRole) => input.parties.filter((p) => p.role === role).length;
  if (input.kind === 'qsoa') {
    if (count('part2_program') !== 1) problem('parties', 'A qualified service organization agreement names exactly one Part 2 program.');
    if (count('service_organization') < 1) problem('parties', 'A qualified service organization agreement names the service organization.');
    // What the service needs: the chokepoint permits nothing beyond this scope.
    if (input.dataKinds.length === 0) problem('dataKinds', 'Name the records the service organization needs.');
    if (input.purposes.length === 0) problem('purposes', 'Name the purposes of the service.');
    if (input.dataKinds.includes('counseling_notes'))
      problem('dataKinds', 'Counseling notes are never shared under an agreement; they need the person’s own consent.');
  }
  if (input.kind === 'baa') {
    if (count('covered_entity') !== 1) problem('parties', 'A business associate agreement names exactly one covered entity.');
    if (count('business_associate') < 1) problem('parties', 'A business associate agreement names the business associate.');
  }
  if (input.endsOn !== null && input.endsOn <= input.effectiveOn) problem('endsOn', 'The end date must be after the effective date.');
  if (input.pathwayIds.length > 0 && input.kind !== 'referral')
    problem('pathwayIds', 'Only a referral agreement governs referral pathways.');
  for (const [list, people] of [
    ['signatories', input.signatories],
    ['champions', input.champions],
  ] as const) {
    people.forEach((person, i) => {
      if (person.organizationId !== null && !orgs.includes(person.organizationId))
        problem(`${list}.${i}.organizationId`, 'The organization is not a party to the agreement.');
    });
  }
  return problems;
}

/** The day access and obligations stop: the earlier of the end date and an early termination. */
export function lastDayExclusive(a: { endsOn: string | null; terminatedOn: string | null }): string | null {
  if (a.terminatedOn === null) return a.endsOn;
  if (a.endsOn === null) return a.terminatedOn;
  return a.terminatedOn < a.endsOn ? a.terminatedOn : a.endsOn;
}

export interface AgreementDates {
  status: AgreementStatus;
  effectiveOn: string;
  endsOn: string | null;
  terminatedOn: string | null;
}

/** What an agreement is today. */
export function agreementState(a: AgreementDates, today: string): AgreementState {
  if (a.status === 'draft') return 'draft';
  if (a.status === 'terminated' && a.terminatedOn !== null && a.terminatedOn <= today) return 'terminated';
  if (a.effectiveOn > today) return 'not_yet_effective';
  const end = lastDayExclusive(a);
  if (end !== null && end <= today) return 'ended';
  if (end !== null && daysBetween(today, end) <= AGREEMENT_REMINDER_DAYS[0]) return 'ending_soon';
  return 'in_force';
}

/**
 * The renewal reminder due today for an agreement ending on `endsOn`, given the reminders already
 * sent for that end date: the nearest threshold (60, 30 or 7 days) reached and not yet sent; the
 * larger thresholds passed at the same time are marked sent without a message of their own (an
 * agreement registered 20 days before its end gets one reminder, not two).
 */
export function reminderDue(endsOn: string, today: string, sent: readonly number[]): { send: number; mark: number[] } | null {
  const left = daysBetween(today, endsOn);
  if (left <= 0) return null;
  const reached = AGREEMENT_REMINDER_DAYS.filter((d) => left <= d);
  if (reached.length === 0) return null;
  const nearest = Math.min(...reached);
  if (sent.includes(nearest)) return null;
  return { send: nearest, mark: reached.filter((d) => !sent.includes(d)) };
}
