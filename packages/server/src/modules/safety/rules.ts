import { safetyRuleCodes, type SafetyAction, type SafetyIndicator, type SafetyRuleCode } from '@continuum/contracts';
import { inValueSet, type Coding, type DrugKnowledge, type ValueSetName } from './drug-knowledge.ts';
import { classifyOrder, countableOrders, countsOn, mmeSummary, type MmeSummary, type OrderKind } from './mme.ts';
import { ageInYears, type Day, type MedicationOrder, type PatientFacts } from './safety-model.ts';
import type { Hook } from './fhir-adapter.ts';

/**
 * The prescribing-safety rules: the CDC 2022 recommendations as implemented by CDC's reference
 * decision support (reference/prescribing-safety.md §4, "Recommendations implemented"), with the
 * corrections the issue asks for, plus the PDMP multiple-provider rule (§7).
 */

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

/** Windows from the reference document, in days. */
const ACUTE_LIMIT_DAYS = 28; // < 28 days' supply = acute; ≥ 28 = subacute/chronic (§4a)
const ACUTE_SUPPLY_REC6_DAYS = 7; // Rec 6 fires when 7 < supply < 28 (§4b)
const NAIVE_WINDOW_DAYS = 90; // opioid naive: no opioid in [today − 90 d, today − 24 h] (§4a)
const ACTIVE_LOOKBACK_DAYS = 730; // "active … authored ≤ 2 y" (§4b Recs 4/5, 10, 11)
const PDMP_REVIEW_DAYS = 90; // Rec 9 (§4b)
const CARE_PLAN_DAYS = 90; // Rec 2 (§4b)
const MISUSE_ASSESSMENT_DAYS = 91; // Rec 7: [today − 91 d, today − 1 d] (§4b)
const UDS_LOOKBACK_DAYS = 366; // Rec 10: 12 months + 1 day (§4b)
const UDS_RX_WINDOW_DAYS = 31; // Rec 10: Rx dated 1–31 days before the test (§4b)
const OUD_RECORDED_DAYS = 90; // Rec 12 (§4b)
const CANCER_ENCOUNTER_DAYS = 365; // active cancer treatment: ≥ 2 encounters in 12 months (§4a)
const END_OF_LIFE_ENCOUNTER_DAYS = 365; // hospice discharge in the last year (§4a)
const MME_50 = 50; // Rec 4 (§4d)
const MME_90 = 90; // Rec 5 "taper now" wording; many states and PDMPs still use 90 (§4b, §4d)

const ACTIVE_CLINICAL = new Set(['active', 'recurrence', 'relapse']);

interface Ctx {
  k: DrugKnowledge;
  facts: PatientFacts;
  asOf: Day;
  options: SafetyOptions;
  orders: { order: MedicationOrder; kind: OrderKind }[];
}

const has = (ctx: Ctx, vs: ValueSetName, codings: readonly Coding[]) => inValueSet(ctx.k, vs, codings);

function activeConditionIn(ctx: Ctx, vs: ValueSetName): boolean {
  return ctx.facts.conditions.some((c) => (c.clinicalStatus === null || ACTIVE_CLINICAL.has(c.clinicalStatus)) && has(ctx, vs, c.codings));
}
function anyConditionIn(ctx: Ctx, vs: ValueSetName): boolean {
  return ctx.facts.conditions.some((c) => has(ctx, vs, c.codings));
}

/** CDC 2022 general inclusion criteria (§4a); returns the reason for exclusion, or null. */
export function generalExclusion(ctx: Ctx): string | null {
  const { facts, asOf } = ctx;
  if (facts.birthDate !== null && ageInYears(facts.birthDate, asOf) < 18) return 'age under 18';
  if (anyConditionIn(ctx, 'sickle-cell-diseases')) return 'sickle cell disease';
  if (anyConditionIn(ctx, 'conditions-likely-terminal-for-opioid-prescribing')) return 'condition likely terminal';
  // Active cancer treatment: ≥ 2 encounters in the last 12 months with a cancer encounter diagnosis,
  // or an active problem-list cancer diagnosis.
  const cancerIds = new Set(
    facts.conditions.filter((c) => c.id && has(ctx, 'cdc-malignant-cancer-conditions', c.codings)).map((c) => c.id!),
  );
  const cancerEncounters = facts.encounters.filter(
    (e) =>
      e.start !== null &&
      e.start >= asOf - CANCER_ENCOUNTER_DAYS &&
      e.start <= asOf &&
      e.diagnosisConditionIds.some((id) => cancerIds.has(id)),
  ).length;
  const activeProblemCancer = facts.conditions.some(
    (c) =>
      c.categories.includes('problem-list-item') &&
      (c.clinicalStatus === null || ACTIVE_CLINICAL.has(c.clinicalStatus)) &&
      has(ctx, 'cdc-malignant-cancer-conditions', c.codings),
  );
  if (cancerEncounters >= 2 || activeProblemCancer) return 'active cancer treatment';
  return null;
}

