import {
  breakGlassStartedSchema,
  careTeamAddedSchema,
  careEventImportResultSchema,
  duplicateCheckResultSchema,
  ehrPatientPrefillSchema,
  mergeResultSchema,
  okSchema,
  personDetailSchema,
  personSearchResultSchema,
  timelineSchema,
  type AddCareTeamMember,
  type CareTeamAdded,
  type AddIdentifier,
  type AddTimelineEvent,
  type CareEventInput,
  type BreakGlassStarted,
  type CareEventImportResult,
  type DuplicateCandidate,
  type DuplicateCheck,
  type EhrPatientPrefill,
  type MergeResult,
  type PersonDetail,
  type PersonSearchResult,
  type Purpose,
  type RegisterPerson,
  type Timeline,
  type UpdatePerson,
} from '@continuum/contracts';
import { idResultSchema, queryString, segment, type ApiRequest } from '../../api/request.ts';

export interface PersonSearchParams {
  q?: string;
  birthDate?: string;
  limit?: number;
}

/** The person registry (`contracts/src/registry.ts`): every read passes the server's access chokepoint. */
export interface PeopleApi {
  searchPeople(params: PersonSearchParams): Promise<PersonSearchResult>;
  checkDuplicates(body: DuplicateCheck): Promise<DuplicateCandidate[]>;
  registerPerson(body: Partial<RegisterPerson>): Promise<{ id: string }>;
  /** The EHR patient's details a SMART launch kept for registering them (the launch's own session, for an hour). */
  getEhrLaunchPatient(launchId: string): Promise<EhrPatientPrefill>;
  getPerson(id: string, purpose?: Purpose): Promise<PersonDetail>;
  updatePerson(id: string, body: UpdatePerson): Promise<void>;
  addIdentifier(personId: string, body: AddIdentifier): Promise<void>;
  addCareTeamMember(personId: string, body: AddCareTeamMember): Promise<CareTeamAdded>;
  endCareTeamMember(personId: string, memberId: string): Promise<void>;
  approveCareTeamMember(personId: string, memberId: string): Promise<void>;
  getTimeline(personId: string, purpose?: Purpose): Promise<Timeline>;
  addTimelineEvent(personId: string, body: AddTimelineEvent): Promise<{ id: string }>;
  /** A touchpoint recorded at the point of care: a typed care event, validated like an import row. */
  recordCareEvent(personId: string, body: CareEventInput): Promise<{ id: string }>;
  /** Checks a CSV of care events as the caller's organization: row-level errors and the rows that would be written; saves nothing. */
  previewCareEventImport(csv: string): Promise<CareEventImportResult>;
  /** Imports a CSV of care events as the caller's organization, all or nothing. */
  importCareEvents(csv: string): Promise<CareEventImportResult>;
  /** Merges `mergedId` into `survivorId` (privacy officers); undone with `unmergePeople`. */
  mergePeople(body: { survivorId: string; mergedId: string; reason: string }): Promise<MergeResult>;
  unmergePeople(mergeId: string, body: { reason: string }): Promise<MergeResult>;
  /** Emergency access (42 CFR 2.51), reviewed afterwards by a privacy officer. */
  startBreakGlass(personId: string, body: { reason: string }): Promise<BreakGlassStarted>;
}

export function createPeopleHttpApi(request: ApiRequest): PeopleApi {
  const person = (id: string) => `/api/people/${segment(id)}`;
  return {
    searchPeople: (params) => request('GET', `/api/people${queryString(params)}`, personSearchResultSchema),
    checkDuplicates: async (body) => (await request('POST', '/api/people/duplicate-check', duplicateCheckResultSchema, body)).candidates,
    registerPerson: (body) => request('POST', '/api/people', idResultSchema, body),
    getEhrLaunchPatient: (launchId) => request('GET', `/api/ehr/launches/${segment(launchId)}/patient`, ehrPatientPrefillSchema),
    getPerson: (id, purpose) => request('GET', `${person(id)}${queryString({ purpose })}`, personDetailSchema),
    async updatePerson(id, body) {
      await request('PATCH', person(id), okSchema, body);
    },
    async addIdentifier(personId, body) {
      await request('POST', `${person(personId)}/identifiers`, okSchema, body);
    },
    addCareTeamMember: (personId, body) => request('POST', `${person(personId)}/care-team`, careTeamAddedSchema, body),
    async endCareTeamMember(personId, memberId) {
      await request('POST', `${person(personId)}/care-team/${segment(memberId)}/end`, okSchema);
    },
    async approveCareTeamMember(personId, memberId) {
      await request('POST', `${person(personId)}/care-team/${segment(memberId)}/approve`, okSchema);
    },
    getTimeline: (personId, purpose) => request('GET', `${person(personId)}/timeline${queryString({ purpose })}`, timelineSchema),
    addTimelineEvent: (personId, body) => request('POST', `${person(personId)}/events`, idResultSchema, body),
    recordCareEvent: (personId, body) => request('POST', `${person(personId)}/care-events`, idResultSchema, body),
    previewCareEventImport: (csv) =>
      request('POST', '/api/care-events/import/csv/preview', careEventImportResultSchema, new Blob([csv], { type: 'text/csv' })),
    importCareEvents: (csv) =>
      request('POST', '/api/care-events/import/csv', careEventImportResultSchema, new Blob([csv], { type: 'text/csv' })),
    mergePeople: (body) => request('POST', '/api/people/merge', mergeResultSchema, body),
    unmergePeople: (mergeId, body) => request('POST', `/api/people/merges/${segment(mergeId)}/unmerge`, mergeResultSchema, body),
    startBreakGlass: (personId, body) => request('POST', `${person(personId)}/break-glass`, breakGlassStartedSchema, body),
  };
}
