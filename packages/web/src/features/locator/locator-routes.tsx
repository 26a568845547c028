import { Route, Routes } from 'react-router-dom';
import { LocatorPage } from './locator-page.tsx';
import { ServiceDetailsPage } from './service-details-page.tsx';
import './locator.css';

/** The public locator (`/find`), loaded on demand so the sign-in page and the app stay small. */
export function LocatorRoutes() {
  return (
    <Routes>
      <Route index element={<LocatorPage />} />
      <Route path="services/:id" element={<ServiceDetailsPage />} />
      <Route path="*" element={<LocatorPage />} />
    </Routes>
  );
}
