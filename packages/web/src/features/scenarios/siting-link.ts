import { scenarioMedications, type GapCategory, type ScenarioLevers } from '@continuum/contracts';
import { emptyLevers, type ScenarioDraft } from './levers.ts';

/**
 * A scenario started from the needs-and-gaps what-if siting (docs/gaps.md): a new site of a MOUD category
 * with a capacity becomes that many extra slots of its medication. Other categories (withdrawal management,
 * residential, harm reduction, housing, peer support) have no lever measured in slots, so they get no link.
 */
type Medication = (typeof scenarioMedications)[number];

const medicationOf = (category: string): Medication | null =>
  (scenarioMedications as readonly string[]).includes(category) ? (category as Medication) : null;

const medicationLabels: Record<Medication, string> = {
  buprenorphine: 'buprenorphine',
  methadone: 'methadone',
  naltrexone: 'XR-naltrexone',
};

/** Where "Model this site in Scenarios" goes, or null when the siting has no matching lever. */
export function scenarioHrefFromSiting(category: GapCategory, capacity: number | null): string | null {
  if (medicationOf(category) === null || capacity === null || !Number.isInteger(capacity) || capacity <= 0) return null;
  return `/scenarios?${new URLSearchParams({ sitingCategory: category, sitingSlots: String(capacity) }).toString()}`;
}

/** The scenario a siting link asks for, or null when the address holds none (or one out of range). */
export function scenarioFromSiting(search: URLSearchParams): ScenarioDraft | null {
  const medication = medicationOf(search.get('sitingCategory') ?? '');
  const slots = Number(search.get('sitingSlots'));
  if (medication === null || !Number.isInteger(slots) || slots <= 0 || slots > 100_000) return null;
  const levers: ScenarioLevers = emptyLevers();
  return {
    name: `New site: +${slots} ${medicationLabels[medication]} slots`,
    levers: { ...levers, extraSlots: { ...levers.extraSlots, [medication]: slots } },
  };
}
