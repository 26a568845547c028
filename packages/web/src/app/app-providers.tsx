import type { ReactNode } from 'react';
import { ApiProvider } from '../api/api-context.tsx';
import type { ApiClient } from '../api/client.ts';
import { SessionProvider } from './session-provider.tsx';

/** Everything the pages need from context. Tests pass a fake client; main.tsx passes the HTTP one. */
export function AppProviders({ client, children }: { client: ApiClient; children: ReactNode }) {
  return (
    <ApiProvider client={client}>
      <SessionProvider>{children}</SessionProvider>
    </ApiProvider>
  );
}
