import {
  addIsoDays,
  agreementInputSchema,
  completionInputSchema,
  courseInputSchema,
  type Agreement,
  type AgreementInputRaw,
  type AgreementListQuery,
  type Completion,
  type Course,
  type CoverageRow,
  type TrainingSettings,
} from '@continuum/contracts';
import { ApiError } from '../../api/api-error.ts';
import { validateLikeServer } from '../../test-support/fake-validate.ts';
import type { CompletionInput, NetworkApi } from './api.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** An in-memory NetworkApi for component tests: validates with the contract schemas, records calls. */
export class FakeNetworkApi implements NetworkApi {
  today = '2026-12-07';
  agreements: Agreement[] = [];
  courses: Course[] = [];
  completions: Completion[] = [];
  coverage: CoverageRow[] = [];
  settings: TrainingSettings = { part2TrainingRequired: false };
  updates: { id: string; body: AgreementInputRaw }[] = [];
  terminations: { id: string; terminatedOn: string }[] = [];
  imports: string[] = [];
  /** Problems the next import answers with (a 400 naming line and column), or none. */
  importProblems: { path: string; message: string }[] = [];
  private next = 100;

  addAgreement(partial: Partial<Agreement> & Pick<Agreement, 'title'>): Agreement {
    const a: Agreement = {
      id: id(this.next++),
      kind: 'mou',
      status: 'active',
      state: 'in_force',
      parties: [],
      signatories: [],
      champions: [],
      dataKinds: [],
      purposes: [],
      scopeNote: null,
      effectiveOn: '2026-01-01',
      endsOn: null,
      daysToEnd: null,
      pathwayIds: [],
      documentRef: null,
      notes: null,
      terminatedOn: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      ...partial,
    };
    this.agreements.push(a);
    return a;
  }

  listAgreements = async (query: AgreementListQuery = {}) =>
    this.agreements.filter((a) => (!query.kind || a.kind === query.kind) && (!query.state || a.state === query.state));
  getAgreement = async (agreementId: string) => {
    const a = this.agreements.find((x) => x.id === agreementId);
    if (!a) throw new ApiError('NOT_FOUND', 'No such agreement, or it does not concern your organization.', { status: 404 });
    return a;
  };
  createAgreement = async (body: AgreementInputRaw) => {
    const input = validateLikeServer(agreementInputSchema, body);
    return this.addAgreement({
      ...input,
      parties: input.parties.map((p) => ({ ...p, organizationName: p.organizationId })),
      state: input.status === 'draft' ? 'draft' : 'in_force',
    });
  };
  updateAgreement = async (agreementId: string, body: AgreementInputRaw) => {
    const input = validateLikeServer(agreementInputSchema, body);
    const a = await this.getAgreement(agreementId);
    this.updates.push({ id: agreementId, body });
    const daysToEnd = input.endsOn ? Math.round((Date.parse(input.endsOn) - Date.parse(this.today)) / 86_400_000) : null;
    Object.assign(a, {
      title: input.title,
      endsOn: input.endsOn,
      daysToEnd,
      state: daysToEnd !== null && daysToEnd <= 60 ? 'ending_soon' : 'in_force',
    });
    return a;
  };
  terminateAgreement = async (agreementId: string, body: { terminatedOn: string; reason: string | null }) => {
    const a = await this.getAgreement(agreementId);
    this.terminations.push({ id: agreementId, terminatedOn: body.terminatedOn });
    Object.assign(a, { status: 'terminated', state: 'terminated', terminatedOn: body.terminatedOn });
    return a;
  };
  agreementsCsvHref = (query: AgreementListQuery = {}) => `/api/network/agreements/export.csv${query.kind ? `?kind=${query.kind}` : ''}`;

  listCourses = async () => this.courses;
  createCourse = async (body: unknown) => {
    const input = validateLikeServer(courseInputSchema, body);
    const course = { id: id(this.next++), ...input };
    this.courses.push(course);
    return course;
  };
  listCompletions = async () => this.completions;
  recordCompletion = async (body: CompletionInput) => {
    const input = validateLikeServer(completionInputSchema, body);
    const course = this.courses.find((c) => c.id === input.courseId);
    if (!course)
      throw new ApiError('VALIDATION_FAILED', 'The request has invalid fields.', {
        status: 400,
        fields: [{ path: 'body.courseId', message: 'No such course.' }],
      });
    const expiresOn = input.expiresOn ?? (course.validMonths ? addIsoDays(input.completedOn, course.validMonths * 30) : null);
    const c: Completion = {
      id: id(this.next++),
      courseId: course.id,
      courseTitle: course.title,
      topic: course.topic,
      userId: input.userId,
      userName: 'Recorded Person',
      completedOn: input.completedOn,
      expiresOn,
      current: expiresOn === null || expiresOn >= this.today,
      source: 'entered',
    };
    this.completions.push(c);
    return c;
  };
  importCompletions = async (csv: string) => {
    if (this.importProblems.length > 0)
      throw new ApiError('VALIDATION_FAILED', `${this.importProblems.length} problem(s) in the file; nothing was imported.`, {
        status: 400,
        fields: this.importProblems,
      });
    this.imports.push(csv);
    return { imported: csv.trim().split('\n').length - 1, alreadyPresent: 0 };
  };
  getCoverage = async () => ({ asOf: this.today, items: this.coverage });
  coverageCsvHref = () => '/api/network/training/coverage.csv';
  getTrainingSettings = async () => this.settings;
  saveTrainingSettings = async (body: TrainingSettings) => {
    this.settings = { ...body };
    return this.settings;
  };
}
