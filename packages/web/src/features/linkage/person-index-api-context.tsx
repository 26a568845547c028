import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useApiRequest } from '../../api/api-context.tsx';
import { createPersonIndexHttpApi, type PersonIndexApi } from './person-index-api.ts';

const PersonIndexApiContext = createContext<PersonIndexApi | null>(null);
/** Component tests put a fake here, around the whole app, in place of the HTTP client. */
export const PersonIndexApiOverride = createContext<PersonIndexApi | null>(null);

export function PersonIndexApiProvider({ children }: { children: ReactNode }) {
  const request = useApiRequest();
  const override = useContext(PersonIndexApiOverride);
  const value = useMemo(() => override ?? createPersonIndexHttpApi(request), [override, request]);
  return <PersonIndexApiContext.Provider value={value}>{children}</PersonIndexApiContext.Provider>;
}

export function usePersonIndexApi(): PersonIndexApi {
  const api = useContext(PersonIndexApiContext);
  if (!api) throw new Error('usePersonIndexApi must be used inside <PersonIndexApiProvider>');
  return api;
}
