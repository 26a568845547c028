// Longer than 300 lines because it is one form: the pathway's answers, documents, warm handoff and note, its
// validation and its submission read top to bottom in one component (its fields are in referral-form-
// fields.tsx).
import {
  handoffModeLabels,
  handoffModes,
  REFERRAL_ATTACHMENT_MAX_BYTES,
  referralPurposes,
  referralUrgencies,
  referralUrgencyLabels,
  type CreateReferral,
  type HandoffInput,
  type PathwayDetail,
  type ReferralSuggestion,
  type ReferralUrgency,
} from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/field.tsx';
import { LanguageHints } from './language-hints.tsx';
import { attachmentProblem, localInputToIso } from './referral-format.ts';
import { FileChoice, AnswerField } from './referral-form-fields.tsx';
import { ConsentNeededNotice } from './consent-needed-notice.tsx';

const purposeLabels: Record<(typeof referralPurposes)[number], string> = { treatment: 'Treatment', care_coordination: 'Care coordination' };

export interface ChosenFile {
  file: File;
  /** The pathway document it answers, or null for another attachment. */
  documentKey: string | null;
}

export interface ReferralSubmission {
  body: CreateReferral;
  files: ChosenFile[];
  handoff: HandoffInput | null;
}

interface ReferralFormProps {
  personId: string;
  pathway: PathwayDetail;
  suggestion: ReferralSuggestion;
  /** The signed-in user, offered as the sending staff member of a warm handoff. */
  userName: string;
  onSubmit: (submission: ReferralSubmission) => Promise<unknown>;
  onCancel: () => void;
  /** Shown instead of the generic message when the server answers CONSENT_REQUIRED. */
  onConsentRequired: () => void;
}

/**
 * Step 2 of the composer: what the pathway requires (criteria confirmed, required answers and
 * documents), the urgency and reason, attachments and the warm handoff. Everything required is
 * checked here first, then again by the server.
 */
