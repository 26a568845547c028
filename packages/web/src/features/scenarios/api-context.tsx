import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useApiRequest } from '../../api/api-context.tsx';
import { createScenariosHttpApi, type ScenariosApi } from './api.ts';

const ScenariosApiContext = createContext<ScenariosApi | null>(null);
/** Component tests put a fake here, around the whole app, in place of the HTTP client. */
export const ScenariosApiOverride = createContext<ScenariosApi | null>(null);

export function ScenariosApiProvider({ children }: { children: ReactNode }) {
  const request = useApiRequest();
  const override = useContext(ScenariosApiOverride);
  const value = useMemo(() => override ?? createScenariosHttpApi(request), [override, request]);
  return <ScenariosApiContext.Provider value={value}>{children}</ScenariosApiContext.Provider>;
}

export function useScenariosApi(): ScenariosApi {
  const api = useContext(ScenariosApiContext);
  if (!api) throw new Error('useScenariosApi must be used inside <ScenariosApiProvider>');
  return api;
}
