import { Link, useParams } from 'react-router-dom';
import type { ScenarioInterval, ScenarioRunDetail, ScenarioSummary } from '@continuum/contracts';
import { usePolledStatus } from '../../api/use-polled-status.ts';
import { Alert } from '../../ui/alert.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { Table } from '../../ui/table.tsx';
import { useScenariosApi } from './api-context.tsx';
import { FanChart, FitChart, TornadoChart } from './charts.tsx';

const whole = (n: number) => Math.round(n).toLocaleString('en-US');
const percent = (n: number) => `${Math.round(n * 100)}%`;
// An en dash between two non-negative numbers; "to" when one is negative (-46 to -13 reads better than -46–-13).
const span = (i: ScenarioInterval, f: (n: number) => string = whole) =>
  `${f(i.median)} (${f(i.low)}${i.low < 0 || i.high < 0 ? ' to ' : '–'}${f(i.high)})`;
const dollars = (n: number | null) => (n === null ? '—' : `$${whole(n)}`);

const rows: { label: string; cell: (s: ScenarioSummary, isToday: boolean) => string }[] = [
  { label: 'Overdose deaths', cell: (s) => span(s.totals.fatalOverdoses) },
  { label: 'Deaths averted', cell: (s, today) => (today ? '—' : span(s.totals.deathsAverted)) },
  { label: 'Non-fatal overdoses', cell: (s) => span(s.totals.nonFatalOverdoses) },
  { label: 'Non-fatal overdoses averted', cell: (s, today) => (today ? '—' : span(s.totals.nonFatalAverted)) },
  { label: 'People in MOUD at the end', cell: (s) => span(s.totals.inMoudAtEnd) },
  { label: 'Share of people with OUD in MOUD at the end', cell: (s) => span(s.cascadeAtEnd.inMoud, percent) },
  { label: 'Share untreated at the end', cell: (s) => span(s.cascadeAtEnd.untreated, percent) },
  { label: 'Cost over the period', cell: (s) => span(s.totals.cost, (n) => `$${whole(n)}`) },
  { label: 'Added cost', cell: (s, today) => (today ? '—' : span(s.totals.incrementalCost, (n) => `$${whole(n)}`)) },
  { label: 'Cost per death averted', cell: (s, today) => (today ? '—' : dollars(s.costPerDeathAverted)) },
];

/** One run: progress while it computes (polled), then the summary, the comparison, fan charts, the fit and the tornado. */
export function RunPage() {
  const { id = '' } = useParams();
  const api = useScenariosApi();
  const { value: run, error } = usePolledStatus(() => api.getRun(id), [id]);

  if (error && !run) return <Alert tone="error">{error}</Alert>;
  if (!run) return <p role="status">Loading the run…</p>;
  const years = run.input.years ?? 5;
  return (
    <>
      <PageHeading
        title={run.name}
        eyebrow={<Link to="/scenarios">Scenarios</Link>}
        description={`${run.input.scenarios.length} scenario${run.input.scenarios.length === 1 ? '' : 's'} against today over ${years} year${years === 1 ? '' : 's'}, ${run.input.draws} draws, seed ${run.input.seed}.`}
      />
      {run.status === 'queued' || run.status === 'running' ? (
        <p className="scenario-progress">
          <label htmlFor="scenario-progress">{run.status === 'queued' ? 'Queued' : 'Running the ensemble'}</label>{' '}
          <progress id="scenario-progress" max={run.progress.total} value={run.progress.done}>
            {run.progress.done} of {run.progress.total}
          </progress>{' '}
          {run.progress.done} of {run.progress.total}
        </p>
      ) : null}
      {run.status === 'failed' ? <Alert tone="error">The run failed: {run.error ?? 'unknown reason'}</Alert> : null}
      {run.result && run.calibration && run.community ? <Results run={run} /> : null}
    </>
  );
}

function Results({ run }: { run: ScenarioRunDetail }) {
  const result = run.result!;
  const all = [result.baseline, ...result.scenarios];
  const fan = (pick: (s: ScenarioSummary) => ScenarioSummary['monthly']['inMoud']) => all.map((s) => ({ name: s.name, points: pick(s) }));
  const community = run.community!;
  return (
    <div className="scenario-results">
      <section aria-labelledby="scenario-summary">
        <h2 id="scenario-summary">In plain words</h2>
        <ul className="scenario-summary">
          {(run.summary ?? []).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p className="scenario-actions">
          <a href={`/api/scenarios/runs/${run.id}/export.csv`} download>
            Download the monthly projections (CSV)
          </a>
          <a href={`/api/scenarios/runs/${run.id}/brief.pdf`}>Download the brief (PDF)</a>
          <Link to={`/scenarios?from=${run.id}`}>Start a new run from this one</Link>
        </p>
      </section>
      <Table caption="Scenarios side by side: median (90% interval)" narrowLayout="scroll">
        <thead>
          <tr>
            <th scope="col">Over {run.input.years} years</th>
            {all.map((s) => (
              <th key={s.name} scope="col">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              {all.map((s, i) => (
                <td key={s.name}>{r.cell(s, i === 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
      <FanChart title="Overdose deaths" unit="deaths" lines={fan((s) => s.monthly.fatalOverdoses)} fileBase="scenario-deaths" />
      <FanChart
        title="Non-fatal overdoses"
        unit="overdoses"
        lines={fan((s) => s.monthly.nonFatalOverdoses)}
        fileBase="scenario-non-fatal"
      />
      <FanChart title="People in MOUD" unit="people" lines={fan((s) => s.monthly.inMoud)} fileBase="scenario-in-moud" />
      {run.tornado?.map((t) => (
        <TornadoChart key={t.scenario} tornado={t} />
      ))}
      <section aria-labelledby="scenario-fit">
        <h2 id="scenario-fit">The model against this community’s data</h2>
        <p>
          {community.observedMonths ? `Observed ${community.observedMonths.from} to ${community.observedMonths.to}. ` : ''}
          Fitted:{' '}
          {Object.keys(run.calibration!.fitted).length === 0
            ? 'nothing (too few months with data; literature values used).'
            : Object.entries(run.calibration!.fitted)
                .map(([k, v]) => `${k} ${v.toPrecision(3)} (prior ${run.calibration!.prior[k]?.toPrecision(3) ?? '—'})`)
                .join('; ')}
        </p>
        <FitChart title="Non-fatal overdoses by month" months={run.calibration!.months} series="nonFatalOverdoses" />
        <FitChart title="Overdose deaths by month" months={run.calibration!.months} series="fatalOverdoses" />
        <FitChart title="MOUD starts by month" months={run.calibration!.months} series="treatmentStarts" />
        <h3>Where the starting point came from</h3>
        <ul>
          <li>
            {whole(community.population)} people; {whole(community.oudEstimate)} with OUD (
            {community.oudEstimateSource === 'estimates' ? 'the stored OUD estimates' : 'a national prevalence'})
          </li>
          <li>
            {community.moudStartsPerYear === null ? 'No MOUD starts recorded' : `${whole(community.moudStartsPerYear)} MOUD starts a year`}
          </li>
          <li>
            {community.retention180 === null ? 'Retention from the literature' : `${percent(community.retention180)} retained at 180 days`}
          </li>
          <li>{whole(community.naloxoneKitsPerYear)} naloxone kits in the last year</li>
          {community.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
