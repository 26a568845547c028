import type { PersonSafety, RecordKind } from '@continuum/contracts';
import { recordKindLabels } from '@continuum/contracts';

export const indicatorLabels = { critical: 'Critical', warning: 'Warning', info: 'Information' } as const;
export const indicatorTones = { critical: 'negative', warning: 'warning', info: 'neutral' } as const;

export const notComputableLabels: Record<PersonSafety['notComputable'][number]['reason'], string> = {
  'unknown-drug': 'drug not recognized',
  'no-conversion-factor': 'no CDC 2022 conversion factor',
  'frequency-unknown': 'how often it is taken is not known',
  'dose-unknown': 'dose not known',
  'unit-not-understood': 'dose unit not understood',
  'implausible-value': 'a dose, quantity or supply that no prescription can have',
  'start-unknown': 'active, but no start date is recorded',
};

export function restrictedText(kind: RecordKind, count: number): string {
  return `${recordKindLabels[kind].en} · ${count} ${count === 1 ? 'entry' : 'entries'}`;
}

/** "CDC … 2022 (MMWR …), Recommendation 8" → "CDC 2022, Recommendation 8" for the short citation line. */
export function shortCitation(citation: string): string {
  const rec = /Recommendations? [\d–, and]+$/.exec(citation)?.[0];
  if (citation.startsWith('CDC Clinical Practice Guideline') && rec) return `CDC 2022 opioid prescribing guideline, ${rec.trim()}`;
  return citation;
}
