import {
  careEventTypeLabels,
  moudFormulations,
  moudMedications,
  moudStopReasons,
  recordableCareEventTypes,
  recoveryMilestones,
  referralServiceKinds,
  urineDrugTestSubstances,
  type PointOfCareType,
  type Role,
} from '@continuum/contracts';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useApi } from '../../../api/api-context.tsx';
import { ApiError, describeError } from '../../../api/api-error.ts';
import { Alert } from '../../../ui/alert.tsx';
import { Button } from '../../../ui/button.tsx';
import { ErrorSummary } from '../../../ui/error-summary.tsx';
import { SelectField, TextAreaField, TextField } from '../../../ui/field.tsx';
import { initialScreening, ScreeningFields, type ScreeningState } from './screening-fields.tsx';
import { buildTouchpoint, fieldErrorsFrom, type FormValues } from './touchpoint-build.ts';
import {
  milestoneLabels,
  moudFormulationLabels,
  moudMedicationLabels,
  moudStopReasonLabels,
  oudCodes,
  urineSubstanceLabels,
} from './touchpoint-labels.ts';

/** Local date and time for a datetime-local input, now. */
function nowLocal(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

const fieldLabels: Record<string, string> = {
  occurredAt: 'When',
  answers: 'Answers',
  code: 'Diagnosis code',
  severity: 'Severity',
  remission: 'Remission',
  medication: 'Medication',
  formulation: 'Formulation',
  doseMg: 'Dose (mg)',
  previousDoseMg: 'Previous dose (mg)',
  lastDoseMg: 'Last dose (mg)',
  daysSupply: 'Days covered',
  reason: 'Reason for stopping',
  results: 'Results',
  method: 'Method',
  facility: 'Facility',
  milestone: 'Milestone',
  serviceKind: 'Service',
  detail: 'Notes',
};

const choose = (entries: Record<string, string>, optional = false) => [
  { value: '', label: optional ? '—' : 'Choose…' },
  ...Object.entries(entries).map(([value, label]) => ({ value, label })),
];
const labelsOf = <K extends string>(keys: readonly K[], labels: Record<K, string>) => Object.fromEntries(keys.map((k) => [k, labels[k]]));

interface Props {
  personId: string;
  roles: readonly Role[];
  onRecorded: (type: PointOfCareType) => void;
  onCancel: () => void;
}

/** One form for every touchpoint: the type chosen first, then its own fields; the same care event an import writes. */
export function TouchpointForm({ personId, roles, onRecorded, onCancel }: Props) {
  const client = useApi();
  const types = recordableCareEventTypes(roles);
  const [type, setType] = useState<PointOfCareType>(types[0] ?? 'appointment_attended');
  const [values, setValues] = useState<FormValues>({ occurredAt: nowLocal(), code: 'F11.20' });
  const [screening, setScreening] = useState<ScreeningState>(initialScreening);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);

  const set = (name: string) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((current) => ({ ...current, [name]: value }));
  };
  const field = (
    name: string,
    control: (props: { id: string; error: string | undefined; value: string; onChange: ReturnType<typeof set> }) => ReactNode,
  ) => control({ id: `touchpoint-${name}`, error: errors[name], value: values[name] ?? '', onChange: set(name) });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const built = buildTouchpoint(type, values, screening);
    if (built.errors) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setPending(true);
    try {
      await client.recordCareEvent(personId, built.event);
      onRecorded(type);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) setErrors(fieldErrorsFrom(error.fields));
      setFailure(describeError(error));
    } finally {
      setPending(false);
    }
  }

  const summary = Object.entries(errors).map(([name, message]) => ({
    message: `${fieldLabels[name] ?? name}: ${message}`,
    targetId: `touchpoint-${name}`,
  }));
  const medication = (optional = false) => (
    <>
      {field('medication', (p) => (
        <SelectField label={fieldLabels.medication} {...p} options={choose(labelsOf(moudMedications, moudMedicationLabels))} />
      ))}
      {field('formulation', (p) => (
        <SelectField
          label={fieldLabels.formulation}
          isOptional={!optional}
          {...p}
          options={choose(labelsOf(moudFormulations, moudFormulationLabels), true)}
        />
      ))}
    </>
  );
  const number = (name: string, optional: boolean, hint?: string) =>
    field(name, (p) => <TextField label={fieldLabels[name]} isOptional={optional} inputMode="decimal" hint={hint} {...p} />);

  return (
    <form
      className="form card form-card touchpoint-form"
      noValidate
      aria-label="Record a touchpoint"
      onSubmit={(event) => void submit(event)}
    >
      {summary.length > 0 ? <ErrorSummary title="There is a problem" items={summary} /> : null}
      {failure && summary.length === 0 ? <Alert tone="error">{failure}</Alert> : null}
      <SelectField
        id="touchpoint-type"
        label="What happened"
        value={type}
        options={types.map((value) => ({ value, label: `${careEventTypeLabels[value].en} · ${careEventTypeLabels[value].es}` }))}
        onChange={(event) => {
          setType(event.currentTarget.value as PointOfCareType);
          setErrors({});
        }}
      />
      {field('occurredAt', (p) => (
        <TextField label={fieldLabels.occurredAt} type="datetime-local" {...p} />
      ))}
      {type === 'screening' ? <ScreeningFields state={screening} onChange={setScreening} error={errors.answers} /> : null}
      {type === 'diagnosis' ? (
        <>
          {field('code', (p) => (
            <SelectField
              label={fieldLabels.code}
              hint="ICD-10-CM; DSM-5-TR mild is F11.1x, moderate or severe F11.2x."
              {...p}
              options={oudCodes.map((c) => ({ value: c.code, label: c.label }))}
            />
          ))}
          {field('severity', (p) => (
            <SelectField
              label={fieldLabels.severity}
              isOptional
              {...p}
              options={choose({ mild: 'Mild', moderate: 'Moderate', severe: 'Severe' }, true)}
            />
          ))}
          {field('remission', (p) => (
            <SelectField
              label={fieldLabels.remission}
              isOptional
              {...p}
              options={choose({ early: 'Early remission', sustained: 'Sustained remission' }, true)}
            />
          ))}
        </>
      ) : null}
      {type === 'moud_start' ? (
        <>
          {medication()}
          {number('doseMg', true, 'Daily dose; for an injection or implant, the dose given.')}
          {number('daysSupply', true, 'Days the first prescription covers.')}
        </>
      ) : null}
      {type === 'moud_dose_change' ? (
        <>
          {medication()}
          {number('doseMg', false, 'The new daily dose.')}
          {number('previousDoseMg', true)}
          {number('daysSupply', true)}
        </>
      ) : null}
      {type === 'moud_stop' ? (
        <>
          {field('medication', (p) => (
            <SelectField label={fieldLabels.medication} {...p} options={choose(labelsOf(moudMedications, moudMedicationLabels))} />
          ))}
          {field('reason', (p) => (
            <SelectField label={fieldLabels.reason} {...p} options={choose(labelsOf(moudStopReasons, moudStopReasonLabels))} />
          ))}
          {number('lastDoseMg', true)}
        </>
      ) : null}
      {type === 'urine_drug_test' ? (
        <>
          {field('method', (p) => (
            <SelectField
              label={fieldLabels.method}
              isOptional
              {...p}
              options={choose({ screen: 'Screen (immunoassay)', confirmatory: 'Confirmatory' }, true)}
            />
          ))}
          <fieldset className="touchpoint-items" id="touchpoint-results">
            <legend>Results (leave substances not tested blank)</legend>
            {errors.results ? (
              <p className="field-error">
                <span className="visually-hidden">Error: </span>
                {errors.results}
              </p>
            ) : null}
            <div className="touchpoint-results">
              {urineDrugTestSubstances.map((s) => (
                <SelectField
                  key={s}
                  id={`touchpoint-result-${s}`}
                  label={urineSubstanceLabels[s]}
                  value={values[`result.${s}`] ?? ''}
                  options={choose({ positive: 'Positive', negative: 'Negative' }, true)}
                  onChange={set(`result.${s}`)}
                />
              ))}
            </div>
          </fieldset>
        </>
      ) : null}
      {type === 'custody_release' ? field('facility', (p) => <TextField label={fieldLabels.facility} isOptional {...p} />) : null}
      {type === 'recovery_milestone'
        ? field('milestone', (p) => (
            <SelectField label={fieldLabels.milestone} {...p} options={choose(labelsOf(recoveryMilestones, milestoneLabels))} />
          ))
        : null}
      {type === 'appointment_attended' || type === 'appointment_missed'
        ? field('serviceKind', (p) => (
            <SelectField
              label={fieldLabels.serviceKind}
              isOptional
              {...p}
              options={choose(
                Object.fromEntries(referralServiceKinds.map((k) => [k, k === 'moud' ? 'Medication for OUD' : k.replaceAll('_', ' ')])),
                true,
              )}
            />
          ))
        : null}
      {field('detail', (p) => (
        <TextAreaField label={fieldLabels.detail} isOptional {...p} />
      ))}
      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={isPending} pendingLabel="Saving…">
          Save
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
