import {
  careEventInputSchema,
  scoreScreening,
  urineDrugTestSubstances,
  type CareEventInput,
  type FieldError,
  type PointOfCareType,
} from '@continuum/contracts';
import { screeningAnswers, type ScreeningState } from './screening-fields.tsx';

/*
 * A touchpoint form's values → the care event the server takes, checked with the same contract
 * schema the server and every import use (`careEventInputSchema`), so the form shows the same field
 * errors before sending; the server checks again.
 */

export type FormValues = Record<string, string>;

/** A form field for a contract path (`data.doseMg` → `doseMg`; `body.data.results.fentanyl` → `results`). */
export function fieldOf(path: readonly (string | number)[]): string {
  const parts = path.map(String).filter((p) => p !== 'body');
  if (parts[0] === 'data') {
    const field = parts[1] ?? 'data';
    // A screening's result and score are worked out from the answers, so their errors belong there.
    return field === 'result' || field === 'score' ? 'answers' : field;
  }
  return parts[0] ?? 'form';
}

export function fieldErrorsFrom(fields: readonly FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const name = fieldOf(f.path.split('.'));
    out[name] ??= f.message;
  }
  return out;
}

const num = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : Number(v));
const text = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
/** Drops undefined values so optional fields are left out. */
const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function dataFor(type: PointOfCareType, v: FormValues, screening: ScreeningState): { data?: unknown; errors: Record<string, string> } {
  switch (type) {
    case 'screening': {
      const built = screeningAnswers(screening);
      if ('missing' in built) return { errors: { answers: built.missing } };
      const scored = scoreScreening(built.answers);
      return {
        data: compact({ instrument: screening.instrument, result: scored.result, score: scored.score, answers: built.answers }),
        errors: {},
      };
    }
    case 'diagnosis':
      return { data: compact({ code: text(v.code), severity: text(v.severity), remission: text(v.remission) }), errors: {} };
    case 'moud_start':
      return {
        data: compact({
          medication: text(v.medication),
          formulation: text(v.formulation),
          doseMg: num(v.doseMg),
          daysSupply: num(v.daysSupply),
        }),
        errors: {},
      };
    case 'moud_dose_change':
      return {
        data: compact({
          medication: text(v.medication),
          formulation: text(v.formulation),
          doseMg: num(v.doseMg),
          previousDoseMg: num(v.previousDoseMg),
          daysSupply: num(v.daysSupply),
        }),
        errors: {},
      };
    case 'moud_stop':
      return { data: compact({ medication: text(v.medication), reason: text(v.reason), lastDoseMg: num(v.lastDoseMg) }), errors: {} };
    case 'urine_drug_test': {
      const results = Object.fromEntries(urineDrugTestSubstances.flatMap((s) => (v[`result.${s}`] ? [[s, v[`result.${s}`]]] : [])));
      return { data: compact({ results, method: text(v.method) }), errors: {} };
    }
    case 'custody_release':
      return { data: compact({ facility: text(v.facility) }), errors: {} };
    case 'recovery_milestone':
      return { data: compact({ milestone: text(v.milestone) }), errors: {} };
    case 'appointment_attended':
    case 'appointment_missed':
      return { data: compact({ serviceKind: text(v.serviceKind) }), errors: {} };
  }
}

/** The event to send, or the field errors to show (by form field name). */
export function buildTouchpoint(
  type: PointOfCareType,
  values: FormValues,
  screening: ScreeningState,
): { event: CareEventInput; errors?: undefined } | { event?: undefined; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const when = values.occurredAt ? new Date(values.occurredAt) : null;
  if (!when || Number.isNaN(when.getTime())) errors.occurredAt = 'Give the date and time';
  const { data, errors: dataErrors } = dataFor(type, values, screening);
  Object.assign(errors, dataErrors);
  const candidate = compact({
    type,
    occurredAt: when && !Number.isNaN(when.getTime()) ? when.toISOString() : undefined,
    data,
    detail: text(values.detail),
  });
  if (data === undefined) return { errors };
  const parsed = careEventInputSchema.safeParse(candidate);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const missing = /received undefined/.test(issue.message) || (issue.code === 'invalid_value' && issue.input === undefined);
      errors[fieldOf(issue.path as (string | number)[])] ??= missing ? 'Required' : issue.message;
    }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { event: parsed.data };
}
