import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useApiRequest } from '../../api/api-context.tsx';
import { createLinkageHttpApi, type LinkageApi } from './api.ts';

const LinkageApiContext = createContext<LinkageApi | null>(null);
/** Component tests put a fake here, around the whole app, in place of the HTTP client. */
export const LinkageApiOverride = createContext<LinkageApi | null>(null);

export function LinkageApiProvider({ children }: { children: ReactNode }) {
  const request = useApiRequest();
  const override = useContext(LinkageApiOverride);
  const value = useMemo(() => override ?? createLinkageHttpApi(request), [override, request]);
  return <LinkageApiContext.Provider value={value}>{children}</LinkageApiContext.Provider>;
}

export function useLinkageApi(): LinkageApi {
  const api = useContext(LinkageApiContext);
  if (!api) throw new Error('useLinkageApi must be used inside <LinkageApiProvider>');
  return api;
}
