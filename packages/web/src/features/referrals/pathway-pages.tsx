import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { describeError, isApiError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button, ButtonLink } from '../../ui/button.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { PathwayForm } from './pathway-form.tsx';
import { useReferralsApi } from './api-context.tsx';
import { referrers, PathwayTerms } from './pathway-terms.tsx';

/** Every pathway (current versions): who may refer to which service, and on what terms. */
export function PathwayListPage() {
  const api = useReferralsApi();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const active = (params.get('active') ?? 'true') as 'true' | 'false' | 'all';
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const list = useApiData(() => api.listPathways({ ...(active !== 'all' ? { active } : {}), ...(q ? { q } : {}) }), [active, q]);
  const canManage = hasRole(session, 'network_admin', 'org_admin');
  return (
    <>
      <PageHeading
        title="Referral pathways"
        description="The agreements between partners: who may refer to which service, what a referral must carry, and how fast the receiver answers."
        actions={
          canManage ? (
            <ButtonLink to="/referrals/pathways/new" variant="primary">
              New pathway
            </ButtonLink>
          ) : null
        }
      />
      <form
        className="filters"
        aria-label="Filter pathways"
        onSubmit={(event) => {
          event.preventDefault();
          const next = new URLSearchParams(params);
          if (search.trim()) next.set('q', search.trim());
          else next.delete('q');
          setParams(next);
        }}
      >
        <TextField id="pathways-q" label="Name" type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <SelectField
          id="pathways-active"
          label="Active"
          value={active}
          options={[
            { value: 'true', label: 'Active today' },
            { value: 'false', label: 'Not active' },
            { value: 'all', label: 'All' },
          ]}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            next.set('active', e.currentTarget.value);
            setParams(next);
          }}
        />
        <Button type="submit">Search</Button>
      </form>
      {list.error ? <Alert tone="error">{describeError(list.error)}</Alert> : null}
      <Table caption="Referral pathways" isCaptionHidden>
        <thead>
          <tr>
            <th scope="col">Pathway</th>
            <th scope="col">Receiver and services</th>
            <th scope="col">Who may refer</th>
            <th scope="col">Response times</th>
            <th scope="col">Active</th>
          </tr>
        </thead>
        <tbody>
          {!list.data && list.isLoading ? <EmptyRow columns={5}>Loading pathways…</EmptyRow> : null}
          {list.data && list.data.length === 0 ? <EmptyRow columns={5}>No pathways match.</EmptyRow> : null}
          {(list.data ?? []).map((p) => (
            <tr key={p.id}>
              <th scope="row" data-label="Pathway">
                <Link to={`/referrals/pathways/${p.id}`}>{p.name}</Link>
                <br />
                <span className="muted">Version {p.version}</span>
              </th>
              <td data-label="Receiver and services">
                {p.receiverOrganizationName}
                <br />
                <span className="muted">{p.services.map((s) => s.name).join(', ')}</span>
              </td>
              <td data-label="Who may refer">{referrers(p)}</td>
              <td data-label="Response times">
                Acknowledge in {p.ackHours} h; first contact in {p.firstContactDays} d{p.warmHandoffExpected ? '; warm handoff' : ''}
              </td>
              <td data-label="Active">{p.active ? <Badge tone="positive">Active</Badge> : <Badge>Not active</Badge>}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}

/** One pathway: its current terms (or an earlier version), its versions, and a new version for those who manage it. */
export function PathwayDetailPage() {
  const { pathwayId = '' } = useParams();
  const [params] = useSearchParams();
  const version = params.get('version') ? Number(params.get('version')) : undefined;
  const api = useReferralsApi();
  const location = useLocation();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [editing, setEditing] = useState(false);
  const [generation, setGeneration] = useState(0);
  const { data, error } = useApiData(() => api.getPathway(pathwayId, version), [pathwayId, version, generation]);

  if (error && !data) {
    const missing = isApiError(error, 'PATHWAY_NOT_FOUND');
    return (
      <>
        <PageHeading title={missing ? 'Pathway not found' : 'Pathway'} />
        <Alert tone={missing ? 'warning' : 'error'}>{missing ? 'No such pathway.' : describeError(error)}</Alert>
      </>
    );
  }
  if (!data || data.id !== pathwayId) {
    return (
      <p className="page-status" role="status">
        Loading pathway…
      </p>
    );
  }
  const latest = Math.max(...data.versions.map((v) => v.version), data.version);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/referrals/pathways">Pathways</Link>
      </p>
      <PageHeading
        eyebrow="Referral pathway"
        title={data.name}
        description={`Version ${data.version}${data.version < latest ? ` (the current version is ${latest})` : ''} · created ${formatDateTime(data.createdAt)}${data.createdByName ? ` by ${data.createdByName}` : ''}`}
        actions={
          data.canEdit && !editing && data.version === latest ? (
            <Button onClick={() => setEditing(true)}>Edit as a new version</Button>
          ) : null
        }
      />
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {data.description ? <p>{data.description}</p> : null}
      {editing ? (
        <section className="card form-card" aria-labelledby="pathway-edit">
          <h2 id="pathway-edit">New version</h2>
          <p className="muted">Referrals already sent keep the version they were sent on.</p>
          <PathwayForm
            pathway={data}
            onSave={(body) => api.savePathwayVersion(data.id, body)}
            onCancel={() => setEditing(false)}
            onSaved={(saved) => {
              setEditing(false);
              setNotice(`Version ${saved.version} saved.`);
              setGeneration((g) => g + 1);
            }}
          />
        </section>
      ) : (
        <PathwayTerms pathway={data} />
      )}
      <section aria-labelledby="pathway-versions">
        <h2 id="pathway-versions">Versions</h2>
        <ol className="plain-list">
          {[...data.versions].reverse().map((v) => (
            <li key={v.version}>
              {v.version === data.version ? (
                <strong>Version {v.version} (shown)</strong>
              ) : (
                <Link to={`/referrals/pathways/${data.id}?version=${v.version}`}>Version {v.version}</Link>
              )}{' '}
              · {formatDateTime(v.createdAt)}
              {v.createdByName ? ` by ${v.createdByName}` : ''} · active from {v.activeFrom}
              {v.activeUntil ? ` until ${v.activeUntil}` : ''}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

export function PathwayNewPage() {
  const api = useReferralsApi();
  const navigate = useNavigate();
  const session = useSession();
  if (!hasRole(session, 'network_admin', 'org_admin')) {
    return (
      <>
        <PageHeading title="New pathway" />
        <Alert tone="warning">Network and organization administrators create pathways.</Alert>
      </>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <Link to="/referrals/pathways">Pathways</Link>
      </p>
      <PageHeading title="New pathway" description="An agreement for referrals to a receiving organization’s services." />
      <div className="card form-card">
        <PathwayForm
          onSave={(body) => api.createPathway(body)}
          onCancel={() => void navigate('/referrals/pathways')}
          onSaved={(saved) => void navigate(`/referrals/pathways/${saved.id}`, { state: { notice: 'Pathway created.' } })}
        />
      </div>
    </>
  );
}