/** End-of-life exclusion (§4a): active terminal or limited-life-expectancy condition, or hospice discharge in the last year. */
export function endOfLife(ctx: Ctx): boolean {
  if (
    activeConditionIn(ctx, 'conditions-likely-terminal-for-opioid-prescribing') ||
    activeConditionIn(ctx, 'limited-life-expectancy-conditions')
  )
    return true;
  return ctx.facts.encounters.some(
    (e) =>
      e.start !== null &&
      e.start >= ctx.asOf - END_OF_LIFE_ENCOUNTER_DAYS &&
      e.start <= ctx.asOf &&
      has(ctx, 'valueset-hospice-disposition', e.dischargeDisposition),
  );
}

const isChronic = (o: MedicationOrder) => o.supplyDays !== null && o.supplyDays >= ACUTE_LIMIT_DAYS;
const isAcute = (o: MedicationOrder) => o.supplyDays !== null && o.supplyDays < ACUTE_LIMIT_DAYS;

/** Opioid naive: no pain-opioid request authored, nor dispense handed over, in [today − 90, today − 1] (§4a). */
export function opioidNaive(ctx: Ctx): boolean {
  const from = ctx.asOf - NAIVE_WINDOW_DAYS;
  const to = ctx.asOf - 1;
  return !ctx.orders.some(({ order, kind }) => {
    if (kind !== 'opioid' || order.draft || order.inpatient) return false;
    const when = order.source === 'request' ? order.authoredOn : order.start;
    if (when === null || when < from || when > to) return false;
    return order.source === 'request' ? order.status === 'active' || order.status === 'completed' : order.status === 'completed';
  });
}

/** Active on the day and authored within two years (§4b). */
function activeRecent(ctx: Ctx, o: MedicationOrder): boolean {
  return countsOn(o, ctx.asOf) && (o.authoredOn === null || o.authoredOn >= ctx.asOf - ACTIVE_LOOKBACK_DAYS);
}

function opioidDaysIn(ctx: Ctx, from: Day, to: Day): number {
  let days = 0;
  const opioids = ctx.orders.filter((o) => o.kind === 'opioid' && o.order.status !== 'entered-in-error');
  for (let d = from; d <= to; d++) {
    if (
      opioids.some(
        ({ order }) =>
          order.start !== null &&
          order.start <= d &&
          (order.end ?? (order.supplyDays !== null ? order.start + order.supplyDays - 1 : ctx.asOf)) >= d,
      )
    )
      days++;
  }
  return days;
}

const UDS_CLASSES: { uds: ValueSetName[]; meds: ValueSetName | null; label: string }[] = [
  { uds: ['cocaine-urine-drug-screening-tests'], meds: null, label: 'cocaine' },
  { uds: ['heroin-urine-drug-screening-tests'], meds: null, label: 'heroin (6-AM)' },
  { uds: ['phencyclidine-urine-drug-screening-tests'], meds: null, label: 'phencyclidine' },
  { uds: ['benzodiazepine-urine-drug-screening-tests'], meds: 'benzodiazepine-medications', label: 'benzodiazepine' },
  { uds: ['buprenorphine-urine-drug-screening-tests'], meds: 'buprenorphine-medications', label: 'buprenorphine' },
  { uds: ['fentanyl-type-urine-drug-screening-tests'], meds: 'fentanyl-type-medications', label: 'fentanyl' },
  { uds: ['methadone-urine-drug-screening-tests'], meds: 'methadone-medications', label: 'methadone' },
  { uds: ['oxycodone-urine-drug-screening-tests'], meds: 'oxycodone-medications', label: 'oxycodone' },
  {
    uds: ['general-opiate-urine-drug-screening-tests', 'opiate-specific-urine-drug-screening-tests'],
    meds: 'non-synthetic-opioid-medications',
    label: 'opiate',
  },
];

