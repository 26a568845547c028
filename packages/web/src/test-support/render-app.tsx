import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import type { Role } from '@continuum/contracts';
import { AppProviders } from '../app/app-providers.tsx';
import { AppRoutes } from '../app/app-routes.tsx';
import { FakeApiClient } from './fake-api-client.ts';

/** Renders the whole app (routes, session, shell) at `path` over the given fake client. */
export function renderApp(client: FakeApiClient, path = '/') {
  const user = userEvent.setup();
  const result = render(
    <MemoryRouter initialEntries={[path]}>
      <AppProviders client={client}>
        <AppRoutes />
      </AppProviders>
    </MemoryRouter>,
  );
  return { user, ...result };
}

/** A small network: a health department (the lead agency) and a treatment program. */
export function aCareNetwork() {
  const client = new FakeApiClient();
  const healthDepartment = client.addOrganization({ name: 'Riverside County Health Department', type: 'public_health' });
  const treatmentCenter = client.addOrganization({ name: 'Harbor Treatment Center', type: 'opioid_treatment_program' });
  return { client, healthDepartment, treatmentCenter };
}

/** A network with one person holding `roles` in the health department, already signed in. */
export function signedInWith(roles: Role[]) {
  const network = aCareNetwork();
  const person = network.client.addPerson({
    email: 'dana.lee@example.org',
    displayName: 'Dana Lee',
    memberships: [[network.healthDepartment, roles]],
  });
  network.client.signInAs(person);
  return { ...network, person };
}
