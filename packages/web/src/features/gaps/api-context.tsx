import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useApiRequest } from '../../api/api-context.tsx';
import { createGapsHttpApi, type GapsApi } from './api.ts';

const GapsApiContext = createContext<GapsApi | null>(null);
/** Component tests put a fake here, around the whole app, in place of the HTTP client. */
export const GapsApiOverride = createContext<GapsApi | null>(null);

export function GapsApiProvider({ children }: { children: ReactNode }) {
  const request = useApiRequest();
  const override = useContext(GapsApiOverride);
  const value = useMemo(() => override ?? createGapsHttpApi(request), [override, request]);
  return <GapsApiContext.Provider value={value}>{children}</GapsApiContext.Provider>;
}

export function useGapsApi(): GapsApi {
  const api = useContext(GapsApiContext);
  if (!api) throw new Error('useGapsApi must be used inside <GapsApiProvider>');
  return api;
}