/** Rec 10 unexpected results (§4b): per test, against community prescriptions dated 1–31 days before it. */
function unexpectedUrineResults(ctx: Ctx): string[] {
  const found: string[] = [];
  for (const obs of ctx.facts.observations) {
    if (obs.effective === null || obs.effective < ctx.asOf - UDS_LOOKBACK_DAYS || obs.effective > ctx.asOf || obs.result === null) continue;
    if (obs.status !== 'final' && obs.status !== 'amended' && obs.status !== 'corrected') continue;
    const cls = UDS_CLASSES.find((c) => c.uds.some((vs) => has(ctx, vs, obs.codings)));
    if (!cls) continue;
    if (cls.meds === null) {
      if (obs.result === 'positive') found.push(`${cls.label} positive`);
      continue;
    }
    const medsVs = cls.meds;
    const prescribed = ctx.facts.orders.some((o) => {
      const when = o.authoredOn ?? o.start;
      return (
        !o.inpatient &&
        ['active', 'completed', 'stopped'].includes(o.status) &&
        when !== null &&
        when >= obs.effective! - UDS_RX_WINDOW_DAYS &&
        when <= obs.effective! - 1 &&
        has(ctx, medsVs, o.codings)
      );
    });
    if (obs.result === 'positive' && !prescribed) found.push(`${cls.label} positive with no matching prescription`);
    if (obs.result === 'negative' && prescribed) found.push(`${cls.label} negative although prescribed`);
  }
  return found;
}

/** Rule 5 × 5 × 90: distinct prescribers and pharmacies over pain-opioid dispenses in the window ending today. */
export function multipleProviders(ctx: Ctx): { prescribers: number; pharmacies: number } | null {
  // Every dispense counts here, including those that fill a request in the record.
  const fills = ctx.facts.orders
    .filter(
      (order) =>
        order.source === 'dispense' &&
        order.status === 'completed' &&
        order.start !== null &&
        order.start <= ctx.asOf &&
        order.start > ctx.asOf - ctx.options.providerWindowDays &&
        classifyOrder(ctx.k, order) === 'opioid',
    )
    .sort((a, b) => a.start! - b.start!);
  let best: { prescribers: number; pharmacies: number } | null = null;
  for (let i = 0; i < fills.length; i++) {
    const windowEnd = fills[i]!.start! + ctx.options.providerWindowDays - 1;
    const prescribers = new Set<string>();
    const pharmacies = new Set<string>();
    for (let j = i; j < fills.length && fills[j]!.start! <= windowEnd; j++) {
      if (fills[j]!.prescriber) prescribers.add(fills[j]!.prescriber!);
      if (fills[j]!.pharmacy) pharmacies.add(fills[j]!.pharmacy!);
    }
    if (prescribers.size >= ctx.options.minPrescribers && pharmacies.size >= ctx.options.minPharmacies) {
      if (!best || prescribers.size + pharmacies.size > best.prescribers + best.pharmacies)
        best = { prescribers: prescribers.size, pharmacies: pharmacies.size };
    }
  }
  return best;
}

// ICD-10-CM T40.0–T40.4 and T40.6: poisoning by opium, heroin, other opioids, methadone, synthetic
// narcotics and other narcotics (a history of overdose, Rec 8 risk factor, reference §4d).
const OVERDOSE_ICD10 = /^T40\.[0-46]/i;

function fire(code: RuleCode, explanation: string, mmePerDay?: number | null): FiredRule {
  const d = ruleDefinitions[code];
  return {
    code,
    title: d.title,
    citation: d.citation,
    indicator: d.indicator,
    explanation,
    actions: d.actions,
    ...(mmePerDay !== undefined ? { mmePerDay } : {}),
  };
}

const fmt = (n: number) => `${Math.round(n * 10) / 10}`;

/**
 * Evaluates every rule for the hook. `triggerOrderIds` are the orders being selected or signed; with
 * none (patient-view, or a Bundle without drafts), the active pain opioids are the trigger.
 */
