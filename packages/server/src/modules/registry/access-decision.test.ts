import { describe, expect, it } from 'vitest';
import type { Purpose, RecordKind, Role } from '@continuum/contracts';
import {
  decideAccess,
  noCallerFacts,
  type AccessDecision,
  type AccessRequest,
  type CallerFacts,
  type ConsentFacts,
  type PersonFacts,
  type ServiceAgreementFacts,
} from './access-decision.ts';

const NOW = new Date('2026-06-15T12:00:00Z');
const OTP = 'org-otp'; // the Part 2 program that holds the record
const ED = 'org-ed'; // a partner asking to see it
const HOUSING = 'org-housing';
const USER = 'user-1';

const consent = (over: Partial<ConsentFacts> = {}): ConsentFacts => ({
  id: 'consent-1',
  type: 'standard',
  status: 'signed',
  disclosers: { type: 'organizations', organizationIds: [OTP] },
  recipients: { type: 'organizations', organizationIds: [ED] },
  purposes: ['treatment'],
  kinds: ['sud_treatment', 'medications'],
  expiresOn: '2026-12-31',
  ...over,
});

const person = (over: Partial<PersonFacts> = {}): PersonFacts => ({
  registeredByOrganizationId: OTP,
  identifierOrganizationIds: [],
  careTeam: [],
  consents: [],
  breakGlass: [],
  ...over,
});

interface Row {
  name: string;
  roles?: Role[];
  org?: string | null;
  kind?: RecordKind;
  sensitivity?: 'normal' | 'part2';
  source?: string;
  purpose?: Purpose;
  person?: Partial<PersonFacts>;
  actorKind?: 'user' | 'token' | 'person' | 'system';
  /** For a person actor: the record they are. */
  self?: string;
  caller?: Partial<CallerFacts>;
  expect: Partial<AccessDecision> & { permit: boolean };
}

const treatingLink = { organizationId: ED, userId: null, since: '2026-01-01', until: null };
const glass = { id: 'bg-1', userId: USER, startedAt: new Date('2026-06-15T10:00:00Z'), expiresAt: new Date('2026-06-15T14:00:00Z') };

