import type { ReactNode } from 'react';
import { ApiProvider } from '../api/api-context.tsx';
import type { ApiClient } from '../api/client.ts';
import type { ApiRequest } from '../api/request.ts';
import { SessionProvider } from './session-provider.tsx';

/** Everything the pages need from context. Tests pass a fake client; main.tsx passes the HTTP one and its `request()`. */
export function AppProviders({ client, request, children }: { client: ApiClient; request?: ApiRequest; children: ReactNode }) {
  return (
    <ApiProvider client={client} request={request}>
      <SessionProvider>{children}</SessionProvider>
    </ApiProvider>
  );
}
