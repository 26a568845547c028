import { useId } from 'react';
import type { ScenarioDraft } from './levers.ts';
import { fieldValue, leverDefinitions, type LeverDefinition } from './levers.ts';

/** One lever: a slider and a number field bound to the same value; clearing a nullable field leaves today's value. */
function Lever({ lever, value, onChange }: { lever: LeverDefinition; value: number | null; onChange: (value: number | null) => void }) {
  const id = useId();
  const { label, hint, min, max, step, scale, nullable } = lever;
  const shown = value === null ? null : Math.round(value * scale * 100) / 100;
  const set = (raw: string) => {
    const v = fieldValue(lever, raw);
    if (v !== undefined) onChange(v);
  };
  return (
    <div className="scenario-lever">
      <label htmlFor={id}>{label}</label>
      <p className="field-hint" id={`${id}-hint`}>
        {hint}
        {nullable ? ' Leave empty for today’s value.' : ''}
      </p>
      <div className="scenario-lever-controls">
        <input
          type="range"
          aria-label={`${label} (slider)`}
          min={min}
          max={max}
          step={step}
          value={shown ?? min}
          onChange={(e) => set(e.target.value)}
        />
        <input
          id={id}
          type="number"
          aria-describedby={`${id}-hint`}
          min={min}
          max={max}
          step={step}
          value={shown ?? ''}
          placeholder={nullable ? 'today' : undefined}
          onChange={(e) => set(e.target.value)}
        />
      </div>
    </div>
  );
}

/** The levers of one scenario, one per definition in levers.ts (docs/scenarios.md, "Levers", for the evidence behind each). */
export function LeverForm({ draft, onChange }: { draft: ScenarioDraft; onChange: (draft: ScenarioDraft) => void }) {
  const l = draft.levers;
  return (
    <div className="scenario-levers">
      {leverDefinitions.map((lever) => (
        <Lever
          key={lever.id}
          lever={lever}
          value={lever.read(l)}
          onChange={(v) => onChange({ ...draft, levers: { ...l, ...lever.parse(v, l) } })}
        />
      ))}
    </div>
  );
}
