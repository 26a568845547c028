import {
  handoffModeLabels,
  handoffModes,
  REFERRAL_ATTACHMENT_MAX_BYTES,
  referralEventLabels,
  referralStateLabels,
  referralUrgencyLabels,
  type HandoffInput,
  type ReferralDetail,
} from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { describeError, isApiError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { personName } from '../people/people-format.ts';
import { LanguageHints } from './language-hints.tsx';
import { ReferralActions } from './referral-actions.tsx';
import { attachmentProblem, dueLabel, formatBytes, localInputToIso, overdueLabels, reasonLabel, statusTone } from './referral-format.ts';
import { useLiveReload } from './referral-list.tsx';
import { attachmentPath } from './api.ts';
import { useReferralsApi } from './api-context.tsx';

function History({ referral }: { referral: ReferralDetail }) {
  return (
    <section aria-labelledby="referral-history">
      <h2 id="referral-history">History</h2>
      <ol className="referral-history" aria-label="Referral history">
        {referral.history.map((entry) => (
          <li key={entry.id} className="referral-history-entry">
            <p className="muted">
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> · {entry.byName ?? 'System'}
              {entry.byOrganizationName ? `, ${entry.byOrganizationName}` : ''}
            </p>
            <p className="referral-history-title">
              {entry.event === 'create' ? 'Sent' : `${referralEventLabels[entry.event]} → ${referralStateLabels[entry.toState]}`}
            </p>
            {entry.reason ? <p>Reason: {reasonLabel(entry.reason)}</p> : null}
            {entry.appointmentAt ? <p>Appointment: {formatDateTime(entry.appointmentAt)}</p> : null}
            {entry.outcome ? <p>Outcome: {entry.outcome}</p> : null}
            {entry.note ? <p className="referral-note">{entry.note}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

const handoffLabels = { mode: 'How', at: 'When', senderStaffName: 'Staff handing off', receiverStaffName: 'Staff receiving', note: 'Note' };

function HandoffForm({
  referral,
  onSaved,
  onCancel,
}: {
  referral: ReferralDetail;
  onSaved: (next: ReferralDetail) => void;
  onCancel: () => void;
}) {
  const api = useReferralsApi();
  const session = useSession();
  const submission = useSubmission();
  const existing = referral.handoff;
  const [values, setValues] = useState({
    mode: (existing?.mode ?? 'phone') as HandoffInput['mode'],
    at: '',
    senderStaffName: existing?.senderStaffName ?? (referral.side === 'sender' ? session.user.displayName : ''),
    receiverStaffName: existing?.receiverStaffName ?? (referral.side === 'receiver' ? session.user.displayName : ''),
    note: existing?.note ?? '',
  });
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const at = localInputToIso(values.at);
    const fields: Record<string, string> = {};
    if (!at) fields.at = 'Give the date and time.';
    if (!values.senderStaffName.trim()) fields.senderStaffName = 'Name the staff member.';
    if (!values.receiverStaffName.trim()) fields.receiverStaffName = 'Name the staff member.';
    if (Object.keys(fields).length > 0) {
      submission.setErrors({ message: 'Some fields need attention.', code: undefined, fields });
      return;
    }
    const result = await submission.run(() =>
      api.recordHandoff(referral.id, {
        mode: values.mode,
        at: at!,
        senderStaffName: values.senderStaffName.trim(),
        receiverStaffName: values.receiverStaffName.trim(),
        note: values.note.trim() || null,
      }),
    );
    if (result.ok) onSaved(result.value);
  }
  return (
    <form className="form card form-card" noValidate aria-label="Record the warm handoff" onSubmit={(event) => void submit(event)}>
      <FormErrorSummary errors={submission.errors} labels={handoffLabels} idPrefix="handoff" />
      <SelectField
        id="handoff-mode"
        label={handoffLabels.mode}
        value={values.mode}
        options={handoffModes.map((m) => ({ value: m, label: handoffModeLabels[m] }))}
        onChange={(e) => setValues({ ...values, mode: e.currentTarget.value as HandoffInput['mode'] })}
      />
      <TextField
        id="handoff-at"
        label={handoffLabels.at}
        type="datetime-local"
        value={values.at}
        error={submission.errors?.fields.at}
        onChange={(e) => setValues({ ...values, at: e.currentTarget.value })}
      />
      <TextField
        id="handoff-senderStaffName"
        label={handoffLabels.senderStaffName}
        value={values.senderStaffName}
        error={submission.errors?.fields.senderStaffName}
        onChange={(e) => setValues({ ...values, senderStaffName: e.currentTarget.value })}
      />
      <TextField
        id="handoff-receiverStaffName"
        label={handoffLabels.receiverStaffName}
        value={values.receiverStaffName}
        error={submission.errors?.fields.receiverStaffName}
        onChange={(e) => setValues({ ...values, receiverStaffName: e.currentTarget.value })}
      />
      <TextAreaField
        id="handoff-note"
        label={handoffLabels.note}
        isOptional
        value={values.note}
        onChange={(e) => setValues({ ...values, note: e.currentTarget.value })}
      />
      <LanguageHints id="handoff-note-language" text={values.note} />
      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Saving…">
          Save handoff
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function Attachments({
  referral,
  documentLabels,
  onChanged,
}: {
  referral: ReferralDetail;
  documentLabels: Record<string, string>;
  onChanged: () => void;
}) {
  const api = useReferralsApi();
  const [file, setFile] = useState<File | null>(null);
  const [documentKey, setDocumentKey] = useState('');
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [isPending, setPending] = useState(false);
  const problem = file ? attachmentProblem(file, REFERRAL_ATTACHMENT_MAX_BYTES) : null;
  const closed = referral.status === 'cancelled' || referral.status === 'rejected';

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      setMessage({ tone: 'error', text: 'Choose a file first.' });
      return;
    }
    if (problem) {
      setMessage({ tone: 'error', text: problem });
      return;
    }
    setPending(true);
    setMessage(null);
    try {
      await api.uploadAttachment(referral.id, file, documentKey || null);
      setMessage({ tone: 'success', text: `${file.name} attached.` });
      setFile(null);
      setDocumentKey('');
      (event.currentTarget as HTMLFormElement | null)?.reset();
      onChanged();
    } catch (error) {
      setMessage({ tone: 'error', text: describeError(error) });
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby="referral-attachments">
      <h2 id="referral-attachments">Attachments</h2>
      {referral.missingDocuments.length > 0 ? (
        <Alert tone="warning" title="Documents the pathway requires are missing">
          <ul>
            {referral.missingDocuments.map((d) => (
              <li key={d.key}>{d.label}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {referral.attachments.length === 0 ? (
        <p className="muted">No attachments.</p>
      ) : (
        <ul className="plain-list" aria-label="Attached files">
          {referral.attachments.map((a) => (
            <li key={a.id}>
              <a href={attachmentPath(referral.id, a.id)} download={a.fileName}>
                {a.fileName}
              </a>{' '}
              · {formatBytes(a.size)} · {formatDateTime(a.uploadedAt)}
              {a.uploadedByName ? ` by ${a.uploadedByName}` : ''}
              {a.documentKey ? ` · ${documentLabels[a.documentKey] ?? a.documentKey}` : ''}
            </li>
          ))}
        </ul>
      )}
      {closed ? null : (
        <form className="form referral-attach-form" noValidate aria-label="Attach a file" onSubmit={(event) => void upload(event)}>
          <TextField
            id="attachment-file"
            label="File to attach"
            hint={`PDF, PNG, JPEG or plain text, at most ${formatBytes(REFERRAL_ATTACHMENT_MAX_BYTES)}.`}
            type="file"
            accept=".pdf,.png,.jpg,.jpeg,.txt,application/pdf,image/png,image/jpeg,text/plain"
            error={problem ?? undefined}
            onChange={(event) => {
              setMessage(null);
              setFile(event.currentTarget.files?.[0] ?? null);
            }}
          />
          {file && !problem ? (
            <p className="muted">
              {file.name} · {formatBytes(file.size)} · ready to attach
            </p>
          ) : null}
          {referral.missingDocuments.length > 0 ? (
            <SelectField
              id="attachment-document"
              label="It is"
              value={documentKey}
              options={[
                { value: '', label: 'Another attachment' },
                ...referral.missingDocuments.map((d) => ({ value: d.key, label: d.label })),
              ]}
              onChange={(event) => setDocumentKey(event.currentTarget.value)}
            />
          ) : null}
          <Button type="submit" isPending={isPending} pendingLabel="Uploading…">
            Attach
          </Button>
          {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
        </form>
      )}
    </section>
  );
}

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
