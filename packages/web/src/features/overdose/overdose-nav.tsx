import { Link } from 'react-router-dom';
import {} from '@continuum/contracts';
import { hasRole, useSession } from '../../app/session-provider.tsx';

/** Staff who work with people see events and record them; analysts see the suppressed map only. */
export function useFullView() {
  const session = useSession();
  return hasRole(session, 'clinician', 'care_navigator', 'partner_staff', 'privacy_officer', 'network_admin');
}

/** The overdose-response pages' own navigation (analysts see the map only). */
export function OverdoseNav() {
  const full = useFullView();
  const session = useSession();
  return (
    <nav aria-label="Overdose response" className="overdose-nav">
      <Link to="/overdose-response">Map</Link>
      {full ? <Link to="/overdose-response/events">Events</Link> : null}
      <Link to="/overdose-response/alerts">Alerts</Link>
      {full ? <Link to="/overdose-response/naloxone">Naloxone</Link> : null}
      {hasRole(session, 'network_admin') ? <Link to="/overdose-response/settings">Settings</Link> : null}
    </nav>
  );
}
