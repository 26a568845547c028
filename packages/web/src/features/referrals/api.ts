import {
  pathwayDetailSchema,
  pathwayListSchema,
  referralAttachmentSchema,
  referralDetailSchema,
  referralPageSchema,
  referralSuggestionListSchema,
  type CreateReferral,
  type HandoffInput,
  type PathwayDetail,
  type PathwayInput,
  type Pathway,
  type ReferralAttachment,
  type ReferralDetail,
  type ReferralListQuery,
  type ReferralPage,
  type ReferralSuggestion,
  type ReferralTransition,
} from '@continuum/contracts';
import { queryString, segment, type ApiRequest } from '../../api/request.ts';

export interface PathwayListParams {
  active?: 'true' | 'false';
  receiverOrganizationId?: string;
  canRefer?: 'true' | 'false';
  q?: string;
}

export interface SuggestionParams {
  personId: string;
  /** Comma-separated taxonomy codes, e.g. `BU,OP`. */
  codes?: string;
  payment?: string;
  limit?: number;
}

/** The referral endpoints (`contracts/src/referrals.ts`), typed and parsed with the contract schemas. */
export interface ReferralsApi {
  listPathways(params?: PathwayListParams): Promise<Pathway[]>;
  getPathway(id: string, version?: number): Promise<PathwayDetail>;
  createPathway(body: PathwayInput): Promise<PathwayDetail>;
  savePathwayVersion(id: string, body: PathwayInput): Promise<PathwayDetail>;

  suggest(params: SuggestionParams): Promise<ReferralSuggestion[]>;
  createReferral(body: CreateReferral): Promise<ReferralDetail>;
  listReferrals(query: ReferralListQuery): Promise<ReferralPage>;
  getReferral(id: string): Promise<ReferralDetail>;
  transition(id: string, body: ReferralTransition): Promise<ReferralDetail>;
  recordHandoff(id: string, body: HandoffInput): Promise<ReferralDetail>;
  uploadAttachment(id: string, file: File, documentKey: string | null): Promise<ReferralAttachment>;
}

/** Where the browser downloads an attachment (a plain GET with the session cookie). */
export function attachmentPath(referralId: string, attachmentId: string): string {
  return `/api/referrals/${encodeURIComponent(referralId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** The referrals client over the app's one `request()` (cookie, CSRF header, session-lost signal, errors). */
export function createReferralsHttpApi(request: ApiRequest): ReferralsApi {
  const id = segment;
  return {
    listPathways: async (params) => (await request('GET', `/api/referral-pathways${queryString(params)}`, pathwayListSchema)).items,
    getPathway: (pathwayId, version) =>
      request(
        'GET',
        version === undefined ? `/api/referral-pathways/${id(pathwayId)}` : `/api/referral-pathways/${id(pathwayId)}/versions/${version}`,
        pathwayDetailSchema,
      ),
    createPathway: (body) => request('POST', '/api/referral-pathways', pathwayDetailSchema, body),
    savePathwayVersion: (pathwayId, body) => request('PUT', `/api/referral-pathways/${id(pathwayId)}`, pathwayDetailSchema, body),

    suggest: async (params) =>
      (await request('GET', `/api/referrals/suggestions${queryString(params)}`, referralSuggestionListSchema)).items,
    createReferral: (body) => request('POST', '/api/referrals', referralDetailSchema, body),
    listReferrals: (query) => request('GET', `/api/referrals${queryString(query)}`, referralPageSchema),
    getReferral: (referralId) => request('GET', `/api/referrals/${id(referralId)}`, referralDetailSchema),
    transition: (referralId, body) => request('POST', `/api/referrals/${id(referralId)}/transitions`, referralDetailSchema, body),
    recordHandoff: (referralId, body) => request('PUT', `/api/referrals/${id(referralId)}/handoff`, referralDetailSchema, body),
    uploadAttachment: (referralId, file, documentKey) => {
      const form = new FormData();
      if (documentKey) form.append('documentKey', documentKey);
      form.append('file', file, file.name);
      return request('POST', `/api/referrals/${id(referralId)}/attachments`, referralAttachmentSchema, form);
    },
  };
}
