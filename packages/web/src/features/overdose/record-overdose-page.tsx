import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  naloxoneGiverLabels,
  naloxoneGivers,
  overdoseDispositionLabels,
  overdoseDispositions,
  suspectedSubstanceLabels,
  suspectedSubstances,
  type NaloxoneGiver,
  type OverdoseDisposition,
  type PersonSummary,
  type SuspectedSubstance,
} from '@continuum/contracts';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { CheckboxField, CheckboxGroup, SelectField, TextField } from '../../ui/field.tsx';
import { formatDate } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { useOverdoseApi } from './api-context.tsx';

/** The current time as a `datetime-local` value in the browser's time zone. */
export function localNow(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

const labels: Record<string, string> = {
  occurredAt: 'When',
  areaId: 'Area',
  naloxoneDoses: 'Naloxone doses',
  naloxoneBy: 'Naloxone given by',
  suspectedSubstances: 'Suspected substances',
  disposition: 'Disposition',
  personId: 'Person',
  leaveBehindKits: 'Naloxone kits left at the scene',
};

/**
 * Record an overdose in under a minute: only the time (defaults to now) and the area are needed;
 * everything else has a sensible default, and the person is optional (found by search).
 */
export function RecordOverdosePage() {
  const api = useOverdoseApi();
  const client = useApi();
  const navigate = useNavigate();
  const { run, isPending, errors } = useSubmission();
  const areas = useApiData(() => api.getMap(7), []);
  const [occurredAt, setOccurredAt] = useState(() => localNow());
  const [areaId, setAreaId] = useState('');
  const [fatal, setFatal] = useState(false);
  const [doses, setDoses] = useState('1');
  const [givers, setGivers] = useState<NaloxoneGiver[]>(['ems']);
  const [substances, setSubstances] = useState<SuspectedSubstance[]>([]);
  const [disposition, setDisposition] = useState<OverdoseDisposition>('transported');
  const [kits, setKits] = useState('0');
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState<PersonSummary[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [person, setPerson] = useState<PersonSummary | null>(null);

  async function searchPeople() {
    setSearchError(null);
    if (query.trim().length < 2) {
      setSearchError('Type at least 2 characters of the name or an identifier.');
      return;
    }
    try {
      setSearched((await client.searchPeople({ q: query.trim() })).items);
    } catch (error) {
      setSearchError(describeError(error));
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await run(() =>
      api.recordOverdose({
        occurredAt: new Date(occurredAt).toISOString(),
        areaId: areaId || undefined,
        fatal,
        naloxoneDoses: Number(doses) || 0,
        naloxoneBy: givers,
        suspectedSubstances: substances,
        disposition: fatal && disposition === 'transported' ? 'deceased' : disposition,
        personId: person?.id ?? null,
        leaveBehindKits: Number(kits) || 0,
      }),
    );
    if (result.ok) navigate(`/overdose-response/events/${result.value.id}`, { state: { recorded: result.value } });
  }

  const fieldErrors = errors?.fields ?? {};
  return (
    <>
      <PageHeading
        title="Record an overdose"
        eyebrow="Overdose response"
        description="Only the time and area are needed. The exact place is kept but shown to others only as the area."
      />
      <FormErrorSummary errors={errors} labels={labels} idPrefix="overdose" />
      {areas.error ? <Alert tone="error">{describeError(areas.error)}</Alert> : null}
      <form className="form overdose-form" onSubmit={submit} noValidate>
        <TextField
          id="overdose-occurredAt"
          label="When"
          type="datetime-local"
          value={occurredAt}
          onChange={(e) => setOccurredAt(e.target.value)}
          required
          error={fieldErrors.occurredAt}
        />
        <SelectField
          id="overdose-areaId"
          label="Area"
          value={areaId}
          onChange={(e) => setAreaId(e.target.value)}
          error={fieldErrors.areaId}
          options={[
            { value: '', label: areas.isLoading ? 'Loading areas…' : 'Choose the area' },
            ...(areas.data?.areas ?? []).map((a) => ({ value: a.id, label: a.name })),
          ]}
        />
        <CheckboxField id="overdose-fatal" label="The person died" checked={fatal} onChange={(e) => setFatal(e.target.checked)} />
        <TextField
          id="overdose-naloxoneDoses"
          label="Naloxone doses"
          type="number"
          min={0}
          max={20}
          inputMode="numeric"
          value={doses}
          onChange={(e) => setDoses(e.target.value)}
          error={fieldErrors.naloxoneDoses}
        />
        <CheckboxGroup
          id="overdose-naloxoneBy"
          name="naloxoneBy"
          legend="Naloxone given by"
          options={naloxoneGivers.map((g) => ({ value: g, label: naloxoneGiverLabels[g] }))}
          values={givers}
          onChange={setGivers}
          error={fieldErrors.naloxoneBy}
        />
        <CheckboxGroup
          id="overdose-suspectedSubstances"
          name="suspectedSubstances"
          legend="Suspected substances"
          hint="Optional"
          options={suspectedSubstances.map((s) => ({ value: s, label: suspectedSubstanceLabels[s] }))}
          values={substances}
          onChange={setSubstances}
          error={fieldErrors.suspectedSubstances}
        />
        <SelectField
          id="overdose-disposition"
          label="Disposition"
          value={disposition}
          onChange={(e) => setDisposition(e.target.value as OverdoseDisposition)}
          options={overdoseDispositions.map((d) => ({ value: d, label: overdoseDispositionLabels[d] }))}
        />
        <TextField
          id="overdose-leaveBehindKits"
          label="Naloxone kits left at the scene"
          hint="Recorded as EMS leave-behind kits"
          type="number"
          min={0}
          max={20}
          inputMode="numeric"
          value={kits}
          onChange={(e) => setKits(e.target.value)}
          error={fieldErrors.leaveBehindKits}
        />
        <fieldset className="field overdose-person" id="overdose-personId">
          <legend className="field-label">
            Person <span className="field-optional">(optional)</span>
          </legend>
          {person ? (
            <p>
              <strong>
                {person.givenName} {person.familyName}
              </strong>
              , born {formatDate(person.birthDate)}{' '}
              <Button size="small" variant="quiet" onClick={() => setPerson(null)}>
                Remove
              </Button>
            </p>
          ) : (
            <>
              <div className="overdose-person-search">
                <TextField
                  id="overdose-person-q"
                  label="Find the person"
                  type="search"
                  value={query}
                  onChange={(e) => setQuery(e.target.value)}
                  hint="Name or identifier; only people you may see"
                />
                <Button onClick={searchPeople}>Search</Button>
              </div>
              {searchError ? <p className="field-error">{searchError}</p> : null}
              {searched && searched.length === 0 ? <p role="status">No one found. You can record the overdose without a person.</p> : null}
              {searched && searched.length > 0 ? (
                <ul className="overdose-person-results" aria-label="People found">
                  {searched.map((p) => (
                    <li key={p.id}>
                      {p.givenName} {p.familyName}, born {formatDate(p.birthDate)}{' '}
                      <Button size="small" onClick={() => setPerson(p)} aria-label={`Select ${p.givenName} ${p.familyName}`}>
                        Select
                      </Button>
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          )}
          {fieldErrors.personId ? <p className="field-error">{fieldErrors.personId}</p> : null}
        </fieldset>
        <div className="form-actions">
          <Button type="submit" variant="primary" isPending={isPending} pendingLabel="Recording…">
            Record overdose
          </Button>
        </div>
      </form>
    </>
  );
}
