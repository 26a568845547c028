import {
  createConsentSchema,
  expiryEventOccurredSchema,
  reviewBreakGlassSchema,
  revokeConsentSchema,
  signConsentSchema,
  type BreakGlass,
  type Consent,
  type Disclosure,
  type Organization,
  type PersonDetail,
  type RegistryAction,
} from '@continuum/contracts';
import { ApiError } from '../../api/api-error.ts';
import { validateLikeServer } from '../../test-support/fake-validate.ts';
import { nextId, personNotFound, type FakeActor } from '../../test-support/fake-registry-support.ts';

/**
 * What the consent fake needs of the registry fake (features/people/fake-api.ts), which holds the people,
 * consents, disclosures and emergency access and decides who may see a person.
 */
export interface ConsentRegistry {
  readonly people: readonly Pick<PersonDetail, 'id' | 'givenName' | 'familyName'>[];
  readonly consents: Consent[];
  readonly disclosures: readonly (Disclosure & { personId: string })[];
  readonly breakGlass: BreakGlass[];
  readonly now: Date;
  at(offsetSeconds?: number): string;
  organization(id: string): Organization;
  require(actor: FakeActor, action: RegistryAction): string;
  visiblePerson(actor: FakeActor, personId: string): { person: Pick<PersonDetail, 'givenName' | 'familyName'> };
}

/**
 * The consent endpoints of the fake API over the fake registry's people and consents: drafts, signing,
 * revoking and expiry (the statuses the server allows), the accounting of disclosures and the review
 * of emergency access. Arrange consents with `registry.addSignedConsent`.
 */
export class FakeConsents {
  constructor(private readonly registry: ConsentRegistry) {}

  listConsents(actor: FakeActor, personId: string): Consent[] {
    this.registry.visiblePerson(actor, personId);
    return this.registry.consents.filter((consent) => consent.personId === personId).map((consent) => structuredClone(consent));
  }

  /** Like the server: the names of every organization the consent refers to, its recorder included. */
  private namesFor(
    input: { disclosers: Consent['disclosers']; recipients: Consent['recipients'] },
    createdBy: string,
  ): Record<string, string> {
    const ids = [
      createdBy,
      ...(input.disclosers.type === 'organizations' ? input.disclosers.organizationIds : []),
      ...(input.recipients.type === 'organizations' ? input.recipients.organizationIds : []),
    ];
    return Object.fromEntries(ids.map((id) => [id, this.registry.organization(id).name]));
  }

  createConsent(actor: FakeActor, personId: string, body: unknown): Consent {
    const organizationId = this.registry.require(actor, 'consent.write');
    const { person } = this.registry.visiblePerson(actor, personId);
    const input = validateLikeServer(createConsentSchema, body);
    const at = this.registry.at();
    const consent: Consent = {
      id: nextId(),
      personId,
      personName: `${person.givenName} ${person.familyName}`,
      type: input.type,
      status: 'draft',
      disclosers: input.disclosers,
      recipients: input.recipients,
      purposes: input.purposes,
      kinds: input.kinds,
      informationDescription: input.informationDescription,
      expiresOn: input.expiresOn ?? null,
      expiryEvent: input.expiryEvent ?? null,
      language: input.language,
      signerName: null,
      signerRelationship: null,
      signatureMethod: null,
      signatureImage: null,
      signedAt: null,
      revokedAt: null,
      revocationMethod: null,
      expiredAt: null,
      createdByOrganizationId: organizationId,
      createdAt: at,
      updatedAt: at,
      organizationNames: this.namesFor(input, organizationId),
      history: [{ at, fromStatus: null, toStatus: 'draft', byName: actor.userName, note: null }],
    };
    this.registry.consents.push(consent);
    return structuredClone(consent);
  }

  private consentFor(actor: FakeActor, id: string): Consent {
    const consent = this.registry.consents.find((item) => item.id === id);
    if (!consent) throw new ApiError('CONSENT_NOT_FOUND', 'Consent not found.', { status: 404 });
    this.registry.visiblePerson(actor, consent.personId);
    return consent;
  }

  getConsent(actor: FakeActor, id: string): Consent {
    return structuredClone(this.consentFor(actor, id));
  }

  updateConsent(actor: FakeActor, id: string, body: unknown): Consent {
    this.registry.require(actor, 'consent.write');
    const consent = this.consentFor(actor, id);
    if (consent.status !== 'draft') throw new ApiError('CONSENT_STATE_INVALID', 'Only a draft can be edited.', { status: 409 });
    const input = validateLikeServer(createConsentSchema, body);
    Object.assign(consent, {
      ...input,
      expiresOn: input.expiresOn ?? null,
      expiryEvent: input.expiryEvent ?? null,
      organizationNames: this.namesFor(input, consent.createdByOrganizationId),
      updatedAt: this.registry.at(),
    });
    return structuredClone(consent);
  }

