// Longer than 300 lines because the registry fake keeps people, timelines and the simplified access decision
// together: every read of it goes through that one decision (the consent endpoints are in features/consent/fake-
// api.ts).
import {
  addCareTeamMemberSchema,
  addIdentifierSchema,
  addTimelineEventSchema,
  careEventInputSchema,
  careEventKind,
  careEventTypeLabels,
  mayRecordCareEvent,
  duplicateCheckSchema,
  mergePeopleSchema,
  unmergeSchema,
  part2Notice,
  recordKindLabels,
  registerPersonSchema,
  startBreakGlassSchema,
  updatePersonSchema,
  type BreakGlass,
  type CareEventInput,
  type CareTeamMember,
  type Consent,
  type DenyReason,
  type Disclosure,
  type DuplicateCandidate,
  type EhrPatientPrefill,
  type Organization,
  type PersonDetail,
  type Purpose,
  type RecordKind,
  type RestrictedMarker,
  type Sensitivity,
  type Timeline,
  type TimelineEntry,
  type RegistryAction,
  addHours,
  mayTakeRegistryAction,
  part2ProgramTypes,
} from '@continuum/contracts';
import { ApiError } from '../../api/api-error.ts';
import { validateLikeServer } from '../../test-support/fake-validate.ts';
import { idsIssued, nextId, personNotFound as notFound, type FakeActor } from '../../test-support/fake-registry-support.ts';
import type { PersonSearchParams } from './api.ts';
import { fakeCareEventImport } from './fake-import.ts';

export type { FakeActor } from '../../test-support/fake-registry-support.ts';

export interface FakeEvent {
  id: string;
  personId: string;
  kind: Exclude<RecordKind, 'demographics'>;
  type: string;
  sensitivity: Sensitivity;
  occurredAt: string;
  title: string;
  detail: string | null;
  sourceOrganizationId: string;
  /** A care event's typed data; free entries have none. */
  data?: Record<string, unknown>;
}

type FakePerson = Omit<PersonDetail, 'access'>;

const forbidden = () => new ApiError('FORBIDDEN', 'You do not have permission to do this.', { status: 403 });

/**
 * The person registry of the fake API (people, timelines, care teams, merges, and the consents,
 * disclosures and emergency access that decide what is visible; the consent endpoints are in
 * features/consent/fake-api.ts), with a simplified
 * access decision: a person is visible to their registering organization, their care team, the
 * recipients of a signed consent and a clinician in emergency access; Part 2 entries of another
 * organization need a signed consent covering their kind (or emergency access), and otherwise come
 * back as restricted markers. Enough to drive every screen; the real rules live on the server.
 */
export class FakeRegistry {
  people: FakePerson[] = [];
  events: FakeEvent[] = [];
  consents: Consent[] = [];
  disclosures: (Disclosure & { personId: string })[] = [];
  breakGlass: BreakGlass[] = [];
  /** Merged records, kept aside so a merge can be undone. */
  merges: { mergeId: string; survivorId: string; merged: FakePerson; undone: boolean }[] = [];
  /** "Now" for the fake: fixed, so expiry and three-year windows are predictable. */
  now = new Date(Date.UTC(2026, 2, 4, 15, 0, 0));

  constructor(private readonly organizations: () => Organization[]) {}

  /** An instant just after `now` (each call later than the one before). */
  at(offsetSeconds = 0): string {
    return new Date(this.now.getTime() + offsetSeconds * 1000 + idsIssued()).toISOString();
  }

  organization(id: string): Organization {
    const found = this.organizations().find((item) => item.id === id);
    if (!found) throw new ApiError('ORGANIZATION_NOT_FOUND', 'Organization not found.', { status: 404 });
    return found;
  }

  /** The actor's organization, if their roles there may take the action (the contract's registry table); FORBIDDEN otherwise. */
  require(actor: FakeActor, action: RegistryAction): string {
    if (!actor.organizationId || !mayTakeRegistryAction(actor.roles, action)) throw forbidden();
    return actor.organizationId;
  }

