import { safetyRuleCodes, type SafetyAction, type SafetyIndicator, type SafetyRuleCode } from '@continuum/contracts';
import { type MmeSummary } from './mme.ts';
import type { Hook } from './fhir-adapter.ts';

/* What each prescribing-safety rule is: its title, the recommendation it implements, its card indicator, actions and hooks. */

/** The rule codes, indicators and suggested actions are the contract's vocabulary (contracts/src/safety.ts). */
export const ruleCodes = safetyRuleCodes;
export type RuleCode = SafetyRuleCode;
export type Indicator = SafetyIndicator;
export type SuggestedAction = SafetyAction;

export interface RuleDefinition {
  code: RuleCode;
  title: string;
  /** The guideline recommendation (or other source) the rule implements. */
  citation: string;
  indicator: Indicator;
  actions: SuggestedAction[];
  hooks: Hook[];
}

const CDC_2022 = 'CDC Clinical Practice Guideline for Prescribing Opioids for Pain, 2022 (MMWR Recomm Rep 2022;71(RR-3))';

export const ruleDefinitions: Readonly<Record<RuleCode, RuleDefinition>> = {
  NONOPIOID_FIRST_ACUTE: {
    code: 'NONOPIOID_FIRST_ACUTE',
    title: 'Nonopioid therapies first for acute pain',
    citation: `${CDC_2022}, Recommendation 1`,
    indicator: 'info',
    actions: [],
    hooks: ['order-sign'],
  },
  TREATMENT_PLAN_CHRONIC: {
    code: 'TREATMENT_PLAN_CHRONIC',
    title: 'Set treatment goals before long-term opioids',
    citation: `${CDC_2022}, Recommendation 2`,
    indicator: 'info',
    actions: ['document-treatment-plan'],
    hooks: ['order-sign'],
  },
  IMMEDIATE_RELEASE_WHEN_STARTING: {
    code: 'IMMEDIATE_RELEASE_WHEN_STARTING',
    title: 'Start with immediate-release opioids',
    citation: `${CDC_2022}, Recommendation 3`,
    indicator: 'warning',
    actions: [],
    hooks: ['order-sign'],
  },
  MME_AT_LEAST_50: {
    code: 'MME_AT_LEAST_50',
    title: 'Total dose at or above 50 MME/day',
    citation: `${CDC_2022}, Recommendations 4 and 5`,
    indicator: 'warning',
    actions: ['plan-taper', 'offer-naloxone'],
    hooks: ['order-sign', 'patient-view'],
  },
  MME_AT_LEAST_90: {
    code: 'MME_AT_LEAST_90',
    title: 'Total dose at or above 90 MME/day',
    citation: `${CDC_2022}, Recommendations 4 and 5`,
    indicator: 'critical',
    actions: ['plan-taper', 'offer-naloxone'],
    hooks: ['order-sign', 'patient-view'],
  },
  ACUTE_SUPPLY_OVER_7_DAYS: {
    code: 'ACUTE_SUPPLY_OVER_7_DAYS',
    title: 'Acute pain supply longer than 7 days',
    citation: `${CDC_2022}, Recommendation 6`,
    indicator: 'warning',
    actions: [],
    hooks: ['order-sign'],
  },
  EVALUATE_BENEFITS_HARMS: {
    code: 'EVALUATE_BENEFITS_HARMS',
    title: 'Evaluate benefits and harms of continued opioid therapy',
    citation: `${CDC_2022}, Recommendation 7`,
    indicator: 'info',
    actions: [],
    hooks: ['order-sign'],
  },
  OFFER_NALOXONE: {
    code: 'OFFER_NALOXONE',
    title: 'Offer naloxone',
    citation: `${CDC_2022}, Recommendation 8`,
    indicator: 'warning',
    actions: ['offer-naloxone'],
    hooks: ['order-sign', 'patient-view'],
  },
  REVIEW_PDMP: {
    code: 'REVIEW_PDMP',
    title: 'Review the prescription drug monitoring program (PDMP)',
    citation: `${CDC_2022}, Recommendation 9`,
    indicator: 'info',
    actions: ['review-pdmp'],
    hooks: ['order-sign'],
  },
  URINE_DRUG_TEST_DUE: {
    code: 'URINE_DRUG_TEST_DUE',
    title: 'Consider a urine drug test',
    citation: `${CDC_2022}, Recommendation 10`,
    indicator: 'info',
    actions: ['order-urine-drug-test'],
    hooks: ['order-sign', 'patient-view'],
  },
  UNEXPECTED_URINE_DRUG_TEST: {
    code: 'UNEXPECTED_URINE_DRUG_TEST',
    title: 'Unexpected urine drug test result',
    citation: `${CDC_2022}, Recommendation 10`,
    indicator: 'warning',
    actions: [],
    hooks: ['order-sign', 'patient-view'],
  },
  OPIOID_WITH_BENZODIAZEPINE: {
    code: 'OPIOID_WITH_BENZODIAZEPINE',
    title: 'Opioid with a benzodiazepine or other CNS depressant',
    citation: `${CDC_2022}, Recommendation 11`,
    indicator: 'critical',
    actions: ['offer-naloxone'],
    hooks: ['order-select', 'order-sign', 'patient-view'],
  },
  OFFER_MOUD: {
    code: 'OFFER_MOUD',
    title: 'Offer or arrange treatment with medications for OUD',
    citation: `${CDC_2022}, Recommendation 12`,
    indicator: 'warning',
    actions: ['refer-to-moud', 'offer-naloxone'],
    hooks: ['patient-view', 'order-sign'],
  },
  MULTIPLE_PRESCRIBERS_AND_PHARMACIES: {
    code: 'MULTIPLE_PRESCRIBERS_AND_PHARMACIES',
    title: 'Opioids from several prescribers and pharmacies',
    citation:
      'PDMP multiple-provider episode (5 prescribers and 5 pharmacies in 90 days; Delcher et al., Drug Alcohol Depend 2021;221:108618); CDC 2022, Recommendation 9',
    indicator: 'warning',
    actions: ['review-pdmp'],
    hooks: ['order-select', 'order-sign', 'patient-view'],
  },
  RECORD_PROBLEM: {
    code: 'RECORD_PROBLEM',
    title: 'Problems in the record sent',
    citation:
      'Continuum input checks: implausible values and conflicting resources are reported, never silently used or dropped (docs/safety.md)',
    indicator: 'warning',
    actions: [],
    hooks: ['order-select', 'order-sign', 'patient-view'],
  },
  MME_NOT_COMPUTABLE: {
    code: 'MME_NOT_COMPUTABLE',
    title: 'Total MME cannot be computed',
    citation: `${CDC_2022}, Table (oral MME conversion factors)`,
    indicator: 'warning',
    actions: [],
    hooks: ['order-select', 'order-sign', 'patient-view'],
  },
};

export interface FiredRule {
  code: RuleCode;
  title: string;
  citation: string;
  indicator: Indicator;
  /** A human explanation with the figures that made the rule fire. */
  explanation: string;
  actions: SuggestedAction[];
  /** Total MME/day where the rule is about dose (null when not computable). */
  mmePerDay?: number | null;
}

export interface SafetyOptions {
  /** Multiple-provider rule: at least this many prescribers… */
  minPrescribers: number;
  /** …and this many pharmacies… */
  minPharmacies: number;
  /** …within this many days (reference §7: 5 × 5 × 90 is the most common definition). */
  providerWindowDays: number;
  /** Days of MME timeline ending today. */
  lookbackDays: number;
}

export const defaultSafetyOptions: SafetyOptions = { minPrescribers: 5, minPharmacies: 5, providerWindowDays: 90, lookbackDays: 90 };

export interface SafetyResult {
  hook: Hook | null;
  mme: MmeSummary;
  rules: FiredRule[];
  /** Why guideline rules were not applied, if they were not (e.g. "age under 18"). */
  exclusions: string[];
}