  private transition(consent: Consent, actor: FakeActor, to: Consent['status'], note: string | null = null) {
    const at = this.registry.at();
    consent.history.push({ at, fromStatus: consent.status, toStatus: to, byName: actor.userName, note });
    consent.status = to;
    consent.updatedAt = at;
    return at;
  }

  signConsent(actor: FakeActor, id: string, body: unknown): Consent {
    this.registry.require(actor, 'consent.write');
    const consent = this.consentFor(actor, id);
    const input = validateLikeServer(signConsentSchema, body);
    if (input.signatureMethod === 'drawn' && !input.signatureImage) {
      throw new ApiError('VALIDATION_FAILED', 'The request is not valid.', {
        status: 422,
        fields: [{ path: 'body.signatureImage', message: 'Draw the signature' }],
      });
    }
    if (consent.status !== 'draft') throw new ApiError('CONSENT_STATE_INVALID', 'Only a draft can be signed.', { status: 409 });
    Object.assign(consent, {
      signerName: input.signerName,
      signerRelationship: input.signerRelationship,
      signatureMethod: input.signatureMethod,
      signatureImage: input.signatureImage ?? null,
    });
    consent.signedAt = this.transition(consent, actor, 'signed');
    return structuredClone(consent);
  }

  revokeConsent(actor: FakeActor, id: string, body: unknown): Consent {
    this.registry.require(actor, 'consent.write');
    const consent = this.consentFor(actor, id);
    const input = validateLikeServer(revokeConsentSchema, body);
    if (consent.status !== 'signed') throw new ApiError('CONSENT_STATE_INVALID', 'Only a signed consent can be revoked.', { status: 409 });
    consent.revocationMethod = input.method;
    consent.revokedAt = this.transition(consent, actor, 'revoked', input.note ?? null);
    return structuredClone(consent);
  }

  recordConsentExpiryEvent(actor: FakeActor, id: string, body: unknown): Consent {
    this.registry.require(actor, 'consent.write');
    const consent = this.consentFor(actor, id);
    const { occurredOn } = validateLikeServer(expiryEventOccurredSchema, body);
    if (consent.status !== 'signed' || !consent.expiryEvent) {
      throw new ApiError('CONSENT_STATE_INVALID', 'Only a signed consent that ends at an event can be ended this way.', { status: 409 });
    }
    consent.expiredAt = `${occurredOn}T00:00:00.000Z`;
    this.transition(consent, actor, 'expired', null);
    return structuredClone(consent);
  }

  listDisclosures(actor: FakeActor, personId: string, params: { from?: string; to?: string } = {}) {
    this.registry.require(actor, 'disclosures.read');
    const person = this.registry.people.find((item) => item.id === personId);
    if (!person) throw personNotFound();
    const to = params.to ?? this.registry.now.toISOString().slice(0, 10);
    const from = params.from ?? `${Number(to.slice(0, 4)) - 3}${to.slice(4)}`;
    if (from > to) {
      throw new ApiError('VALIDATION_FAILED', 'The request is not valid.', {
        status: 400,
        fields: [{ path: 'querystring.from', message: 'Must be on or before "to"' }],
      });
    }
    const items = this.registry.disclosures
      .filter((item) => item.personId === personId && item.occurredAt.slice(0, 10) >= from && item.occurredAt.slice(0, 10) <= to)
      .map(({ personId: _personId, ...rest }) => rest);
    return { personId, personName: `${person.givenName} ${person.familyName}`, from, to, items };
  }

  listBreakGlass(actor: FakeActor, status: 'open' | 'closed'): BreakGlass[] {
    this.registry.require(actor, 'break-glass.review');
    return this.registry.breakGlass.filter((item) => item.reviewStatus === status).map((item) => structuredClone(item));
  }

  reviewBreakGlass(actor: FakeActor, id: string, body: unknown): void {
    this.registry.require(actor, 'break-glass.review');
    const record = this.registry.breakGlass.find((item) => item.id === id);
    if (!record) throw new ApiError('BREAK_GLASS_NOT_FOUND', 'Emergency access record not found.', { status: 404 });
    const input = validateLikeServer(reviewBreakGlassSchema, body);
    Object.assign(record, {
      reviewStatus: 'closed',
      reviewOutcome: input.outcome,
      reviewNote: input.note,
      reviewedAt: this.registry.at(),
      reviewedByName: actor.userName,
    });
  }
}