  // ── Arranging a world ─────────────────────────────────────────────────────
  addPerson(registeredBy: Organization, overrides: Partial<FakePerson> = {}): FakePerson {
    const at = this.at();
    const person: FakePerson = {
      id: nextId(),
      givenName: 'Jordan',
      familyName: 'Rivera',
      birthDate: '1990-05-14',
      sex: 'unknown',
      town: 'Harbor City',
      postalCode: '97420',
      genderIdentity: null,
      race: null,
      ethnicity: null,
      language: null,
      phone: null,
      email: null,
      flags: { pregnantOrPostpartum: false, veteran: false, justiceInvolved: false, unhoused: false },
      names: [],
      addresses: [],
      identifiers: [],
      careTeam: [],
      mergedFrom: [],
      registeredByOrganizationId: registeredBy.id,
      createdAt: at,
      updatedAt: at,
      ...overrides,
    };
    if (person.names.length === 0) person.names = [{ given: person.givenName, family: person.familyName, use: 'official', until: null }];
    this.people.push(person);
    return person;
  }

  linkCareTeam(person: FakePerson, organization: Organization, role: CareTeamMember['role'] = 'other'): CareTeamMember {
    const member: CareTeamMember = {
      id: nextId(),
      organizationId: organization.id,
      organizationName: organization.name,
      userId: null,
      userName: null,
      role,
      since: this.at().slice(0, 10),
      until: null,
      active: true,
      pending: false,
      addedByOrganizationId: null,
      confirmedBy: null,
    };
    person.careTeam.push(member);
    return member;
  }

  addEvent(person: FakePerson, source: Organization, overrides: Partial<FakeEvent> = {}): FakeEvent {
    const event: FakeEvent = {
      id: nextId(),
      personId: person.id,
      kind: 'notes',
      type: 'note',
      sensitivity: part2ProgramTypes.includes(source.type) ? 'part2' : 'normal',
      occurredAt: this.at(-3600),
      title: 'Care note',
      detail: null,
      sourceOrganizationId: source.id,
      ...overrides,
    };
    this.events.push(event);
    return event;
  }

  /** A signed consent from `person` letting `recipient` see the given kinds for treatment. */
  addSignedConsent(person: FakePerson, recipient: Organization, overrides: Partial<Consent> = {}): Consent {
    const at = this.at();
    const consent: Consent = {
      id: nextId(),
      personId: person.id,
      personName: `${person.givenName} ${person.familyName}`,
      type: 'standard',
      status: 'signed',
      disclosers: { type: 'any_network_provider' },
      recipients: { type: 'organizations', organizationIds: [recipient.id] },
      purposes: ['treatment', 'care_coordination'],
      kinds: ['notes', 'referrals'],
      informationDescription: 'Care notes, referrals and appointments.',
      expiresOn: '2027-03-04',
      expiryEvent: null,
      language: 'en',
      signerName: `${person.givenName} ${person.familyName}`,
      signerRelationship: 'self',
      signatureMethod: 'attested',
      signatureImage: null,
      signedAt: at,
      revokedAt: null,
      revocationMethod: null,
      expiredAt: null,
      createdByOrganizationId: person.registeredByOrganizationId ?? recipient.id,
      createdAt: at,
      updatedAt: at,
      organizationNames: {
        [recipient.id]: recipient.name,
        ...(person.registeredByOrganizationId
          ? { [person.registeredByOrganizationId]: this.organization(person.registeredByOrganizationId).name }
          : {}),
      },
      history: [{ at, fromStatus: 'draft', toStatus: 'signed', byName: null, note: null }],
      ...overrides,
    };
    this.consents.push(consent);
    return consent;
  }

  // ── Access (simplified) ───────────────────────────────────────────────────
  private activeBreakGlass(actor: FakeActor, personId: string): BreakGlass | undefined {
    return this.breakGlass.find(
      (item) => item.personId === personId && item.userId === actor.userId && new Date(item.expiresAt) > this.now,
    );
  }

  private onCareTeam(person: FakePerson, organizationId: string): boolean {
    return person.careTeam.some((member) => member.active && !member.pending && member.organizationId === organizationId);
  }

  private consentNames(consent: Consent, person: FakePerson, organizationId: string): boolean {
    return consent.recipients.type === 'organizations'
      ? consent.recipients.organizationIds.includes(organizationId)
      : this.onCareTeam(person, organizationId);
  }

