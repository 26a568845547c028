import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useApiRequest } from '../../api/api-context.tsx';
import { createNetworkHttpApi, type NetworkApi } from './api.ts';

const NetworkApiContext = createContext<NetworkApi | null>(null);
/** Component tests put a fake here, around the whole app, in place of the HTTP client. */
export const NetworkApiOverride = createContext<NetworkApi | null>(null);

export function NetworkApiProvider({ children }: { children: ReactNode }) {
  const request = useApiRequest();
  const override = useContext(NetworkApiOverride);
  const value = useMemo(() => override ?? createNetworkHttpApi(request), [override, request]);
  return <NetworkApiContext.Provider value={value}>{children}</NetworkApiContext.Provider>;
}

export function useNetworkApi(): NetworkApi {
  const api = useContext(NetworkApiContext);
  if (!api) throw new Error('useNetworkApi must be used inside <NetworkApiProvider>');
  return api;
}
