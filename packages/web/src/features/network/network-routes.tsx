import { Navigate, Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { NetworkApiProvider } from './api-context.tsx';
import { AgreementDetailPage } from './agreement-detail-page.tsx';
import { AgreementEditPage, AgreementNewPage } from './agreement-form-page.tsx';
import { AgreementsPage } from './agreements-page.tsx';
import { TrainingImportPage } from './training-import-page.tsx';
import { TrainingPage } from './training-page.tsx';
import './network.css';

/** Routes under /network; the caller has already checked the section's roles. */
export function NetworkRoutes() {
  return (
    <NetworkApiProvider>
      <Routes>
        <Route index element={<Navigate to="agreements" replace />} />
        <Route path="agreements" element={<AgreementsPage />} />
        <Route path="agreements/new" element={<AgreementNewPage />} />
        <Route path="agreements/:agreementId" element={<AgreementDetailPage />} />
        <Route path="agreements/:agreementId/edit" element={<AgreementEditPage />} />
        <Route path="training" element={<TrainingPage />} />
        <Route path="training/import" element={<TrainingImportPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </NetworkApiProvider>
  );
}
