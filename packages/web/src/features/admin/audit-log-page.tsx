import type { AuditVerify } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { filtersFromForm, offsetFrom, withOffset } from '../../app/url-filters.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { Pagination } from '../../ui/pagination.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';

const pageSize = 50;

/** The first characters of an identifier, enough to tell entries apart; the whole value is in the tooltip. */
function ShortId({ value }: { value: string }) {
  if (value.length <= 12) return <code className="id">{value}</code>;
  return (
    <code className="id" title={value}>
      {value.slice(0, 8)}…
    </code>
  );
}

function VerifyResult({ result }: { result: AuditVerify }) {
  if (result.ok) {
    return (
      <Alert tone="success" title="The audit chain is intact">
        {result.checked} {result.checked === 1 ? 'entry was' : 'entries were'} checked; none has been altered or removed.
        {result.pending > 0
          ? ` ${result.pending} newer ${result.pending === 1 ? 'entry is' : 'entries are'} sealed but not chained yet; they join the chain within seconds.`
          : null}
      </Alert>
    );
  }
  return (
    <Alert tone="error" title="The audit chain is broken">
      <p>
        Checked {result.checked} {result.checked === 1 ? 'entry' : 'entries'}.
        {result.firstBrokenId ? (
          <>
            {' '}
            The first entry that does not match is <code>{result.firstBrokenId}</code>.
          </>
        ) : null}
      </p>
      {result.reason ? <p>Reason: {result.reason}</p> : null}
      <p>Tell your privacy officer: the record may have been altered outside Continuum.</p>
    </Alert>
  );
}

export function AuditLogPage() {
  const client = useApi();
  const session = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const action = searchParams.get('action') ?? '';
  const entityType = searchParams.get('entityType') ?? '';
  const offset = offsetFrom(searchParams);
  const [verifyResult, setVerifyResult] = useState<AuditVerify | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const [isVerifying, setVerifying] = useState(false);

  const { data, error, isLoading } = useApiData(
    () => client.listAuditEntries({ action: action || undefined, entityType: entityType || undefined, limit: pageSize, offset }),
    [action, entityType, offset],
  );

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearchParams(filtersFromForm(event.currentTarget, ['action', 'entityType']));
  }

  async function verify() {
    setVerifying(true);
    setVerifyError(null);
    setVerifyResult(null);
    try {
      setVerifyResult(await client.verifyAuditChain());
    } catch (caught) {
      setVerifyError(describeError(caught));
    } finally {
      setVerifying(false);
    }
  }

  return (
    <>
      <PageHeading
        title="Audit log"
        description="Every recorded action in Continuum, newest first. Entries are chained so that any alteration can be detected."
        actions={
          hasRole(session, 'network_admin') ? (
            <Button onClick={() => void verify()} isPending={isVerifying} pendingLabel="Verifying…">
              Verify chain
            </Button>
          ) : null
        }
      />
      {verifyResult ? <VerifyResult result={verifyResult} /> : null}
      {verifyError ? <Alert tone="error">{verifyError}</Alert> : null}
      <form key={`${action}|${entityType}`} className="filters" role="search" aria-label="Filter audit entries" onSubmit={applyFilters}>
        <TextField id="audit-action" label="Action" hint="e.g. auth.login" name="action" defaultValue={action} />
        <TextField id="audit-entity-type" label="Entity type" hint="e.g. organization" name="entityType" defaultValue={entityType} />
        <div className="filters-actions">
          <Button type="submit">Filter</Button>
        </div>
      </form>
      {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
      <Table caption={data ? `Audit entries (${data.total})` : 'Audit entries'}>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Entity</th>
            <th scope="col">Request</th>
          </tr>
        </thead>
        <tbody aria-busy={isLoading}>
          {data?.items.map((entry) => (
            <tr key={entry.id}>
              <td data-label="When" className="nowrap">
                {formatDateTime(entry.occurredAt)}
              </td>
              <td data-label="Actor">{entry.actorLabel}</td>
              <td data-label="Action">
                <code>{entry.action}</code>
              </td>
              <td data-label="Entity">
                {entry.entityType}
                {entry.entityId ? (
                  <>
                    {' '}
                    <ShortId value={entry.entityId} />
                  </>
                ) : null}
              </td>
              <td data-label="Request">{entry.requestId ? <ShortId value={entry.requestId} /> : '—'}</td>
            </tr>
          ))}
          {!data && isLoading ? <EmptyRow columns={5}>Loading audit entries…</EmptyRow> : null}
          {data && data.items.length === 0 ? <EmptyRow columns={5}>No audit entries match these filters.</EmptyRow> : null}
        </tbody>
      </Table>
      {data ? (
        <Pagination
          label="Audit entries"
          offset={offset}
          limit={pageSize}
          total={data.total}
          onChange={(next) => setSearchParams(withOffset(searchParams, next))}
        />
      ) : null}
    </>
  );
}
