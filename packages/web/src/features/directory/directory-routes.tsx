import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { DirectoryOrganizationCreatePage } from './directory-organization-create-page.tsx';
import { DirectoryOrganizationPage } from './directory-organization-page.tsx';
import { DirectoryPage } from './directory-page.tsx';
import { DirectoryServicePage } from './directory-service-page.tsx';
import './directory.css';

/** Routes under /directory; the caller has already checked that the section is visible to the roles. */
export function DirectoryRoutes() {
  return (
    <Routes>
      <Route index element={<DirectoryPage />} />
      <Route path="organizations/new" element={<DirectoryOrganizationCreatePage />} />
      <Route path="organizations/:id" element={<DirectoryOrganizationPage />} />
      <Route path="services/:id" element={<DirectoryServicePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