  private basisFor(actor: FakeActor, person: FakePerson): PersonDetail['access'] | null {
    const organizationId = actor.organizationId;
    if (!organizationId || actor.roles.every((role) => role === 'analyst' || role === 'network_admin' || role === 'org_admin')) return null;
    // Like the server: an active emergency access is reported whatever the basis.
    const breakGlassUntil = this.activeBreakGlass(actor, person.id)?.expiresAt ?? null;
    if (person.registeredByOrganizationId === organizationId) return { basis: 'own_organization', breakGlassUntil };
    if (this.onCareTeam(person, organizationId)) return { basis: 'care_team', breakGlassUntil };
    if (this.consents.some((c) => c.personId === person.id && c.status === 'signed' && this.consentNames(c, person, organizationId))) {
      return { basis: 'consent', breakGlassUntil };
    }
    if (breakGlassUntil) return { basis: 'break_glass', breakGlassUntil };
    return null;
  }

  /** The person, if the actor may see them (with the basis); PERSON_NOT_FOUND otherwise, as the server answers. */
  visiblePerson(actor: FakeActor, id: string): { person: FakePerson; access: PersonDetail['access'] } {
    const person = this.people.find((item) => item.id === id);
    const access = person ? this.basisFor(actor, person) : null;
    if (!person || !access) throw notFound();
    return { person, access };
  }

  private decideEntry(
    actor: FakeActor,
    person: FakePerson,
    event: FakeEvent,
    purpose: Purpose,
  ): { permit: true; basis: TimelineEntry['basis']; consentId: string | null } | { permit: false; reason: DenyReason } {
    const organizationId = actor.organizationId ?? '';
    if (event.sourceOrganizationId === organizationId) return { permit: true, basis: 'own_organization', consentId: null };
    if (this.activeBreakGlass(actor, person.id)) return { permit: true, basis: 'break_glass', consentId: null };
    if (event.sensitivity === 'normal') return { permit: true, basis: 'care_team', consentId: null };
    const candidates = this.consents.filter((c) => c.personId === person.id && this.consentNames(c, person, organizationId));
    const covering = candidates.find((c) => c.status === 'signed' && c.kinds.includes(event.kind) && c.purposes.includes(purpose));
    if (covering) return { permit: true, basis: 'consent', consentId: covering.id };
    const signed = candidates.filter((c) => c.status === 'signed');
    if (signed.some((c) => c.kinds.includes(event.kind))) return { permit: false, reason: 'WRONG_PURPOSE' };
    if (signed.length > 0) return { permit: false, reason: 'KIND_NOT_COVERED' };
    if (candidates.some((c) => c.status === 'revoked')) return { permit: false, reason: 'CONSENT_REVOKED' };
    if (candidates.some((c) => c.status === 'expired')) return { permit: false, reason: 'CONSENT_EXPIRED' };
    return { permit: false, reason: event.kind === 'counseling_notes' ? 'COUNSELING_NOTES_NEED_OWN_CONSENT' : 'NO_CONSENT' };
  }

  // ── API ───────────────────────────────────────────────────────────────────
  searchPeople(actor: FakeActor, params: PersonSearchParams) {
    const q = params.q?.trim().toLowerCase();
    const items = this.people
      .filter((person) => this.basisFor(actor, person))
      .filter(
        (person) =>
          !q ||
          `${person.givenName} ${person.familyName}`.toLowerCase().includes(q) ||
          person.identifiers.some((identifier) => identifier.value.toLowerCase() === q),
      )
      .filter((person) => !params.birthDate || person.birthDate === params.birthDate)
      .map(({ id, givenName, familyName, birthDate, sex, town, postalCode }) => ({
        id,
        givenName,
        familyName,
        birthDate,
        sex,
        town,
        postalCode,
      }));
    const limit = params.limit ?? 25;
    return { items: items.slice(0, limit), hasMore: items.length > limit };
  }

  checkDuplicates(actor: FakeActor, body: unknown): DuplicateCandidate[] {
    this.require(actor, 'person.register');
    const input = validateLikeServer(duplicateCheckSchema, body);
    const candidates: DuplicateCandidate[] = [];
    for (const person of this.people) {
      if (!this.basisFor(actor, person)) continue;
      const reasons: DuplicateCandidate['reasons'] = [];
      if (person.birthDate === input.birthDate) reasons.push('same_birth_date');
      if (person.familyName.toLowerCase() === input.familyName.toLowerCase()) reasons.push('similar_name');
      if (reasons.length === 2)
        candidates.push({
          person: this.searchPeople(actor, { q: person.givenName }).items.find((p) => p.id === person.id) ?? {
            id: person.id,
            givenName: person.givenName,
            familyName: person.familyName,
            birthDate: person.birthDate,
            sex: person.sex,
            town: person.town,
            postalCode: person.postalCode,
          },
          score: 0.92,
          reasons,
        });
    }
    return candidates;
  }

