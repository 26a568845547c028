import { scenarioCostLabels, scenarioDefaultCosts, type ScenarioCosts } from '@continuum/contracts';
import { TextField } from '../../ui/field.tsx';

type CostKey = keyof ScenarioCosts;
const keys = Object.keys(scenarioDefaultCosts) as CostKey[];

/** The unit costs as the form holds them: text per field, empty for the default. */
export type CostDrafts = Partial<Record<CostKey, string>>;

/** The costs the run is sent with: only the fields filled in (the others take the defaults). */
export function costsFrom(drafts: CostDrafts): ScenarioCosts {
  return Object.fromEntries(keys.filter((k) => (drafts[k] ?? '').trim() !== '').map((k) => [k, Number(drafts[k])])) as ScenarioCosts;
}

/** Editable unit costs for the cost per death averted; each shows its default (docs/scenarios.md, "A run"). */
export function CostsFields({ drafts, onChange }: { drafts: CostDrafts; onChange: (drafts: CostDrafts) => void }) {
  return (
    <details className="scenario-card">
      <summary>Unit costs (US dollars)</summary>
      <div className="scenario-run-settings">
        {keys.map((k) => (
          <TextField
            key={k}
            label={scenarioCostLabels[k]}
            hint={`Default $${scenarioDefaultCosts[k].toLocaleString('en-US')}.`}
            type="number"
            min={0}
            value={drafts[k] ?? ''}
            placeholder={String(scenarioDefaultCosts[k])}
            onChange={(e) => onChange({ ...drafts, [k]: e.target.value })}
          />
        ))}
      </div>
    </details>
  );
}