const rows: Row[] = [
  // a person in care, signed in to their portal
  {
    name: 'a person sees their own Part 2 record without any consent',
    actorKind: 'person',
    self: 'p-1',
    org: null,
    roles: [],
    person: { ids: ['p-1'] },
    expect: { permit: true, basis: 'self' },
  },
  {
    name: 'a person sees their own record under a merged id',
    actorKind: 'person',
    self: 'p-old',
    org: null,
    roles: [],
    person: { ids: ['p-1', 'p-old'] },
    kind: 'counseling_notes',
    expect: { permit: true, basis: 'self' },
  },
  {
    name: "a person never sees another person's record",
    actorKind: 'person',
    self: 'p-2',
    org: null,
    roles: [],
    person: { ids: ['p-1'], consents: [consent()] },
    expect: { permit: false, reason: 'ROLE_NOT_PERMITTED' },
  },
  {
    name: "a person context carrying staff roles and an organization still sees no one else's record",
    actorKind: 'person',
    self: 'p-2',
    org: OTP,
    roles: ['clinician'],
    source: OTP,
    person: { ids: ['p-1'] },
    expect: { permit: false, reason: 'ROLE_NOT_PERMITTED' },
  },
  // roles
  { name: 'a system actor (a job) is permitted', actorKind: 'system', org: null, expect: { permit: true, basis: 'system' } },
  {
    name: 'an analyst sees aggregates only',
    roles: ['analyst'],
    person: { consents: [consent()] },
    expect: { permit: false, reason: 'ANALYST_AGGREGATES_ONLY' },
  },
  {
    name: 'a network administrator has no person-level reads',
    roles: ['network_admin'],
    person: { consents: [consent()] },
    expect: { permit: false, reason: 'ROLE_NOT_PERMITTED' },
  },
  {
    name: 'an organization administrator has no person-level reads',
    roles: ['org_admin'],
    org: OTP,
    source: OTP,
    expect: { permit: false, reason: 'ROLE_NOT_PERMITTED' },
  },
  {
    name: 'an administrator who is also a clinician reads as a clinician',
    roles: ['org_admin', 'clinician'],
    org: OTP,
    source: OTP,
    expect: { permit: true, basis: 'own_organization' },
  },
  { name: 'no organization selected', org: null, expect: { permit: false, reason: 'ROLE_NOT_PERMITTED' } },
  // own records
  { name: "an organization's own records", org: OTP, source: OTP, expect: { permit: true, basis: 'own_organization' } },
  {
    name: "an organization's own counseling notes",
    org: OTP,
    source: OTP,
    kind: 'counseling_notes',
    expect: { permit: true, basis: 'own_organization' },
  },
  // consent elements
  { name: 'no consent', expect: { permit: false, reason: 'NO_CONSENT' } },
  {
    name: 'a signed consent naming the recipient, purpose and kind',
    person: { consents: [consent()] },
    expect: { permit: true, basis: 'consent', consentId: 'consent-1' },
  },
  {
    name: 'a draft consent',
    person: { consents: [consent({ status: 'draft' })] },
    expect: { permit: false, reason: 'CONSENT_NOT_SIGNED' },
  },
  {
    name: 'a revoked consent',
    person: { consents: [consent({ status: 'revoked' })] },
    expect: { permit: false, reason: 'CONSENT_REVOKED' },
  },
  {
    name: 'an expired consent',
    person: { consents: [consent({ status: 'expired' })] },
    expect: { permit: false, reason: 'CONSENT_EXPIRED' },
  },
  {
    name: 'a signed consent past its date is expired',
    person: { consents: [consent({ expiresOn: '2026-06-14' })] },
    expect: { permit: false, reason: 'CONSENT_EXPIRED' },
  },
  {
    name: 'a consent valid through today',
    person: { consents: [consent({ expiresOn: '2026-06-15' })] },
    expect: { permit: true, basis: 'consent' },
  },
  {
    name: 'an event-expiring consent (no date) stays valid until the event',
    person: { consents: [consent({ expiresOn: null })] },
    expect: { permit: true, basis: 'consent' },
  },
  { name: 'the wrong recipient', org: HOUSING, person: { consents: [consent()] }, expect: { permit: false, reason: 'WRONG_RECIPIENT' } },
  {
    name: 'the wrong discloser',
    source: 'org-other-program',
    person: { consents: [consent()] },
    expect: { permit: false, reason: 'WRONG_DISCLOSER' },
  },
  {
    name: 'any network provider may disclose',
    source: 'org-other-program',
    person: { consents: [consent({ disclosers: { type: 'any_network_provider' } })] },
    expect: { permit: true, basis: 'consent' },
  },
  { name: 'the wrong purpose', purpose: 'payment', person: { consents: [consent()] }, expect: { permit: false, reason: 'WRONG_PURPOSE' } },
  {
    name: 'a kind the consent does not cover',
    kind: 'overdose_events',
    person: { consents: [consent()] },
    expect: { permit: false, reason: 'KIND_NOT_COVERED' },
  },
  {
    name: 'general designation with a treating relationship',
    person: { careTeam: [treatingLink], consents: [consent({ recipients: { type: 'treating_providers' } })] },
    expect: { permit: true, basis: 'consent' },
  },
  {
    name: 'general designation without a treating relationship',
    person: { consents: [consent({ recipients: { type: 'treating_providers' } })] },
    expect: { permit: false, reason: 'NO_TREATING_RELATIONSHIP' },
  },
  {
    name: 'general designation with an ended treating relationship',
    person: { careTeam: [{ ...treatingLink, until: '2026-06-14' }], consents: [consent({ recipients: { type: 'treating_providers' } })] },
    expect: { permit: false, reason: 'NO_TREATING_RELATIONSHIP' },
  },
  {
    name: 'general designation with a relationship starting tomorrow',
    person: { careTeam: [{ ...treatingLink, since: '2026-06-16' }], consents: [consent({ recipients: { type: 'treating_providers' } })] },
    expect: { permit: false, reason: 'NO_TREATING_RELATIONSHIP' },
  },
  // Another organization's care-team link that waits for confirmation is no treating relationship (docs/privacy.md, "Care-team links").
  {
    name: 'general designation with a pending care-team link (added by another organization, not confirmed)',
    person: { careTeam: [{ ...treatingLink, pending: true }], consents: [consent({ recipients: { type: 'treating_providers' } })] },
    expect: { permit: false, reason: 'NO_TREATING_RELATIONSHIP' },
  },
  {
    name: 'a pending care-team link gives no HIPAA treatment access to normal records',
    kind: 'medications',
    sensitivity: 'normal',
    person: { careTeam: [{ ...treatingLink, pending: true }] },
    expect: { permit: false, reason: 'NO_CONSENT' },
  },
  {
    name: 'a confirmed care-team link gives HIPAA treatment access to normal records',
    kind: 'medications',
    sensitivity: 'normal',
    person: { careTeam: [{ ...treatingLink, pending: false }] },
    expect: { permit: true, basis: 'treating_relationship' },
  },
  {
    name: 'a TPO consent covers payment',
    purpose: 'payment',
    person: { consents: [consent({ type: 'tpo', purposes: ['treatment', 'payment', 'operations'] })] },
    expect: { permit: true, basis: 'consent' },
  },
  {
    name: 'a TPO consent covers care coordination',
    purpose: 'care_coordination',
    person: { consents: [consent({ type: 'tpo', purposes: ['treatment', 'payment', 'operations'] })] },
    expect: { permit: true, basis: 'consent' },
  },
  {
    name: 'a standard consent for treatment does not cover care coordination',
    purpose: 'care_coordination',
    person: { consents: [consent()] },
    expect: { permit: false, reason: 'WRONG_PURPOSE' },
  },
  {
    name: 'the closest consent gives the reason (revoked one, one of wrong kind)',
    kind: 'referrals',
    person: { consents: [consent({ id: 'c-revoked', status: 'revoked', kinds: ['referrals'] }), consent({ id: 'c-kind' })] },
    expect: { permit: false, reason: 'KIND_NOT_COVERED' },
  },
  {
    name: 'any one permitting consent is enough',
    person: { consents: [consent({ id: 'c-revoked', status: 'revoked' }), consent({ id: 'c-ok' })] },
    expect: { permit: true, consentId: 'c-ok' },
  },
  // counseling notes
  {
    name: 'counseling notes are not covered by a general consent',
    kind: 'counseling_notes',
    person: { consents: [consent({ kinds: ['sud_treatment', 'counseling_notes'] })] },
    expect: { permit: false, reason: 'COUNSELING_NOTES_NEED_OWN_CONSENT' },
  },
  {
    name: 'counseling notes with no consent at all',
    kind: 'counseling_notes',
    expect: { permit: false, reason: 'COUNSELING_NOTES_NEED_OWN_CONSENT' },
  },
  {
    name: 'counseling notes under their own consent',
    kind: 'counseling_notes',
    person: { consents: [consent({ type: 'counseling_notes', kinds: ['counseling_notes'] })] },
    expect: { permit: true, basis: 'consent' },
  },
  // non-Part 2 records and treating relationships
  {
    name: 'non-Part 2 record shared with a treating provider for treatment',
    sensitivity: 'normal',
    kind: 'screening',
    person: { careTeam: [treatingLink] },
    expect: { permit: true, basis: 'treating_relationship' },
  },
  {
    name: 'non-Part 2 record, treating provider, for payment, needs consent',
    sensitivity: 'normal',
    kind: 'screening',
    purpose: 'payment',
    person: { careTeam: [treatingLink] },
    expect: { permit: false, reason: 'NO_CONSENT' },
  },
  {
    name: 'Part 2 record with a treating relationship still needs consent',
    kind: 'sud_treatment',
    person: { careTeam: [treatingLink] },
    expect: { permit: false, reason: 'NO_CONSENT' },
  },
  {
    name: 'non-Part 2 record without a relationship needs consent',
    sensitivity: 'normal',
    kind: 'screening',
    expect: { permit: false, reason: 'NO_CONSENT' },
  },
  // break-glass
  {
    name: 'break-glass permits Part 2 records in an emergency',
    person: { breakGlass: [glass] },
    expect: { permit: true, basis: 'break_glass', breakGlassId: 'bg-1' },
  },
  {
    name: 'break-glass after it expired',
    person: { breakGlass: [{ ...glass, expiresAt: new Date('2026-06-15T12:00:00Z') }] },
    expect: { permit: false, reason: 'NO_CONSENT' },
  },
  {
    name: "someone else's break-glass",
    person: { breakGlass: [{ ...glass, userId: 'user-2' }] },
    expect: { permit: false, reason: 'NO_CONSENT' },
  },
  {
    name: 'break-glass does not open counseling notes',
    kind: 'counseling_notes',
    person: { breakGlass: [glass] },
    expect: { permit: false, reason: 'COUNSELING_NOTES_NEED_OWN_CONSENT' },
  },
  // demographics (the person's existence)
  {
    name: 'demographics: the registering organization',
    kind: 'demographics',
    org: OTP,
    expect: { permit: true, basis: 'own_organization' },
  },
  {
    name: 'demographics: an organization holding an identifier',
    kind: 'demographics',
    person: { identifierOrganizationIds: [ED] },
    expect: { permit: true, basis: 'own_organization' },
  },
  {
    name: 'demographics: a care-team organization',
    kind: 'demographics',
    person: { careTeam: [treatingLink] },
    expect: { permit: true, basis: 'care_team' },
  },
  {
    name: 'demographics: a pending care-team link does not reveal the person',
    kind: 'demographics',
    person: { careTeam: [{ ...treatingLink, pending: true }] },
    expect: { permit: false, reason: 'NO_RELATIONSHIP' },
  },
  {
    name: 'demographics: a consent naming the organization',
    kind: 'demographics',
    person: { consents: [consent()] },
    expect: { permit: true, basis: 'consent' },
  },
  {
    name: 'demographics: a revoked consent does not reveal the person',
    kind: 'demographics',
    person: { consents: [consent({ status: 'revoked' })] },
    expect: { permit: false, reason: 'NO_RELATIONSHIP' },
  },
  {
    name: 'demographics: break-glass',
    kind: 'demographics',
    person: { breakGlass: [glass] },
    expect: { permit: true, basis: 'break_glass' },
  },
  { name: 'demographics: no relationship at all', kind: 'demographics', expect: { permit: false, reason: 'NO_RELATIONSHIP' } },
  {
    name: 'demographics: an analyst',
    kind: 'demographics',
    roles: ['analyst'],
    org: OTP,
    expect: { permit: false, reason: 'ANALYST_AGGREGATES_ONLY' },
  },
  {
    name: 'a token with a clinical role reads like a user',
    actorKind: 'token',
    person: { consents: [consent()] },
    expect: { permit: true, basis: 'consent' },
  },
];

