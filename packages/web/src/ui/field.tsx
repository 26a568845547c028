import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  isOptional?: boolean;
  children: (describedBy: string | undefined) => ReactNode;
}

/** Label, hint and error around one control; the control is described by the hint and the error. */
function FieldFrame({ id, label, hint, error, isOptional, children }: FieldFrameProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label className="field-label" htmlFor={id}>
        {label}
        {isOptional ? <span className="field-optional"> (optional)</span> : null}
      </label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {children(describedBy)}
    </div>
  );
}

interface CommonFieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  isOptional?: boolean;
}

export function TextField({
  label,
  hint,
  error,
  isOptional,
  id,
  className,
  ...input
}: CommonFieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const generatedId = useId();
  const fieldId = id ?? generatedId;
  return (
    <FieldFrame id={fieldId} label={label} hint={hint} error={error} isOptional={isOptional ?? false}>
      {(describedBy) => (
        <input
          {...input}
          id={fieldId}
          className={['input', className].filter(Boolean).join(' ')}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}

export function TextAreaField({
  label,
  hint,
  error,
  isOptional,
  id,
  ...textarea
}: CommonFieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const generatedId = useId();
  const fieldId = id ?? generatedId;
  return (
    <FieldFrame id={fieldId} label={label} hint={hint} error={error} isOptional={isOptional ?? false}>
      {(describedBy) => (
        <textarea
          rows={4}
          {...textarea}
          id={fieldId}
          className="input"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export function SelectField({
  label,
  hint,
  error,
  isOptional,
  id,
  options,
  ...select
}: CommonFieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly SelectOption[] }) {
  const generatedId = useId();
  const fieldId = id ?? generatedId;
  return (
    <FieldFrame id={fieldId} label={label} hint={hint} error={error} isOptional={isOptional ?? false}>
      {(describedBy) => (
        <select {...select} id={fieldId} className="input select" aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export function CheckboxField({
  label,
  hint,
  error,
  id,
  ...input
}: Omit<CommonFieldProps, 'isOptional'> & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const generatedId = useId();
  const fieldId = id ?? generatedId;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = error ? `${fieldId}-error` : undefined;
  return (
    <div className={error ? 'field checkbox-field has-error' : 'field checkbox-field'}>
      {error ? (
        <p className="field-error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <div className="checkbox-row">
        <input
          {...input}
          type="checkbox"
          id={fieldId}
          className="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        />
        <label htmlFor={fieldId}>{label}</label>
      </div>
      {hint ? (
        <p className="field-hint checkbox-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

interface CheckboxGroupProps<V extends string> {
  legend: ReactNode;
  /** Used as the id of the fieldset, so an error summary can link to it. */
  id: string;
  name: string;
  options: readonly { value: V; label: string }[];
  values: readonly V[];
  onChange: (values: V[]) => void;
  hint?: ReactNode;
  error?: string | undefined;
}

/** A fieldset of checkboxes for choosing several values, such as roles. */
export function CheckboxGroup<V extends string>({ legend, id, name, options, values, onChange, hint, error }: CheckboxGroupProps<V>) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  function toggle(value: V, isChecked: boolean) {
    const next = isChecked ? [...values, value] : values.filter((item) => item !== value);
    onChange(options.map((option) => option.value).filter((item) => next.includes(item)));
  }
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={error ? 'field checkbox-group has-error' : 'field checkbox-group'}
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
    >
      <legend className="field-label">{legend}</legend>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <div className="checkbox-options">
        {options.map((option) => {
          const optionId = `${id}-${option.value}`;
          return (
            <div className="checkbox-row" key={option.value}>
              <input
                type="checkbox"
                className="checkbox"
                id={optionId}
                name={name}
                value={option.value}
                checked={values.includes(option.value)}
                onChange={(event) => toggle(option.value, event.currentTarget.checked)}
              />
              <label htmlFor={optionId}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
