import { useState, type FormEvent } from 'react';
import { feedErrorCodeLabels, feedKindLabels, type FeedError, type FeedErrorDetail, type FeedStatus } from '@continuum/contracts';
import { Route, Routes } from 'react-router-dom';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { TextAreaField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { FeedsApiProvider, useFeedsApi } from './api-context.tsx';
import './feeds.css';

/**
 * "Feeds" at /feeds (network and organization administrators; docs/integration.md): each feed's
 * last message, volume per day and open errors, and the error queue with retry and dismiss.
 */
export function FeedsRoutes() {
  return (
    <FeedsApiProvider>
      <Routes>
        <Route index element={<FeedsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </FeedsApiProvider>
  );
}

function FeedsPage() {
  const api = useFeedsApi();
  const feeds = useApiData(() => api.listFeeds(), []);
  const errors = useApiData(() => api.listFeedErrors(), []);
  const [selected, setSelected] = useState<string | null>(null);
  const reload = () => {
    feeds.reload();
    errors.reload();
  };
  return (
    <div className="stack">
      <PageHeading
        title="Feeds"
        description="Messages from emergency departments and jails as they arrive: when each feed last sent, how much per day, and what could not be applied."
      />
      <FeedTable feeds={feeds.data} error={feeds.error} isLoading={feeds.isLoading} />
      <ErrorQueue errors={errors.data} error={errors.error} isLoading={errors.isLoading} onWork={setSelected} />
      {selected ? <ErrorWork key={selected} id={selected} onDone={reload} onClose={() => setSelected(null)} /> : null}
    </div>
  );
}

const sum = (f: FeedStatus, key: 'received' | 'rejected' | 'duplicates') => f.volume.reduce((s, d) => s + d[key], 0);

function FeedTable({ feeds, error, isLoading }: { feeds: FeedStatus[] | undefined; error: unknown; isLoading: boolean }) {
  if (error) return <Alert tone="error">{describeError(error)}</Alert>;
  return (
    <Table caption="Feeds">
      <thead>
        <tr>
          <th scope="col">Feed</th>
          <th scope="col">Last message</th>
          <th scope="col">Per day, last 7 days</th>
          <th scope="col">Last 14 days</th>
          <th scope="col">Open errors</th>
        </tr>
      </thead>
      <tbody>
        {feeds === undefined || feeds.length === 0 ? (
          <EmptyRow columns={5}>
            {isLoading ? 'Loading feeds…' : 'No feeds are set up yet. See docs/integration.md to connect one.'}
          </EmptyRow>
        ) : (
          feeds.map((f) => (
            <tr key={f.id}>
              <th scope="row" data-label="Feed">
                {f.organizationName}
                <br />
                <small>
                  {feedKindLabels[f.kind]} · {f.name}
                </small>
              </th>
              <td data-label="Last message">
                {formatDateTime(f.lastMessageAt, 'Never')} {f.quiet ? <Badge tone="warning">Quiet</Badge> : null}
              </td>
              <td data-label="Per day, last 7 days">
                <ol className="feed-days" aria-label={`Messages per day, ${f.organizationName}`}>
                  {f.volume.slice(-7).map((d) => (
                    <li key={d.day}>
                      {d.day.slice(5)}: {d.received}
                    </li>
                  ))}
                </ol>
              </td>
              <td data-label="Last 14 days">
                {sum(f, 'received')} received, {sum(f, 'rejected')} rejected, {sum(f, 'duplicates')} duplicates
              </td>
              <td data-label="Open errors">{f.openErrors > 0 ? <Badge tone="negative">{f.openErrors}</Badge> : 0}</td>
            </tr>
          ))
        )}
      </tbody>
    </Table>
  );
}

function ErrorQueue({
  errors,
  error,
  isLoading,
  onWork,
}: {
  errors: FeedError[] | undefined;
  error: unknown;
  isLoading: boolean;
  onWork: (id: string) => void;
}) {
  if (error) return <Alert tone="error">{describeError(error)}</Alert>;
  return (
    <Table caption="Error queue, newest first">
      <thead>
        <tr>
          <th scope="col">Received</th>
          <th scope="col">Feed</th>
          <th scope="col">Problem</th>
          <th scope="col">Attempts</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {errors === undefined || errors.length === 0 ? (
          <EmptyRow columns={5}>{isLoading ? 'Loading the error queue…' : 'Nothing is waiting: every message was applied.'}</EmptyRow>
        ) : (
          errors.map((e) => (
            <tr key={e.id}>
              <td data-label="Received">{formatDateTime(e.receivedAt)}</td>
              <td data-label="Feed">
                {e.organizationName} · {e.sourceName}
              </td>
              <td data-label="Problem">
                {feedErrorCodeLabels[e.code]}: {e.reason}
              </td>
              <td data-label="Attempts">{e.attempts}</td>
              <td>
                <Button
                  size="small"
                  onClick={() => onWork(e.id)}
                  aria-label={`Work on the message received ${formatDateTime(e.receivedAt)}`}
                >
                  Work on it
                </Button>
              </td>
            </tr>
          ))
        )}
      </tbody>
    </Table>
  );
}

/** One message in the queue: the message itself (for its sender's administrators), retry as received or corrected, dismiss. */
function ErrorWork({ id, onDone, onClose }: { id: string; onDone: () => void; onClose: () => void }) {
  const api = useFeedsApi();
  const detail = useApiData(() => api.getFeedError(id), [id]);
  const retry = useSubmission();
  const dismiss = useSubmission();
  const [content, setContent] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<FeedErrorDetail | null>(null);
  const item = outcome ?? detail.data;
  if (detail.error) return <Alert tone="error">{describeError(detail.error)}</Alert>;
  if (!item) return <p role="status">Loading the message…</p>;
  const corrected = content !== null && content !== item.content ? content : undefined;
  const doRetry = async () => {
    const result = await retry.run(() => api.retryFeedError(id, corrected));
    if (result.ok) {
      setOutcome(result.value);
      onDone();
    }
  };
  const doDismiss = async (event: FormEvent) => {
    event.preventDefault();
    const result = await dismiss.run(() => api.dismissFeedError(id, reason));
    if (result.ok) {
      setOutcome(result.value);
      onDone();
    }
  };
  return (
    <section aria-labelledby="feed-error-heading" className="stack">
      <h2 id="feed-error-heading">
        Message received {formatDateTime(item.receivedAt)} on {item.sourceName}
      </h2>
      {item.status === 'applied' ? <Alert tone="success">Applied: the message is out of the queue.</Alert> : null}
      {item.status === 'dismissed' ? <Alert tone="info">Dismissed: the message is out of the queue and was not applied.</Alert> : null}
      {item.status === 'error' ? (
        <Alert tone="warning" title={feedErrorCodeLabels[item.code]}>
          {item.reason} (attempts: {item.attempts})
        </Alert>
      ) : null}
      {item.status === 'error' ? (
        <>
          <form className="form" aria-label="Retry this message" onSubmit={(e) => e.preventDefault()}>
            <FormErrorSummary errors={retry.errors} labels={{ content: 'Message' }} idPrefix="feed-error" />
            {item.content !== null ? (
              <TextAreaField
                id="feed-error-content"
                label="Message"
                hint="As received. Correct it here and retry to apply the corrected message instead."
                rows={8}
                value={content ?? item.content}
                error={retry.errors?.fields.content}
                onChange={(e) => setContent(e.currentTarget.value)}
              />
            ) : (
              <p>
                Only the sending organization&apos;s administrators see the message itself. You may retry it as received, or dismiss it.
              </p>
            )}
            <div className="form-actions">
              <Button variant="primary" isPending={retry.isPending} onClick={() => void doRetry()}>
                {corrected !== undefined ? 'Retry with the correction' : 'Retry as received'}
              </Button>
              <Button variant="quiet" onClick={onClose}>
                Close
              </Button>
            </div>
          </form>
          <form className="form" aria-label="Dismiss this message" noValidate onSubmit={(e) => void doDismiss(e)}>
            <FormErrorSummary errors={dismiss.errors} labels={{ reason: 'Reason for dismissing' }} idPrefix="feed-dismiss" />
            <TextAreaField
              id="feed-dismiss-reason"
              label="Reason for dismissing"
              hint="For example: a test message, or sent again corrected. Do not name the person."
              value={reason}
              maxLength={500}
              error={dismiss.errors?.fields.reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
            <div className="form-actions">
              <Button type="submit" variant="danger" isPending={dismiss.isPending} pendingLabel="Dismissing…">
                Dismiss
              </Button>
            </div>
          </form>
        </>
      ) : (
        <Button variant="quiet" onClick={onClose}>
          Close
        </Button>
      )}
    </section>
  );
}
