import {
  personSafetySchema,
  prescriberReportSchema,
  taperPlanSchema,
  type NaloxoneOffered,
  type PersonSafety,
  type PrescriberReport,
  type TaperRequest,
} from '@continuum/contracts';

interface Parser<T> {
  parse(data: unknown): T;
}

/** The one request function of the HTTP client (`client.ts`), which adds the cookie, CSRF header and errors. */
export type SafetyRequest = <T>(method: 'GET' | 'POST', path: string, parser: Parser<T>, body?: unknown) => Promise<T>;

export type TaperPlan = ReturnType<typeof taperPlanSchema.parse>;

/** Prescribing safety: the person page's panel, the taper planner and the prescriber report. */
export interface SafetyApi {
  getPersonSafety(personId: string): Promise<PersonSafety>;
  recordNaloxoneOffered(personId: string, body: NaloxoneOffered): Promise<{ id: string }>;
  planTaper(body: TaperRequest): Promise<TaperPlan>;
  getPrescriberReport(days?: number): Promise<PrescriberReport>;
}

const idResult: Parser<{ id: string }> = {
  parse(data) {
    const id = (data as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') throw new Error('Expected { id }');
    return { id };
  },
};

export function createSafetyHttpApi(request: SafetyRequest): SafetyApi {
  const person = (id: string) => `/api/people/${encodeURIComponent(id)}`;
  return {
    getPersonSafety: (personId) => request('GET', `${person(personId)}/safety`, personSafetySchema),
    recordNaloxoneOffered: (personId, body) => request('POST', `${person(personId)}/safety/naloxone-offered`, idResult, body),
    planTaper: (body) => request('POST', '/api/safety/taper', taperPlanSchema, body),
    getPrescriberReport: (days) => request('GET', `/api/safety/prescriber-report${days ? `?days=${days}` : ''}`, prescriberReportSchema),
  };
}
