// Longer than 300 lines because it fakes every referral endpoint (pathways, suggestions, sending, transitions,
// handoff, attachments) over one in-memory state, as the feature's one client does.
import {
  allowedReferralEvents,
  createReferralSchema,
  referralTransitions,
  handoffInputSchema,
  pathwayInputSchema,
  referralTransitionSchema,
  type CreateReferral,
  type HandoffInput,
  type Pathway,
  type PathwayDetail,
  type PathwayInput,
  type ReferralAttachment,
  type ReferralDetail,
  type ReferralEvent,
  type ReferralListQuery,
  type ReferralPage,
  type ReferralSide,
  type ReferralState,
  type ReferralSuggestion,
  type ReferralTransition,
  referralTerminalStates,
} from '@continuum/contracts';
import { ApiError } from '../../api/api-error.ts';
import { validateLikeServer } from '../../test-support/fake-validate.ts';
import type { PathwayListParams, ReferralsApi, SuggestionParams } from './api.ts';

/*
 * An in-memory stand-in for the referral endpoints, for component tests. It validates bodies with the
 * contract schemas, answers CONSENT_REQUIRED for organizations no consent covers, and follows the
 * contract's transition table (as the server does) so the buttons the page shows come from `allowedEvents`.
 */

let sequence = 0;
const nextId = () => `00000000-0000-4000-9000-${String(++sequence).padStart(12, '0')}`;

export function aPersonSummary(id: string): ReferralDetail['person'] {
  return {
    id,
    givenName: 'Jordan',
    familyName: 'Rivera',
    birthDate: '1990-04-02',
    sex: 'unknown',
    town: 'Harbor City',
    postalCode: '97104',
  };
}

/** The events a side may send, from the contract's transition table (the server decides with the same table). */
export function fakeAllowedEvents(state: ReferralState, side: ReferralSide, stateBeforeHold: ReferralState | null = null): ReferralEvent[] {
  return allowedReferralEvents(state, side, stateBeforeHold);
}

export interface FakeCall {
  method: keyof ReferralsApi;
  args: unknown[];
}

export class FakeReferralsApi implements ReferralsApi {
  pathways: PathwayDetail[] = [];
  suggestions: ReferralSuggestion[] = [];
  referrals: ReferralDetail[] = [];
  /** Organizations a signed consent already covers for the person being referred. */
  consentedOrganizations = new Set<string>();
  calls: FakeCall[] = [];
  /** The organization the signed-in user works for (decides the side of a referral). */
  organizationId = '';
  now = () => new Date();
  /** The state each referral on hold left, to resume to (as the server keeps `status_before_hold`). */
  private stateBeforeHold = new Map<string, ReferralState>();

  private record(method: keyof ReferralsApi, args: unknown[]) {
    this.calls.push({ method, args });
  }

  addPathway(overrides: Partial<PathwayDetail> = {}): PathwayDetail {
    const id = overrides.id ?? nextId();
    const pathway: PathwayDetail = {
      id,
      version: 1,
      name: 'ED to buprenorphine clinic',
      description: 'Continuing buprenorphine within 72 hours of an ED start.',
      referrerOrganizationTypes: ['emergency_department'],
      referrerOrganizationIds: [],
      referrerOrganizationNames: [],
      receiverOrganizationId: nextId(),
      receiverOrganizationName: 'Tidewater Treatment',
      services: [{ id: nextId(), name: 'Buprenorphine clinic', kind: 'moud' }],
      inclusionCriteria: [{ key: 'oud', text: 'Opioid use disorder, moderate or severe' }],
      exclusionCriteria: [{ key: 'no_acute', text: 'No acute medical condition needing admission' }],
      requiredFields: [{ key: 'last_use', label: 'Last opioid use', type: 'date' }],
      requiredDocuments: [{ key: 'discharge', label: 'ED discharge summary' }],
      ackHours: 24,
      firstContactDays: 3,
      warmHandoffExpected: true,
      receiverContact: { name: 'Intake desk', phone: '555-0100', email: null },
      activeFrom: '2026-01-01',
      activeUntil: null,
      active: true,
      canRefer: true,
      canEdit: false,
      createdAt: '2026-01-01T12:00:00.000Z',
      createdByName: 'Ada Admin',
      versions: [
        { version: 1, createdAt: '2026-01-01T12:00:00.000Z', createdByName: 'Ada Admin', activeFrom: '2026-01-01', activeUntil: null },
      ],
      ...overrides,
    };
    this.pathways.push(pathway);
    return pathway;
  }

