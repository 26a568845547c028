import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import type { OverdoseApi } from './api.ts';
import { OverdoseApiProvider } from './api-context.tsx';
import { OverdoseEventPage } from './overdose-event-page.tsx';
import { NaloxonePage } from './naloxone-page.tsx';
import { OverdoseAlertsPage } from './overdose-alerts-page.tsx';
import { OverdoseDashboardPage, OverdoseEventsPage } from './overdose-pages.tsx';
import { OverdoseSettingsPage } from './overdose-settings-page.tsx';
import { RecordOverdosePage } from './record-overdose-page.tsx';
import './overdose.css';

/** Routes under /overdose-response; the caller has already checked the section's roles. */
export function OverdoseRoutes({ api }: { api?: OverdoseApi }) {
  return (
    <OverdoseApiProvider {...(api ? { api } : {})}>
      <Routes>
        <Route index element={<OverdoseDashboardPage />} />
        <Route path="record" element={<RecordOverdosePage />} />
        <Route path="events" element={<OverdoseEventsPage />} />
        <Route path="events/:eventId" element={<OverdoseEventPage />} />
        <Route path="alerts" element={<OverdoseAlertsPage />} />
        <Route path="naloxone" element={<NaloxonePage />} />
        <Route path="settings" element={<OverdoseSettingsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </OverdoseApiProvider>
  );
}
