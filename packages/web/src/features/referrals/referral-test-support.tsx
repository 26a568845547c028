import { configure, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import type { Role } from '@continuum/contracts';
import { AppProviders } from '../../app/app-providers.tsx';
import { AppRoutes } from '../../app/app-routes.tsx';
import { signedInWith } from '../../test-support/render-app.tsx';
import { FakeReferralsApi } from './fake-api.ts';
import { ReferralsApiOverride } from './api-context.tsx';

// Pages load lazily (their own chunks); on a busy machine the first import can take a few seconds.
configure({ asyncUtilTimeout: 5000 });

/** A signed-in user with `roles` in the health department, a fake referrals API for that organization, and a person. */
export function aReferralWorld(roles: Role[]) {
  const network = signedInWith(roles);
  const api = new FakeReferralsApi();
  api.organizationId = network.healthDepartment.id;
  const person = network.client.registry.addPerson(network.healthDepartment, { givenName: 'Jordan', familyName: 'Rivera' });
  return { ...network, api, person };
}

/** Renders the whole app at `path` with the fake referrals API in place of the HTTP one. */
export function renderWithReferrals(world: ReturnType<typeof aReferralWorld>, path: string) {
  // The browser's `accept` filter is only a hint (people can pick "All files"); the page's own check is what is tested.
  const user = userEvent.setup({ applyAccept: false });
  const result = render(
    <MemoryRouter initialEntries={[path]}>
      <ReferralsApiOverride.Provider value={world.api}>
        <AppProviders client={world.client}>
          <AppRoutes />
        </AppProviders>
      </ReferralsApiOverride.Provider>
    </MemoryRouter>,
  );
  return { user, ...result };
}
