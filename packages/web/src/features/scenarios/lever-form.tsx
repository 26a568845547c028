import { useId } from 'react';
import { scenarioMedications, type ScenarioLevers } from '@continuum/contracts';
import type { ScenarioDraft } from './levers.ts';

interface LeverProps {
  label: string;
  hint: string;
  value: number | null;
  onChange: (value: number | null) => void;
  min: number;
  max: number;
  step: number;
  /** Shown value = stored value × scale (100 for a share shown as a percent). */
  scale?: number;
  nullable?: boolean;
}

/** One lever: a slider and a number field bound to the same value; clearing a nullable field leaves today's value. */
function Lever({ label, hint, value, onChange, min, max, step, scale = 1, nullable = false }: LeverProps) {
  const id = useId();
  const shown = value === null ? null : Math.round(value * scale * 100) / 100;
  const set = (raw: string) => {
    if (raw === '') return onChange(nullable ? null : 0);
    const n = Number(raw);
    if (Number.isFinite(n)) onChange(Math.min(max, Math.max(min, n)) / scale);
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

const medicationLabels = { buprenorphine: 'buprenorphine', methadone: 'methadone', naltrexone: 'XR-naltrexone' } as const;

/** The levers of one scenario (docs/scenarios.md, "Levers", for the evidence behind each). */
export function LeverForm({ draft, onChange }: { draft: ScenarioDraft; onChange: (draft: ScenarioDraft) => void }) {
  const l = draft.levers;
  const set = (levers: Partial<ScenarioLevers>) => onChange({ ...draft, levers: { ...l, ...levers } });
  return (
    <div className="scenario-levers">
      {scenarioMedications.map((m) => (
        <Lever
          key={m}
          label={`Extra ${medicationLabels[m]} slots`}
          hint="New treatment places; they help where programmes are full."
          value={l.extraSlots[m]}
          onChange={(v) => set({ extraSlots: { ...l.extraSlots, [m]: Math.round(v ?? 0) } })}
          min={0}
          max={2000}
          step={10}
        />
      ))}
      <Lever
        label="ED buprenorphine induction (%)"
        hint="Share of people seen in an ED after an overdose who start buprenorphine there."
        value={l.edInduction}
        onChange={(v) => set({ edInduction: v })}
        min={0}
        max={100}
        step={1}
        scale={100}
        nullable
      />
      <Lever
        label="Released from jail on MOUD (%)"
        hint="Share of people with OUD released from jail who leave on medication."
        value={l.jailMoudAtRelease}
        onChange={(v) => set({ jailMoudAtRelease: v })}
        min={0}
        max={100}
        step={1}
        scale={100}
        nullable
      />
      <Lever
        label="Fewer people leaving MOUD (%)"
        hint="Peer support, telehealth: relative reduction in stopping treatment."
        value={l.retentionImprovement}
        onChange={(v) => set({ retentionImprovement: v ?? 0 })}
        min={0}
        max={90}
        step={1}
        scale={100}
      />
      <Lever
        label="Naloxone kits per year"
        hint="Kits handed out across the community each year."
        value={l.naloxoneKitsPerYear}
        onChange={(v) => set({ naloxoneKitsPerYear: v === null ? null : Math.round(v) })}
        min={0}
        max={50000}
        step={100}
        nullable
      />
      <Lever
        label="Fentanyl test strip use (%)"
        hint="Share of people with untreated OUD who use test strips."
        value={l.ftsUptake}
        onChange={(v) => set({ ftsUptake: v })}
        min={0}
        max={100}
        step={1}
        scale={100}
        nullable
      />
      <Lever
        label="Fewer new prescription opioid misuse (%)"
        hint="From safer prescribing (the prescribing-safety screening)."
        value={l.prescribingReduction}
        onChange={(v) => set({ prescribingReduction: v ?? 0 })}
        min={0}
        max={90}
        step={1}
        scale={100}
      />
      <Lever
        label="Wait for MOUD (weeks)"
        hint="Treatment on demand is 0."
        value={l.waitWeeks}
        onChange={(v) => set({ waitWeeks: v })}
        min={0}
        max={12}
        step={0.5}
        nullable
      />
    </div>
  );
}
