import { type DrugKnowledge } from './drug-knowledge.ts';
import { defaultSafetyOptions, ruleDefinitions, type SafetyOptions } from './rule-definitions.ts';
import type { DispensingRow, ScreeningRule, ScreeningResult, ScreeningCallbacks } from './screening-model.ts';
import { DispensingColumns } from './screening-columns.ts';
import { evaluateSnapshot } from './screening-evaluate.ts';

/**
 * PDMP-style population screening over dispensing rows (person, fill date, drug, quantity, days
 * supply, prescriber, pharmacy) from any source: a file (`continuum safety screen`), the network's
 * own dispensing data, a generator. Rows may come in any order. Memory: about 30 bytes a row in
 * columnar typed arrays plus one map entry per distinct person, prescriber and pharmacy.
 *
 * MME per fill is dispensing-based: strength × quantity ÷ days supply × factor (reference §3c, §8.6),
 * with the CDC 2022 factors; fentanyl patches as mcg/hr × 2.4 × patches worn (72-hour wear).
 */

/**
 * Screens an extract: rows from any source, in any order. Rows the screening cannot use are
 * counted and passed to `onRejected`; flagged people go to `onFlagged`; the summary and
 * per-prescriber rates are returned.
 */
export async function screenDispensings(
  k: DrugKnowledge,
  rows: AsyncIterable<DispensingRow> | Iterable<DispensingRow>,
  options: SafetyOptions = defaultSafetyOptions,
  callbacks: ScreeningCallbacks = {},
): Promise<ScreeningResult> {
  const cols = new DispensingColumns(k);
  const every = callbacks.progressEvery ?? 100_000;
  for await (const row of rows) {
    const error = cols.add(row);
    if (error) callbacks.onRejected?.(cols.read, error);
    if (callbacks.onProgress && cols.read % every === 0) callbacks.onProgress(cols.read);
  }
  callbacks.onProgress?.(cols.read);
  return evaluateSnapshot(cols.snapshot(), options, callbacks);
}

export function ruleTitle(rule: ScreeningRule): string {
  return ruleDefinitions[rule].title;
}
