import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { DrillDownResponse, MeasureDefinition, MeasureResult } from '@continuum/contracts';
import { describeError } from '../../api/api-error.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/field.tsx';
import { formatDate } from '../../ui/format.ts';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { monthLabel } from './charts/chart-scale.ts';
import type { DrillDownQuery } from './api.ts';
import { useLearningApi } from './api-context.tsx';

const groupOptions = [
  { value: 'not_met', label: 'Did not meet the measure' },
  { value: 'numerator', label: 'Met the measure' },
  { value: 'denominator', label: 'Everyone counted' },
];

/**
 * The people behind a month's number, for clinicians and care navigators: the server reads them
 * through the consent chokepoint and says how many it may not show.
 */
export function DrillDownPanel({
  definition,
  result,
  organizationId,
}: {
  definition: MeasureDefinition;
  result: MeasureResult;
  organizationId: string | undefined;
}) {
  const api = useLearningApi();
  const months = result.months.map((m) => m.month);
  const [state, setState] = useState<
    { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'done'; data: DrillDownResponse }
  >({ status: 'idle' });
  if (definition.kind === 'count' || months.length === 0) return null;

  async function load(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const query: DrillDownQuery = { month: String(data.get('month')), group: String(data.get('group')) as DrillDownQuery['group'] };
    if (organizationId) query.organizationId = organizationId;
    setState({ status: 'loading' });
    try {
      setState({ status: 'done', data: await api.drillDown(definition.id, query) });
    } catch (error) {
      setState({ status: 'error', error });
    }
  }

  return (
    <details className="drill-down">
      <summary>People behind the number</summary>
      <form className="form-row-3" onSubmit={(e) => void load(e)} aria-label={`People behind ${definition.name}`}>
        <SelectField
          label="Month"
          name="month"
          defaultValue={months[months.length - 1]}
          options={[...months].reverse().map((m) => ({ value: m, label: monthLabel(m) }))}
        />
        <SelectField label="Who" name="group" defaultValue="not_met" options={groupOptions} />
        <div className="form-actions">
          <Button type="submit" size="small" isPending={state.status === 'loading'} pendingLabel="Loading…">
            Show people
          </Button>
        </div>
      </form>
      {state.status === 'error' ? <Alert tone="error">{describeError(state.error)}</Alert> : null}
      {state.status === 'done' ? (
        <>
          <Table caption={`${definition.name}, ${monthLabel(state.data.month)}: people`} narrowLayout="scroll">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Birth date</th>
                <th scope="col">Event date</th>
                <th scope="col">Met the measure</th>
              </tr>
            </thead>
            <tbody>
              {state.data.items.length === 0 ? <EmptyRow columns={4}>No one you may see.</EmptyRow> : null}
              {state.data.items.map((p) => (
                <tr key={`${p.personId}-${p.eventDate}`}>
                  <th scope="row">
                    <Link to={`/people/${encodeURIComponent(p.personId)}`}>{p.displayName}</Link>
                  </th>
                  <td>{formatDate(p.birthDate ? `${p.birthDate}T12:00:00` : null)}</td>
                  <td>{formatDate(`${p.eventDate}T12:00:00`)}</td>
                  <td>{p.met ? 'Yes' : 'No'}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          {state.data.notShown > 0 ? (
            <p className="field-hint">
              {state.data.notShown.toLocaleString('en-US')} more {state.data.notShown === 1 ? 'person is' : 'people are'} behind this number
              whom you may not see (their consent does not cover your organization).
            </p>
          ) : null}
        </>
      ) : null}
    </details>
  );
}
