import type { TimelineEntry, UrineDrugTestSubstance } from '@continuum/contracts';
import { milestoneLabels, moudStopReasonLabels, urineSubstanceLabels } from './touchpoint-labels.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** One line saying what a recorded touchpoint found (its typed data), for the timeline; null when there is nothing to add. */
export function touchpointSummary(entry: Pick<TimelineEntry, 'type' | 'data'>): string | null {
  const d = entry.data;
  switch (entry.type) {
    case 'screening': {
      const instrument = str(d.instrument);
      const result = str(d.result);
      if (!instrument || !result) return null;
      const score = num(d.score);
      return `${instrument === 'single-question' ? 'Single-question screen' : instrument}: ${result}${score !== undefined ? ` (score ${score})` : ''}`;
    }
    case 'urine_drug_test': {
      const results = d.results && typeof d.results === 'object' ? Object.entries(d.results as Record<string, unknown>) : [];
      if (results.length === 0) return null;
      const line = (want: string) =>
        results
          .filter(([, r]) => r === want)
          .map(([s]) => urineSubstanceLabels[s as UrineDrugTestSubstance] ?? s)
          .join(', ');
      return [line('positive') && `Positive: ${line('positive')}`, line('negative') && `Negative: ${line('negative')}`]
        .filter(Boolean)
        .join(' · ');
    }
    case 'diagnosis':
      return [str(d.code), str(d.severity), str(d.remission) && `${str(d.remission)} remission`].filter(Boolean).join(' · ') || null;
    case 'moud_start':
    case 'moud_dose_change': {
      const dose = num(d.doseMg);
      const previous = num(d.previousDoseMg);
      return (
        [
          str(d.medication),
          str(d.formulation)?.replaceAll('_', ' '),
          dose !== undefined ? `${previous !== undefined ? `${previous} → ` : ''}${dose} mg` : undefined,
        ]
          .filter(Boolean)
          .join(' · ') || null
      );
    }
    case 'moud_stop': {
      const reason = str(d.reason);
      return (
        [str(d.medication), reason ? moudStopReasonLabels[reason as keyof typeof moudStopReasonLabels] : undefined]
          .filter(Boolean)
          .join(' · ') || null
      );
    }
    case 'recovery_milestone': {
      const m = str(d.milestone);
      return m ? (milestoneLabels[m as keyof typeof milestoneLabels] ?? m) : null;
    }
    default:
      return null;
  }
}
