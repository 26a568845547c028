import type {
  OrganizationType,
  PathwayCriterion,
  PathwayDocument,
  PathwayField,
  ReferralOverdueKind,
  ReferralServiceKind,
  ReferralState,
} from '@continuum/contracts';
import { HOUR_MS, addHours } from '@continuum/contracts';

/*
 * Pure rules of the referral module: pathway availability, what a referral must carry, the kind of
 * the target service, and deadlines. The service and the deadline job only adapt these.
 */

// ── Pathways ────────────────────────────────────────────────────────────────
export interface PathwayTerms {
  referrerOrganizationTypes: readonly OrganizationType[];
  referrerOrganizationIds: readonly string[];
  receiverOrganizationId: string;
  serviceIds: readonly string[];
  activeFrom: string;
  activeUntil: string | null;
}

/** Whether the pathway is in its active period on this calendar day (YYYY-MM-DD, inclusive). */
export function pathwayActiveOn(p: Pick<PathwayTerms, 'activeFrom' | 'activeUntil'>, day: string): boolean {
  return p.activeFrom <= day && (p.activeUntil === null || p.activeUntil >= day);
}

/** Who may refer: organizations of the listed types or the listed organizations; both empty: anyone. The receiver never refers to itself. */
export function mayReferOn(p: PathwayTerms, sender: { id: string; type: OrganizationType }): boolean {
  if (sender.id === p.receiverOrganizationId) return false;
  if (p.referrerOrganizationTypes.length === 0 && p.referrerOrganizationIds.length === 0) return true;
  return p.referrerOrganizationTypes.includes(sender.type) || p.referrerOrganizationIds.includes(sender.id);
}

export type PathwayAvailability = { ok: true } | { ok: false; why: 'inactive' | 'not_a_referrer' | 'service_not_on_pathway' };

export function pathwayAvailability(
  p: PathwayTerms,
  sender: { id: string; type: OrganizationType },
  serviceId: string,
  day: string,
): PathwayAvailability {
  if (!pathwayActiveOn(p, day)) return { ok: false, why: 'inactive' };
  if (!mayReferOn(p, sender)) return { ok: false, why: 'not_a_referrer' };
  if (!p.serviceIds.includes(serviceId)) return { ok: false, why: 'service_not_on_pathway' };
  return { ok: true };
}

// ── What a referral carries ─────────────────────────────────────────────────
export interface ReferralContent {
  answers: Readonly<Record<string, string | boolean>>;
  criteriaConfirmed: readonly string[];
}

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * Every required field answered with a value of its type, every inclusion and exclusion criterion
 * confirmed, and no answers to fields the pathway does not have. Returns the problems (empty: fine).
 */
export function checkReferralContent(
  pathway: {
    requiredFields: readonly PathwayField[];
    inclusionCriteria: readonly PathwayCriterion[];
    exclusionCriteria: readonly PathwayCriterion[];
  },
  content: ReferralContent,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const known = new Set(pathway.requiredFields.map((f) => f.key));
  for (const key of Object.keys(content.answers)) {
    if (!known.has(key)) problems.push({ path: `body.answers.${key}`, message: 'This pathway has no such field' });
  }
  for (const field of pathway.requiredFields) {
    const value = content.answers[field.key];
    const path = `body.answers.${field.key}`;
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
      problems.push({ path, message: `${field.label} is required` });
      continue;
    }
    if (field.type === 'yes_no' && typeof value !== 'boolean')
      problems.push({ path, message: `${field.label}: answer yes or no (true or false)` });
    if (field.type === 'text' && typeof value !== 'string') problems.push({ path, message: `${field.label}: give text` });
    if (field.type === 'date' && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))) {
      problems.push({ path, message: `${field.label}: give a date as YYYY-MM-DD` });
    }
    if (field.type === 'choice' && (typeof value !== 'string' || !(field.options ?? []).includes(value))) {
      problems.push({ path, message: `${field.label}: choose one of the options` });
    }
  }
  const confirmed = new Set(content.criteriaConfirmed);
  const unconfirmed = [...pathway.inclusionCriteria, ...pathway.exclusionCriteria].filter((c) => !confirmed.has(c.key));
  if (unconfirmed.length > 0) {
    problems.push({
      path: 'body.criteriaConfirmed',
      message: `Confirm every criterion of the pathway (missing: ${unconfirmed.map((c) => c.key).join(', ')})`,
    });
  }
  return problems;
}

