import { createHash } from 'node:crypto';
import type { CdsResponse, SafetyCheckResult } from '@continuum/contracts';
import type { Hook } from './fhir-adapter.ts';
import type { SuggestedAction } from './rule-definitions.ts';

/** CDS Hooks 2.0 (https://cds-hooks.hl7.org/2.0/): discovery and cards. */

export const RULE_TOPIC_SYSTEM = 'https://continuum.health/fhir/CodeSystem/prescribing-safety-rule';

const patientPrefetch = {
  patient: 'Patient/{{context.patientId}}',
  medications: 'MedicationRequest?patient={{context.patientId}}',
  dispenses: 'MedicationDispense?patient={{context.patientId}}',
  conditions: 'Condition?patient={{context.patientId}}',
  observations: 'Observation?patient={{context.patientId}}&category=laboratory',
  procedures: 'Procedure?patient={{context.patientId}}',
  carePlans: 'CarePlan?patient={{context.patientId}}',
  encounters: 'Encounter?patient={{context.patientId}}',
};

const usageRequirements =
  'Authorization: Bearer <CDS Hooks JWT signed by a registered EHR connection, or a Continuum API token>. Send every prefetch key; nothing is fetched back.';

/** Prefetch keys a request must carry (a value may be null or an empty Bundle when nothing matched). */
export const requiredPrefetch = ['patient', 'medications'] as const;

export const cdsServices: {
  hook: Hook;
  id: string;
  title: string;
  description: string;
  prefetch: Record<string, string>;
  usageRequirements: string;
}[] = [
  {
    hook: 'order-select',
    id: 'continuum-opioid-order-select',
    title: 'Opioid prescribing safety (order select)',
    description:
      'Warns when an opioid is selected with a benzodiazepine or other CNS depressant, when the total MME cannot be computed, and on opioids from several prescribers and pharmacies.',
    prefetch: patientPrefetch,
    usageRequirements,
  },
  {
    hook: 'order-sign',
    id: 'continuum-opioid-order-sign',
    title: 'Opioid prescribing safety (order sign)',
    description:
      'CDC 2022 opioid prescribing recommendations 1–12 for the opioid orders being signed: MME/day, dose thresholds, naloxone, PDMP review, urine drug testing, benzodiazepines.',
    prefetch: patientPrefetch,
    usageRequirements,
  },
  {
    hook: 'patient-view',
    id: 'continuum-opioid-patient-view',
    title: 'Opioid safety review (patient view)',
    description:
      'Total MME/day of the active pain opioids, naloxone, benzodiazepine combinations, urine drug testing, multiple prescribers, and offering medications for OUD.',
    prefetch: patientPrefetch,
    usageRequirements,
  },
];

const actionLabels: Record<SuggestedAction, string> = {
  'offer-naloxone': 'Offer naloxone',
  'refer-to-moud': 'Refer to treatment with medications for OUD',
  'plan-taper': 'Plan a taper',
  'review-pdmp': 'Review the PDMP',
  'order-urine-drug-test': 'Order a urine drug test',
  'document-treatment-plan': 'Document a pain treatment plan',
};

/** A stable id per card and suggestion, so an EHR can tell repeated cards apart. */
function stableUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** One card per fired rule; `source.topic.code` is the rule code and the detail states the MME. */
export function toCards(result: SafetyCheckResult, hookInstance: string): CdsResponse {
  const mmeLine =
    result.mmePerDay !== null
      ? `Total: **${result.mmePerDay} MME/day**.`
      : result.notComputable.length > 0
        ? `Total MME/day cannot be computed (${result.notComputable.map((n) => n.drug).join('; ')}); the computable part is ${result.computableMmePerDay} MME/day.`
        : 'No pain opioid with an MME is active.';
  return {
    cards: result.rules.map((rule) => {
      const summary = truncate(rule.mmePerDay != null ? `${rule.title}: ${rule.mmePerDay} MME/day` : rule.title, 140);
      return {
        uuid: stableUuid(hookInstance, rule.code),
        summary,
        detail: `${rule.explanation}\n\n${mmeLine}\n\n*${rule.citation}*`,
        indicator: rule.indicator,
        source: { label: 'Continuum prescribing safety', topic: { system: RULE_TOPIC_SYSTEM, code: rule.code, display: rule.title } },
        ...(rule.actions.length > 0
          ? {
              suggestions: rule.actions.map((a) => ({ label: actionLabels[a], uuid: stableUuid(hookInstance, rule.code, a) })),
              selectionBehavior: 'any' as const,
            }
          : {}),
      };
    }),
  };
}