  addSuggestion(pathway: PathwayDetail, overrides: Partial<ReferralSuggestion> = {}): ReferralSuggestion {
    const service = pathway.services[0]!;
    const suggestion: ReferralSuggestion = {
      pathwayId: pathway.id,
      pathwayVersion: pathway.version,
      pathwayName: pathway.name,
      serviceId: service.id,
      serviceName: service.name,
      serviceKind: service.kind,
      organizationId: pathway.receiverOrganizationId,
      organizationName: pathway.receiverOrganizationName,
      locationId: nextId(),
      locationName: 'Harbor City clinic',
      distanceMiles: 2.4,
      capacity: { status: 'accepting', available: 4, stale: false },
      eligibilityNotes: [],
      acceptsPayment: true,
      score: 86,
      parts: { pathwayFit: 1, capacity: 0.8, distance: 0.9, eligibility: 1, payment: 1 },
      consentCovers: this.consentedOrganizations.has(pathway.receiverOrganizationId),
      ...overrides,
    };
    this.suggestions.push(suggestion);
    return suggestion;
  }

  addReferral(overrides: Partial<ReferralDetail> = {}): ReferralDetail {
    const at = overrides.createdAt ?? this.now().toISOString();
    const status = overrides.status ?? 'requested';
    const side = overrides.side ?? 'receiver';
    const referral: ReferralDetail = {
      id: nextId(),
      person: aPersonSummary(nextId()),
      pathwayId: nextId(),
      pathwayVersion: 1,
      pathwayName: 'ED to buprenorphine clinic',
      serviceId: nextId(),
      serviceName: 'Buprenorphine clinic',
      serviceKind: 'moud',
      senderOrganizationId: nextId(),
      senderOrganizationName: 'Harbor General ED',
      receiverOrganizationId: this.organizationId,
      receiverOrganizationName: 'Tidewater Treatment',
      status,
      urgency: 'routine',
      appointmentAt: null,
      ackDueAt: at,
      firstContactDueAt: at,
      nextDeadlineAt: null,
      overdue: null,
      createdAt: at,
      updatedAt: at,
      side,
      locationId: null,
      locationName: null,
      senderName: 'Dana ED',
      reason: 'Started buprenorphine in the ED; needs continuing care.',
      purpose: 'treatment',
      answers: {},
      criteriaConfirmed: [],
      statusReason: null,
      outcome: null,
      acknowledgedAt: null,
      closedAt: null,
      consentId: null,
      warmHandoffExpected: false,
      history: [
        {
          id: nextId(),
          event: 'create',
          fromState: null,
          toState: 'requested',
          at,
          byName: 'Dana ED',
          byOrganizationName: 'Harbor General ED',
          reason: null,
          outcome: null,
          appointmentAt: null,
          note: null,
        },
      ],
      handoff: null,
      attachments: [],
      missingDocuments: [],
      allowedEvents: fakeAllowedEvents(status, side),
      redisclosureNotice: null,
      ...overrides,
    };
    this.referrals.push(referral);
    return referral;
  }

  private find(id: string): ReferralDetail {
    const referral = this.referrals.find((item) => item.id === id);
    if (!referral) throw new ApiError('REFERRAL_NOT_FOUND', 'No such referral, or you may not see it.', { status: 404 });
    return referral;
  }

  async listPathways(params?: PathwayListParams): Promise<Pathway[]> {
    this.record('listPathways', [params]);
    return this.pathways
      .filter((p) => (params?.canRefer === 'true' ? p.canRefer : true))
      .filter((p) => (params?.active ? String(p.active) === params.active : true))
      .filter((p) => (params?.q ? p.name.toLowerCase().includes(params.q.toLowerCase()) : true))
      .map(({ versions: _versions, ...rest }) => rest);
  }