export function evaluateSafety(
  k: DrugKnowledge,
  facts: PatientFacts,
  hook: Hook | null,
  triggerOrderIds: readonly string[],
  options: SafetyOptions = defaultSafetyOptions,
): SafetyResult {
  const asOf = facts.asOf;
  const orders = countableOrders(facts.orders).map((order) => ({ order, kind: classifyOrder(k, order) }));
  const ctx: Ctx = { k, facts, asOf, options, orders };
  const mme = mmeSummary(k, facts.orders, asOf, options.lookbackDays);
  const rules: FiredRule[] = [];
  const exclusions: string[] = [];
  const applies = (code: RuleCode) => hook === null || ruleDefinitions[code].hooks.includes(hook);

  const triggerSet = new Set(triggerOrderIds);
  const triggers =
    triggerSet.size > 0 ? orders.filter((o) => triggerSet.has(o.order.id)) : orders.filter((o) => activeRecent(ctx, o.order));
  const triggerOpioids = triggers.filter((t) => t.kind === 'opioid').map((t) => t.order);
  const triggerDepressants = triggers.filter((t) => t.kind === 'benzodiazepine' || t.kind === 'cns-depressant');
  const activeOpioids = orders.filter((o) => o.kind === 'opioid' && activeRecent(ctx, o.order));
  const draftOpioids = triggerOpioids.filter((o) => o.draft);
  // Dose and testing rules: a subacute/chronic order being signed, or (patient-view, or a record
  // with no order being signed) any active pain opioid.
  const chronicTrigger =
    draftOpioids.some(isChronic) ||
    (draftOpioids.length === 0 && hook !== 'order-sign' && hook !== 'order-select' && activeOpioids.length > 0);

  const exclusion = generalExclusion(ctx);
  if (exclusion) exclusions.push(exclusion);
  const eol = endOfLife(ctx);
  if (eol) exclusions.push('end of life');
  const included = exclusion === null;
  const total = mme.mmePerDay;

  if (applies('MME_NOT_COMPUTABLE') && mme.notComputable.length > 0) {
    const names = mme.notComputable.map((n) => `${n.drug} (${n.reason.replace(/-/g, ' ')})`).join('; ');
    rules.push(
      fire(
        'MME_NOT_COMPUTABLE',
        `The total daily MME cannot be computed: ${names}. The computable prescriptions add up to ${fmt(mme.computableMmePerDay)} MME/day, so the true total is at least that.`,
        null,
      ),
    );
  }

  if (included && (draftOpioids.length > 0 || chronicTrigger || activeOpioids.length > 0)) {
    const naive = opioidNaive(ctx);
    if (applies('NONOPIOID_FIRST_ACUTE') && naive && draftOpioids.some(isAcute)) {
      rules.push(
        fire(
          'NONOPIOID_FIRST_ACUTE',
          'This person has had no opioid in the last 90 days and the order is for acute pain (less than 28 days). Nonopioid therapies are at least as effective for many acute pain conditions; maximize them before starting an opioid.',
        ),
      );
    }
    if (applies('TREATMENT_PLAN_CHRONIC') && naive && draftOpioids.some(isChronic)) {
      const prescribers = new Set(draftOpioids.map((o) => o.prescriber).filter((p): p is string => p !== null));
      const byPrescriber = (who: string | null) => who === null || prescribers.size === 0 || prescribers.has(who);
      const plan = facts.carePlans.some(
        (c) =>
          has(ctx, 'pain-treatment-plan', c.categories) &&
          (c.status === 'active' || c.status === 'completed') &&
          c.date !== null &&
          c.date >= asOf - CARE_PLAN_DAYS &&
          c.date <= asOf &&
          byPrescriber(c.author),
      );
      const procedure = facts.procedures.some(
        (p) =>
          has(ctx, 'pain-management-procedure', p.codings) &&
          p.performed !== null &&
          p.performed >= asOf - CARE_PLAN_DAYS &&
          p.performed <= asOf &&
          (p.performers.length === 0 || p.performers.some(byPrescriber)),
      );
      if (!plan && !procedure) {
        rules.push(
          fire(
            'TREATMENT_PLAN_CHRONIC',
            'This person is starting opioids for subacute or chronic pain (28 days or more) and no pain treatment plan or pain-management procedure is recorded in the last 90 days. Establish treatment goals, and how opioids will be stopped if benefits do not outweigh risks.',
          ),
        );
      }
    }
    if (applies('IMMEDIATE_RELEASE_WHEN_STARTING') && !eol && naive) {
      const er = draftOpioids.find((o) => isChronic(o) && has(ctx, 'extended-release-opioid-with-ambulatory-misuse-potential', o.codings));
      if (er)
        rules.push(
          fire(
            'IMMEDIATE_RELEASE_WHEN_STARTING',
            `This person has had no opioid in the last 90 days and ${er.text ?? 'the order'} is an extended-release or long-acting opioid. Start with immediate-release opioids.`,
          ),
        );
    }
    if (!eol && chronicTrigger && total !== null && total >= MME_50) {
      if (total >= MME_90 && applies('MME_AT_LEAST_90')) {
        rules.push(
          fire(
            'MME_AT_LEAST_90',
            `Total ${fmt(total)} MME/day, at or above 90. Reassess benefits and risks; consider tapering to a lower dose, and offer naloxone.`,
            total,
          ),
        );
      } else if (total < MME_90 && applies('MME_AT_LEAST_50')) {
        rules.push(
          fire(
            'MME_AT_LEAST_50',
            `Total ${fmt(total)} MME/day, at or above 50. Before increasing the dose further, pause and reassess benefits and risks; consider a taper.`,
            total,
          ),
        );
      }
    }
    if (applies('ACUTE_SUPPLY_OVER_7_DAYS')) {
      const long = draftOpioids.find(
        (o) => o.supplyDays !== null && o.supplyDays > ACUTE_SUPPLY_REC6_DAYS && o.supplyDays < ACUTE_LIMIT_DAYS,
      );
      if (long)
        rules.push(
          fire(
            'ACUTE_SUPPLY_OVER_7_DAYS',
            `The order supplies ${fmt(long.supplyDays!)} days for acute pain. Prescribe no more than needed for the expected duration of severe pain (often 3 days or less; more than 7 rarely).`,
          ),
        );
    }
    if (applies('EVALUATE_BENEFITS_HARMS') && !eol && draftOpioids.some(isChronic)) {
      const assessed = facts.procedures.some(
        (p) =>
          has(ctx, 'opioid-misuse-assessment-procedure', p.codings) &&
          p.performed !== null &&
          p.performed >= asOf - MISUSE_ASSESSMENT_DAYS &&
          p.performed <= asOf - 1,
      );
      const officeVisit = facts.encounters.some(
        (e) => e.start !== null && e.start >= asOf - 365 && e.start <= asOf && has(ctx, 'valueset-office-visit', e.types),
      );
      const recentStart = opioidDaysIn(ctx, asOf - 10, asOf - 1) >= 7 && officeVisit;
      const longTerm = [0, 1, 2].every((m) => opioidDaysIn(ctx, asOf - 30 * (m + 1), asOf - 30 * m - 1) >= 21);
      if (!assessed && (recentStart || longTerm)) {
        rules.push(
          fire(
            'EVALUATE_BENEFITS_HARMS',
            'This person has been taking opioids for subacute or chronic pain and no opioid-misuse assessment is recorded in the last 91 days. Evaluate benefits and harms within 1 to 4 weeks of starting or increasing the dose, then at least every 3 months.',
          ),
        );
      }
    }
    if (applies('OFFER_NALOXONE') && !eol) {
      const risks: string[] = [];
      if (total !== null && total >= MME_50) risks.push(`${fmt(total)} MME/day (50 or more)`);
      const benzo =
        orders.some((o) => o.kind === 'benzodiazepine' && activeRecent(ctx, o.order)) || triggers.some((t) => t.kind === 'benzodiazepine');
      if (benzo) risks.push('a benzodiazepine');
      if (
        (facts.overdoses?.some((d) => d <= asOf) ?? false) ||
        facts.conditions.some((c) => c.codings.some((x) => x.code !== undefined && OVERDOSE_ICD10.test(x.code)))
      )
        risks.push('a history of overdose');
      if (
        facts.conditions.some(
          (c) => has(ctx, 'conditions-documenting-substance-misuse', c.codings) || has(ctx, 'opioid-misuse-disorders', c.codings),
        ) ||
        facts.procedures.some((p) => has(ctx, 'substance-misuse-behavioral-counseling', p.codings))
      )
        risks.push('a history of substance use disorder');
      const naloxone = orders.some(
        (o) =>
          o.kind === 'naloxone' &&
          (countsOn(o.order, asOf) ||
            (o.order.source === 'dispense' && o.order.start !== null && o.order.start >= asOf - ACTIVE_LOOKBACK_DAYS)),
      );
      if (risks.length > 0 && !naloxone) {
        rules.push(
          fire(
            'OFFER_NALOXONE',
            `Risk factors for overdose: ${risks.join(', ')}, and no naloxone is on record. Offer naloxone and teach its use to the person and those around them.`,
            total,
          ),
        );
      }
    }
    if (applies('REVIEW_PDMP') && draftOpioids.some(isChronic)) {
      const reviewed =
        facts.procedures.some(
          (p) =>
            p.status === 'completed' &&
            has(ctx, 'pdmp-review-procedure', p.codings) &&
            p.performed !== null &&
            p.performed >= asOf - PDMP_REVIEW_DAYS &&
            p.performed <= asOf,
        ) ||
        facts.observations.some(
          (o) =>
            (o.status === 'final' || o.status === 'amended') &&
            has(ctx, 'pdmp-data-reviewed-finding', o.codings) &&
            o.effective !== null &&
            o.effective >= asOf - PDMP_REVIEW_DAYS &&
            o.effective <= asOf,
        );
      if (!reviewed)
        rules.push(
          fire(
            'REVIEW_PDMP',
            'No PDMP review is recorded in the last 90 days. Review the PDMP for other controlled-substance prescriptions before prescribing and at least every 3 months.',
          ),
        );
    }
    if (chronicTrigger && !(hook === 'patient-view' && eol)) {
      const screens = facts.observations.filter(
        (o) =>
          o.effective !== null &&
          o.effective >= asOf - UDS_LOOKBACK_DAYS &&
          o.effective <= asOf &&
          has(ctx, 'all-urine-drug-screening-tests', o.codings),
      );
      if (applies('URINE_DRUG_TEST_DUE') && screens.length === 0) {
        rules.push(
          fire(
            'URINE_DRUG_TEST_DUE',
            "No urine drug test is recorded in the last 12 months. Consider a test, with the person's agreement, to inform care (not to dismiss them from care).",
          ),
        );
      }
      const unexpected = unexpectedUrineResults(ctx);
      if (applies('UNEXPECTED_URINE_DRUG_TEST') && unexpected.length > 0) {
        rules.push(
          fire(
            'UNEXPECTED_URINE_DRUG_TEST',
            `Unexpected results in the last 12 months: ${unexpected.join('; ')}. Discuss them with the person before acting; confirm with a laboratory test when needed.`,
          ),
        );
      }
    }
  }

  if (applies('OPIOID_WITH_BENZODIAZEPINE') && included && !eol) {
    const activeDepressant = orders.find(
      (o) => (o.kind === 'benzodiazepine' || o.kind === 'cns-depressant') && !o.order.draft && activeRecent(ctx, o.order),
    );
    const other = activeOpioids.find((o) => !o.order.draft);
    let combo: string | null = null;
    if (triggerOpioids.length > 0 && (activeDepressant || triggerDepressants.length > 0))
      combo = (activeDepressant ?? triggerDepressants[0])!.order.text ?? 'a benzodiazepine or other CNS depressant';
    else if (triggerDepressants.length > 0 && other) combo = other.order.text ?? 'an opioid';
    if (combo)
      rules.push(
        fire(
          'OPIOID_WITH_BENZODIAZEPINE',
          `Opioid together with ${combo}. Concurrent use increases the risk of overdose; weigh the benefits carefully and offer naloxone.`,
          total,
        ),
      );
  }

  if (applies('OFFER_MOUD') && (facts.birthDate === null || ageInYears(facts.birthDate, asOf) >= 18)) {
    const oud = facts.conditions.some(
      (c) =>
        (c.clinicalStatus === null || ACTIVE_CLINICAL.has(c.clinicalStatus)) &&
        has(ctx, 'opioid-misuse-disorders', c.codings) &&
        c.recorded !== null &&
        c.recorded >= asOf - OUD_RECORDED_DAYS &&
        c.recorded <= asOf,
    );
    const onMoud = facts.orders.some((o) => {
      const when = o.authoredOn ?? o.start;
      return (
        (o.status === 'active' || o.status === 'completed' || o.draft) &&
        when !== null &&
        when >= asOf - OUD_RECORDED_DAYS &&
        (has(ctx, 'buprenorphine-and-methadone-medications', o.codings) || classifyOrder(k, o) === 'moud')
      );
    });
    if (oud && !onMoud)
      rules.push(
        fire(
          'OFFER_MOUD',
          'An opioid use disorder is recorded in the last 90 days and no buprenorphine or methadone is on record since. Offer or arrange treatment with medications for OUD, and naloxone.',
        ),
      );
  }

  if (applies('MULTIPLE_PRESCRIBERS_AND_PHARMACIES')) {
    const found = multipleProviders(ctx);
    if (found) {
      rules.push(
        fire(
          'MULTIPLE_PRESCRIBERS_AND_PHARMACIES',
          `Opioids were dispensed from ${found.prescribers} prescribers and ${found.pharmacies} pharmacies within ${options.providerWindowDays} days (threshold ${options.minPrescribers} and ${options.minPharmacies}). Review the PDMP and talk with the person and the other prescribers; this is a reason to coordinate care, not to dismiss.`,
        ),
      );
    }
  }

  return { hook, mme, rules, exclusions };
}
