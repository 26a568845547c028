import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { AnalyticsDashboardPage } from './analytics-dashboard-page.tsx';
import type { LearningApi } from './api.ts';
import { LearningApiProvider } from './api-context.tsx';

/** `/analytics`: the learning system's dashboard. `api` replaces the HTTP client in component tests. */
export function AnalyticsRoutes({ api }: { api?: LearningApi }) {
  return (
    <LearningApiProvider api={api}>
      <Routes>
        <Route index element={<AnalyticsDashboardPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </LearningApiProvider>
  );
}
