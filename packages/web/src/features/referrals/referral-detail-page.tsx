import { handoffModeLabels, referralStateLabels, referralUrgencyLabels, type ReferralDetail } from '@continuum/contracts';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { describeError, isApiError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { personName } from '../../ui/person-format.ts';
import { ReferralActions } from './referral-actions.tsx';
import { dueLabel, overdueLabels, reasonLabel, statusTone } from './referral-format.ts';
import { useLiveReload } from './referral-list.tsx';
import { useReferralsApi } from './api-context.tsx';
import { History } from './referral-history.tsx';
import { HandoffForm } from './referral-handoff-form.tsx';
import { Attachments } from './referral-attachments.tsx';

/** One referral: status and deadline, the allowed actions, what was sent, the warm handoff, attachments and the history. */
export function ReferralDetailPage() {
  const { referralId = '' } = useParams();
  const api = useReferralsApi();
  const location = useLocation();
  const state = location.state as { notice?: string; warning?: string | null } | null;
  const [notice, setNotice] = useState<string | null>(state?.notice ?? null);
  const [generation, setGeneration] = useState(0);
  const [editingHandoff, setEditingHandoff] = useState(false);
  const loaded = useApiData(() => api.getReferral(referralId), [referralId, generation]);
  const { error, reload } = loaded;
  // A change answers with the referral as it now is: show that at once, until a newer load arrives.
  const [answered, setAnswered] = useState<ReferralDetail | null>(null);
  const data =
    answered && loaded.data && answered.id === loaded.data.id && answered.updatedAt >= loaded.data.updatedAt ? answered : loaded.data;
  // The version the referral was sent on names its answers, criteria and documents.
  const pathway = useApiData(
    () => (data ? api.getPathway(data.pathwayId, data.pathwayVersion) : Promise.resolve(null)),
    [data?.pathwayId, data?.pathwayVersion],
  );
  useLiveReload(reload);
  const refresh = () => setGeneration((value) => value + 1);

  if (error && !data) {
    const missing = isApiError(error, 'REFERRAL_NOT_FOUND');
    return (
      <>
        <PageHeading title={missing ? 'Referral not found' : 'Referral'} />
        <Alert tone={missing ? 'warning' : 'error'}>
          {missing ? 'This referral does not exist, or it is not shared with your organization.' : describeError(error)}
        </Alert>
      </>
    );
  }
  if (!data || data.id !== referralId) {
    return (
      <p className="page-status" role="status">
        Loading referral…
      </p>
    );
  }
  const due = dueLabel(data.nextDeadlineAt, new Date());
  const terms = pathway.data && pathway.data.id === data.pathwayId ? pathway.data : null;
  const fieldLabels = Object.fromEntries((terms?.requiredFields ?? []).map((f) => [f.key, f.label]));
  const documentLabels = Object.fromEntries((terms?.requiredDocuments ?? []).map((d) => [d.key, d.label]));
  const criteria = [
    ...(terms?.inclusionCriteria ?? []).map((c) => ({ ...c, label: `Applies: ${c.text}` })),
    ...(terms?.exclusionCriteria ?? []).map((c) => ({ ...c, label: `Does not apply: ${c.text}` })),
  ];
  const name = personName(data.person);
  const backTo = data.side === 'receiver' ? { to: '/referrals/inbox', label: 'Inbox' } : { to: '/referrals/sent', label: 'My referrals' };

  return (
    <>
      <p className="breadcrumb">
        <Link to={backTo.to}>{backTo.label}</Link>
      </p>
      <PageHeading
        eyebrow={data.side === 'receiver' ? `Referral from ${data.senderOrganizationName}` : `Referral to ${data.receiverOrganizationName}`}
        title={`Referral for ${name}`}
        description={
          <>
            <span className="referral-status">
              Status: <Badge tone={statusTone(data.status)}>{referralStateLabels[data.status]}</Badge>
            </span>{' '}
            · {data.serviceName} · {referralUrgencyLabels[data.urgency]}
          </>
        }
      />
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {state?.warning ? <Alert tone="warning">{state.warning}</Alert> : null}
      {data.redisclosureNotice ? (
        <Alert tone="warning" role="none" className="redisclosure-notice" title="Protected by 42 CFR Part 2 — do not share further">
          <p>{data.redisclosureNotice}</p>
        </Alert>
      ) : null}
      <section className="card" aria-labelledby="referral-now">
        <h2 id="referral-now">Now</h2>
        <dl className="details">
          <div>
            <dt>Deadline</dt>
            <dd>
              {data.overdue ? <Badge tone="negative">{overdueLabels[data.overdue]}</Badge> : null} {due.text}
              {data.nextDeadlineAt ? ` (${formatDateTime(data.nextDeadlineAt)})` : ''}
            </dd>
          </div>
          <div>
            <dt>Appointment</dt>
            <dd>{formatDateTime(data.appointmentAt, 'Not scheduled')}</dd>
          </div>
          {data.statusReason ? (
            <div>
              <dt>Reason</dt>
              <dd>{reasonLabel(data.statusReason)}</dd>
            </div>
          ) : null}
          {data.outcome ? (
            <div>
              <dt>Outcome</dt>
              <dd>{data.outcome}</dd>
            </div>
          ) : null}
        </dl>
        <ReferralActions
          referral={data}
          onChanged={(next) => {
            setAnswered(next);
            setNotice(`Saved: ${referralStateLabels[next.status]}.`);
            refresh();
          }}
        />
      </section>
      <section className="card" aria-labelledby="referral-sent">
        <h2 id="referral-sent">What was sent</h2>
        <dl className="details">
          <div>
            <dt>Person</dt>
            <dd>
              {data.side === 'sender' ? <Link to={`/people/${data.person.id}`}>{name}</Link> : name}, born {data.person.birthDate}
            </dd>
          </div>
          <div>
            <dt>From</dt>
            <dd>
              {data.senderOrganizationName}
              {data.senderName ? ` (${data.senderName})` : ''}, {formatDateTime(data.createdAt)}
            </dd>
          </div>
          <div>
            <dt>To</dt>
            <dd>
              {data.serviceName}, {data.receiverOrganizationName}
              {data.locationName ? ` · ${data.locationName}` : ''}
            </dd>
          </div>
          <div>
            <dt>Pathway</dt>
            <dd>
              <Link to={`/referrals/pathways/${data.pathwayId}`}>{data.pathwayName}</Link> (version {data.pathwayVersion})
            </dd>
          </div>
          <div>
            <dt>Reason</dt>
            <dd>{data.reason}</dd>
          </div>
          {Object.entries(data.answers).map(([key, value]) => (
            <div key={key}>
              <dt>{fieldLabels[key] ?? key.replace(/_/g, ' ')}</dt>
              <dd>{typeof value === 'boolean' ? (value ? 'Yes' : 'No') : value}</dd>
            </div>
          ))}
          <div>
            <dt>Criteria confirmed by the sender</dt>
            <dd>
              {criteria.length > 0 ? (
                <ul className="plain-list">
                  {criteria.map((c) => (
                    <li key={c.key}>
                      {data.criteriaConfirmed.includes(c.key) ? '✓' : '✗ not confirmed:'} {c.label}
                    </li>
                  ))}
                </ul>
              ) : (
                data.criteriaConfirmed.length
              )}
            </dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="referral-handoff">
        <div className="section-heading">
          <h2 id="referral-handoff">Warm handoff</h2>
          {!editingHandoff && data.status !== 'cancelled' && data.status !== 'rejected' ? (
            <Button size="small" onClick={() => setEditingHandoff(true)}>
              {data.handoff ? 'Change handoff' : 'Record handoff'}
            </Button>
          ) : null}
        </div>
        {data.handoff ? (
          <dl className="details">
            <div>
              <dt>How</dt>
              <dd>{handoffModeLabels[data.handoff.mode]}</dd>
            </div>
            <div>
              <dt>When</dt>
              <dd>{formatDateTime(data.handoff.at)}</dd>
            </div>
            <div>
              <dt>Staff handing off</dt>
              <dd>{data.handoff.senderStaffName}</dd>
            </div>
            <div>
              <dt>Staff receiving</dt>
              <dd>{data.handoff.receiverStaffName}</dd>
            </div>
            {data.handoff.note ? (
              <div>
                <dt>Note</dt>
                <dd>{data.handoff.note}</dd>
              </div>
            ) : null}
          </dl>
        ) : (
          <p className="muted">
            {data.warmHandoffExpected ? 'The pathway expects a warm handoff; none is recorded yet.' : 'No warm handoff recorded.'}
          </p>
        )}
        {editingHandoff ? (
          <HandoffForm
            referral={data}
            onCancel={() => setEditingHandoff(false)}
            onSaved={(next) => {
              setAnswered(next);
              setEditingHandoff(false);
              setNotice('Warm handoff saved.');
              refresh();
            }}
          />
        ) : null}
      </section>
      <Attachments referral={data} documentLabels={documentLabels} onChanged={refresh} />
      <History referral={data} />
    </>
  );
}