export function ReferralForm({ personId, pathway, suggestion, userName, onSubmit, onCancel, onConsentRequired }: ReferralFormProps) {
  const submission = useSubmission();
  const [confirmed, setConfirmed] = useState<string[]>([]);
  const [answers, setAnswers] = useState<Record<string, string | boolean>>({});
  const [urgency, setUrgency] = useState<ReferralUrgency>('routine');
  const [purpose, setPurpose] = useState<(typeof referralPurposes)[number]>('treatment');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [documents, setDocuments] = useState<Record<string, File[]>>({});
  const [others, setOthers] = useState<File[]>([]);
  const [withHandoff, setWithHandoff] = useState(pathway.warmHandoffExpected);
  const [handoff, setHandoff] = useState({
    mode: 'phone' as HandoffInput['mode'],
    at: '',
    senderStaffName: userName,
    receiverStaffName: pathway.receiverContact.name,
    note: '',
  });

  const criteria = [
    ...pathway.inclusionCriteria.map((c) => ({ key: c.key, label: `Applies: ${c.text}` })),
    ...pathway.exclusionCriteria.map((c) => ({ key: c.key, label: `Does not apply: ${c.text}` })),
  ];
  const labels: Record<string, string> = {
    criteria: 'Criteria',
    reason: 'Reason for the referral',
    urgency: 'Urgency',
    handoffAt: 'Handoff time',
    handoffSender: 'Staff handing off',
    handoffReceiver: 'Staff receiving',
    ...Object.fromEntries(pathway.requiredFields.map((f) => [`answer-${f.key}`, f.label])),
    ...Object.fromEntries(pathway.requiredDocuments.map((d) => [`document-${d.key}`, d.label])),
  };

  function check(): Record<string, string> {
    const fields: Record<string, string> = {};
    if (criteria.some((c) => !confirmed.includes(c.key))) fields.criteria = 'Confirm every criterion of the pathway.';
    for (const field of pathway.requiredFields) {
      const value = answers[field.key];
      if (value === undefined || value === '') fields[`answer-${field.key}`] = 'Required by the pathway.';
    }
    for (const document of pathway.requiredDocuments) {
      const files = documents[document.key] ?? [];
      if (files.length === 0) fields[`document-${document.key}`] = 'Attach this document; the pathway requires it.';
    }
    for (const [key, files] of [
      ...Object.entries(documents).map(([k, f]) => [`document-${k}`, f] as const),
      ['document-other', others] as const,
    ]) {
      const problem = files.map((file) => attachmentProblem(file, REFERRAL_ATTACHMENT_MAX_BYTES)).find((p) => p !== null);
      if (problem) fields[key] = problem;
    }
    if (!reason.trim()) fields.reason = 'Say why the person is referred.';
    if (withHandoff) {
      if (!handoff.at) fields.handoffAt = 'Give the time of the handoff.';
      if (!handoff.senderStaffName.trim()) fields.handoffSender = 'Name the staff member handing off.';
      if (!handoff.receiverStaffName.trim()) fields.handoffReceiver = 'Name the staff member receiving.';
    }
    return fields;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = check();
    if (Object.keys(fields).length > 0) {
      submission.setErrors({ message: 'Some fields need attention.', code: undefined, fields });
      return;
    }
    const files: ChosenFile[] = [
      ...Object.entries(documents).flatMap(([documentKey, list]) => list.map((file) => ({ file, documentKey }))),
      ...others.map((file) => ({ file, documentKey: null })),
    ];
    await submission.run(() =>
      remapFields(
        onSubmit({
          body: {
            personId,
            pathwayId: suggestion.pathwayId,
            serviceId: suggestion.serviceId,
            locationId: suggestion.locationId,
            reason: reason.trim(),
            urgency,
            purpose,
            answers,
            criteriaConfirmed: confirmed,
            note: note.trim() || null,
          },
          files,
          handoff: withHandoff
            ? {
                mode: handoff.mode,
                at: localInputToIso(handoff.at) ?? handoff.at,
                senderStaffName: handoff.senderStaffName.trim(),
                receiverStaffName: handoff.receiverStaffName.trim(),
                note: handoff.note.trim() || null,
              }
            : null,
        }),
      ),
    );
  }

  const errors = submission.errors;
  const consentRefused = errors?.code === 'CONSENT_REQUIRED';
  // Server paths like body.answers.last_use map to "answers"; show the pathway-specific ones by key too.
  const fieldError = (name: string) => errors?.fields[name];

  return (
    <form className="form referral-form" noValidate aria-label="Referral details" onSubmit={(event) => void submit(event)}>
      {consentRefused ? null : <FormErrorSummary errors={errors} labels={labels} idPrefix="referral" />}
      {consentRefused ? <ConsentNeededNotice organizationName={suggestion.organizationName} onCapture={onConsentRequired} /> : null}
      <fieldset
        className="field checkbox-group"
        id="referral-criteria"
        tabIndex={-1}
        aria-describedby={fieldError('criteria') ? 'referral-criteria-error' : undefined}
      >
        <legend className="field-label">Pathway criteria</legend>
        <p className="field-hint">Confirm each one; the receiving organization agreed to take referrals that meet them.</p>
        {fieldError('criteria') ? (
          <p className="field-error" id="referral-criteria-error">
            <span className="visually-hidden">Error: </span>
            {fieldError('criteria')}
          </p>
        ) : null}
        {criteria.length === 0 ? <p className="muted">This pathway has no criteria to confirm.</p> : null}
        {criteria.map((c) => (
          <CheckboxField
            key={c.key}
            id={`referral-criterion-${c.key}`}
            label={c.label}
            checked={confirmed.includes(c.key)}
            onChange={(event) => {
              const isChecked = event.currentTarget.checked;
              setConfirmed((previous) => (isChecked ? [...previous, c.key] : previous.filter((k) => k !== c.key)));
            }}
          />
        ))}
      </fieldset>

      {pathway.requiredFields.length > 0 ? (
        <fieldset className="field">
          <legend className="field-label">Information the pathway requires</legend>
          {pathway.requiredFields.map((field) => (
            <AnswerField
              key={field.key}
              field={field}
              value={answers[field.key]}
              error={fieldError(`answer-${field.key}`)}
              onChange={(value) => setAnswers((previous) => ({ ...previous, [field.key]: value }))}
            />
          ))}
        </fieldset>
      ) : null}

      <SelectField
        id="referral-urgency"
        label={labels.urgency}
        value={urgency}
        options={referralUrgencies.map((value) => ({ value, label: referralUrgencyLabels[value] }))}
        onChange={(event) => setUrgency(event.currentTarget.value as ReferralUrgency)}
      />
      <SelectField
        id="referral-purpose"
        label="Purpose of sharing"
        hint="The person’s consent must cover this purpose."
        value={purpose}
        options={referralPurposes.map((value) => ({ value, label: purposeLabels[value] }))}
        onChange={(event) => setPurpose(event.currentTarget.value as typeof purpose)}
      />
      <TextAreaField
        id="referral-reason"
        label={labels.reason}
        value={reason}
        error={fieldError('reason')}
        onChange={(event) => setReason(event.currentTarget.value)}
      />
      <LanguageHints id="referral-reason-language" text={reason} />
      <TextAreaField
        id="referral-note"
        label="Note for the receiving team"
        isOptional
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
      />
      <LanguageHints id="referral-note-language" text={note} />

      <fieldset className="field">
        <legend className="field-label">Attachments</legend>
        {pathway.requiredDocuments.map((document) => (
          <FileChoice
            key={document.key}
            id={`referral-document-${document.key}`}
            label={`${document.label} (required)`}
            files={documents[document.key] ?? []}
            error={fieldError(`document-${document.key}`)}
            onChange={(files) => setDocuments((previous) => ({ ...previous, [document.key]: files }))}
          />
        ))}
        <FileChoice
          id="referral-document-other"
          label="Other attachments (optional)"
          files={others}
          error={fieldError('document-other')}
          onChange={setOthers}
        />
      </fieldset>

      <fieldset className="field">
        <legend className="field-label">Warm handoff</legend>
        {pathway.warmHandoffExpected ? (
          <p className="field-hint">This pathway expects a warm handoff: introduce the person to the receiving team directly.</p>
        ) : null}
        <CheckboxField
          id="referral-handoff"
          label="Record a warm handoff with this referral"
          checked={withHandoff}
          onChange={(event) => setWithHandoff(event.currentTarget.checked)}
        />
        {withHandoff ? (
          <div className="referral-handoff">
            <SelectField
              id="referral-handoffMode"
              label="How"
              value={handoff.mode}
              options={handoffModes.map((mode) => ({ value: mode, label: handoffModeLabels[mode] }))}
              onChange={(event) => setHandoff({ ...handoff, mode: event.currentTarget.value as HandoffInput['mode'] })}
            />
            <TextField
              id="referral-handoffAt"
              label={labels.handoffAt}
              type="datetime-local"
              value={handoff.at}
              error={fieldError('handoffAt')}
              onChange={(event) => setHandoff({ ...handoff, at: event.currentTarget.value })}
            />
            <TextField
              id="referral-handoffSender"
              label={labels.handoffSender}
              value={handoff.senderStaffName}
              error={fieldError('handoffSender')}
              onChange={(event) => setHandoff({ ...handoff, senderStaffName: event.currentTarget.value })}
            />
            <TextField
              id="referral-handoffReceiver"
              label={labels.handoffReceiver}
              value={handoff.receiverStaffName}
              error={fieldError('handoffReceiver')}
              onChange={(event) => setHandoff({ ...handoff, receiverStaffName: event.currentTarget.value })}
            />
            <TextAreaField
              id="referral-handoffNote"
              label="Handoff note"
              isOptional
              value={handoff.note}
              onChange={(event) => setHandoff({ ...handoff, note: event.currentTarget.value })}
            />
            <LanguageHints id="referral-handoff-language" text={handoff.note} />
          </div>
        ) : null}
      </fieldset>

      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={submission.isPending} pendingLabel="Sending…">
          Send referral
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Choose another service
        </Button>
      </div>
    </form>
  );
}

/** The server names a pathway answer `body.answers.<key>`; the form's field for it is `answer-<key>`. */
async function remapFields<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ApiError && error.fields.length > 0) {
      throw new ApiError(error.code, error.message, {
        status: error.status,
        fields: error.fields.map((f) => ({
          ...f,
          path: f.path
            .replace(/^body\.answers\.([a-z][a-z0-9_]*)$/, 'body.answer-$1')
            .replace(/^body\.criteriaConfirmed.*$/, 'body.criteria'),
        })),
      });
    }
    throw error;
  }
}
