import type { FormErrors } from '../api/use-submission.ts';
import { ErrorSummary } from '../ui/error-summary.tsx';

interface FormErrorSummaryProps {
  errors: FormErrors | null;
  /** Field messages to list; defaults to `errors.fields`. Pass a merged map when the form adds its own. */
  fields?: Record<string, string>;
  /** Visible labels of the form's fields, by field name. */
  labels: Record<string, string>;
  /** Fields have ids `${idPrefix}-${name}`, so the summary can link to them. */
  idPrefix: string;
}

/** The "There is a problem" box at the top of a form, linking each field error to its field. */
export function FormErrorSummary({ errors, fields, labels, idPrefix }: FormErrorSummaryProps) {
  if (!errors) return null;
  const entries = Object.entries(fields ?? errors.fields);
  if (entries.length === 0) return <ErrorSummary title={errors.message} />;
  return (
    <ErrorSummary
      title="There is a problem"
      items={entries.map(([name, message]) =>
        labels[name] ? { message: `${labels[name]}: ${message}`, targetId: `${idPrefix}-${name}` } : { message },
      )}
    />
  );
}