  /** What SMART launches kept of EHR patients the network did not know, by launch id. */
  ehrLaunchPatients = new Map<string, EhrPatientPrefill>();

  ehrLaunchPatient(launchId: string): EhrPatientPrefill {
    const found = this.ehrLaunchPatients.get(launchId);
    if (!found) throw new ApiError('NOT_FOUND', 'No EHR patient details for this launch.', { status: 404 });
    return found;
  }

  registerPerson(actor: FakeActor, body: unknown): { id: string } {
    const organizationId = this.require(actor, 'person.register');
    const input = validateLikeServer(registerPersonSchema, body);
    if (!input.confirmNoDuplicate && this.checkDuplicates(actor, input).length > 0) {
      throw new ApiError('POSSIBLE_DUPLICATE', 'This person may already be registered. Review the candidates first.', { status: 409 });
    }
    const person = this.addPerson(this.organization(organizationId), {
      givenName: input.givenName,
      familyName: input.familyName,
      birthDate: input.birthDate,
      sex: input.sex,
      phone: input.phone ?? null,
      email: input.email ?? null,
      language: input.language ?? null,
      town: input.address?.city ?? null,
      postalCode: input.address?.postalCode ?? null,
      // Like the server: without an address and without an explicit flag, the person is recorded as unhoused.
      flags: { pregnantOrPostpartum: false, veteran: false, justiceInvolved: false, unhoused: !input.address, ...input.flags },
    });
    for (const name of input.previousNames ?? [])
      person.names.push({ given: name.given, family: name.family, use: 'previous', until: null });
    if (input.identifier)
      person.identifiers.push({
        id: nextId(),
        organizationId,
        organizationName: this.organization(organizationId).name,
        ...input.identifier,
      });
    return { id: person.id };
  }

  getPerson(actor: FakeActor, id: string): PersonDetail {
    const { person, access } = this.visiblePerson(actor, id);
    return structuredClone({ ...person, access });
  }

