import './worklist.css';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  worklistStatusLabels,
  worklistTaskKindLabels,
  worklistTaskKinds,
  type WorklistListQuery,
  type WorklistTask,
  type WorklistTaskKind,
} from '@continuum/contracts';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { filtersFromForm, offsetFrom, withOffset } from '../../app/url-filters.ts';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxField, SelectField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { NewTaskForm } from './new-task-form.tsx';
import { formatDue } from './worklist-format.ts';

const PAGE_SIZE = 25;
const statusFilters = [
  { value: 'open', label: 'Open' },
  { value: 'snoozed', label: 'Snoozed' },
  { value: 'active', label: 'Open and snoozed' },
  { value: 'done', label: 'Done' },
] as const;
type StatusFilter = (typeof statusFilters)[number]['value'];

export function personLabel(task: Pick<WorklistTask, 'person' | 'restricted'>): string {
  if (!task.person) return 'Restricted — consent needed';
  return `${task.person.givenName} ${task.person.familyName}`;
}

function isKind(value: string | null): value is WorklistTaskKind {
  return value !== null && (worklistTaskKinds as readonly string[]).includes(value);
}

/** The navigator's worklist: who needs outreach, soonest due first (overdue on top), mine or the team's. */
export function WorklistPage() {
  const client = useApi();
  const [searchParams, setSearchParams] = useSearchParams();
  const scope = searchParams.get('scope') === 'mine' ? 'mine' : 'team';
  const kindParam = searchParams.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const statusParam = searchParams.get('status');
  const status: StatusFilter = statusFilters.some((s) => s.value === statusParam) ? (statusParam as StatusFilter) : 'open';
  const overdue = searchParams.get('overdue') === 'true';
  const personId = searchParams.get('personId') ?? undefined;
  const offset = offsetFrom(searchParams);
  const [now] = useState(() => new Date());

  const query: WorklistListQuery = {
    scope,
    status,
    limit: PAGE_SIZE,
    offset,
    ...(kind ? { kind } : {}),
    ...(overdue ? { overdue: true } : {}),
    ...(personId ? { personId } : {}),
  };
  const { data, error, isLoading } = useApiData(() => client.listWorklist(query), [scope, kind, status, overdue, personId, offset]);

  function setScope(next: 'mine' | 'team') {
    const params = new URLSearchParams(searchParams);
    params.set('scope', next);
    params.delete('offset');
    setSearchParams(params);
  }

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const params = filtersFromForm(event.currentTarget, ['kind', 'status', 'overdue']);
    params.set('scope', scope);
    if (personId) params.set('personId', personId);
    setSearchParams(params);
  }

  const restrictedCount = data?.items.filter((t) => t.restricted).length ?? 0;

  return (
    <>
      <PageHeading
        eyebrow="Outreach"
        title="Worklist"
        description="People who may have dropped out of care and need a call, a visit or a warm handoff. Overdue tasks come first."
      />
      <nav className="tabs" aria-label="Whose tasks">
        {(['mine', 'team'] as const).map((value) => (
          <Link
            key={value}
            to={`?scope=${value}`}
            className={scope === value ? 'tab active' : 'tab'}
            aria-current={scope === value ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              setScope(value);
            }}
          >
            {value === 'mine' ? 'My tasks' : "My team's tasks"}
          </Link>
        ))}
      </nav>
      <form className="filters" onSubmit={applyFilters} aria-label="Filter tasks">
        <SelectField
          label="Kind"
          name="kind"
          defaultValue={kind ?? ''}
          options={[{ value: '', label: 'All kinds' }, ...worklistTaskKinds.map((k) => ({ value: k, label: worklistTaskKindLabels[k] }))]}
        />
        <SelectField label="Status" name="status" defaultValue={status} options={statusFilters} />
        <CheckboxField label="Overdue only" name="overdue" value="true" defaultChecked={overdue} />
        <div className="filters-actions">
          <Button type="submit">Apply filters</Button>
        </div>
      </form>
      {personId ? (
        <>
          <p>
            Showing one person's tasks. <Link to={`?scope=${scope}`}>Show everyone's</Link>
          </p>
          <NewTaskForm personId={personId} />
        </>
      ) : null}
      {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
      <p className="page-status" role="status">
        {isLoading
          ? 'Loading tasks…'
          : data
            ? `${data.items.length}${data.hasMore ? '+' : ''} task${data.items.length === 1 ? '' : 's'}`
            : ''}
      </p>
      {restrictedCount > 0 ? (
        <Alert tone="info">
          {restrictedCount === 1 ? 'One task is' : `${restrictedCount} tasks are`} about a person or a record your organization may not see
          without the person's consent: only the kind and due time are shown.
        </Alert>
      ) : null}
      <Table caption="Outreach tasks" isCaptionHidden>
        <thead>
          <tr>
            <th scope="col">Due</th>
            <th scope="col">Person</th>
            <th scope="col">Why</th>
            <th scope="col">Assigned to</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {data && data.items.length === 0 ? <EmptyRow columns={5}>No tasks here. Nobody is waiting for outreach.</EmptyRow> : null}
          {data?.items.map((task) => (
            <tr key={task.id}>
              <td data-label="Due">
                {task.overdue ? <Badge tone="negative">Overdue</Badge> : null}{' '}
                <span title={formatDateTime(task.dueAt)}>
                  {status === 'done' ? `done ${formatDateTime(task.completedAt)}` : formatDue(task.dueAt, now)}
                </span>
              </td>
              <td data-label="Person">
                <Link to={`/worklist/${task.id}`}>{personLabel(task)}</Link>
              </td>
              <td data-label="Why">
                <strong>{worklistTaskKindLabels[task.kind]}</strong>
                {task.reason ? <p className="muted">{task.reason}</p> : null}
              </td>
              <td data-label="Assigned to">{task.assignee?.name ?? 'The team'}</td>
              <td data-label="Status">
                {worklistStatusLabels[task.status]}
                {task.snoozedUntil ? <span className="muted"> until {formatDateTime(task.snoozedUntil)}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {data && (offset > 0 || data.hasMore) ? (
        <nav className="pagination" aria-label="Pages of tasks">
          <div className="pagination-buttons">
            <Button
              size="small"
              disabled={offset === 0}
              onClick={() => setSearchParams(withOffset(searchParams, Math.max(0, offset - PAGE_SIZE)))}
            >
              Previous
            </Button>
            <Button size="small" disabled={!data.hasMore} onClick={() => setSearchParams(withOffset(searchParams, offset + PAGE_SIZE))}>
              Next
            </Button>
          </div>
        </nav>
      ) : null}
    </>
  );
}