/** The pathway's required documents not yet attached (by document key). */
export function missingDocuments(required: readonly PathwayDocument[], attachedKeys: readonly (string | null)[]): PathwayDocument[] {
  const have = new Set(attachedKeys.filter((k): k is string => k !== null));
  return required.filter((d) => !have.has(d.key));
}

// ── Service kind ────────────────────────────────────────────────────────────
/** What a directory service is, from its taxonomy codes; `moud` whenever it offers a medication for OUD. */
export function serviceKindOf(codes: readonly string[]): ReferralServiceKind {
  const has = (c: string) => codes.includes(c);
  if (has('METH') || has('BU') || has('NU') || has('OTP')) return 'moud';
  if (has('WM_IP') || has('WM_OP')) return 'withdrawal_management';
  if (has('HOUSING')) return 'recovery_housing';
  if (has('PEER')) return 'peer_support';
  if (has('SSP') || has('NALOXONE') || has('FTS') || has('DRUG_CHECK')) return 'harm_reduction';
  if (has('MH') || has('CBT') || has('DBT') || has('OP') || has('IOP') || has('RES')) return 'behavioral_health';
  return 'other';
}

// ── Deadlines ───────────────────────────────────────────────────────────────
/** How long after an appointment its attendance (or no-show) should be recorded. */
export const APPOINTMENT_GRACE_HOURS = 24;

export function referralDeadlines(sentAt: Date, ackHours: number, firstContactDays: number): { ackDueAt: Date; firstContactDueAt: Date } {
  return {
    ackDueAt: addHours(sentAt, ackHours),
    firstContactDueAt: new Date(sentAt.getTime() + firstContactDays * 24 * HOUR_MS),
  };
}

export interface DeadlineFacts {
  status: ReferralState;
  ackDueAt: Date;
  firstContactDueAt: Date;
  appointmentAt: Date | null;
}

/** The deadline that matters now and which kind it is; null for closed or on-hold referrals. */
export function currentDeadline(r: DeadlineFacts): { kind: ReferralOverdueKind; at: Date } | null {
  switch (r.status) {
    case 'requested':
      return { kind: 'acknowledgment', at: r.ackDueAt };
    case 'received':
    case 'accepted':
      return { kind: 'first_contact', at: r.firstContactDueAt };
    case 'scheduled':
      return r.appointmentAt
        ? { kind: 'appointment', at: addHours(r.appointmentAt, APPOINTMENT_GRACE_HOURS) }
        : { kind: 'first_contact', at: r.firstContactDueAt };
    default:
      return null;
  }
}

/** Which deadline the referral has missed at `now`, if any (a deadline is missed once it has passed). */
export function overdueKind(r: DeadlineFacts, now: Date): ReferralOverdueKind | null {
  const d = currentDeadline(r);
  return d !== null && now.getTime() > d.at.getTime() ? d.kind : null;
}

/**
 * What the deadline job does for one referral now: escalate a missed acknowledgment once, and a
 * missed first contact or appointment once (the flag is cleared when an appointment is (re)scheduled).
 */
export function escalationDue(
  r: DeadlineFacts & { ackEscalated: boolean; contactEscalated: boolean },
  now: Date,
): ReferralOverdueKind | null {
  const kind = overdueKind(r, now);
  if (kind === null) return null;
  if (kind === 'acknowledgment') return r.ackEscalated ? null : kind;
  return r.contactEscalated ? null : kind;
}
