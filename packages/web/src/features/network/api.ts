import {
  agreementListSchema,
  agreementSchema,
  completionListSchema,
  completionSchema,
  courseListSchema,
  courseSchema,
  coverageSchema,
  networkPaths,
  trainingImportResultSchema,
  trainingPaths,
  trainingSettingsSchema,
  type Agreement,
  type AgreementInputRaw,
  type AgreementListQuery,
  type Completion,
  type Course,
  type CourseTopic,
  type CoverageRow,
  type TrainingSettings,
} from '@continuum/contracts';
import { queryString, segment, type ApiRequest } from '../../api/request.ts';

export interface CompletionInput {
  courseId: string;
  userId: string;
  completedOn: string;
  expiresOn?: string | null;
}

/** Running the network (`contracts/src/network.ts`, `network-training.ts`): agreements and training, typed and parsed. */
export interface NetworkApi {
  listAgreements(query?: AgreementListQuery): Promise<Agreement[]>;
  getAgreement(id: string): Promise<Agreement>;
  createAgreement(body: AgreementInputRaw): Promise<Agreement>;
  updateAgreement(id: string, body: AgreementInputRaw): Promise<Agreement>;
  terminateAgreement(id: string, body: { terminatedOn: string; reason: string | null }): Promise<Agreement>;
  /** Where the register's CSV is downloaded (a plain link: the browser sends the session cookie). */
  agreementsCsvHref(query?: AgreementListQuery): string;

  listCourses(): Promise<Course[]>;
  createCourse(body: { topic: CourseTopic; title: string; validMonths: number | null }): Promise<Course>;
  listCompletions(query?: { userId?: string; courseId?: string }): Promise<Completion[]>;
  recordCompletion(body: CompletionInput): Promise<Completion>;
  importCompletions(csv: string): Promise<{ imported: number; alreadyPresent: number }>;
  getCoverage(): Promise<{ asOf: string; items: CoverageRow[] }>;
  coverageCsvHref(): string;
  getTrainingSettings(): Promise<TrainingSettings>;
  saveTrainingSettings(body: TrainingSettings): Promise<TrainingSettings>;
}

const agreementPath = (id: string) => networkPaths.agreement.replace(':id', segment(id));

/** The network client over the app's one `request()` (cookie, CSRF header, session-lost signal, errors). */
export function createNetworkHttpApi(request: ApiRequest): NetworkApi {
  return {
    listAgreements: async (query) => (await request('GET', `${networkPaths.agreements}${queryString(query)}`, agreementListSchema)).items,
    getAgreement: (id) => request('GET', agreementPath(id), agreementSchema),
    createAgreement: (body) => request('POST', networkPaths.agreements, agreementSchema, body),
    updateAgreement: (id, body) => request('PUT', agreementPath(id), agreementSchema, body),
    terminateAgreement: (id, body) => request('POST', networkPaths.agreementTerminate.replace(':id', segment(id)), agreementSchema, body),
    agreementsCsvHref: (query) => `${networkPaths.agreementsCsv}${queryString(query)}`,

    listCourses: async () => (await request('GET', trainingPaths.courses, courseListSchema)).items,
    createCourse: (body) => request('POST', trainingPaths.courses, courseSchema, body),
    listCompletions: async (query) =>
      (await request('GET', `${trainingPaths.completions}${queryString(query)}`, completionListSchema)).items,
    recordCompletion: (body) => request('POST', trainingPaths.completions, completionSchema, body),
    importCompletions: (csv) => request('POST', trainingPaths.import, trainingImportResultSchema, { csv }),
    getCoverage: () => request('GET', trainingPaths.coverage, coverageSchema),
    coverageCsvHref: () => trainingPaths.coverageCsv,
    getTrainingSettings: () => request('GET', trainingPaths.settings, trainingSettingsSchema),
    saveTrainingSettings: (body) => request('PUT', trainingPaths.settings, trainingSettingsSchema, body),
  };
}
