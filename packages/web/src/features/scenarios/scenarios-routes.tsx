import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { ScenariosApiProvider } from './api-context.tsx';
import { NewRunPage } from './new-run-page.tsx';
import { RunPage } from './run-page.tsx';
import './scenarios.css';

/** The scenario pages at /scenarios (network administrators, analysts, care navigators; docs/scenarios.md). */
export function ScenariosRoutes() {
  return (
    <ScenariosApiProvider>
      <Routes>
        <Route index element={<NewRunPage />} />
        <Route path=":id" element={<RunPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </ScenariosApiProvider>
  );
}
