import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from './client.ts';
import { offlineRequest, type ApiRequest } from './request.ts';

const ApiContext = createContext<ApiClient | null>(null);
const RequestContext = createContext<ApiRequest>(offlineRequest);

/**
 * The client the pages use and the `request()` the feature clients provided by context are built over
 * (the same transport, so they share the CSRF token and the session-lost signal). Tests that fake every
 * client give no `request`: a call that reaches it fails as offline.
 */
export function ApiProvider({ client, request, children }: { client: ApiClient; request?: ApiRequest | undefined; children: ReactNode }) {
  return (
    <ApiContext.Provider value={client}>
      <RequestContext.Provider value={request ?? offlineRequest}>{children}</RequestContext.Provider>
    </ApiContext.Provider>
  );
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi must be used inside <ApiProvider>');
  return client;
}

/** The app's one `request()`, for building a feature's HTTP client. */
export function useApiRequest(): ApiRequest {
  return useContext(RequestContext);
}
