// Longer than 300 lines because registration is one form with its duplicate check in the same flow; the values
// and the request body are in person-registration.ts.
import { identifierKindLabels, personFlagLabels, personFlags, type DuplicateCandidate, type IdentifierKind } from '@continuum/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxGroup, SelectField, TextField } from '../../ui/field.tsx';
import { formatDate } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { Table } from '../../ui/table.tsx';
import { personName } from '../../ui/person-format.ts';
import { initial, type Values, registration, text, valuesFromEhr } from './person-registration.ts';

const labels: Record<string, string> = {
  givenName: 'First name',
  familyName: 'Last name',
  birthDate: 'Date of birth',
  sex: 'Sex',
  genderIdentity: 'Gender identity',
  language: 'Preferred language',
  phone: 'Phone',
  email: 'Email',
  address: 'Street address',
  line1: 'Street address',
  city: 'Town or city',
  postalCode: 'ZIP code',
  flags: 'Circumstances that matter for care',
  identifier: 'Identifier',
  identifierValue: 'Identifier',
  previousNames: 'Previous last name',
};

const matchReasonLabels: Record<DuplicateCandidate['reasons'][number], string> = {
  same_birth_date: 'Same date of birth',
  birth_date_transposed: 'Date of birth with digits swapped',
  name_sounds_alike: 'Name sounds alike',
  similar_name: 'Similar name',
  same_phone: 'Same phone',
  previous_name: 'Matches a previous name',
  names_swapped: 'First and last names swapped',
};

/**
 * Registration: the duplicate check runs first and shows likely matches with their reasons; the
 * user opens one of them, or confirms this is a new person.
 */
