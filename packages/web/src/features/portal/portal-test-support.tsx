import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { FakePortalApi } from './fake-api.ts';
import { PortalRoutes } from './portal-routes.tsx';

function LocationProbe() {
  const location = useLocation();
  return <div hidden data-testid="location">{`${location.pathname}${location.search}`}</div>;
}

/** Renders the portal at `path` over `api`, as the app mounts it at /portal/*; `currentPath()` reads the URL. */
export function renderPortal(api: FakePortalApi, path = '/portal') {
  const user = userEvent.setup();
  const result = render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/portal/*" element={<PortalRoutes api={api} />} />
      </Routes>
      <LocationProbe />
    </MemoryRouter>,
  );
  const currentPath = () => result.getByTestId('location').textContent ?? '';
  return { user, currentPath, ...result };
}

/** A person with a portal, already signed in. */
export function aSignedInPerson(language: 'en' | 'es' = 'en') {
  return new FakePortalApi().signIn(language);
}
