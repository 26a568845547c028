import {
  AGREEMENT_REMINDER_DAYS,
  TRAINING_REMINDER_DAYS,
  addIsoDays,
  agreementStateLabels,
  recordKindLabels,
  purposeLabels,
  type Agreement,
  type AgreementInputRaw,
  type AgreementState,
  type Completion,
  type Purpose,
  type RecordKind,
} from '@continuum/contracts';
import type { BadgeTone } from '../../ui/badge.tsx';

/** The badge for an agreement's state; the words are always shown too. */
export const agreementStateTone: Record<AgreementState, BadgeTone> = {
  draft: 'neutral',
  not_yet_effective: 'neutral',
  in_force: 'positive',
  ending_soon: 'warning',
  ended: 'negative',
  terminated: 'negative',
};

export function stateLabel(a: Pick<Agreement, 'state' | 'daysToEnd'>): string {
  if (a.state === 'ending_soon' && a.daysToEnd !== null) return `Ends in ${a.daysToEnd} ${a.daysToEnd === 1 ? 'day' : 'days'}`;
  return agreementStateLabels[a.state];
}

/** The renewal window: reminders go out from this many days before an agreement ends (docs/network.md). */
export const RENEWAL_WINDOW_DAYS = AGREEMENT_REMINDER_DAYS[0];

/** Agreements in force that end within the renewal window, soonest first: the ones to renew now. */
export function renewalsDue(agreements: readonly Agreement[]): Agreement[] {
  return agreements
    .filter((a) => a.state === 'ending_soon' && a.daysToEnd !== null && a.daysToEnd <= RENEWAL_WINDOW_DAYS)
    .sort((x, y) => (x.daysToEnd ?? 0) - (y.daysToEnd ?? 0));
}

export const kindsText = (kinds: readonly RecordKind[]) => (kinds.length === 0 ? '—' : kinds.map((k) => recordKindLabels[k].en).join('; '));
export const purposesText = (purposes: readonly Purpose[]) =>
  purposes.length === 0 ? '—' : purposes.map((p) => purposeLabels[p].en).join('; ');

/** What a QSOA lets the service organization see, in plain words (42 CFR 2.11, 2.12(c)(4); docs/privacy.md). */
export function qsoaExplanation(a: Pick<Agreement, 'parties' | 'dataKinds' | 'purposes' | 'state'>): string {
  const program = a.parties.find((p) => p.role === 'part2_program')?.organizationName ?? 'the Part 2 program';
  const services = a.parties.filter((p) => p.role === 'service_organization').map((p) => p.organizationName);
  const service = services.length > 0 ? services.join(' and ') : 'the service organization';
  const live = a.state === 'in_force' || a.state === 'ending_soon';
  return (
    `While this agreement is in force, ${service} may see ${program}’s substance use disorder treatment records ` +
    `of these kinds: ${kindsText(a.dataKinds)}, only for these purposes: ${purposesText(a.purposes)}, ` +
    `to provide the service it does for the program — without each person’s written consent. ` +
    `It never covers counseling notes, and it may not pass the records on. ` +
    (live ? 'Access stops on the agreement’s end day, or on the day it is terminated.' : 'It is not in force now, so it gives no access.')
  );
}

/**
 * Completions that expire within the reminder window (30 days), are still current and have no newer
 * completion of the same course by the same person: the people to remind.
 */
export function expiringSoon(completions: readonly Completion[], today: string): Completion[] {
  const limit = addIsoDays(today, TRAINING_REMINDER_DAYS);
  return completions
    .filter((c) => c.current && c.expiresOn !== null && c.expiresOn >= today && c.expiresOn <= limit)
    .filter((c) => !completions.some((o) => o.userId === c.userId && o.courseId === c.courseId && o.completedOn > c.completedOn))
    .sort((x, y) => (x.expiresOn ?? '').localeCompare(y.expiresOn ?? ''));
}

export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** "csv.line3.completed_on" → "Line 3, column completed_on"; "body.csv" → "File". */
export function describeImportPath(path: string): string {
  const m = /^(?:body\.)?csv\.line(\d+)\.(.+)$/.exec(path);
  if (m) return `Line ${m[1]}, column ${m[2]}`;
  return path === 'body.csv' || path === 'csv' ? 'File' : path;
}

export function shareText(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 1000) / 10}%`;
}

const dayFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

/** "Dec 31, 2026" for a calendar day (YYYY-MM-DD), the same day in every time zone. */
export function formatDay(day: string | null | undefined, fallback = '—'): string {
  if (!day) return fallback;
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

/** An agreement as the body of its own update: change what is needed and PUT it back. */
export function agreementToInput(a: Agreement): AgreementInputRaw {
  const person = (p: Agreement['signatories'][number]) => ({
    name: p.name,
    title: p.title,
    organizationId: p.organizationId,
    email: p.email,
    signedOn: p.signedOn,
  });
  return {
    kind: a.kind,
    title: a.title,
    status: a.status === 'draft' ? 'draft' : 'active',
    parties: a.parties.map((p) => ({ organizationId: p.organizationId, role: p.role })),
    signatories: a.signatories.map(person),
    champions: a.champions.map(person),
    dataKinds: a.dataKinds,
    purposes: a.purposes,
    scopeNote: a.scopeNote,
    effectiveOn: a.effectiveOn,
    endsOn: a.endsOn,
    pathwayIds: a.pathwayIds,
    documentRef: a.documentRef,
    notes: a.notes,
  };
}
