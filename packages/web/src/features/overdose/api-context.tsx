import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useApiRequest } from '../../api/api-context.tsx';
import { createOverdoseHttpApi, type OverdoseApi } from './api.ts';

const OverdoseApiContext = createContext<OverdoseApi | null>(null);

/** Provides the overdose client; without `api`, the HTTP one over the app's `request()`. */
export function OverdoseApiProvider({ api, children }: { api?: OverdoseApi | undefined; children: ReactNode }) {
  const request = useApiRequest();
  const value = useMemo(() => api ?? createOverdoseHttpApi(request), [api, request]);
  return <OverdoseApiContext.Provider value={value}>{children}</OverdoseApiContext.Provider>;
}

export function useOverdoseApi(): OverdoseApi {
  const api = useContext(OverdoseApiContext);
  if (!api) throw new Error('useOverdoseApi must be used inside <OverdoseApiProvider>');
  return api;
}
