import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { agreementKindLabels, addIsoDays, partyRoleLabels, type Agreement } from '@continuum/contracts';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button, ButtonLink } from '../../ui/button.tsx';
import { TextField } from '../../ui/field.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { useNetworkApi } from './api-context.tsx';
import { NetworkNav } from './network-nav.tsx';
import { agreementStateTone, agreementToInput, formatDay, kindsText, purposesText, qsoaExplanation, stateLabel } from './network-format.ts';
import { TerminateForm } from './terminate-form.tsx';

/** One agreement: parties, people, scope, dates; network administrators renew, change or terminate it. */
export function AgreementDetailPage() {
  const { agreementId = '' } = useParams();
  const api = useNetworkApi();
  const session = useSession();
  const isManager = hasRole(session, 'network_admin');
  const { data, error, reload } = useApiData(() => api.getAgreement(agreementId), [agreementId]);
  const [notice, setNotice] = useState<string | null>(null);
  if (error) return <Alert tone="error">{describeError(error)}</Alert>;
  if (!data)
    return (
      <p className="page-status" role="status">
        Loading…
      </p>
    );
  const a = data;
  const orgName = (id: string | null) => a.parties.find((p) => p.organizationId === id)?.organizationName ?? '';
  const changed = (message: string) => {
    setNotice(message);
    reload();
  };
  return (
    <>
      <PageHeading
        eyebrow={agreementKindLabels[a.kind]}
        title={a.title}
        actions={
          isManager && a.status !== 'terminated' ? <ButtonLink to={`/network/agreements/${a.id}/edit`}>Edit agreement</ButtonLink> : null
        }
      />
      <NetworkNav />
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <p>
        <Badge tone={agreementStateTone[a.state]}>{stateLabel(a)}</Badge>
      </p>
      {a.state === 'ending_soon' ? (
        <Alert tone="warning" title="Renewal due soon">
          This agreement ends on {formatDay(a.endsOn)}. From that day it gives no access and no longer counts as in force.
          {isManager ? ' Extend it below once the renewal is signed.' : ' Your network administrator renews it.'}
        </Alert>
      ) : null}
      {a.kind === 'qsoa' ? (
        <section aria-labelledby="qsoa-heading" className="network-panel">
          <h2 id="qsoa-heading">What this agreement lets the service organization see</h2>
          <p>{qsoaExplanation(a)}</p>
        </section>
      ) : null}
      <h2>Details</h2>
      <dl className="network-details">
        <dt>Parties</dt>
        <dd>
          <ul>
            {a.parties.map((p) => (
              <li key={p.organizationId}>
                {p.organizationName} — {partyRoleLabels[p.role]}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Signatories</dt>
        <dd>{peopleText(a.signatories, orgName, true)}</dd>
        <dt>Champions</dt>
        <dd>{peopleText(a.champions, orgName, false)}</dd>
        <dt>Records covered</dt>
        <dd>{kindsText(a.dataKinds)}</dd>
        <dt>Purposes</dt>
        <dd>{purposesText(a.purposes)}</dd>
        <dt>Scope in words</dt>
        <dd>{a.scopeNote ?? '—'}</dd>
        <dt>In force from</dt>
        <dd>{formatDay(a.effectiveOn)}</dd>
        <dt>Ends on</dt>
        <dd>{a.endsOn ? `${formatDay(a.endsOn)} (in force up to the day before)` : 'Open-ended'}</dd>
        {a.terminatedOn ? (
          <>
            <dt>Terminated from</dt>
            <dd>{formatDay(a.terminatedOn)}</dd>
          </>
        ) : null}
        {a.kind === 'referral' ? (
          <>
            <dt>Referral pathways governed</dt>
            <dd>{a.pathwayIds.length}</dd>
          </>
        ) : null}
        <dt>Signed document</dt>
        <dd>{a.documentRef ?? '—'}</dd>
        <dt>Notes</dt>
        <dd>{a.notes ?? '—'}</dd>
      </dl>
      {isManager && a.status === 'active' && a.state !== 'ended' ? (
        <>
          <RenewForm agreement={a} onRenewed={changed} />
          <TerminateForm agreement={a} onTerminated={changed} />
        </>
      ) : null}
    </>
  );
}

function peopleText(people: Agreement['signatories'], orgName: (id: string | null) => string, signed: boolean): string {
  if (people.length === 0) return '—';
  return people
    .map((p) =>
      [p.name, p.title, orgName(p.organizationId) || null, p.email, signed && p.signedOn ? `signed ${formatDay(p.signedOn)}` : null]
        .filter(Boolean)
        .join(', '),
    )
    .join('; ');
}

/** Renewal: a later end date (the reminders start again for it). */
function RenewForm({ agreement, onRenewed }: { agreement: Agreement; onRenewed: (message: string) => void }) {
  const api = useNetworkApi();
  const { run, isPending, errors } = useSubmission();
  const base = agreement.endsOn ?? agreement.effectiveOn;
  const [endsOn, setEndsOn] = useState(addIsoDays(base, 365));
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const result = await run(() => api.updateAgreement(agreement.id, { ...agreementToInput(agreement), endsOn }));
    if (result.ok) onRenewed(`Renewed: the agreement now ends on ${formatDay(result.value.endsOn)}.`);
  }
  return (
    <form className="form network-panel" onSubmit={submit} noValidate aria-labelledby="renew-heading">
      <h2 id="renew-heading">Renew or extend</h2>
      <FormErrorSummary errors={errors} labels={{ endsOn: 'New end date' }} idPrefix="renew" />
      <TextField
        id="renew-endsOn"
        label="New end date"
        hint="The day the renewed agreement ends (it is in force up to the day before)"
        type="date"
        value={endsOn}
        onChange={(e) => setEndsOn(e.target.value)}
        error={errors?.fields.endsOn}
      />
      <Button type="submit" variant="primary" isPending={isPending} pendingLabel="Saving…">
        Extend agreement
      </Button>
    </form>
  );
}