// 42 CFR 2.11/2.12(c)(4): the ED here acts as the OTP's qualified service organization.
const qsoa = (over: Partial<ServiceAgreementFacts> = {}): ServiceAgreementFacts => ({
  id: 'agreement-1',
  programOrganizationId: OTP,
  kinds: ['demographics', 'sud_treatment', 'medications', 'counseling_notes'],
  purposes: ['treatment', 'operations'],
  effectiveOn: '2026-01-01',
  endsOn: '2026-07-01',
  ...over,
});
const withQsoa = (over: Partial<ServiceAgreementFacts> = {}) => ({ serviceAgreements: [qsoa(over)] });

rows.push(
  {
    name: 'qsoa: an agreement in force lets the service organization see the program’s Part 2 record',
    caller: withQsoa(),
    expect: { permit: true, basis: 'qsoa', agreementId: 'agreement-1' },
  },
  {
    name: 'qsoa: in force on its last day (the day before it ends)',
    caller: withQsoa({ endsOn: '2026-06-16' }),
    expect: { permit: true, basis: 'qsoa' },
  },
  {
    name: 'qsoa: no access on the day it ends',
    caller: withQsoa({ endsOn: '2026-06-15' }),
    expect: { permit: false, reason: 'NO_CONSENT' },
  },
  {
    name: 'qsoa: no access before it takes effect',
    caller: withQsoa({ effectiveOn: '2026-06-16' }),
    expect: { permit: false, reason: 'NO_CONSENT' },
  },
  { name: 'qsoa: an open-ended agreement', caller: withQsoa({ endsOn: null }), expect: { permit: true, basis: 'qsoa' } },
  { name: 'qsoa: a purpose outside its scope', purpose: 'payment', caller: withQsoa(), expect: { permit: false } },
  { name: 'qsoa: a kind outside its scope', kind: 'referrals', caller: withQsoa(), expect: { permit: false } },
  {
    name: 'qsoa: never counseling notes, even if listed',
    kind: 'counseling_notes',
    caller: withQsoa(),
    expect: { permit: false, reason: 'COUNSELING_NOTES_NEED_OWN_CONSENT' },
  },
  { name: 'qsoa: another organization’s records are not covered', source: HOUSING, caller: withQsoa(), expect: { permit: false } },
  {
    name: 'qsoa: a consent still comes first',
    person: { consents: [consent()] },
    caller: withQsoa(),
    expect: { permit: true, basis: 'consent' },
  },
  {
    name: 'qsoa demographics: a person the program registered',
    kind: 'demographics',
    sensitivity: 'normal',
    caller: withQsoa(),
    expect: { permit: true, basis: 'qsoa' },
  },
  {
    name: 'qsoa demographics: a person the program treats',
    kind: 'demographics',
    sensitivity: 'normal',
    person: { registeredByOrganizationId: HOUSING, careTeam: [{ organizationId: OTP, userId: null, since: '2026-01-01', until: null }] },
    caller: withQsoa(),
    expect: { permit: true, basis: 'qsoa' },
  },
  {
    name: 'qsoa demographics: a person the program has no relationship with',
    kind: 'demographics',
    sensitivity: 'normal',
    person: { registeredByOrganizationId: HOUSING },
    caller: withQsoa(),
    expect: { permit: false, reason: 'NO_RELATIONSHIP' },
  },
  {
    name: 'qsoa demographics: not after the agreement ended',
    kind: 'demographics',
    sensitivity: 'normal',
    caller: withQsoa({ endsOn: '2026-06-01' }),
    expect: { permit: false, reason: 'NO_RELATIONSHIP' },
  },
  // The training gate (a network setting).
  {
    name: 'training gate: own Part 2 record without current training',
    org: OTP,
    caller: { part2TrainingCurrent: false },
    expect: { permit: false, reason: 'PART2_TRAINING_REQUIRED' },
  },
  {
    name: 'training gate: own Part 2 record with current training',
    org: OTP,
    caller: { part2TrainingCurrent: true },
    expect: { permit: true, basis: 'own_organization' },
  },
  {
    name: 'training gate off: own Part 2 record',
    org: OTP,
    caller: { part2TrainingCurrent: null },
    expect: { permit: true, basis: 'own_organization' },
  },
  {
    name: 'training gate: normal records are not gated',
    org: OTP,
    sensitivity: 'normal',
    caller: { part2TrainingCurrent: false },
    expect: { permit: true, basis: 'own_organization' },
  },
  {
    name: 'training gate: a consent does not lift it',
    person: { consents: [consent()] },
    caller: { part2TrainingCurrent: false },
    expect: { permit: false, reason: 'PART2_TRAINING_REQUIRED' },
  },
  {
    name: 'training gate: nor does a QSOA',
    caller: { ...withQsoa(), part2TrainingCurrent: false },
    expect: { permit: false, reason: 'PART2_TRAINING_REQUIRED' },
  },
  {
    name: 'training gate: a medical emergency is never delayed (2.51)',
    person: { breakGlass: [glass] },
    caller: { part2TrainingCurrent: false },
    expect: { permit: true, basis: 'break_glass' },
  },
);

describe('decideAccess', () => {
  it.each(rows)('$name', (row) => {
    const req: AccessRequest = {
      actor: {
        kind: row.actorKind ?? 'user',
        userId: row.actorKind === 'token' || row.actorKind === 'person' ? null : USER,
        personId: row.self ?? null,
        organizationId: row.org === undefined ? ED : row.org,
        roles: row.roles ?? ['clinician'],
      },
      purpose: row.purpose ?? 'treatment',
      record: { kind: row.kind ?? 'sud_treatment', sensitivity: row.sensitivity ?? 'part2', sourceOrganizationId: row.source ?? OTP },
      caller: { ...noCallerFacts, ...row.caller },
      person: person(row.person),
      now: NOW,
    };
    expect(decideAccess(req)).toMatchObject(row.expect);
  });
});
