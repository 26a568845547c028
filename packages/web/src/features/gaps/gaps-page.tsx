import { useMemo, useState } from 'react';
import { Route, Routes } from 'react-router-dom';
import {
  gapCategories,
  gapCategoryLabels,
  relativeAccessClass,
  relativeAccessLabels,
  type GapCategory,
  type GapsAreaResult,
  type GapsRun,
} from '@continuum/contracts';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSubmission } from '../../api/use-submission.ts';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { SelectField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { gapsCsvHref, gapsExportHref } from './api.ts';
import { GapsApiProvider, useGapsApi } from './api-context.tsx';
import type { AreaMapHandle } from '../../ui/area-map.tsx';
import { CLASS_COLOURS, GapsMap, type MapArea } from './gaps-map.tsx';
import { GapsTable } from './gaps-table.tsx';
import { SitingPanel } from './siting-panel.tsx';
import './gaps.css';

/**
 * "Needs and gaps" at /gaps (network administrators, analysts, care coordinators; docs/gaps.md): run the
 * analysis, a choropleth of the chosen measure beside the ranked table of the worst-served areas with
 * why, the deserts, what-if siting and the CSV, with the source data's dates.
 */
export function GapsRoutes() {
  return (
    <GapsApiProvider>
      <Routes>
        <Route index element={<GapsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </GapsApiProvider>
  );
}

type Measure = 'relativeAccess' | 'shortfall';
const measureLabels: Record<Measure, string> = {
  relativeAccess: 'Access relative to the region',
  shortfall: 'People with need beyond the region’s access (shortfall)',
};

/** Five classes, worst first: relative access by fixed breaks; shortfall by quintile of the areas that have one. */
export function classify(results: readonly GapsAreaResult[], measure: Measure): Map<string, MapArea> {
  const out = new Map<string, MapArea>();
  const shortfalls = results
    .map((r) => r.shortfall)
    .filter((s) => s > 0)
    .sort((a, b) => a - b);
  const quintile = (s: number) => (s <= 0 ? 4 : 3 - Math.min(3, Math.floor((shortfalls.findIndex((x) => x >= s) / shortfalls.length) * 4)));
  for (const r of results) {
    let klass: number | null;
    if (measure === 'relativeAccess') klass = relativeAccessClass(r.relativeAccess);
    else klass = quintile(r.shortfall);
    out.set(r.areaId, { klass, desert: r.distanceDesert || r.capacityDesert, label: r.areaName });
  }
  return out;
}

const legends: Record<Measure, string[]> = {
  relativeAccess: [...relativeAccessLabels],
  shortfall: ['largest shortfall', '', '', 'smallest shortfall', 'none'],
};

function GapsPage() {
  const api = useGapsApi();
  const runs = useApiData(() => api.listRuns(), []);
  const config = useApiData(() => api.mapConfig(), []);
  const [chosenRun, setChosenRun] = useState<string | null>(null);
  const creating = useSubmission();
  const latest = runs.data?.[0];
  const runId = chosenRun ?? latest?.id ?? null;

  const create = async () => {
    const done = await creating.run(() => api.createRun({}));
    if (done.ok) {
      setChosenRun(done.value.id);
      runs.reload();
    }
  };

  return (
    <div className="stack gaps-page">
      <PageHeading
        title="Needs and gaps"
        description="Where the network’s services fall short of need: spatial accessibility (E2SFCA) per area and service category, the deserts, and what one more site would change."
      />
      {runs.error ? <Alert tone="error">{describeError(runs.error)}</Alert> : null}
      {creating.errors ? <Alert tone="error">{creating.errors.message}</Alert> : null}
      <div className="gaps-toolbar">
        {runs.data && runs.data.length > 0 ? (
          <SelectField
            label="Analysis"
            value={runId ?? ''}
            onChange={(e) => setChosenRun(e.target.value)}
            options={runs.data.map((r) => ({
              value: r.id,
              label: `${formatDateTime(r.createdAt)}${r.createdBy ? ` by ${r.createdBy}` : ''}`,
            }))}
          />
        ) : null}
        <Button variant="primary" onClick={() => void create()} disabled={creating.isPending}>
          {creating.isPending ? 'Running…' : 'Run a new analysis'}
        </Button>
      </div>
      {runs.data && runs.data.length === 0 ? <p>No analysis yet. Run one to see the gaps.</p> : null}
      {runId ? (
        <RunView key={runId} run={runs.data?.find((r) => r.id === runId)} runId={runId} styleUrl={config.data?.styleUrl ?? null} />
      ) : null}
    </div>
  );
}

function RunView({ run, runId, styleUrl }: { run: GapsRun | undefined; runId: string; styleUrl: string | null }) {
  const api = useGapsApi();
  const [category, setCategory] = useState<GapCategory>(run?.categories[0] ?? 'buprenorphine');
  const [measure, setMeasure] = useState<Measure>('relativeAccess');
  const [site, setSite] = useState<{ latitude: number; longitude: number } | null>(null);
  const [picked, setPicked] = useState<{ latitude: number; longitude: number } | null>(null);
  const [mapHandle, setMapHandle] = useState<AreaMapHandle | null>(null);
  const pick = (point: { latitude: number; longitude: number }) => {
    setPicked(point);
    setSite(point);
  };
  const detail = useApiData(() => api.getRun(runId, category), [runId, category]);
  const boundaries = useApiData(() => api.boundaries(run?.areaKind ?? undefined), [run?.areaKind]);
  const areas = useMemo(() => classify(detail.data?.results ?? [], measure), [detail.data, measure]);
  const summary = detail.data?.summary.find((s) => s.category === category);
  const unit = detail.data?.unit === 'minutes' ? 'minutes' : 'miles';

  return (
    <div className="stack">
      <div className="gaps-toolbar">
        <SelectField
          label="Service category"
          value={category}
          onChange={(e) => setCategory(e.target.value as GapCategory)}
          options={(run?.categories ?? gapCategories).map((c) => ({ value: c, label: gapCategoryLabels[c].en }))}
        />
        <SelectField
          label="Map shows"
          value={measure}
          onChange={(e) => setMeasure(e.target.value as Measure)}
          options={(Object.keys(measureLabels) as Measure[]).map((m) => ({ value: m, label: measureLabels[m] }))}
        />
        <a className="button button-secondary" href={gapsCsvHref(runId, category)} download>
          Download CSV
        </a>
      </div>
      <ExportLinks runId={runId} category={category} map={mapHandle} />
      {detail.error ? <Alert tone="error">{describeError(detail.error)}</Alert> : null}
      {run ? <SourceDates run={run} /> : null}
      {summary ? (
        <p className="gaps-summary">
          {summary.supplyPoints} service locations; {summary.distanceDeserts} areas beyond {detail.data?.desertDistance} {unit} of any
          service (distance deserts); {summary.capacityDeserts} where services in reach have no openings or too little capacity (capacity
          deserts).
        </p>
      ) : null}
      <div className="gaps-map-and-legend">
        {boundaries.data ? (
          <GapsMap
            boundaries={boundaries.data}
            areas={areas}
            styleUrl={styleUrl}
            site={site}
            onPick={pick}
            tableId="gaps-table"
            onReady={setMapHandle}
          />
        ) : null}
        <ul className="gaps-legend" aria-label={`Legend: ${measureLabels[measure]}`}>
          {CLASS_COLOURS.map((colour, i) => (
            <li key={colour}>
              <span className="gaps-swatch" style={{ background: colour }} aria-hidden="true" />
              {legends[measure][i] || ' '}
            </li>
          ))}
          <li>
            <span className="gaps-swatch gaps-swatch-desert" aria-hidden="true" />
            desert (dashed outline)
          </li>
        </ul>
      </div>
      {detail.data ? <GapsTable id="gaps-table" category={category} results={detail.data.results} unit={unit} /> : null}
      <SitingPanel runId={runId} category={category} site={site} picked={picked} onSite={setSite} />
    </div>
  );
}

/** The run's other downloads; the map picture only once the map is drawn (WebGL). */
function ExportLinks({ runId, category, map }: { runId: string; category: GapCategory; map: AreaMapHandle | null }) {
  const savePng = () => {
    if (!map) return;
    const link = document.createElement('a');
    link.href = map.toPng();
    link.download = `needs-and-gaps-${category}.png`;
    link.click();
  };
  return (
    <p className="gaps-exports">
      <span>Exports for this category:</span>
      <a href={gapsExportHref(runId, category, 'brief.pdf')} target="_blank" rel="noreferrer">
        One-page brief for a grant (PDF)
      </a>
      <a href={gapsExportHref(runId, category, 'map.pdf')} target="_blank" rel="noreferrer">
        Map (PDF)
      </a>
      <a href={gapsExportHref(runId, category, 'export.geojson')} download>
        Areas with results (GeoJSON)
      </a>
      {map ? (
        <button type="button" className="button button-secondary button-small" onClick={savePng}>
          Map picture (PNG)
        </button>
      ) : null}
    </p>
  );
}

function SourceDates({ run }: { run: GapsRun }) {
  const i = run.inputs;
  return (
    <details className="gaps-sources">
      <summary>Source data (run {formatDateTime(run.createdAt)})</summary>
      <ul>
        <li>
          {i.areas} areas; OUD estimates for {i.areasWithEstimate}, updated {formatDateTime(i.estimatesUpdatedAt)}
        </li>
        <li>
          Directory last changed {formatDateTime(i.directoryUpdatedAt)}; capacity last reported {formatDateTime(i.capacityUpdatedAt)}
        </li>
        <li>
          Overdoses from {formatDateTime(i.overdosesFrom)} to {formatDateTime(i.overdosesTo)} (latest {formatDateTime(i.latestOverdoseAt)});
          counts of 1–10 are suppressed
        </li>
        <li>Distance: {run.routing === 'osrm' ? 'driving minutes (OSRM)' : 'straight-line miles'}</li>
      </ul>
    </details>
  );
}
