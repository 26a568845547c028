import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { ConsentNewPage, DisclosuresPage } from '../consent/index.ts';
import { CareEventImportPage } from './care-event-import-page.tsx';
import { PeopleSearchPage } from './people-search-page.tsx';
import { PersonPage } from './person-page.tsx';
import { PersonRegisterPage } from './person-register-page.tsx';
import './people.css';

/** Routes under /people; the caller has already checked the People roles. */
export function PeopleRoutes() {
  return (
    <Routes>
      <Route index element={<PeopleSearchPage />} />
      <Route path="new" element={<PersonRegisterPage />} />
      <Route path="import" element={<CareEventImportPage />} />
      <Route path=":personId" element={<PersonPage />} />
      <Route path=":personId/consents/new" element={<ConsentNewPage />} />
      <Route path=":personId/disclosures" element={<DisclosuresPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
