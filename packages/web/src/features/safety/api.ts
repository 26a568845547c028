import {
  personSafetySchema,
  prescriberReportSchema,
  taperPlanSchema,
  type NaloxoneOffered,
  type PersonSafety,
  type PrescriberReport,
  type TaperRequest,
} from '@continuum/contracts';
import { idResultSchema, type ApiRequest } from '../../api/request.ts';

export type TaperPlan = ReturnType<typeof taperPlanSchema.parse>;

/** Prescribing safety: the person page's panel, the taper planner and the prescriber report. */
export interface SafetyApi {
  getPersonSafety(personId: string): Promise<PersonSafety>;
  recordNaloxoneOffered(personId: string, body: NaloxoneOffered): Promise<{ id: string }>;
  planTaper(body: TaperRequest): Promise<TaperPlan>;
  getPrescriberReport(days?: number): Promise<PrescriberReport>;
}

export function createSafetyHttpApi(request: ApiRequest): SafetyApi {
  const person = (id: string) => `/api/people/${encodeURIComponent(id)}`;
  return {
    getPersonSafety: (personId) => request('GET', `${person(personId)}/safety`, personSafetySchema),
    recordNaloxoneOffered: (personId, body) => request('POST', `${person(personId)}/safety/naloxone-offered`, idResultSchema, body),
    planTaper: (body) => request('POST', '/api/safety/taper', taperPlanSchema, body),
    getPrescriberReport: (days) => request('GET', `/api/safety/prescriber-report${days ? `?days=${days}` : ''}`, prescriberReportSchema),
  };
}
