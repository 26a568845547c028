import { useCallback, useState } from 'react';
import { ApiError, describeError, fieldErrorMap } from './api-error.ts';

export interface FormErrors {
  /** One sentence for the summary at the top of the form. */
  message: string;
  /** Messages by form field name (server paths like "body.name" mapped to "name"). */
  fields: Record<string, string>;
  code: string | undefined;
}

export type SubmissionResult<T> = { ok: true; value: T } | { ok: false };

export function formErrorsFrom(error: unknown): FormErrors {
  const fields = error instanceof ApiError ? fieldErrorMap(error.fields) : {};
  return { message: describeError(error), fields, code: error instanceof ApiError ? error.code : undefined };
}

/**
 * Runs a write (form submit, button action), tracking whether it is pending and the errors it
 * answered with. `run` never throws: it resolves to the action's value or to `{ ok: false }`.
 */
export function useSubmission() {
  const [isPending, setPending] = useState(false);
  const [errors, setErrors] = useState<FormErrors | null>(null);

  const run = useCallback(async <T>(action: () => Promise<T>): Promise<SubmissionResult<T>> => {
    setPending(true);
    setErrors(null);
    try {
      return { ok: true, value: await action() };
    } catch (error) {
      setErrors(formErrorsFrom(error));
      return { ok: false };
    } finally {
      setPending(false);
    }
  }, []);

  const clear = useCallback(() => setErrors(null), []);
  return { run, isPending, errors, setErrors, clear };
}
