import type { BreakGlass } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';

const labels = { outcome: 'Outcome', note: 'Review note' };

function ReviewForm({ item, onClosed }: { item: BreakGlass; onClosed: () => void }) {
  const client = useApi();
  const submission = useSubmission();
  const [outcome, setOutcome] = useState<'appropriate' | 'inappropriate'>('appropriate');
  const [note, setNote] = useState('');
  const idPrefix = `review-${item.id}`;

  async function close(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await submission.run(() => client.reviewBreakGlass(item.id, { outcome, note }));
    if (result.ok) onClosed();
  }

  return (
    <form className="form" noValidate aria-label={`Review emergency access by ${item.userName}`} onSubmit={(event) => void close(event)}>
      <FormErrorSummary errors={submission.errors} labels={labels} idPrefix={idPrefix} />
      <SelectField
        id={`${idPrefix}-outcome`}
        label={labels.outcome}
        value={outcome}
        error={submission.errors?.fields.outcome}
        options={[
          { value: 'appropriate', label: 'Appropriate: a medical emergency' },
          { value: 'inappropriate', label: 'Not appropriate: follow up with the staff member' },
        ]}
        onChange={(event) => setOutcome(event.currentTarget.value as typeof outcome)}
      />
      <TextAreaField
        id={`${idPrefix}-note`}
        label={labels.note}
        hint="What you checked and decided."
        value={note}
        error={submission.errors?.fields.note}
        onChange={(event) => setNote(event.currentTarget.value)}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Closing…">
          Close review
        </Button>
      </div>
    </form>
  );
}

/** The privacy officer's list of emergency accesses (42 CFR 2.51) to review and close. */
export function BreakGlassReviewPage() {
  const client = useApi();
  const [searchParams] = useSearchParams();
  const status = searchParams.get('status') === 'closed' ? 'closed' : 'open';
  const { data, error, isLoading, reload } = useApiData(() => client.listBreakGlass(status), [status]);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      <PageHeading
        eyebrow="Privacy"
        title="Emergency access reviews"
        description="Every emergency access to restricted records is reviewed: was it a medical emergency, and was what was opened needed?"
      />
      <nav className="tabs" aria-label="Review status">
        {(['open', 'closed'] as const).map((value) => (
          <Link
            key={value}
            to={`?status=${value}`}
            className={status === value ? 'tab active' : 'tab'}
            aria-current={status === value ? 'page' : undefined}
            onClick={() => setNotice(null)}
          >
            {value === 'open' ? 'To review' : 'Closed'}
          </Link>
        ))}
      </nav>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
      {!data && isLoading ? (
        <p className="page-status" role="status">
          Loading reviews…
        </p>
      ) : null}
      {data && data.length === 0 ? <p className="muted">{status === 'open' ? 'Nothing to review.' : 'No closed reviews yet.'}</p> : null}
      <ul className="plain-list review-list">
        {data?.map((item) => (
          <li key={item.id} className="card">
            <h2 className="review-title">
              {item.userName} · {item.organizationName}
            </h2>
            <dl className="details">
              <div>
                <dt>Person</dt>
                <dd>{item.personName ? <Link to={`/people/${item.personId}`}>{item.personName}</Link> : 'Not visible to you'}</dd>
              </div>
              <div>
                <dt>Started</dt>
                <dd>{formatDateTime(item.startedAt)}</dd>
              </div>
              <div>
                <dt>Ends</dt>
                <dd>{formatDateTime(item.expiresAt)}</dd>
              </div>
              <div>
                <dt>Records opened</dt>
                <dd>{item.recordsViewed}</dd>
              </div>
            </dl>
            <p>
              <strong>Reason given:</strong> {item.reason}
            </p>
            {item.reviewStatus === 'closed' ? (
              <p>
                <Badge tone={item.reviewOutcome === 'appropriate' ? 'positive' : 'negative'}>
                  {item.reviewOutcome === 'appropriate' ? 'Appropriate' : 'Not appropriate'}
                </Badge>{' '}
                {item.reviewNote} — {item.reviewedByName}, {formatDateTime(item.reviewedAt)}
              </p>
            ) : (
              <ReviewForm
                item={item}
                onClosed={() => {
                  setNotice(`Review of ${item.userName}’s emergency access closed.`);
                  reload();
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
