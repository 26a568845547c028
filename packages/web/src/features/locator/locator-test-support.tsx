import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { AppProviders } from '../../app/app-providers.tsx';
import { AppRoutes } from '../../app/app-routes.tsx';
import { FakeApiClient } from '../../test-support/fake-api-client.ts';

function LocationProbe() {
  const location = useLocation();
  return <div hidden data-testid="location">{`${location.pathname}${location.search}`}</div>;
}

/** Renders the app at `path` for a member of the public (nobody signed in), with the URL readable by `currentUrl()`. */
export function renderLocator(client: FakeApiClient, path: string) {
  const user = userEvent.setup();
  const result = render(
    <MemoryRouter initialEntries={[path]}>
      <AppProviders client={client}>
        <AppRoutes />
        <LocationProbe />
      </AppProviders>
    </MemoryRouter>,
  );
  const currentUrl = () => new URL(result.getByTestId('location').textContent ?? '', 'http://localhost');
  return { user, currentUrl, ...result };
}

/** A directory with three treatment services around Alder Falls (97104) and one harm-reduction site. */
export function aLocatorWorld() {
  const client = new FakeApiClient();
  const nearBup = client.locator.addLocatorResult({
    serviceName: 'Walk-in buprenorphine clinic',
    organizationName: 'Harbor Treatment Center',
    distanceMiles: 2.4,
    codes: ['BU', 'MOUD_SAME_DAY', 'OP', 'MD', 'SS'],
    languages: ['en', 'es'],
    walkIn: true,
  });
  const staleMethadone = client.locator.addLocatorResult({
    serviceName: 'Methadone program',
    organizationName: 'Riverside Opioid Treatment Program',
    distanceMiles: 7.9,
    codes: ['METH', 'OTP', 'MD', 'MC'],
    walkIn: false,
    phone: '(555) 010-3000',
    capacity: {
      unit: 'slot',
      status: 'accepting',
      available: 4,
      maximum: 40,
      waitlistDays: null,
      updatedAt: '2026-03-01T15:00:00.000Z',
      ageMinutes: 3 * 24 * 60,
      stale: true,
    },
  });
  const farBup = client.locator.addLocatorResult({
    serviceName: 'Telehealth buprenorphine',
    organizationName: 'Valley Health',
    distanceMiles: 18.2,
    codes: ['BU', 'PI'],
    telehealth: true,
    walkIn: true,
  });
  const naloxone = client.locator.addLocatorResult({
    serviceName: 'Naloxone and syringe services',
    organizationName: 'Eastside Harm Reduction',
    distanceMiles: 1.1,
    codes: ['NALOXONE', 'SSP', 'FTS'],
    walkIn: true,
    capacity: null,
  });
  return { client, nearBup, staleMethadone, farBup, naloxone };
}
