import { REFERRAL_ATTACHMENT_MAX_BYTES, type ReferralDetail } from '@continuum/contracts';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/api-error.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { attachmentProblem, formatBytes } from './referral-format.ts';
import { attachmentPath } from './api.ts';
import { useReferralsApi } from './api-context.tsx';

/** The referral's attachments: the documents its pathway asks for, the files sent, and an upload form. */
export function Attachments({
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
