import { Link } from 'react-router-dom';
import { portalCareStrings } from './portal-care-strings.ts';
import { usePortal } from './portal-context.tsx';

export function PortalHomePage({ givenName }: { givenName: string }) {
  const { lang, strings } = usePortal();
  return (
    <section className="portal-card">
      <h1>{strings.welcome(givenName)}</h1>
      <p>{strings.homeIntro}</p>
      <ul className="portal-links">
        <li>
          <Link to="/portal/my-care">{portalCareStrings[lang].title}</Link>
          <p>{portalCareStrings[lang].home}</p>
        </li>
        <li>
          <Link to="/portal/consents">{strings.consents}</Link>
          <p>{strings.homeConsents}</p>
        </li>
        <li>
          <Link to="/portal/who-saw-my-record">{strings.disclosures}</Link>
          <p>{strings.homeDisclosures}</p>
        </li>
      </ul>
    </section>
  );
}