  updatePerson(actor: FakeActor, id: string, body: unknown): void {
    this.require(actor, 'person.update');
    const { person } = this.visiblePerson(actor, id);
    const input = validateLikeServer(updatePersonSchema, body);
    const { address, flags, ...rest } = input;
    const renamed =
      (rest.givenName !== undefined && rest.givenName !== person.givenName) ||
      (rest.familyName !== undefined && rest.familyName !== person.familyName);
    if (renamed) person.names.push({ given: person.givenName, family: person.familyName, use: 'previous', until: this.at().slice(0, 10) });
    Object.assign(person, Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)));
    if (flags) person.flags = { ...person.flags, ...flags };
    if (address) {
      person.town = address.city ?? null;
      person.postalCode = address.postalCode ?? null;
    }
  }

  addIdentifier(actor: FakeActor, id: string, body: unknown): void {
    const organizationId = this.require(actor, 'person.identifier.add');
    const { person } = this.visiblePerson(actor, id);
    const input = validateLikeServer(addIdentifierSchema, body);
    person.identifiers.push({ id: nextId(), organizationId, organizationName: this.organization(organizationId).name, ...input });
  }

  addCareTeamMember(actor: FakeActor, id: string, body: unknown): { id: string; pending: boolean } {
    const organizationId = this.require(actor, 'person.care-team.change');
    const { person } = this.visiblePerson(actor, id);
    const input = validateLikeServer(addCareTeamMemberSchema, body);
    const member = this.linkCareTeam(person, this.organization(input.organizationId ?? organizationId), input.role);
    if (input.since) member.since = input.since;
    // Like the server (registry/care-team.ts): another organization's link waits for consent, a referral or approval.
    member.pending = member.organizationId !== organizationId;
    member.addedByOrganizationId = organizationId;
    return { id: member.id, pending: member.pending };
  }

  approveCareTeamMember(actor: FakeActor, id: string, memberId: string): void {
    const organizationId = this.require(actor, 'person.care-team.approve');
    const { person } = this.visiblePerson(actor, id);
    const member = person.careTeam.find((item) => item.id === memberId);
    if (!member) throw notFound();
    if (member.addedByOrganizationId !== organizationId) throw forbidden();
    member.pending = false;
    member.confirmedBy = 'privacy_officer';
  }

  endCareTeamMember(actor: FakeActor, id: string, memberId: string): void {
    this.require(actor, 'person.care-team.change');
    const { person } = this.visiblePerson(actor, id);
    const member = person.careTeam.find((item) => item.id === memberId);
    if (!member) throw notFound();
    member.active = false;
    member.until = this.at().slice(0, 10);
  }

  getTimeline(actor: FakeActor, id: string, purpose: Purpose = 'treatment'): Timeline {
    const { person } = this.visiblePerson(actor, id);
    const entries: TimelineEntry[] = [];
    const restricted = new Map<string, RestrictedMarker>();
    const consentIds = new Set<string>();
    for (const event of this.events.filter((item) => item.personId === id)) {
      const decision = this.decideEntry(actor, person, event, purpose);
      if (decision.permit) {
        const { personId: _personId, data, ...fields } = event;
        entries.push({
          ...fields,
          data: data ?? {},
          sourceOrganizationName: this.organization(event.sourceOrganizationId).name,
          basis: decision.basis,
        });
        if (decision.consentId && event.sensitivity === 'part2') consentIds.add(decision.consentId);
      } else {
        const key = `${event.kind}:${decision.reason}`;
        const marker = restricted.get(key);
        if (marker) marker.count += 1;
        else
          restricted.set(key, {
            kind: event.kind,
            count: 1,
            reason: decision.reason,
            message: `${recordKindLabels[event.kind].en}: consent needed`,
          });
      }
    }
    entries.sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
    const disclosedPart2 = entries.some((entry) => entry.sensitivity === 'part2' && entry.sourceOrganizationId !== actor.organizationId);
    if (entries.length > 0 && actor.organizationId) {
      this.disclosures.push({
        personId: id,
        id: nextId(),
        occurredAt: this.at(),
        recipientOrganizationId: actor.organizationId,
        recipientOrganizationName: this.organization(actor.organizationId).name,
        recipientUserName: actor.userName,
        sourceOrganizationName: null,
        kinds: [...new Set(entries.map((entry) => entry.kind))],
        recordCount: entries.length,
        purpose,
        basis: entries[0]?.basis ?? 'consent',
        consentId: [...consentIds][0] ?? null,
        breakGlassId: null,
        channel: 'web',
      });
    }
    return {
      personId: id,
      purpose,
      entries,
      restricted: [...restricted.values()],
      redisclosureNotice: disclosedPart2 ? part2Notice.en.full : null,
      consentScopes: [...consentIds].map((consentId) => {
        const consent = this.consents.find((item) => item.id === consentId);
        return {
          consentId,
          summary: `Signed ${consent?.signedAt?.slice(0, 10) ?? ''}: ${consent?.kinds.map((kind) => recordKindLabels[kind].en).join(', ') ?? ''} for ${consent?.purposes.join(', ') ?? ''}`,
        };
      }),
    };
  }

  addTimelineEvent(actor: FakeActor, id: string, body: unknown): { id: string } {
    const organizationId = this.require(actor, 'person.event.add');
    const { person } = this.visiblePerson(actor, id);
    const input = validateLikeServer(addTimelineEventSchema, body);
    const source = this.organization(organizationId);
    const sensitivity: Sensitivity =
      part2ProgramTypes.includes(source.type) || input.kind === 'counseling_notes' || input.kind === 'sud_treatment'
        ? 'part2'
        : (input.sensitivity ?? 'normal');
    const event = this.addEvent(person, source, {
      kind: input.kind,
      type: input.type,
      title: input.title,
      detail: input.detail ?? null,
      sensitivity,
      occurredAt: input.occurredAt ?? this.at(),
    });
    return { id: event.id };
  }

  /** Like `POST /api/people/:id/care-events`: the contract schema, the point-of-care role table, the chokepoint. */
  recordCareEvent(actor: FakeActor, id: string, body: unknown): { id: string } {
    if (actor.organizationId === null) throw forbidden();
    const input = validateLikeServer(careEventInputSchema, body);
    if (!mayRecordCareEvent(actor.roles, input.type)) throw forbidden();
    const { person } = this.visiblePerson(actor, id);
    const source = this.organization(actor.organizationId);
    const kind = careEventKind(input.type);
    const sensitivity: Sensitivity =
      part2ProgramTypes.includes(source.type) || kind === 'counseling_notes' || kind === 'sud_treatment'
        ? 'part2'
        : (input.sensitivity ?? 'normal');
    const event = this.addEvent(person, source, {
      kind,
      type: input.type,
      title: input.title ?? careEventTypeLabels[input.type].en,
      detail: input.detail ?? null,
      sensitivity,
      occurredAt: input.occurredAt,
      data: input.data as Record<string, unknown>,
    });
    return { id: event.id };
  }

  /** Like `POST /api/care-events/import/csv` (`apply`) and its preview. */
  importCareEvents(actor: FakeActor, csv: string, apply: boolean) {
    return fakeCareEventImport(actor, this, csv, apply ? (items) => this.writeImported(actor, items) : null);
  }

  private writeImported(actor: FakeActor, items: { personId: string; event: CareEventInput }[]) {
    const source = this.organization(actor.organizationId!);
    for (const { personId, event } of items) {
      const person = this.people.find((p) => p.id === personId)!;
      const kind = careEventKind(event.type);
      this.addEvent(person, source, {
        kind,
        type: event.type,
        title: event.title ?? careEventTypeLabels[event.type].en,
        occurredAt: event.occurredAt,
        sensitivity:
          part2ProgramTypes.includes(source.type) || kind === 'sud_treatment' || kind === 'counseling_notes' ? 'part2' : 'normal',
        data: event.data as Record<string, unknown>,
      });
    }
  }

  mergePeople(actor: FakeActor, body: unknown) {
    this.require(actor, 'person.merge');
    const input = validateLikeServer(mergePeopleSchema, body);
    if (input.survivorId === input.mergedId) {
      throw new ApiError('MERGE_INVALID', 'A record cannot be merged into itself.', {
        status: 409,
        fields: [{ path: 'body.mergedId', message: 'Must differ from survivorId' }],
      });
    }
    const { person: survivor } = this.visiblePerson(actor, input.survivorId);
    const { person: merged } = this.visiblePerson(actor, input.mergedId);
    const mergeId = nextId();
    this.people = this.people.filter((item) => item !== merged);
    this.merges.push({ mergeId, survivorId: survivor.id, merged, undone: false });
    survivor.mergedFrom.push({ mergeId, personId: merged.id, mergedAt: this.at() });
    for (const event of this.events) if (event.personId === merged.id) event.personId = survivor.id;
    return { mergeId, survivorId: survivor.id, mergedId: merged.id };
  }

  unmergePeople(actor: FakeActor, mergeId: string, body: unknown) {
    this.require(actor, 'person.merge');
    validateLikeServer(unmergeSchema, body);
    const merge = this.merges.find((item) => item.mergeId === mergeId && !item.undone);
    if (!merge) throw new ApiError('MERGE_NOT_FOUND', 'Merge not found.', { status: 404 });
    const { person: survivor } = this.visiblePerson(actor, merge.survivorId);
    merge.undone = true;
    this.people.push(merge.merged);
    survivor.mergedFrom = survivor.mergedFrom.filter((item) => item.mergeId !== mergeId);
    return { mergeId, survivorId: survivor.id, mergedId: merge.merged.id };
  }

  startBreakGlass(actor: FakeActor, personId: string, body: unknown) {
    const organizationId = this.require(actor, 'break-glass.start');
    const person = this.people.find((item) => item.id === personId);
    if (!person) throw notFound();
    const { reason } = validateLikeServer(startBreakGlassSchema, body);
    const expiresAt = addHours(this.now, 4).toISOString();
    const record: BreakGlass = {
      id: nextId(),
      personId,
      personName: `${person.givenName} ${person.familyName}`,
      userId: actor.userId,
      userName: actor.userName,
      organizationId,
      organizationName: this.organization(organizationId).name,
      reason,
      startedAt: this.now.toISOString(),
      expiresAt,
      reviewStatus: 'open',
      reviewOutcome: null,
      reviewNote: null,
      reviewedAt: null,
      reviewedByName: null,
      recordsViewed: 0,
    };
    this.breakGlass.push(record);
    return { id: record.id, expiresAt };
  }
}
