import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { AdminOverviewPage } from './admin-overview-page.tsx';
import { EhrConnectionsPage } from './ehr-connections-page.tsx';
import { ApiTokensPanel } from './api-tokens-panel.tsx';
import { LocationsPanel } from './locations-panel.tsx';
import { MembershipsPanel } from './memberships-panel.tsx';
import { OrganizationCreatePage } from './organization-create-page.tsx';
import { OrganizationDetailPage, OrganizationDetailsTab } from './organization-detail-page.tsx';
import { OrganizationsPage } from './organizations-page.tsx';
import { UserCreatePage } from './user-create-page.tsx';
import { UsersPage } from './users-page.tsx';

/** Routes under /admin; the caller has already checked the administration roles. */
export function AdminRoutes() {
  return (
    <Routes>
      <Route index element={<AdminOverviewPage />} />
      <Route path="organizations" element={<OrganizationsPage />} />
      <Route path="organizations/new" element={<OrganizationCreatePage />} />
      <Route path="organizations/:organizationId" element={<OrganizationDetailPage />}>
        <Route index element={<OrganizationDetailsTab />} />
        <Route path="locations" element={<LocationsPanel />} />
        <Route path="memberships" element={<MembershipsPanel />} />
        <Route path="api-tokens" element={<ApiTokensPanel />} />
      </Route>
      <Route path="users" element={<UsersPage />} />
      <Route path="users/new" element={<UserCreatePage />} />
      <Route path="ehr-connections" element={<EhrConnectionsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
