import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useApiRequest } from '../../api/api-context.tsx';
import { createReferralsHttpApi, type ReferralsApi } from './api.ts';

const ReferralsApiContext = createContext<ReferralsApi | null>(null);
/** Component tests put a fake here, around the whole app, in place of the HTTP client. */
export const ReferralsApiOverride = createContext<ReferralsApi | null>(null);

/** Provides the referrals client; without `api` (or an override), the HTTP one over the app's `request()`. */
export function ReferralsApiProvider({ api, children }: { api?: ReferralsApi | undefined; children: ReactNode }) {
  const request = useApiRequest();
  const override = useContext(ReferralsApiOverride);
  const value = useMemo(() => api ?? override ?? createReferralsHttpApi(request), [api, override, request]);
  return <ReferralsApiContext.Provider value={value}>{children}</ReferralsApiContext.Provider>;
}

export function useReferralsApi(): ReferralsApi {
  const api = useContext(ReferralsApiContext);
  if (!api) throw new Error('useReferralsApi must be used inside <ReferralsApiProvider>');
  return api;
}
