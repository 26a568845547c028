import type { SafetyCheckResult } from '@continuum/contracts';
import type { DrugKnowledge } from './drug-knowledge.ts';
import { parseSafetyRequest, type Hook } from './fhir-adapter.ts';
import { defaultSafetyOptions, type SafetyOptions } from './rule-definitions.ts';
import { evaluateSafety } from './rules.ts';
import type { Day } from './safety-model.ts';

/**
 * One point-of-care check over the payload the caller sends (a FHIR Bundle or a CDS Hooks
 * request): parse, compute MME and the timeline, evaluate the rules. Pure: nothing is stored.
 */
export function checkSafety(
  k: DrugKnowledge,
  body: unknown,
  asOf: Day,
  options: SafetyOptions = defaultSafetyOptions,
  forcedHook?: Hook,
): SafetyCheckResult {
  const parsed = parseSafetyRequest(k, body, asOf, forcedHook);
  const result = evaluateSafety(k, parsed.facts, parsed.hook, parsed.triggerOrderIds, options);
  return {
    hook: result.hook,
    mmePerDay: result.mme.mmePerDay,
    computableMmePerDay: result.mme.computableMmePerDay,
    prescriptions: result.mme.prescriptions,
    notComputable: result.mme.notComputable,
    timeline: result.mme.timeline,
    rules: result.rules,
    exclusions: result.exclusions,
  };
}
