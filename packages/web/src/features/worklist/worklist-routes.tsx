import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { TaskPage } from './task-page.tsx';
import { WorklistPage } from './worklist-page.tsx';

export function WorklistRoutes() {
  return (
    <Routes>
      <Route index element={<WorklistPage />} />
      <Route path=":taskId" element={<TaskPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
