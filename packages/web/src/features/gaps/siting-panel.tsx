import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { GapCategory, GapsSitingResult } from '@continuum/contracts';
import { useSubmission } from '../../api/use-submission.ts';
import { FormErrorSummary } from '../../app/form-error-summary.tsx';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/field.tsx';
import { Table } from '../../ui/table.tsx';
import { scenarioHrefFromSiting } from '../scenarios/index.ts';
import { useGapsApi } from './api-context.tsx';

const ratio = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const labels = { latitude: 'Latitude', longitude: 'Longitude', capacity: 'Capacity (slots or beds)' };

/** What-if siting: a candidate site (typed, or clicked on the map) and a capacity; nothing is stored. */
export function SitingPanel({
  runId,
  category,
  site,
  picked,
  onSite,
}: {
  runId: string;
  category: GapCategory;
  site: { latitude: number; longitude: number } | null;
  /** The last point clicked on the map: it fills the coordinates. */
  picked: { latitude: number; longitude: number } | null;
  onSite: (site: { latitude: number; longitude: number } | null) => void;
}) {
  const api = useGapsApi();
  const submission = useSubmission();
  const [capacity, setCapacity] = useState('');
  // The result with what was tried, so that "Model this site" carries the capacity that produced it.
  const [result, setResult] = useState<{ siting: GapsSitingResult; category: GapCategory; capacity: number | null } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!site) return;
    const tried = capacity ? Number(capacity) : null;
    const done = await submission.run(() =>
      api.site(runId, { category, latitude: site.latitude, longitude: site.longitude, capacity: tried }),
    );
    setResult(done.ok ? { siting: done.value, category, capacity: tried } : null);
  };

  return (
    <section className="stack gaps-siting" aria-labelledby="gaps-siting-heading">
      <h2 id="gaps-siting-heading">What if a new site opened here?</h2>
      <p>Click the map or type a place, give its capacity, and see how access and the deserts would change. Nothing is saved.</p>
      <FormErrorSummary errors={submission.errors} labels={labels} idPrefix="siting" />
      <form className="gaps-siting-form" onSubmit={(e) => void submit(e)} noValidate>
        <CoordinateFields
          key={picked ? `${picked.latitude},${picked.longitude}` : 'typed'}
          picked={picked}
          onSite={onSite}
          errors={submission.errors?.fields ?? {}}
        />
        <TextField
          id="siting-capacity"
          label={labels.capacity}
          hint="Leave empty if not known: the site counts as one service."
          inputMode="numeric"
          value={capacity}
          onChange={(e) => setCapacity(e.target.value)}
          error={submission.errors?.fields.capacity}
          isOptional
        />
        <Button type="submit" variant="primary" disabled={!site || submission.isPending}>
          Try this site
        </Button>
      </form>
      {result ? <SitingResult result={result.siting} /> : null}
      {result ? <ScenarioLink category={result.category} capacity={result.capacity} /> : null}
    </section>
  );
}

/** Opens /scenarios with the site's capacity as extra slots of its medication (MOUD categories with a capacity only). */
function ScenarioLink({ category, capacity }: { category: GapCategory; capacity: number | null }) {
  const href = scenarioHrefFromSiting(category, capacity);
  if (href) {
    return (
      <p>
        <Link to={href}>Model this site in Scenarios</Link>: its {capacity} slots as extra MOUD capacity, against today.
      </p>
    );
  }
  return (
    <p className="field-hint">
      {capacity === null
        ? 'Give the site’s capacity in slots to model it in Scenarios.'
        : 'Scenarios model new MOUD slots (buprenorphine, methadone, naltrexone); this category has no lever there.'}
    </p>
  );
}

const coordinate = (value: string) => (value.trim() === '' || !Number.isFinite(Number(value)) ? null : Number(value));
const shown = (value: number | undefined) => (value === undefined ? '' : String(Number(value.toFixed(5))));

/** Latitude and longitude as typed; a map click remounts them (keyed by the point) with its coordinates. */
function CoordinateFields({
  picked,
  onSite,
  errors,
}: {
  picked: { latitude: number; longitude: number } | null;
  onSite: (site: { latitude: number; longitude: number } | null) => void;
  errors: Record<string, string>;
}) {
  const [latitude, setLatitude] = useState(shown(picked?.latitude));
  const [longitude, setLongitude] = useState(shown(picked?.longitude));
  const update = (lat: string, lon: string) => {
    setLatitude(lat);
    setLongitude(lon);
    const a = coordinate(lat);
    const b = coordinate(lon);
    onSite(a === null || b === null ? null : { latitude: a, longitude: b });
  };
  return (
    <>
      <TextField
        id="siting-latitude"
        label={labels.latitude}
        inputMode="decimal"
        value={latitude}
        onChange={(e) => update(e.target.value, longitude)}
        error={errors.latitude}
      />
      <TextField
        id="siting-longitude"
        label={labels.longitude}
        inputMode="decimal"
        value={longitude}
        onChange={(e) => update(latitude, e.target.value)}
        error={errors.longitude}
      />
    </>
  );
}

function SitingResult({ result }: { result: GapsSitingResult }) {
  return (
    <div className="stack" role="status">
      <p>
        Distance deserts {result.distanceDesertsBefore} → {result.distanceDesertsAfter}; capacity deserts {result.capacityDesertsBefore} →{' '}
        {result.capacityDesertsAfter}; the site would serve {whole.format(result.supplyDelivered)} slots’ worth of need.
      </p>
      <Table caption="Areas whose access would change" narrowLayout="scroll">
        <thead>
          <tr>
            <th scope="col">Area</th>
            <th scope="col">Relative access before → after</th>
            <th scope="col">Shortfall before → after</th>
            <th scope="col">Leaves a desert</th>
          </tr>
        </thead>
        <tbody>
          {result.changed.map((c) => (
            <tr key={c.areaId}>
              <th scope="row">{c.areaName}</th>
              <td>
                {c.relativeBefore === null ? '—' : ratio.format(c.relativeBefore)} →{' '}
                {c.relativeAfter === null ? '—' : ratio.format(c.relativeAfter)}
              </td>
              <td>
                {whole.format(c.shortfallBefore)} → {whole.format(c.shortfallAfter)}
              </td>
              <td>
                {[c.leavesDistanceDesert ? 'distance' : null, c.leavesCapacityDesert ? 'capacity' : null].filter(Boolean).join(', ') ||
                  'no'}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
