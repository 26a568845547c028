import { REFERRAL_ATTACHMENT_MAX_BYTES, type PathwayField } from '@continuum/contracts';
import { SelectField, TextField } from '../../ui/field.tsx';
import { attachmentProblem, formatBytes } from './referral-format.ts';

/** Choosing one file for a required document (or an extra one), checked for size and type before sending. */
export function FileChoice({
  id,
  label,
  hint,
  files,
  error,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  files: File[];
  error: string | undefined;
  onChange: (files: File[]) => void;
}) {
  const problems = files.map((file) => attachmentProblem(file, REFERRAL_ATTACHMENT_MAX_BYTES)).filter((p): p is string => p !== null);
  const shown = error ?? (problems.length > 0 ? problems.join(' ') : undefined);
  return (
    <div className="file-choice">
      <TextField
        id={id}
        label={label}
        hint={hint ?? `PDF, PNG, JPEG or plain text, at most ${formatBytes(REFERRAL_ATTACHMENT_MAX_BYTES)}.`}
        type="file"
        accept=".pdf,.png,.jpg,.jpeg,.txt,application/pdf,image/png,image/jpeg,text/plain"
        multiple={id.endsWith('-other')}
        error={shown}
        onChange={(event) => onChange([...(event.currentTarget.files ?? [])])}
      />
      {files.length > 0 ? (
        <ul className="plain-list file-list" aria-label={`Chosen for ${label}`}>
          {files.map((file) => (
            <li key={`${file.name}:${file.size}`}>
              {file.name} · {formatBytes(file.size)} ·{' '}
              {attachmentProblem(file, REFERRAL_ATTACHMENT_MAX_BYTES) ? 'cannot be attached' : 'ready to attach'}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** One answer the pathway requires, as the field its type calls for (text, date, yes/no, choice). */
export function AnswerField({
  field,
  value,
  error,
  onChange,
}: {
  field: PathwayField;
  value: string | boolean | undefined;
  error: string | undefined;
  onChange: (value: string | boolean) => void;
}) {
  const id = `referral-answer-${field.key}`;
  if (field.type === 'yes_no') {
    return (
      <SelectField
        id={id}
        label={field.label}
        hint={field.help}
        error={error}
        value={value === true ? 'yes' : value === false ? 'no' : ''}
        options={[
          { value: '', label: 'Choose…' },
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ]}
        onChange={(event) => onChange(event.currentTarget.value === 'yes' ? true : event.currentTarget.value === 'no' ? false : '')}
      />
    );
  }
  if (field.type === 'choice') {
    return (
      <SelectField
        id={id}
        label={field.label}
        hint={field.help}
        error={error}
        value={typeof value === 'string' ? value : ''}
        options={[{ value: '', label: 'Choose…' }, ...(field.options ?? []).map((option) => ({ value: option, label: option }))]}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    );
  }
  return (
    <TextField
      id={id}
      label={field.label}
      hint={field.help}
      error={error}
      type={field.type === 'date' ? 'date' : 'text'}
      value={typeof value === 'string' ? value : ''}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}
