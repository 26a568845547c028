import { configure, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import type { Role } from '@continuum/contracts';
import { AppProviders } from '../../app/app-providers.tsx';
import { AppRoutes } from '../../app/app-routes.tsx';
import { signedInWith } from '../../test-support/render-app.tsx';
import { NetworkApiOverride } from './api-context.tsx';
import { FakeNetworkApi } from './fake-api.ts';

configure({ asyncUtilTimeout: 5000 });

/** The whole app at `path`, signed in with `roles` at the health department, over a fake network API. */
export function renderNetwork(
  roles: Role[],
  path: string,
  arrange?: (api: FakeNetworkApi, network: ReturnType<typeof signedInWith>) => void,
) {
  const network = signedInWith(roles);
  const api = new FakeNetworkApi();
  arrange?.(api, network);
  const user = userEvent.setup();
  render(
    <MemoryRouter initialEntries={[path]}>
      <NetworkApiOverride.Provider value={api}>
        <AppProviders client={network.client}>
          <AppRoutes />
        </AppProviders>
      </NetworkApiOverride.Provider>
    </MemoryRouter>,
  );
  return { api, user, network };
}
