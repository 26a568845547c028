import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { LinkageApiProvider } from './api-context.tsx';
import { JobListPage } from './job-list-page.tsx';
import { JobPage } from './job-page.tsx';

/** The record linkage pages at /linkage (analysts and privacy officers; docs/linkage.md, "Analyst jobs"). */
export function LinkageRoutes() {
  return (
    <LinkageApiProvider>
      <Routes>
        <Route index element={<JobListPage />} />
        <Route path=":id" element={<JobPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </LinkageApiProvider>
  );
}
