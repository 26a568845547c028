import type { SafetyCheckResult } from '@continuum/contracts';
import type { DrugKnowledge } from './drug-knowledge.ts';
import { parseSafetyRequest, type Hook } from './fhir-adapter.ts';
import type { ImplausibleHandling } from './fhir-plausibility.ts';
import { defaultSafetyOptions, type SafetyOptions } from './rule-definitions.ts';
import { evaluateSafety } from './rules.ts';
import type { Day, MedicationOrder, PatientFacts } from './safety-model.ts';

/** Records from outside the payload (the network's own dispensings and overdoses) to add to what the caller sent. */
export interface AddedFacts {
  orders: readonly MedicationOrder[];
  overdoses: readonly Day[];
}

/**
 * One point-of-care check over the payload the caller sends (a FHIR Bundle or a CDS Hooks
 * request), plus any records added from elsewhere: parse, compute MME and the timeline, evaluate the
 * rules. Pure: nothing is stored. Returns the facts too (the taper suggestion reads the orders).
 */
export function checkSafetyWithFacts(
  k: DrugKnowledge,
  body: unknown,
  asOf: Day,
  options: SafetyOptions = defaultSafetyOptions,
  forcedHook?: Hook,
  added?: AddedFacts,
  handling: ImplausibleHandling = 'refuse',
): { result: SafetyCheckResult; facts: PatientFacts } {
  const parsed = parseSafetyRequest(k, body, asOf, forcedHook, handling);
  const facts: PatientFacts = added
    ? {
        ...parsed.facts,
        orders: [...parsed.facts.orders, ...added.orders],
        overdoses: [...(parsed.facts.overdoses ?? []), ...added.overdoses],
      }
    : parsed.facts;
  const result = evaluateSafety(k, facts, parsed.hook, parsed.triggerOrderIds, options);
  return {
    facts,
    result: {
      hook: result.hook,
      mmePerDay: result.mme.mmePerDay,
      computableMmePerDay: result.mme.computableMmePerDay,
      prescriptions: result.mme.prescriptions,
      notComputable: result.mme.notComputable,
      timeline: result.mme.timeline,
      rules: result.rules,
      exclusions: result.exclusions,
      issues: facts.issues ?? [],
    },
  };
}

/** The check over the payload alone. */
export function checkSafety(
  k: DrugKnowledge,
  body: unknown,
  asOf: Day,
  options: SafetyOptions = defaultSafetyOptions,
  forcedHook?: Hook,
  parse: { implausible: ImplausibleHandling } = { implausible: 'refuse' },
): SafetyCheckResult {
  return checkSafetyWithFacts(k, body, asOf, options, forcedHook, undefined, parse.implausible).result;
}
