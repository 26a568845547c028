import type { ScenarioLevers } from '@continuum/contracts';

/** A scenario as the form holds it: every lever present, null leaving today's value. */
export interface ScenarioDraft {
  name: string;
  levers: ScenarioLevers;
}

export const emptyLevers = (): ScenarioLevers => ({
  extraSlots: { buprenorphine: 0, methadone: 0, naltrexone: 0 },
  edInduction: null,
  jailMoudAtRelease: null,
  retentionImprovement: 0,
  naloxoneKitsPerYear: null,
  ftsUptake: null,
  prescribingReduction: 0,
  waitWeeks: null,
});

/**
 * One lever of the form: how it is shown (label, hint, slider bounds in shown units, `scale` from stored to
 * shown: 100 for a share shown as a percent), where it is read from and how a typed value becomes the
 * stored one (`parse`: the value in stored units, or null for a cleared field, to the levers it changes).
 * docs/scenarios.md, "Levers", holds the evidence behind each.
 */
export interface LeverDefinition {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly scale: number;
  /** A cleared field leaves today's value (null); otherwise it means 0. */
  readonly nullable: boolean;
  readonly read: (levers: ScenarioLevers) => number | null;
  readonly parse: (value: number | null, levers: ScenarioLevers) => Partial<ScenarioLevers>;
}

const medicationLabels = { buprenorphine: 'buprenorphine', methadone: 'methadone', naltrexone: 'XR-naltrexone' } as const;

const slotLever = (m: keyof typeof medicationLabels): LeverDefinition => ({
  id: `extraSlots.${m}`,
  label: `Extra ${medicationLabels[m]} slots`,
  hint: 'New treatment places; they help where programmes are full.',
  min: 0,
  max: 2000,
  step: 10,
  scale: 1,
  nullable: false,
  read: (l) => l.extraSlots[m],
  parse: (v, l) => ({ extraSlots: { ...l.extraSlots, [m]: Math.round(v ?? 0) } }),
});

const percentLever = (
  id: 'edInduction' | 'jailMoudAtRelease' | 'ftsUptake' | 'retentionImprovement' | 'prescribingReduction',
  label: string,
  hint: string,
  nullable: boolean,
  max = 100,
): LeverDefinition => ({
  id,
  label,
  hint,
  min: 0,
  max,
  step: 1,
  scale: 100,
  nullable,
  read: (l) => l[id],
  parse: (v) => ({ [id]: nullable ? v : (v ?? 0) }),
});

export const leverDefinitions: readonly LeverDefinition[] = [
  slotLever('buprenorphine'),
  slotLever('methadone'),
  slotLever('naltrexone'),
  percentLever(
    'edInduction',
    'ED buprenorphine induction (%)',
    'Share of people seen in an ED after an overdose who start buprenorphine there.',
    true,
  ),
  percentLever(
    'jailMoudAtRelease',
    'Released from jail on MOUD (%)',
    'Share of people with OUD released from jail who leave on medication.',
    true,
  ),
  percentLever(
    'retentionImprovement',
    'Fewer people leaving MOUD (%)',
    'Peer support, telehealth: relative reduction in stopping treatment.',
    false,
    90,
  ),
  {
    id: 'naloxoneKitsPerYear',
    label: 'Naloxone kits per year',
    hint: 'Kits handed out across the community each year.',
    min: 0,
    max: 50000,
    step: 100,
    scale: 1,
    nullable: true,
    read: (l) => l.naloxoneKitsPerYear,
    parse: (v) => ({ naloxoneKitsPerYear: v === null ? null : Math.round(v) }),
  },
  percentLever('ftsUptake', 'Fentanyl test strip use (%)', 'Share of people with untreated OUD who use test strips.', true),
  percentLever(
    'prescribingReduction',
    'Fewer new prescription opioid misuse (%)',
    'From safer prescribing (the prescribing-safety screening).',
    false,
    90,
  ),
  {
    id: 'waitWeeks',
    label: 'Wait for MOUD (weeks)',
    hint: 'Treatment on demand is 0.',
    min: 0,
    max: 12,
    step: 0.5,
    scale: 1,
    nullable: true,
    read: (l) => l.waitWeeks,
    parse: (v) => ({ waitWeeks: v }),
  },
];

/** A typed field (shown units) to stored units: cleared → null (nullable) or 0, clamped to the lever's bounds. */
export function fieldValue(lever: LeverDefinition, raw: string): number | null | undefined {
  if (raw.trim() === '') return lever.nullable ? null : 0;
  const n = Number(raw);
  if (!Number.isFinite(n)) return undefined;
  return Math.min(lever.max, Math.max(lever.min, n)) / lever.scale;
}
