import { SMALL_CELL_THRESHOLD } from '@continuum/contracts';
import { protectTable } from '../../core/disclosure-audit.ts';

/*
 * Small-cell suppression for everything an analyst or the public sees (docs/measures.md):
 *   - a count of 1–10 people (or events) is never shown (0 is shown);
 *   - a rate is not shown when its numerator, its denominator or the difference (those not
 *     meeting the measure) is 1–10, since any one of them follows from the other two;
 *   - complementary suppression: when a set of cells adds up to a total that is shown (the strata
 *     of a dimension), a single suppressed cell, or a small group of them, could be recovered by
 *     subtraction, so the smallest other non-zero cell is suppressed too; when there is none, the
 *     whole set is suppressed;
 *   - the months of a series and the period totals are published together over fixed reporting
 *     periods with an exact audit (published-series.ts).
 */

export const isSmall = (n: number): boolean => n >= 1 && n < SMALL_CELL_THRESHOLD;

export interface ShownProportion {
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  suppressed: boolean;
}

export function suppressProportion(numerator: number, denominator: number): ShownProportion {
  if (isSmall(numerator) || isSmall(denominator) || isSmall(denominator - numerator)) {
    return { numerator: null, denominator: null, rate: null, suppressed: true };
  }
  return { numerator, denominator, rate: denominator > 0 ? numerator / denominator : null, suppressed: false };
}

export function suppressCount(n: number): { value: number | null; suppressed: boolean } {
  return isSmall(n) ? { value: null, suppressed: true } : { value: n, suppressed: false };
}

/**
 * Complementary suppression over cells that sum to a shown total: `values` are the true counts,
 * `suppressed` which are already hidden. Returns which to hide: while the hidden cells together
 * hold 1–10, or a single non-zero cell is hidden, the smallest other non-zero cell is hidden too
 * (so neither one hidden cell nor a small group of them follows from the total).
 */
export function complementary(values: readonly number[], suppressed: readonly boolean[]): boolean[] {
  return protectTable(values, suppressed, SMALL_CELL_THRESHOLD);
}
