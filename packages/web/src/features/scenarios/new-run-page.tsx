import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { MAX_SCENARIOS_PER_RUN, type ScenarioRun } from '@continuum/contracts';
import { describeError } from '../../api/api-error.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { TextField } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeading } from '../../ui/page-heading.tsx';
import { EmptyRow, Table } from '../../ui/table.tsx';
import { useScenariosApi } from './api-context.tsx';
import { CostsFields, costsFrom, type CostDrafts } from './costs-fields.tsx';
import { LeverForm } from './lever-form.tsx';
import { emptyLevers, type ScenarioDraft } from './levers.ts';
import { scenarioFromSiting } from './siting-link.ts';

const statusLabels: Record<ScenarioRun['status'], string> = { queued: 'Queued', running: 'Running', done: 'Done', failed: 'Failed' };

/** /scenarios: choose levers for up to four scenarios, run them against today, and the saved runs everyone here can open. */
export function NewRunPage() {
  const api = useScenariosApi();
  const navigate = useNavigate();
  const [runs, setRuns] = useState<ScenarioRun[] | null>(null);
  const [name, setName] = useState('');
  const [years, setYears] = useState('5');
  const [draws, setDraws] = useState('1000');
  const [seed, setSeed] = useState('1');
  // "Model this site" from the needs-and-gaps siting: ?sitingCategory=…&sitingSlots=… fills the first scenario.
  const [search] = useSearchParams();
  const [scenarios, setScenarios] = useState<ScenarioDraft[]>(() => [
    scenarioFromSiting(search) ?? { name: 'Scenario 1', levers: emptyLevers() },
  ]);
  const [costs, setCosts] = useState<CostDrafts>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // "Start from this run": ?from=<run id> fills the form with that run's settings, levers and costs.
  const from = search.get('from');

  useEffect(() => {
    if (!from) return;
    let cancelled = false;
    api.getRun(from).then(
      (r) => {
        if (cancelled) return;
        setName(`${r.name} (again)`);
        setYears(String(r.input.years ?? 5));
        setDraws(String(r.input.draws ?? 1000));
        setSeed(String(r.input.seed ?? 1));
        setScenarios(
          r.input.scenarios.map((s) => ({ name: s.name, levers: { ...emptyLevers(), ...s.levers } as ScenarioDraft['levers'] })),
        );
        setCosts(Object.fromEntries(Object.entries(r.input.costs ?? {}).map(([k, v]) => [k, String(v)])));
      },
      (e: unknown) => !cancelled && setError(describeError(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, from]);

  useEffect(() => {
    let cancelled = false;
    api.listRuns().then(
      (items) => !cancelled && setRuns(items),
      (e: unknown) => !cancelled && setError(describeError(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  const run = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const created = await api.createRun({
        name: name.trim() || scenarios.map((s) => s.name).join(' vs '),
        years: Number(years),
        draws: Number(draws),
        seed: Number(seed),
        scenarios,
        costs: costsFrom(costs),
      });
      navigate(`/scenarios/${created.id}`);
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading
        title="Scenarios"
        description="What could more MOUD slots, naloxone, ED induction or jail MOUD do here? A model of the community’s cascade, calibrated to its own data — a model, not a forecast: every result is a median with its 90% interval."
      />
      <form className="scenario-form" onSubmit={(e) => void run(e)} aria-label="New scenario run">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <TextField label="Name of the run" value={name} onChange={(e) => setName(e.target.value)} isOptional maxLength={120} />
        <div className="scenario-run-settings">
          <TextField label="Years (1–10)" type="number" min={1} max={10} value={years} onChange={(e) => setYears(e.target.value)} />
          <TextField
            label="Draws"
            hint="Parameter draws in the ensemble (20–2,000)."
            type="number"
            min={20}
            max={2000}
            value={draws}
            onChange={(e) => setDraws(e.target.value)}
          />
          <TextField
            label="Seed"
            hint="The same seed gives the same result."
            type="number"
            min={0}
            value={seed}
            onChange={(e) => setSeed(e.target.value)}
          />
        </div>
        {scenarios.map((s, i) => (
          <fieldset key={i} className="scenario-card">
            <legend>Scenario {i + 1}</legend>
            <TextField
              label={`Name of scenario ${i + 1}`}
              value={s.name}
              maxLength={80}
              onChange={(e) => setScenarios(scenarios.map((x, k) => (k === i ? { ...x, name: e.target.value } : x)))}
            />
            <LeverForm draft={s} onChange={(d) => setScenarios(scenarios.map((x, k) => (k === i ? d : x)))} />
            {scenarios.length > 1 ? (
              <Button variant="quiet" type="button" onClick={() => setScenarios(scenarios.filter((_, k) => k !== i))}>
                Remove scenario {i + 1}
              </Button>
            ) : null}
          </fieldset>
        ))}
        <CostsFields drafts={costs} onChange={setCosts} />
        <div className="scenario-actions">
          {scenarios.length < MAX_SCENARIOS_PER_RUN ? (
            <Button
              variant="secondary"
              type="button"
              onClick={() => setScenarios([...scenarios, { name: `Scenario ${scenarios.length + 1}`, levers: emptyLevers() }])}
            >
              Add a scenario
            </Button>
          ) : null}
          <Button type="submit" disabled={busy}>
            Run against today
          </Button>
        </div>
      </form>
      <Table caption="Saved runs, newest first">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Status</th>
            <th scope="col">Started</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {runs === null ? (
            <EmptyRow columns={4}>Loading…</EmptyRow>
          ) : runs.length === 0 ? (
            <EmptyRow columns={4}>No runs yet.</EmptyRow>
          ) : (
            runs.map((r) => (
              <tr key={r.id}>
                <td data-label="Run">
                  <Link to={`/scenarios/${r.id}`}>{r.name}</Link>
                </td>
                <td data-label="Status">{statusLabels[r.status]}</td>
                <td data-label="Started">{formatDateTime(r.createdAt)}</td>
                <td data-label="By">{r.createdByName ?? '—'}</td>
              </tr>
            ))
          )}
        </tbody>
      </Table>
    </>
  );
}
