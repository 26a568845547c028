import type { PersonDetail, PersonSummary } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/field.tsx';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { personName } from '../../ui/person-format.ts';

const labels = { mergedId: 'Record to merge into this one', reason: 'Why these are the same person' };

function UndoMerge({ mergeId, onUndone }: { mergeId: string; onUndone: () => void }) {
  const client = useApi();
  const submission = useSubmission();
  const [isOpen, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const idPrefix = `unmerge-${mergeId}`;
  if (!isOpen) {
    return (
      <Button size="small" onClick={() => setOpen(true)}>
        Undo merge
      </Button>
    );
  }
  return (
    <form
      className="form"
      noValidate
      aria-label="Undo merge"
      onSubmit={(event) => {
        event.preventDefault();
        void submission
          .run(() => client.unmergePeople(mergeId, { reason }))
          .then((result) => {
            if (result.ok) onUndone();
          });
      }}
    >
      <FormErrorSummary errors={submission.errors} labels={{ reason: 'Why the merge is undone' }} idPrefix={idPrefix} />
      <TextField
        id={`${idPrefix}-reason`}
        label="Why the merge is undone"
        value={reason}
        error={submission.errors?.fields.reason}
        onChange={(event) => setReason(event.currentTarget.value)}
      />
      <div className="form-actions">
        <Button type="submit" variant="danger" isPending={submission.isPending} pendingLabel="Undoing…">
          Undo merge
        </Button>
        <Button variant="quiet" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/**
 * Merging duplicate records of one person, and undoing a merge (privacy officers). Both are recorded
 * in the audit log by the server.
 */
export function MergePanel({ person, onChanged }: { person: PersonDetail; onChanged: (notice: string) => void }) {
  const client = useApi();
  const submission = useSubmission();
  const [query, setQuery] = useState(`${person.givenName} ${person.familyName}`);
  const [found, setFound] = useState<PersonSummary[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [mergedId, setMergedId] = useState('');
  const [reason, setReason] = useState('');
  const idPrefix = 'merge';

  async function search() {
    setSearchError(null);
    try {
      const result = await client.searchPeople({ q: query.trim() });
      const others = result.items.filter((item) => item.id !== person.id);
      setFound(others);
      setMergedId(others[0]?.id ?? '');
    } catch (caught) {
      setSearchError(describeError(caught));
    }
  }

  async function merge(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!mergedId) {
      submission.setErrors({
        message: 'Some fields need attention.',
        code: undefined,
        fields: { mergedId: 'Find and choose the duplicate record.' },
      });
      return;
    }
    const other = found?.find((item) => item.id === mergedId);
    const result = await submission.run(() => client.mergePeople({ survivorId: person.id, mergedId, reason }));
    if (result.ok) {
      setFound(null);
      setReason('');
      onChanged(`${other ? personName(other) : 'The record'} was merged into this record.`);
    }
  }

  return (
    <section className="card" aria-labelledby="merge-heading">
      <h2 id="merge-heading">Duplicate records</h2>
      {person.mergedFrom.length > 0 ? (
        <ul className="plain-list merge-list">
          {person.mergedFrom.map((item) => (
            <li key={item.mergeId}>
              Record <code>{item.personId.slice(0, 8)}</code> merged {formatDateTime(item.mergedAt)}{' '}
              <UndoMerge mergeId={item.mergeId} onUndone={() => onChanged('The merge was undone; the records are separate again.')} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No other record has been merged into this one.</p>
      )}
      <form className="form" noValidate aria-label="Merge a duplicate into this record" onSubmit={(event) => void merge(event)}>
        <FormErrorSummary errors={submission.errors} labels={labels} idPrefix={idPrefix} />
        <div className="inline-search">
          <TextField
            id={`${idPrefix}-search`}
            label="Find the duplicate by name"
            type="search"
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
          />
          <Button onClick={() => void search()}>Find</Button>
        </div>
        {searchError ? <Alert tone="error">{searchError}</Alert> : null}
        {found ? (
          found.length > 0 ? (
            <>
              <SelectField
                id={`${idPrefix}-mergedId`}
                label={labels.mergedId}
                value={mergedId}
                error={submission.errors?.fields.mergedId}
                options={found.map((item) => ({
                  value: item.id,
                  label: `${personName(item)}, born ${formatDate(`${item.birthDate}T12:00:00Z`)}${item.town ? `, ${item.town}` : ''}`,
                }))}
                onChange={(event) => setMergedId(event.currentTarget.value)}
              />
              {mergedId ? (
                <p>
                  <Link to={`/people/${mergedId}`}>Open that record</Link> to compare before merging.
                </p>
              ) : null}
              <TextAreaField
                id={`${idPrefix}-reason`}
                label={labels.reason}
                value={reason}
                error={submission.errors?.fields.reason}
                onChange={(event) => setReason(event.currentTarget.value)}
              />
              <div className="form-actions">
                <Button type="submit" variant="danger" isPending={submission.isPending} pendingLabel="Merging…">
                  Merge into this record
                </Button>
              </div>
            </>
          ) : (
            <p role="status">No other record you may see has that name.</p>
          )
        ) : null}
      </form>
    </section>
  );
}
