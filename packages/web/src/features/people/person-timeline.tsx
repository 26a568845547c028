import {
  consentableKinds,
  purposeLabels,
  purposes,
  recordKindLabels,
  type AddTimelineEvent,
  type ConsentKind,
  type Purpose,
  type Timeline,
} from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Badge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { ReferralEntryDetail } from '../referrals/index.ts';
import { accessBasisLabels, kindLabel } from '../../ui/person-format.ts';
import { denyReasonLabels } from './people-format.ts';
import { touchpointSummary } from './touchpoints/touchpoint-summary.ts';

/** The entry type recorded for each kind of information a user adds by hand. */
const typeForKind: Record<ConsentKind, AddTimelineEvent['type']> = {
  sud_treatment: 'diagnosis',
  medications: 'medication',
  referrals: 'appointment',
  overdose_events: 'overdose',
  screening: 'screening',
  notes: 'note',
  counseling_notes: 'counseling_note',
};

const labels = { kind: 'Kind of information', title: 'Title', detail: 'Details', occurredAt: 'When' };

/** The redisclosure notice of 42 CFR 2.32 and the consents the Part 2 entries were shared under. */
export function RedisclosureBanner({ timeline }: { timeline: Timeline }) {
  if (!timeline.redisclosureNotice) return null;
  return (
    <Alert tone="warning" role="none" className="redisclosure-notice" title="Protected by 42 CFR Part 2 — do not share further">
      <p>{timeline.redisclosureNotice}</p>
      {timeline.consentScopes.length > 0 ? (
        <>
          <p className="alert-subtitle">Shared under these consents:</p>
          <ul>
            {timeline.consentScopes.map((scope) => (
              <li key={scope.consentId}>
                <Link to={`/consents/${scope.consentId}`}>{scope.summary}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Alert>
  );
}

interface PersonTimelineProps {
  personId: string;
  timeline: Timeline;
  /** Why the user is looking: consents cover some purposes only. */
  purpose: Purpose;
  onPurposeChange: (purpose: Purpose) => void;
  mayAdd: boolean;
  onAdded: () => void;
}

/**
 * What happened, newest first. Entries the caller may not see are never dropped silently: each kind
 * shows as "Restricted — consent needed" with a count and the reason.
 */
export function PersonTimeline({ personId, timeline, purpose, onPurposeChange, mayAdd, onAdded }: PersonTimelineProps) {
  const client = useApi();
  const submission = useSubmission();
  const [isAdding, setAdding] = useState(false);
  const [kind, setKind] = useState<ConsentKind>('notes');
  const [title, setTitle] = useState('');
  const [detail, setDetail] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await submission.run(() =>
      client.addTimelineEvent(personId, { kind, type: typeForKind[kind], title, detail: detail.trim() || null }),
    );
    if (result.ok) {
      setAdding(false);
      setTitle('');
      setDetail('');
      setNotice('Added to the timeline.');
      onAdded();
    }
  }

  return (
    <section aria-labelledby="timeline-heading">
      <div className="section-heading">
        <h2 id="timeline-heading">Timeline</h2>
        {mayAdd && !isAdding ? (
          <Button
            variant="primary"
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
          >
            Add an entry
          </Button>
        ) : null}
      </div>
      <div className="timeline-purpose">
        <SelectField
          id="timeline-purpose"
          label="Purpose of this view"
          hint="Information is shared only for the purposes a consent covers."
          value={purpose}
          options={purposes.map((value) => ({ value, label: purposeLabels[value].en }))}
          onChange={(event) => onPurposeChange(event.currentTarget.value as Purpose)}
        />
      </div>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {isAdding ? (
        <form className="form card form-card" noValidate aria-label="Add a timeline entry" onSubmit={(event) => void add(event)}>
          <FormErrorSummary errors={submission.errors} labels={labels} idPrefix="timeline" />
          <SelectField
            id="timeline-kind"
            label={labels.kind}
            hint="Entries from substance use treatment programs are labelled Part 2 and shared only with consent."
            value={kind}
            error={submission.errors?.fields.kind}
            options={consentableKinds.map((value) => ({ value, label: recordKindLabels[value].en }))}
            onChange={(event) => setKind(event.currentTarget.value as ConsentKind)}
          />
          <TextField
            id="timeline-title"
            label={labels.title}
            value={title}
            error={submission.errors?.fields.title}
            onChange={(event) => setTitle(event.currentTarget.value)}
          />
          <TextAreaField
            id="timeline-detail"
            label={labels.detail}
            isOptional
            value={detail}
            error={submission.errors?.fields.detail}
            onChange={(event) => setDetail(event.currentTarget.value)}
          />
          <div className="form-actions">
            <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Saving…">
              Save entry
            </Button>
            <Button
              variant="quiet"
              onClick={() => {
                submission.clear();
                setAdding(false);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      <RedisclosureBanner timeline={timeline} />
      {timeline.restricted.length > 0 ? (
        <ul className="restricted-list" aria-label="Restricted information">
          {timeline.restricted.map((marker) => (
            <li key={`${marker.kind}:${marker.reason}`} className="restricted-marker">
              <p className="restricted-title">Restricted — consent needed</p>
              <p>
                <strong>{kindLabel(marker.kind)}</strong> · {marker.count} {marker.count === 1 ? 'entry' : 'entries'}
              </p>
              <p className="muted">{denyReasonLabels[marker.reason]}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {timeline.entries.length > 0 ? (
        <ol className="timeline" aria-label="Timeline entries">
          {timeline.entries.map((entry) => (
            <li key={entry.id} className="timeline-entry">
              <p className="timeline-meta">
                <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time> · {kindLabel(entry.kind)} ·{' '}
                {entry.sourceOrganizationName}
              </p>
              <p className="timeline-title">
                {entry.title} {entry.sensitivity === 'part2' ? <Badge tone="warning">Part 2</Badge> : null}{' '}
                {entry.basis === 'break_glass' || entry.basis === 'consent' ? <Badge>{accessBasisLabels[entry.basis]}</Badge> : null}
              </p>
              <ReferralEntryDetail entry={entry} />
              {touchpointSummary(entry) ? <p className="timeline-data">{touchpointSummary(entry)}</p> : null}
              {entry.detail ? <p className="timeline-detail">{entry.detail}</p> : null}
            </li>
          ))}
        </ol>
      ) : timeline.restricted.length === 0 ? (
        <p className="muted">Nothing on the timeline yet.</p>
      ) : null}
    </section>
  );
}