export function PersonRegisterPage() {
  const client = useApi();
  const navigate = useNavigate();
  const check = useSubmission();
  const register = useSubmission();
  const [values, setValues] = useState<Values>(initial);
  const [candidates, setCandidates] = useState<DuplicateCandidate[] | null>(null);
  const errors = register.errors ?? check.errors;
  const resultHeading = useRef<HTMLHeadingElement>(null);
  // Move to the result of the check so keyboard and screen-reader users hear it.
  useEffect(() => {
    if (candidates) resultHeading.current?.focus();
  }, [candidates]);
  const idPrefix = 'person-new';
  // Opened from an EHR (SMART launch) for a patient the network does not know: start from the EHR's details.
  const [searchParams] = useSearchParams();
  const fromEhr = searchParams.get('from') === 'ehr-launch';
  const launchId = searchParams.get('launch');
  const [ehrSource, setEhrSource] = useState<{ name: string } | 'unavailable' | null>(null);
  useEffect(() => {
    if (!launchId) return;
    let isCurrent = true;
    client.getEhrLaunchPatient(launchId).then(
      (prefill) => {
        if (!isCurrent) return;
        setValues(valuesFromEhr(prefill));
        setEhrSource({ name: prefill.source });
      },
      () => {
        if (isCurrent) setEhrSource('unavailable');
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [client, launchId]);

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((previous) => ({ ...previous, [key]: value }));
    setCandidates(null);
  }

  async function runCheck(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    register.clear();
    const result = await check.run(() =>
      client.checkDuplicates({
        givenName: values.givenName,
        familyName: values.familyName,
        birthDate: values.birthDate,
        sex: values.sex,
        phone: text(values.phone) ?? null,
      }),
    );
    if (result.ok) setCandidates(result.value);
  }

  async function confirmNew() {
    const result = await register.run(() => client.registerPerson({ ...registration(values), confirmNoDuplicate: true }));
    if (result.ok)
      void navigate(`/people/${result.value.id}`, {
        state: { notice: `${values.givenName.trim()} ${values.familyName.trim()} is registered.` },
      });
  }

  const fieldError = (name: string) => errors?.fields[name];

  return (
    <>
      <p className="breadcrumb">
        <Link to="/people">People</Link>
      </p>
      <PageHeading title="Register a person" description="We check for people already registered before creating a new record." />
      {fromEhr ? (
        <Alert tone="info" title="Your EHR opened Continuum for a patient the network does not know yet.">
          {ehrSource && ehrSource !== 'unavailable'
            ? `The form starts from the details ${ehrSource.name} sent. Check them, then check for existing records. Nothing is saved until you register the person.`
            : ehrSource === 'unavailable'
              ? 'The details from the EHR are no longer available. Fill in the form to register the person.'
              : 'Register them here if they are not already registered.'}
        </Alert>
      ) : null}
      <form className="form card form-card" noValidate aria-label="Register a person" onSubmit={(event) => void runCheck(event)}>
        <FormErrorSummary errors={errors} labels={labels} idPrefix={idPrefix} />
        <div className="form-row">
          <TextField
            id={`${idPrefix}-givenName`}
            label={labels.givenName}
            required
            autoComplete="off"
            value={values.givenName}
            error={fieldError('givenName')}
            onChange={(e) => set('givenName', e.currentTarget.value)}
          />
          <TextField
            id={`${idPrefix}-familyName`}
            label={labels.familyName}
            required
            autoComplete="off"
            value={values.familyName}
            error={fieldError('familyName')}
            onChange={(e) => set('familyName', e.currentTarget.value)}
          />
        </div>
        <div className="form-row">
          <TextField
            id={`${idPrefix}-previousGiven`}
            label="Previous first name"
            isOptional
            autoComplete="off"
            value={values.previousGiven}
            onChange={(e) => set('previousGiven', e.currentTarget.value)}
          />
          <TextField
            id={`${idPrefix}-previousNames`}
            label="Previous last name"
            isOptional
            hint="A maiden or former name helps find earlier records."
            autoComplete="off"
            value={values.previousFamily}
            error={fieldError('previousNames')}
            onChange={(e) => set('previousFamily', e.currentTarget.value)}
          />
        </div>
        <div className="form-row">
          <TextField
            id={`${idPrefix}-birthDate`}
            label={labels.birthDate}
            type="date"
            required
            value={values.birthDate}
            error={fieldError('birthDate')}
            onChange={(e) => set('birthDate', e.currentTarget.value)}
          />
          <SelectField
            id={`${idPrefix}-sex`}
            label={labels.sex}
            value={values.sex}
            error={fieldError('sex')}
            options={[
              { value: 'unknown', label: 'Not recorded' },
              { value: 'female', label: 'Female' },
              { value: 'male', label: 'Male' },
            ]}
            onChange={(e) => set('sex', e.currentTarget.value as Values['sex'])}
          />
        </div>
        <div className="form-row">
          <TextField
            id={`${idPrefix}-genderIdentity`}
            label={labels.genderIdentity}
            isOptional
            hint="In the person’s own words."
            value={values.genderIdentity}
            error={fieldError('genderIdentity')}
            onChange={(e) => set('genderIdentity', e.currentTarget.value)}
          />
          <TextField
            id={`${idPrefix}-language`}
            label={labels.language}
            isOptional
            value={values.language}
            error={fieldError('language')}
            onChange={(e) => set('language', e.currentTarget.value)}
          />
        </div>
        <div className="form-row">
          <TextField
            id={`${idPrefix}-phone`}
            label={labels.phone}
            type="tel"
            isOptional
            value={values.phone}
            error={fieldError('phone')}
            onChange={(e) => set('phone', e.currentTarget.value)}
          />
          <TextField
            id={`${idPrefix}-email`}
            label={labels.email}
            type="email"
            isOptional
            value={values.email}
            error={fieldError('email')}
            onChange={(e) => set('email', e.currentTarget.value)}
          />
        </div>
        <TextField
          id={`${idPrefix}-address`}
          label={labels.line1}
          isOptional
          value={values.line1}
          error={fieldError('address')}
          onChange={(e) => set('line1', e.currentTarget.value)}
        />
        <div className="form-row">
          <TextField
            id={`${idPrefix}-city`}
            label={labels.city}
            isOptional
            value={values.city}
            onChange={(e) => set('city', e.currentTarget.value)}
          />
          <TextField
            id={`${idPrefix}-postalCode`}
            label={labels.postalCode}
            isOptional
            inputMode="numeric"
            value={values.postalCode}
            onChange={(e) => set('postalCode', e.currentTarget.value)}
          />
        </div>
        <CheckboxGroup
          id={`${idPrefix}-flags`}
          name="flags"
          legend={labels.flags}
          hint="Only what the person chose to share."
          options={personFlags.map((flag) => ({ value: flag, label: personFlagLabels[flag] }))}
          values={values.flags}
          onChange={(flags) => set('flags', flags)}
        />
        <div className="form-row">
          <SelectField
            id={`${idPrefix}-identifierKind`}
            label="Identifier type"
            value={values.identifierKind}
            options={Object.entries(identifierKindLabels).map(([value, label]) => ({ value, label }))}
            onChange={(e) => set('identifierKind', e.currentTarget.value as IdentifierKind)}
          />
          <TextField
            id={`${idPrefix}-identifier`}
            label="Your organization’s identifier"
            isOptional
            value={values.identifierValue}
            error={fieldError('identifier')}
            onChange={(e) => set('identifierValue', e.currentTarget.value)}
          />
        </div>
        <div className="form-actions">
          <Button type="submit" variant={candidates ? 'secondary' : 'primary'} isPending={check.isPending} pendingLabel="Checking…">
            Check for existing records
          </Button>
        </div>
      </form>
      {candidates ? (
        <section className="card" aria-labelledby="duplicates-heading">
          <h2 id="duplicates-heading" ref={resultHeading} tabIndex={-1}>
            {candidates.length > 0 ? 'People who may be the same person' : 'No likely duplicates'}
          </h2>
          {candidates.length > 0 ? (
            <>
              <p>Open a record if it is this person. Only register a new record if none of them is.</p>
              <Table caption="Possible duplicates" isCaptionHidden>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Date of birth</th>
                    <th scope="col">Town</th>
                    <th scope="col">Match</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {candidates.map((candidate) => (
                    <tr key={candidate.person.id}>
                      <th scope="row">
                        <Link to={`/people/${candidate.person.id}`}>{personName(candidate.person)}</Link>
                      </th>
                      <td data-label="Date of birth" className="nowrap">
                        {formatDate(`${candidate.person.birthDate}T12:00:00Z`)}
                      </td>
                      <td data-label="Town">{candidate.person.town ?? '—'}</td>
                      <td data-label="Match">{Math.round(candidate.score * 100)}%</td>
                      <td data-label="Why">{candidate.reasons.map((reason) => matchReasonLabels[reason]).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </>
          ) : (
            <p>Nobody you may see looks like this person.</p>
          )}
          <div className="form-actions">
            <Button variant="primary" isPending={register.isPending} pendingLabel="Registering…" onClick={() => void confirmNew()}>
              {candidates.length > 0 ? 'None of these — register a new person' : 'Register this person'}
            </Button>
          </div>
        </section>
      ) : null}
    </>
  );
}
