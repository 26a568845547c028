import './inbox.css';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { useApiData } from '../../api/use-api-data.ts';

const REFRESH_MS = 60_000;

/** The header's inbox link with the unread count, refreshed each minute and on every navigation. */
export function InboxLink() {
  const client = useApi();
  const location = useLocation();
  const { data, reload } = useApiData(() => client.listNotifications(true), [location.pathname]);
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const unread = data?.unread ?? 0;
  return (
    <Link to="/inbox" className="header-inbox">
      Inbox
      {unread > 0 ? (
        <span className="inbox-count">
          {unread}
          <span className="visually-hidden"> unread</span>
        </span>
      ) : null}
    </Link>
  );
}
