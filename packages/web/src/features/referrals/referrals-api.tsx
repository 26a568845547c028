import { createContext, useContext, useMemo, type ReactNode } from 'react';
import {
  CSRF_HEADER,
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
import { ApiError, apiErrorFromBody } from '../../api/api-error.ts';
import { useSession } from '../../app/session-provider.tsx';

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

interface Parser<T> {
  parse(data: unknown): T;
}

function queryString(params: object | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Same-origin JSON over fetch with the session cookie, and the CSRF header on writes. */
export function createReferralsHttpApi(
  csrfToken: () => string | null,
  doFetch: typeof fetch = (input, init) => globalThis.fetch(input, init),
): ReferralsApi {
  async function send<T>(method: 'GET' | 'POST' | 'PUT', path: string, parser: Parser<T>, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    let payload: BodyInit | undefined;
    if (method !== 'GET') {
      const token = csrfToken();
      if (token) headers[CSRF_HEADER] = token;
      if (body instanceof FormData) payload = body;
      else {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body ?? {});
      }
    }
    let response: Response;
    try {
      response = await doFetch(path, { method, headers, credentials: 'same-origin', ...(payload !== undefined ? { body: payload } : {}) });
    } catch {
      throw new ApiError('NETWORK_ERROR', 'Cannot reach the server.');
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw apiErrorFromBody(response.status, json, response.headers.get('retry-after'));
    try {
      return parser.parse(json);
    } catch {
      throw new ApiError('UNEXPECTED_RESPONSE', 'The server answered in an unexpected shape.', { status: response.status });
    }
  }
  const id = encodeURIComponent;
  return {
    listPathways: async (params) => (await send('GET', `/api/referral-pathways${queryString(params)}`, pathwayListSchema)).items,
    getPathway: (pathwayId, version) =>
      send(
        'GET',
        version === undefined ? `/api/referral-pathways/${id(pathwayId)}` : `/api/referral-pathways/${id(pathwayId)}/versions/${version}`,
        pathwayDetailSchema,
      ),
    createPathway: (body) => send('POST', '/api/referral-pathways', pathwayDetailSchema, body),
    savePathwayVersion: (pathwayId, body) => send('PUT', `/api/referral-pathways/${id(pathwayId)}`, pathwayDetailSchema, body),

    suggest: async (params) => (await send('GET', `/api/referrals/suggestions${queryString(params)}`, referralSuggestionListSchema)).items,
    createReferral: (body) => send('POST', '/api/referrals', referralDetailSchema, body),
    listReferrals: (query) => send('GET', `/api/referrals${queryString(query)}`, referralPageSchema),
    getReferral: (referralId) => send('GET', `/api/referrals/${id(referralId)}`, referralDetailSchema),
    transition: (referralId, body) => send('POST', `/api/referrals/${id(referralId)}/transitions`, referralDetailSchema, body),
    recordHandoff: (referralId, body) => send('PUT', `/api/referrals/${id(referralId)}/handoff`, referralDetailSchema, body),
    uploadAttachment: (referralId, file, documentKey) => {
      const form = new FormData();
      if (documentKey) form.append('documentKey', documentKey);
      form.append('file', file, file.name);
      return send('POST', `/api/referrals/${id(referralId)}/attachments`, referralAttachmentSchema, form);
    },
  };
}

const ReferralsApiContext = createContext<ReferralsApi | null>(null);
/** Component tests put a fake here, around the whole app, in place of the HTTP client. */
export const ReferralsApiOverride = createContext<ReferralsApi | null>(null);

/** Provides the referrals API; without `api` (or an override), the HTTP one over the signed-in session. */
export function ReferralsApiProvider({ api, children }: { api?: ReferralsApi | undefined; children: ReactNode }) {
  const session = useSession();
  const override = useContext(ReferralsApiOverride);
  const csrf = session.csrfToken;
  const value = useMemo(() => api ?? override ?? createReferralsHttpApi(() => csrf), [api, override, csrf]);
  return <ReferralsApiContext.Provider value={value}>{children}</ReferralsApiContext.Provider>;
}

export function useReferralsApi(): ReferralsApi {
  const api = useContext(ReferralsApiContext);
  if (!api) throw new Error('useReferralsApi must be used inside <ReferralsApiProvider>');
  return api;
}