  async getPathway(id: string, version?: number): Promise<PathwayDetail> {
    this.record('getPathway', [id, version]);
    const pathway = this.pathways.find((p) => p.id === id);
    if (!pathway) throw new ApiError('PATHWAY_NOT_FOUND', 'No such pathway.', { status: 404 });
    return pathway;
  }

  private pathwayFrom(input: PathwayInput, id: string, version: number): PathwayDetail {
    const parsed = validateLikeServer(pathwayInputSchema, input);
    const existing = this.pathways.find((p) => p.id === id);
    const base = existing ?? this.addPathway({ id });
    const at = this.now().toISOString();
    const updated: PathwayDetail = {
      ...base,
      ...parsed,
      description: parsed.description ?? null,
      activeUntil: parsed.activeUntil ?? null,
      receiverContact: {
        name: parsed.receiverContact.name,
        phone: parsed.receiverContact.phone ?? null,
        email: parsed.receiverContact.email ?? null,
      },
      version,
      createdAt: at,
      canEdit: true,
      versions: [
        ...(existing ? base.versions : []),
        { version, createdAt: at, createdByName: 'Ada Admin', activeFrom: parsed.activeFrom, activeUntil: parsed.activeUntil ?? null },
      ],
    };
    this.pathways = this.pathways.map((p) => (p.id === id ? updated : p));
    return updated;
  }

  async createPathway(body: PathwayInput): Promise<PathwayDetail> {
    this.record('createPathway', [body]);
    return this.pathwayFrom(body, nextId(), 1);
  }

  async savePathwayVersion(id: string, body: PathwayInput): Promise<PathwayDetail> {
    this.record('savePathwayVersion', [id, body]);
    const current = await this.getPathway(id);
    return this.pathwayFrom(body, id, current.version + 1);
  }

  async suggest(params: SuggestionParams): Promise<ReferralSuggestion[]> {
    this.record('suggest', [params]);
    return [...this.suggestions].sort((a, b) => b.score - a.score);
  }

  async createReferral(body: CreateReferral): Promise<ReferralDetail> {
    this.record('createReferral', [body]);
    const input = validateLikeServer(createReferralSchema, body);
    const pathway = await this.getPathway(input.pathwayId);
    const fields = [
      ...pathway.requiredFields
        .filter((f) => input.answers[f.key] === undefined || input.answers[f.key] === '')
        .map((f) => ({ path: `body.answers.${f.key}`, message: `Answer “${f.label}”` })),
      ...[...pathway.inclusionCriteria, ...pathway.exclusionCriteria]
        .filter((c) => !input.criteriaConfirmed.includes(c.key))
        .map((c) => ({ path: 'body.criteriaConfirmed', message: `Confirm “${c.text}”` })),
    ];
    if (fields.length > 0)
      throw new ApiError('VALIDATION_FAILED', 'The referral is missing what the pathway requires.', { status: 400, fields });
    if (!this.consentedOrganizations.has(pathway.receiverOrganizationId)) {
      throw new ApiError(
        'CONSENT_REQUIRED',
        'A signed, current consent naming the receiving organization for this purpose and covering referrals is needed before sending.',
        {
          status: 409,
          fields: [{ path: 'body.consentId', message: 'NO_CONSENT' }],
        },
      );
    }
    return this.addReferral({
      pathwayId: pathway.id,
      pathwayName: pathway.name,
      serviceId: input.serviceId,
      receiverOrganizationId: pathway.receiverOrganizationId,
      receiverOrganizationName: pathway.receiverOrganizationName,
      senderOrganizationId: this.organizationId,
      side: 'sender',
      reason: input.reason,
      urgency: input.urgency,
      answers: input.answers,
      criteriaConfirmed: input.criteriaConfirmed,
      missingDocuments: pathway.requiredDocuments,
      warmHandoffExpected: pathway.warmHandoffExpected,
      person: aPersonSummary(input.personId),
    });
  }

