import { describe, expect, it } from 'vitest';
import type { ConsentFacts, PersonFacts } from '../access-decision.ts';
import { decideReferralConsent, type ReferralConsentQuestion } from './referral-consent.ts';

const ED = '00000000-0000-4000-8000-0000000000ed';
const OTP = '00000000-0000-4000-8000-000000000071';
const OTHER = '00000000-0000-4000-8000-0000000000aa';
const now = new Date('2026-03-01T12:00:00Z');

const consent = (over: Partial<ConsentFacts> = {}): ConsentFacts => ({
  id: 'c1',
  type: 'standard',
  status: 'signed',
  disclosers: { type: 'organizations', organizationIds: [ED] },
  recipients: { type: 'organizations', organizationIds: [OTP] },
  purposes: ['treatment', 'care_coordination'],
  kinds: ['referrals'],
  expiresOn: null,
  ...over,
});
const person = (consents: ConsentFacts[], careTeam: PersonFacts['careTeam'] = []): PersonFacts => ({
  registeredByOrganizationId: ED,
  identifierOrganizationIds: [],
  careTeam,
  consents,
  breakGlass: [],
});
const q = (over: Partial<ReferralConsentQuestion> = {}): ReferralConsentQuestion => ({
  senderOrganizationId: ED,
  receiverOrganizationId: OTP,
  purpose: 'treatment',
  sensitivity: 'normal',
  now,
  ...over,
});

describe('decideReferralConsent', () => {
  const cases: [string, PersonFacts, ReferralConsentQuestion, ReturnType<typeof decideReferralConsent>][] = [
    ['a signed consent naming the receiver covers it', person([consent()]), q(), { covered: true, consentId: 'c1' }],
    ['no consent at all', person([]), q(), { covered: false, reason: 'NO_CONSENT' }],
    ['a draft does not count', person([consent({ status: 'draft' })]), q(), { covered: false, reason: 'CONSENT_NOT_SIGNED' }],
    ['a revoked consent does not count', person([consent({ status: 'revoked' })]), q(), { covered: false, reason: 'CONSENT_REVOKED' }],
    [
      'a consent past its date does not count',
      person([consent({ expiresOn: '2026-02-28' })]),
      q(),
      { covered: false, reason: 'CONSENT_EXPIRED' },
    ],
    ['valid through its last day', person([consent({ expiresOn: '2026-03-01' })]), q(), { covered: true, consentId: 'c1' }],
    [
      'another recipient',
      person([consent({ recipients: { type: 'organizations', organizationIds: [OTHER] } })]),
      q(),
      { covered: false, reason: 'WRONG_RECIPIENT' },
    ],
    [
      'another discloser',
      person([consent({ disclosers: { type: 'organizations', organizationIds: [OTHER] } })]),
      q(),
      { covered: false, reason: 'WRONG_DISCLOSER' },
    ],
    [
      'any network provider as discloser',
      person([consent({ disclosers: { type: 'any_network_provider' } })]),
      q(),
      { covered: true, consentId: 'c1' },
    ],
    ['purpose not covered', person([consent({ purposes: ['payment'] })]), q(), { covered: false, reason: 'WRONG_PURPOSE' }],
    [
      'a TPO consent covers care coordination',
      person([consent({ type: 'tpo', purposes: ['treatment', 'payment', 'operations'] })]),
      q({ purpose: 'care_coordination' }),
      { covered: true, consentId: 'c1' },
    ],
    ['referrals kind not covered', person([consent({ kinds: ['medications'] })]), q(), { covered: false, reason: 'KIND_NOT_COVERED' }],
    [
      '"my treating providers" without a treating relationship',
      person([consent({ recipients: { type: 'treating_providers' } })]),
      q(),
      { covered: false, reason: 'NO_TREATING_RELATIONSHIP' },
    ],
    [
      '"my treating providers" when the receiver already treats the person',
      person(
        [consent({ recipients: { type: 'treating_providers' } })],
        [{ organizationId: OTP, userId: null, since: '2026-01-01', until: null }],
      ),
      q(),
      { covered: true, consentId: 'c1' },
    ],
    [
      'a named consent that does not cover it',
      person([consent(), consent({ id: 'c2', kinds: ['notes'] })]),
      q({ consentId: 'c2' }),
      { covered: false, reason: 'KIND_NOT_COVERED' },
    ],
    ["a named consent that is not the person's", person([consent()]), q({ consentId: 'other' }), { covered: false, reason: 'NO_CONSENT' }],
    [
      'any one of several consents is enough',
      person([consent({ id: 'c0', status: 'revoked' }), consent({ id: 'c2' })]),
      q(),
      { covered: true, consentId: 'c2' },
    ],
    [
      'the closest denial is reported',
      person([consent({ id: 'c0', status: 'revoked' }), consent({ id: 'c2', kinds: ['notes'] })]),
      q(),
      { covered: false, reason: 'KIND_NOT_COVERED' },
    ],
    [
      'a Part 2 referral needs the same consent (covered)',
      person([
        consent({
          disclosers: { type: 'organizations', organizationIds: [OTP] },
          recipients: { type: 'organizations', organizationIds: [ED] },
        }),
      ]),
      q({ senderOrganizationId: OTP, receiverOrganizationId: ED, sensitivity: 'part2' }),
      { covered: true, consentId: 'c1' },
    ],
  ];
  it.each(cases)('%s', (_name, facts, question, expected) => {
    expect(decideReferralConsent(facts, question)).toEqual(expected);
  });
});
