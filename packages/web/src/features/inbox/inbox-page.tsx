import './inbox.css';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';

/** The signed-in person's notifications: what happened, and a link to where they see the details. */
export function InboxPage() {
  const client = useApi();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const { data, error, isLoading, reload } = useApiData(() => client.listNotifications(unreadOnly), [unreadOnly]);
  const [actionError, setActionError] = useState<unknown>(null);

  async function act(run: () => Promise<void>) {
    setActionError(null);
    try {
      await run();
      reload();
    } catch (caught) {
      setActionError(caught);
    }
  }

  return (
    <>
      <PageHeading
        eyebrow="Notifications"
        title="Inbox"
        description="What happened that needs you. Notifications name the event only; open one to see what your role and the person's consent allow."
      />
      <div className="toolbar">
        <label className="checkbox">
          <input type="checkbox" checked={unreadOnly} onChange={(event) => setUnreadOnly(event.currentTarget.checked)} /> Unread only
        </label>
        <Button size="small" onClick={() => void act(() => client.markAllNotificationsRead())} disabled={!data || data.unread === 0}>
          Mark all read
        </Button>
        <Link to="/inbox/mailbox">Development mailbox</Link>
      </div>
      {error || actionError ? <Alert tone="error">{describeError(error ?? actionError)}</Alert> : null}
      <p className="page-status" role="status">
        {!data && isLoading ? 'Loading…' : data ? `${data.unread} unread` : ''}
      </p>
      {data && data.items.length === 0 ? <p>No notifications{unreadOnly ? ' unread' : ''}.</p> : null}
      {data && data.items.length > 0 ? (
        <ul className="inbox-list" aria-label="Notifications">
          {data.items.map((n) => (
            <li key={n.id} className={n.readAt ? 'inbox-item' : 'inbox-item unread'}>
              <div>
                {n.readAt ? null : <Badge tone="warning">New</Badge>} <strong>{n.title}</strong>
                {n.body ? <p>{n.body}</p> : null}
                <p className="muted">{formatDateTime(n.createdAt)}</p>
              </div>
              <div className="inbox-actions">
                {n.link ? (
                  <Link to={n.link} onClick={() => (n.readAt ? undefined : void client.markNotificationRead(n.id))}>
                    Open
                  </Link>
                ) : null}
                {n.readAt ? null : (
                  <Button
                    size="small"
                    aria-label={`Mark read: ${n.title}`}
                    onClick={() => void act(() => client.markNotificationRead(n.id))}
                  >
                    Mark read
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** Email the server would have sent to you; exists only where no SMTP server is configured. */
export function DevMailboxPage() {
  const client = useApi();
  const { data, error, isLoading } = useApiData(() => client.listDevMail(), []);
  return (
    <>
      <PageHeading
        eyebrow="Notifications"
        title="Development mailbox"
        description="Without an SMTP server the email you would receive is kept here, so notifications can be tried end to end."
      />
      {error ? <Alert tone="info">{describeError(error)}</Alert> : null}
      {!data && isLoading ? (
        <p className="page-status" role="status">
          Loading…
        </p>
      ) : null}
      {data && data.length === 0 ? <p>No email for you yet.</p> : null}
      {data?.map((m) => (
        <article key={m.id} className="card mail">
          <h2>{m.subject}</h2>
          <p className="muted">
            To {m.to} · {formatDateTime(m.createdAt)}
          </p>
          <pre className="mail-text">{m.text}</pre>
        </article>
      ))}
    </>
  );
}