  async listReferrals(query: ReferralListQuery): Promise<ReferralPage> {
    this.record('listReferrals', [query]);
    const box = query.box ?? 'inbox';
    const items = this.referrals
      .filter((r) => (box === 'inbox' ? r.side === 'receiver' : r.side === 'sender'))
      .filter((r) => {
        if (!query.status) return true;
        if (query.status === 'open') return !referralTerminalStates.includes(r.status);
        if (query.status === 'closed') return referralTerminalStates.includes(r.status);
        return r.status === query.status;
      })
      .filter((r) => (query.urgency ? r.urgency === query.urgency : true))
      .filter((r) => (query.pathwayId ? r.pathwayId === query.pathwayId : true))
      .filter((r) => (query.overdue === 'true' ? r.overdue !== null : query.overdue === 'false' ? r.overdue === null : true))
      .filter((r) => (query.personId ? r.person.id === query.personId : true));
    return { items, total: items.length, restricted: [] };
  }

  async getReferral(id: string): Promise<ReferralDetail> {
    this.record('getReferral', [id]);
    return this.find(id);
  }

  async transition(id: string, body: ReferralTransition): Promise<ReferralDetail> {
    this.record('transition', [id, body]);
    const input = validateLikeServer(referralTransitionSchema, body);
    const referral = this.find(id);
    const target = referralTransitions[referral.status][input.event];
    const before = this.stateBeforeHold.get(id) ?? null;
    if (!referral.allowedEvents.includes(input.event) || target === undefined)
      throw new ApiError('REFERRAL_TRANSITION_INVALID', 'This action is not allowed now.', { status: 409 });
    const next = target === 'previous' ? (before ?? 'received') : target;
    if (next === 'on_hold') this.stateBeforeHold.set(id, referral.status);
    const at = this.now().toISOString();
    const updated: ReferralDetail = {
      ...referral,
      status: next,
      statusReason: input.reason ?? referral.statusReason,
      outcome: input.outcome ?? referral.outcome,
      appointmentAt: input.appointmentAt ?? referral.appointmentAt,
      updatedAt: at,
      allowedEvents: fakeAllowedEvents(next, referral.side, next === 'on_hold' ? referral.status : null),
      history: [
        ...referral.history,
        {
          id: nextId(),
          event: input.event,
          fromState: referral.status,
          toState: next,
          at,
          byName: 'Oli OTP',
          byOrganizationName: referral.receiverOrganizationName,
          reason: input.reason ?? null,
          outcome: input.outcome ?? null,
          appointmentAt: input.appointmentAt ?? null,
          note: input.note ?? null,
        },
      ],
    };
    this.referrals = this.referrals.map((r) => (r.id === id ? updated : r));
    return updated;
  }

  async recordHandoff(id: string, body: HandoffInput): Promise<ReferralDetail> {
    this.record('recordHandoff', [id, body]);
    const input = validateLikeServer(handoffInputSchema, body);
    const referral = this.find(id);
    const updated: ReferralDetail = {
      ...referral,
      handoff: { ...input, note: input.note ?? null, recordedAt: this.now().toISOString(), recordedByName: 'Dana ED' },
    };
    this.referrals = this.referrals.map((r) => (r.id === id ? updated : r));
    return updated;
  }

  async uploadAttachment(id: string, file: File, documentKey: string | null): Promise<ReferralAttachment> {
    this.record('uploadAttachment', [id, file.name, documentKey]);
    const referral = this.find(id);
    const attachment: ReferralAttachment = {
      id: nextId(),
      fileName: file.name,
      contentType: 'application/pdf',
      size: file.size,
      documentKey,
      uploadedAt: this.now().toISOString(),
      uploadedByName: 'Dana ED',
    };
    const updated: ReferralDetail = {
      ...referral,
      attachments: [...referral.attachments, attachment],
      missingDocuments: referral.missingDocuments.filter((d) => d.key !== documentKey),
    };
    this.referrals = this.referrals.map((r) => (r.id === id ? updated : r));
    return attachment;
  }
}
