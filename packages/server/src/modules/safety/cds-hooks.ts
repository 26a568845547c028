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
  'Authorization: Bearer <CDS Hooks JWT signed by a registered EHR connection, or a Continuum API token>. Send the prefetch keys, or fhirServer and fhirAuthorization so that missing keys are fetched.';

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

/** What cards link to: Continuum's public URL, the EHR's patient id, and a taper starting point when there is one. */
export interface CardContext {
  publicUrl: string;
  patientId: string | null;
  taper: { ingredient: string; currentDailyMg: number; dosesPerDay: number } | null;
  /** A line for every card when the check used the network's own records (how many, from how many organizations). */
  networkNote: string | null;
}

/** RxNorm 1725059, naloxone hydrochloride 40 MG/ML Nasal Spray (4 mg per spray), from CDC's naloxone value set (data/valuesets). */
export const NALOXONE_NASAL_RXCUI = '1725059';

/** A draft naloxone order the clinician can accept from the card (a CDS Hooks `create` action, FHIR R4 MedicationRequest). */
export function naloxoneOrder(patientId: string | null): Record<string, unknown> {
  return {
    resourceType: 'MedicationRequest',
    status: 'draft',
    intent: 'order',
    ...(patientId ? { subject: { reference: `Patient/${patientId}` } } : {}),
    medicationCodeableConcept: {
      coding: [
        {
          system: 'http://www.nlm.nih.gov/research/umls/rxnorm',
          code: NALOXONE_NASAL_RXCUI,
          display: 'naloxone hydrochloride 4 MG per spray Nasal Spray',
        },
      ],
      text: 'Naloxone 4 mg nasal spray',
    },
    dosageInstruction: [
      {
        text: 'For suspected opioid overdose: one spray in one nostril; repeat after 2–3 minutes in the other nostril if there is no response.',
      },
    ],
    dispenseRequest: { quantity: { value: 2, unit: 'spray device' } },
  };
}

function suggestionActions(action: SuggestedAction, patientId: string | null) {
  if (action !== 'offer-naloxone') return undefined;
  return [{ type: 'create' as const, description: 'Order naloxone 4 mg nasal spray (two devices)', resource: naloxoneOrder(patientId) }];
}

/** The SMART app (patient in context, opened at the panel the card is about), the taper planner and the public locator. */
function cardLinks(actions: readonly SuggestedAction[], c: CardContext) {
  const target = actions.includes('refer-to-moud') ? 'referral' : 'safety';
  const links: { label: string; url: string; type: 'absolute' | 'smart'; appContext?: string }[] = [
    { label: 'Open in Continuum', url: `${c.publicUrl}/launch`, type: 'smart', appContext: JSON.stringify({ target }) },
  ];
  if (actions.includes('plan-taper')) {
    const q = c.taper
      ? `?${new URLSearchParams({ ingredient: c.taper.ingredient, dailyMg: String(c.taper.currentDailyMg), dosesPerDay: String(c.taper.dosesPerDay) })}`
      : '';
    links.push({ label: 'Plan a taper', url: `${c.publicUrl}/prescribing-safety/taper${q}`, type: 'absolute' });
  }
  if (actions.includes('refer-to-moud') || actions.includes('offer-naloxone'))
    links.push({ label: 'Find treatment and naloxone nearby', url: `${c.publicUrl}/find`, type: 'absolute' });
  return links;
}

/** One card per fired rule; `source.topic.code` is the rule code and the detail states the MME. */
export function toCards(result: SafetyCheckResult, hookInstance: string, context?: CardContext): CdsResponse {
  const mmeLine =
    result.mmePerDay !== null
      ? `Total: **${result.mmePerDay} MME/day**.`
      : result.notComputable.length > 0
        ? `Total MME/day cannot be computed (${result.notComputable.map((n) => n.drug).join('; ')}); the computable part is ${result.computableMmePerDay} MME/day.`
        : 'No pain opioid with an MME is active.';
  const networkLine = context?.networkNote ? `\n\n${context.networkNote}` : '';
  return {
    cards: result.rules.map((rule) => {
      const summary = truncate(rule.mmePerDay != null ? `${rule.title}: ${rule.mmePerDay} MME/day` : rule.title, 140);
      return {
        uuid: stableUuid(hookInstance, rule.code),
        summary,
        detail: `${rule.explanation}\n\n${mmeLine}${networkLine}\n\n*${rule.citation}*`,
        indicator: rule.indicator,
        source: { label: 'Continuum prescribing safety', topic: { system: RULE_TOPIC_SYSTEM, code: rule.code, display: rule.title } },
        ...(rule.actions.length > 0
          ? {
              suggestions: rule.actions.map((a) => {
                const actions = context ? suggestionActions(a, context.patientId) : undefined;
                return { label: actionLabels[a], uuid: stableUuid(hookInstance, rule.code, a), ...(actions ? { actions } : {}) };
              }),
              selectionBehavior: 'any' as const,
            }
          : {}),
        ...(context ? { links: cardLinks(rule.actions, context) } : {}),
      };
    }),
  };
}
