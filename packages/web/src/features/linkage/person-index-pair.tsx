import { useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import type { LinkDecision, LinkItem, LinkSide } from '@continuum/contracts';
import { describeError } from '../../api/api-error.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { TextAreaField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { Table } from '../../ui/table.tsx';
import { usePersonIndexApi } from './person-index-api-context.tsx';
import { comparisonLabel, formatProbability, formatWeight, historyLabels, levelLabel, statusLabels } from './person-index-format.ts';
import { PersonIndexTabs } from './person-index-tabs.tsx';

const DONE: Record<LinkDecision['decision'] | 'unlink', string> = {
  accept: 'Accepted: the two records are now one person.',
  reject: 'Rejected: the two records stay apart and will not be proposed again.',
  not_sure: 'Marked not sure: the pair stays in the queue.',
  unlink: 'The link is undone: both records read exactly as before it.',
};

/** One pair side by side, why it scored as it did, the decision (or the undo of a link), and its history. */
export function PairPage() {
  const { id = '' } = useParams();
  const api = usePersonIndexApi();
  const [item, setItem] = useState<LinkItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api.getLink(id).then(
      (link) => current && setItem(link),
      (e: unknown) => current && setError(describeError(e)),
    );
    return () => {
      current = false;
    };
  }, [api, id]);

  if (error && !item) return <Alert tone="error">{error}</Alert>;
  if (!item) return <p role="status">Loading the pair…</p>;
  const changed = (next: LinkItem, what: keyof typeof DONE) => {
    setItem(next);
    setDone(DONE[what]);
  };
  return (
    <div className="stack">
      <PageHeading
        title="Is this the same person?"
        description={`${statusLabels[item.status]}. Match probability ${formatProbability(item.probability)} (model ${item.modelVersion}).`}
      />
      <PersonIndexTabs />
      {done && <Alert tone="success">{done}</Alert>}
      {item.guarded && (
        <Alert tone="warning" title="Guarded pair">
          The records conflict on a strong identifier or look like two people of one household (twins, Jr and Sr): they are never linked
          automatically.
        </Alert>
      )}
      <div className="card-grid">
        <SideCard title="Record 1" side={item.left} />
        <SideCard title="Record 2" side={item.right} />
      </div>
      <Waterfall item={item} />
      {(item.status === 'review' || item.status === 'not_sure') && <DecisionForm item={item} onDecided={changed} />}
      {item.status === 'linked' && <UnlinkForm item={item} onUnlinked={(next) => changed(next, 'unlink')} />}
      <History item={item} />
    </div>
  );
}

function SideCard({ title, side }: { title: string; side: LinkSide }) {
  const p = side.person;
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {p ? (
        <dl className="details">
          {(
            [
              ['Name', `${p.givenName} ${p.familyName}`],
              ['Birth date', p.birthDate],
              ['Sex', p.sex],
              ['Town', p.town ?? '—'],
              ['Postal code', p.postalCode ?? '—'],
              ['Held as', side.label],
            ] as const
          ).map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <>
          <p>{side.label}</p>
          <p className="muted">You may not see who this is. A consent that names you, or the holding program, can tell you more.</p>
        </>
      )}
      <p className="muted">Source system: {side.sourceSystem}</p>
    </section>
  );
}

function Waterfall({ item }: { item: LinkItem }) {
  return (
    <Table caption="Why this score: what each field adds to the match weight">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Comparison</th>
          <th scope="col">Weight</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td data-label="Field">Starting point</td>
          <td data-label="Comparison">how often two records are the same person at all</td>
          <td data-label="Weight">{formatWeight(item.prior)}</td>
        </tr>
        {item.contributions.map((c) => (
          <tr key={c.comparison}>
            <td data-label="Field">{comparisonLabel(c.comparison)}</td>
            <td data-label="Comparison">
              {levelLabel(c.level)}
              {c.tfAdjustment !== undefined && ` (how common the name is: ${formatWeight(c.tfAdjustment)})`}
            </td>
            <td data-label="Weight">{formatWeight(c.weight)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row" colSpan={2}>
            Match weight
          </th>
          <td data-label="Weight">{formatWeight(item.weight)}</td>
        </tr>
      </tbody>
    </Table>
  );
}

function DecisionForm({ item, onDecided }: { item: LinkItem; onDecided: (next: LinkItem, what: LinkDecision['decision']) => void }) {
  const api = usePersonIndexApi();
  const submission = useSubmission();
  const [reason, setReason] = useState('');
  const decide = async (decision: LinkDecision['decision']) => {
    const trimmed = reason.trim();
    const result = await submission.run(() => api.decide(item.id, { decision, ...(trimmed ? { reason: trimmed } : {}) }));
    if (result.ok) {
      setReason('');
      onDecided(result.value, decision);
    }
  };
  return (
    <form className="form" aria-label="Decide on this pair" onSubmit={(e: FormEvent) => e.preventDefault()}>
      <h2>Your decision</h2>
      <FormErrorSummary errors={submission.errors} labels={{ reason: 'Reason' }} idPrefix="decision" />
      <TextAreaField
        id="decision-reason"
        label="Reason"
        isOptional
        hint="What you checked, e.g. an intake call. Kept with the decision; do not write a diagnosis here."
        value={reason}
        maxLength={500}
        error={submission.errors?.fields.reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      <div className="form-actions">
        <Button variant="primary" isPending={submission.isPending} onClick={() => void decide('accept')}>
          Accept: the same person
        </Button>
        <Button variant="danger" isPending={submission.isPending} onClick={() => void decide('reject')}>
          Reject: different people
        </Button>
        <Button isPending={submission.isPending} onClick={() => void decide('not_sure')}>
          Not sure
        </Button>
      </div>
    </form>
  );
}

function UnlinkForm({ item, onUnlinked }: { item: LinkItem; onUnlinked: (next: LinkItem) => void }) {
  const api = usePersonIndexApi();
  const submission = useSubmission();
  const [reason, setReason] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await submission.run(() => api.unlink(item.id, reason));
    if (result.ok) onUnlinked(result.value);
  };
  return (
    <form className="form" aria-label="Undo this link" noValidate onSubmit={(e) => void submit(e)}>
      <h2>Undo this link</h2>
      <p>
        The records that joined go back to the identity they came from, and the registry merge is undone, so each record reads exactly as
        before the link.
      </p>
      <FormErrorSummary errors={submission.errors} labels={{ reason: 'Reason for undoing' }} idPrefix="unlink" />
      <TextAreaField
        id="unlink-reason"
        label="Reason for undoing"
        value={reason}
        maxLength={500}
        error={submission.errors?.fields.reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      <div className="form-actions">
        <Button type="submit" variant="danger" isPending={submission.isPending} pendingLabel="Undoing…">
          Undo link
        </Button>
      </div>
    </form>
  );
}

function History({ item }: { item: LinkItem }) {
  return (
    <section aria-labelledby="pair-history">
      <h2 id="pair-history">History</h2>
      <ol>
        {item.history.map((h, i) => (
          <li key={`${h.decision}-${i}`}>
            {historyLabels[h.decision]}, {formatDateTime(h.decidedAt)} {h.decidedBy === 'auto' ? '(automatically)' : '(by a reviewer)'}
            {h.reason ? `: “${h.reason}”` : ''}
            {h.decision === 'accept' || h.decision === 'auto_link' ? (
              <>
                {' '}
                <Badge tone="positive">merge</Badge>
              </>
            ) : h.decision === 'unlink' ? (
              <>
                {' '}
                <Badge tone="negative">unmerge</Badge>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
