// Longer than 300 lines: fourteen rules, one short function each, listed in the order the cards are shown.
import { type DrugKnowledge } from './drug-knowledge.ts';
import { classifyOrder, countableOrders, countsOn, mmeSummary } from './mme.ts';
import { ageInYears, type PatientFacts } from './safety-model.ts';
import type { Hook } from './fhir-adapter.ts';
import { ruleDefinitions, type FiredRule, type SafetyOptions, defaultSafetyOptions, type SafetyResult } from './rule-definitions.ts';
import {
  ACUTE_LIMIT_DAYS,
  ACUTE_SUPPLY_REC6_DAYS,
  ACTIVE_LOOKBACK_DAYS,
  PDMP_REVIEW_DAYS,
  CARE_PLAN_DAYS,
  MISUSE_ASSESSMENT_DAYS,
  UDS_LOOKBACK_DAYS,
  OUD_RECORDED_DAYS,
  MME_50,
  MME_90,
  ACTIVE_CLINICAL,
  type Ctx,
  has,
  generalExclusion,
  endOfLife,
  isChronic,
  isAcute,
  opioidNaive,
  activeRecent,
  opioidDaysIn,
  unexpectedUrineResults,
  multipleProviders,
  OVERDOSE_ICD10,
  fire,
  fmt,
  type Evaluation,
  type SafetyRule,
} from './rule-context.ts';

/**
 * The prescribing-safety rules: the CDC 2022 recommendations as implemented by CDC's reference
 * decision support (reference/prescribing-safety.md §4, "Recommendations implemented"), with the
 * corrections the issue asks for, plus the PDMP multiple-provider rule (§7).
 */

/** The opioid-prescribing rules (Recs 1–10) apply when an opioid is ordered or active and no exclusion holds. */
const opioidInPlay = (e: Evaluation) =>
  e.included && !e.facilityOnly && (e.draftOpioids.length > 0 || e.chronicTrigger || e.activeOpioids.length > 0);

const mmeNotComputable: SafetyRule = (e) => {
  if (!e.applies('MME_NOT_COMPUTABLE') || e.mme.notComputable.length === 0) return null;
  const names = e.mme.notComputable.map((n) => `${n.drug} (${n.reason.replace(/-/g, ' ')})`).join('; ');
  return fire(
    'MME_NOT_COMPUTABLE',
    `The total daily MME cannot be computed: ${names}. The computable prescriptions add up to ${fmt(e.mme.computableMmePerDay)} MME/day, so the true total is at least that.`,
    null,
  );
};

const nonopioidFirstAcute: SafetyRule = (e) => {
  if (!opioidInPlay(e) || !e.applies('NONOPIOID_FIRST_ACUTE') || !e.naive() || !e.draftOpioids.some(isAcute)) return null;
  return fire(
    'NONOPIOID_FIRST_ACUTE',
    'This person has had no opioid in the last 90 days and the order is for acute pain (less than 28 days). Nonopioid therapies are at least as effective for many acute pain conditions; maximize them before starting an opioid.',
  );
};

const treatmentPlanChronic: SafetyRule = (e) => {
  if (!opioidInPlay(e) || !e.applies('TREATMENT_PLAN_CHRONIC') || !e.naive() || !e.draftOpioids.some(isChronic)) return null;
  const { facts, asOf } = e;
  const prescribers = new Set(e.draftOpioids.map((o) => o.prescriber).filter((p): p is string => p !== null));
  const byPrescriber = (who: string | null) => who === null || prescribers.size === 0 || prescribers.has(who);
  const plan = facts.carePlans.some(
    (c) =>
      has(e, 'pain-treatment-plan', c.categories) &&
      (c.status === 'active' || c.status === 'completed') &&
      c.date !== null &&
      c.date >= asOf - CARE_PLAN_DAYS &&
      c.date <= asOf &&
      byPrescriber(c.author),
  );
  const procedure = facts.procedures.some(
    (p) =>
      has(e, 'pain-management-procedure', p.codings) &&
      p.performed !== null &&
      p.performed >= asOf - CARE_PLAN_DAYS &&
      p.performed <= asOf &&
      (p.performers.length === 0 || p.performers.some(byPrescriber)),
  );
  if (plan || procedure) return null;
  return fire(
    'TREATMENT_PLAN_CHRONIC',
    'This person is starting opioids for subacute or chronic pain (28 days or more) and no pain treatment plan or pain-management procedure is recorded in the last 90 days. Establish treatment goals, and how opioids will be stopped if benefits do not outweigh risks.',
  );
};

const immediateReleaseWhenStarting: SafetyRule = (e) => {
  if (!opioidInPlay(e) || !e.applies('IMMEDIATE_RELEASE_WHEN_STARTING') || e.endOfLife || !e.naive()) return null;
  const er = e.draftOpioids.find((o) => isChronic(o) && has(e, 'extended-release-opioid-with-ambulatory-misuse-potential', o.codings));
  if (!er) return null;
  return fire(
    'IMMEDIATE_RELEASE_WHEN_STARTING',
    `This person has had no opioid in the last 90 days and ${er.text ?? 'the order'} is an extended-release or long-acting opioid. Start with immediate-release opioids.`,
  );
};

/**
 * Recs 4 and 5: at or above 90 MME/day, else at or above 50 (one of the two, never both). When a
 * prescription's MME is not computable, the computable part is a lower bound of the total: reaching
 * a threshold already fires (the figure is then "at least", and the card carries no total).
 */
const mmeThreshold: SafetyRule = (e) => {
  const total = e.totalAtLeast;
  if (!opioidInPlay(e) || e.endOfLife || !e.chronicTrigger || total === null || total < MME_50) return null;
  const figure = e.total === null ? `at least ${fmt(total)}` : fmt(total);
  if (total >= MME_90)
    return e.applies('MME_AT_LEAST_90')
      ? fire(
          'MME_AT_LEAST_90',
          `Total ${figure} MME/day, at or above 90. Reassess benefits and risks; consider tapering to a lower dose, and offer naloxone.`,
          e.total,
        )
      : null;
  return e.applies('MME_AT_LEAST_50')
    ? fire(
        'MME_AT_LEAST_50',
        `Total ${figure} MME/day, at or above 50. Before increasing the dose further, pause and reassess benefits and risks; consider a taper.`,
        e.total,
      )
    : null;
};

/** Problems in the record sent (implausible values, two different resources with one id), named by field. */
const recordProblem: SafetyRule = (e) => {
  const issues = e.facts.issues ?? [];
  if (!e.applies('RECORD_PROBLEM') || issues.length === 0) return null;
  const listed = issues.slice(0, 5).map((i) => `${i.field} ${i.message}`);
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return fire(
    'RECORD_PROBLEM',
    `Some of the record could not be used as sent: ${listed.join('; ')}${more}. Correct the order or the record; the other cards are computed without those values.`,
  );
};

const acuteSupplyOver7Days: SafetyRule = (e) => {
  if (!opioidInPlay(e) || !e.applies('ACUTE_SUPPLY_OVER_7_DAYS')) return null;
  const long = e.draftOpioids.find(
    (o) => o.supplyDays !== null && o.supplyDays > ACUTE_SUPPLY_REC6_DAYS && o.supplyDays < ACUTE_LIMIT_DAYS,
  );
  if (!long) return null;
  return fire(
    'ACUTE_SUPPLY_OVER_7_DAYS',
    `The order supplies ${fmt(long.supplyDays!)} days for acute pain. Prescribe no more than needed for the expected duration of severe pain (often 3 days or less; more than 7 rarely).`,
  );
};

const evaluateBenefitsHarms: SafetyRule = (e) => {
  if (!opioidInPlay(e) || !e.applies('EVALUATE_BENEFITS_HARMS') || e.endOfLife || !e.draftOpioids.some(isChronic)) return null;
  const { facts, asOf } = e;
  const assessed = facts.procedures.some(
    (p) =>
      has(e, 'opioid-misuse-assessment-procedure', p.codings) &&
      p.performed !== null &&
      p.performed >= asOf - MISUSE_ASSESSMENT_DAYS &&
      p.performed <= asOf - 1,
  );
  const officeVisit = facts.encounters.some(
    (x) => x.start !== null && x.start >= asOf - 365 && x.start <= asOf && has(e, 'valueset-office-visit', x.types),
  );
  const recentStart = opioidDaysIn(e, asOf - 10, asOf - 1) >= 7 && officeVisit;
  const longTerm = [0, 1, 2].every((m) => opioidDaysIn(e, asOf - 30 * (m + 1), asOf - 30 * m - 1) >= 21);
  if (assessed || !(recentStart || longTerm)) return null;
  return fire(
    'EVALUATE_BENEFITS_HARMS',
    'This person has been taking opioids for subacute or chronic pain and no opioid-misuse assessment is recorded in the last 91 days. Evaluate benefits and harms within 1 to 4 weeks of starting or increasing the dose, then at least every 3 months.',
  );
};

const offerNaloxone: SafetyRule = (e) => {
  if (!opioidInPlay(e) || !e.applies('OFFER_NALOXONE') || e.endOfLife) return null;
  const { facts, asOf, orders, total, totalAtLeast } = e;
  const risks: string[] = [];
  if (totalAtLeast !== null && totalAtLeast >= MME_50)
    risks.push(`${total === null ? 'at least ' : ''}${fmt(totalAtLeast)} MME/day (50 or more)`);
  const benzo =
    orders.some((o) => o.kind === 'benzodiazepine' && activeRecent(e, o.order)) || e.triggers.some((t) => t.kind === 'benzodiazepine');
  if (benzo) risks.push('a benzodiazepine');
  if (
    (facts.overdoses?.some((d) => d <= asOf) ?? false) ||
    facts.conditions.some((c) => c.codings.some((x) => x.code !== undefined && OVERDOSE_ICD10.test(x.code)))
  )
    risks.push('a history of overdose');
  if (
    facts.conditions.some(
      (c) => has(e, 'conditions-documenting-substance-misuse', c.codings) || has(e, 'opioid-misuse-disorders', c.codings),
    ) ||
    facts.procedures.some((p) => has(e, 'substance-misuse-behavioral-counseling', p.codings))
  )
    risks.push('a history of substance use disorder');
  const naloxone = orders.some(
    (o) =>
      o.kind === 'naloxone' &&
      (countsOn(o.order, asOf) ||
        (o.order.source === 'dispense' && o.order.start !== null && o.order.start >= asOf - ACTIVE_LOOKBACK_DAYS)),
  );
  if (risks.length === 0 || naloxone) return null;
  return fire(
    'OFFER_NALOXONE',
    `Risk factors for overdose: ${risks.join(', ')}, and no naloxone is on record. Offer naloxone and teach its use to the person and those around them.`,
    total,
  );
};

const reviewPdmp: SafetyRule = (e) => {
  if (!opioidInPlay(e) || !e.applies('REVIEW_PDMP') || !e.draftOpioids.some(isChronic)) return null;
  const { facts, asOf } = e;
  const reviewed =
    facts.procedures.some(
      (p) =>
        p.status === 'completed' &&
        has(e, 'pdmp-review-procedure', p.codings) &&
        p.performed !== null &&
        p.performed >= asOf - PDMP_REVIEW_DAYS &&
        p.performed <= asOf,
    ) ||
    facts.observations.some(
      (o) =>
        (o.status === 'final' || o.status === 'amended') &&
        has(e, 'pdmp-data-reviewed-finding', o.codings) &&
        o.effective !== null &&
        o.effective >= asOf - PDMP_REVIEW_DAYS &&
        o.effective <= asOf,
    );
  if (reviewed) return null;
  return fire(
    'REVIEW_PDMP',
    'No PDMP review is recorded in the last 90 days. Review the PDMP for other controlled-substance prescriptions before prescribing and at least every 3 months.',
  );
};

/** Rec 10 applies to the dose rules' trigger, except on patient-view at the end of life. */
const urineTestingInPlay = (e: Evaluation) => opioidInPlay(e) && e.chronicTrigger && !(e.hook === 'patient-view' && e.endOfLife);

const urineDrugTestDue: SafetyRule = (e) => {
  if (!urineTestingInPlay(e) || !e.applies('URINE_DRUG_TEST_DUE')) return null;
  const { facts, asOf } = e;
  const screened = facts.observations.some(
    (o) =>
      o.effective !== null &&
      o.effective >= asOf - UDS_LOOKBACK_DAYS &&
      o.effective <= asOf &&
      has(e, 'all-urine-drug-screening-tests', o.codings),
  );
  if (screened) return null;
  return fire(
    'URINE_DRUG_TEST_DUE',
    "No urine drug test is recorded in the last 12 months. Consider a test, with the person's agreement, to inform care (not to dismiss them from care).",
  );
};

const unexpectedUrineDrugTest: SafetyRule = (e) => {
  if (!urineTestingInPlay(e) || !e.applies('UNEXPECTED_URINE_DRUG_TEST')) return null;
  const unexpected = unexpectedUrineResults(e);
  if (unexpected.length === 0) return null;
  return fire(
    'UNEXPECTED_URINE_DRUG_TEST',
    `Unexpected results in the last 12 months: ${unexpected.join('; ')}. Discuss them with the person before acting; confirm with a laboratory test when needed.`,
  );
};

const opioidWithBenzodiazepine: SafetyRule = (e) => {
  if (!e.applies('OPIOID_WITH_BENZODIAZEPINE') || !e.included || e.endOfLife) return null;
  const activeDepressant = e.orders.find(
    (o) => (o.kind === 'benzodiazepine' || o.kind === 'cns-depressant') && !o.order.draft && activeRecent(e, o.order),
  );
  const other = e.activeOpioids.find((o) => !o.order.draft);
  let combo: string | null = null;
  if (e.triggerOpioids.length > 0 && (activeDepressant || e.triggerDepressants.length > 0))
    combo = (activeDepressant ?? e.triggerDepressants[0])!.order.text ?? 'a benzodiazepine or other CNS depressant';
  else if (e.triggerDepressants.length > 0 && other) combo = other.order.text ?? 'an opioid';
  if (!combo) return null;
  return fire(
    'OPIOID_WITH_BENZODIAZEPINE',
    `Opioid together with ${combo}. Concurrent use increases the risk of overdose; weigh the benefits carefully and offer naloxone.`,
    e.total,
  );
};

const offerMoud: SafetyRule = (e) => {
  const { facts, asOf } = e;
  if (!e.applies('OFFER_MOUD') || (facts.birthDate !== null && ageInYears(facts.birthDate, asOf) < 18)) return null;
  const oud = facts.conditions.some(
    (c) =>
      (c.clinicalStatus === null || ACTIVE_CLINICAL.has(c.clinicalStatus)) &&
      has(e, 'opioid-misuse-disorders', c.codings) &&
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
      (has(e, 'buprenorphine-and-methadone-medications', o.codings) || classifyOrder(e.k, o) === 'moud')
    );
  });
  if (!oud || onMoud) return null;
  return fire(
    'OFFER_MOUD',
    'An opioid use disorder is recorded in the last 90 days and no buprenorphine or methadone is on record since. Offer or arrange treatment with medications for OUD, and naloxone.',
  );
};

const multiplePrescribersAndPharmacies: SafetyRule = (e) => {
  if (!e.applies('MULTIPLE_PRESCRIBERS_AND_PHARMACIES')) return null;
  const found = multipleProviders(e);
  if (!found) return null;
  const { options } = e;
  return fire(
    'MULTIPLE_PRESCRIBERS_AND_PHARMACIES',
    `Opioids were dispensed from ${found.prescribers} prescribers and ${found.pharmacies} pharmacies within ${options.providerWindowDays} days (threshold ${options.minPrescribers} and ${options.minPharmacies}). Review the PDMP and talk with the person and the other prescribers; this is a reason to coordinate care, not to dismiss.`,
  );
};

/** Every rule, in the order the cards are shown. */
const safetyRules: readonly SafetyRule[] = [
  recordProblem,
  mmeNotComputable,
  nonopioidFirstAcute,
  treatmentPlanChronic,
  immediateReleaseWhenStarting,
  mmeThreshold,
  acuteSupplyOver7Days,
  evaluateBenefitsHarms,
  offerNaloxone,
  reviewPdmp,
  urineDrugTestDue,
  unexpectedUrineDrugTest,
  opioidWithBenzodiazepine,
  offerMoud,
  multiplePrescribersAndPharmacies,
];

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

  const triggerSet = new Set(triggerOrderIds);
  // Orders for use in a facility (inpatient) never trigger a guideline rule (CDC: community orders only);
  // when every order being decided on is one, the guideline rules stay silent.
  const decided = triggerSet.size > 0 ? orders.filter((o) => triggerSet.has(o.order.id)) : null;
  const triggers = decided ? decided.filter((o) => !o.order.inpatient) : orders.filter((o) => activeRecent(ctx, o.order));
  const facilityOnly = decided !== null && decided.length > 0 && triggers.length === 0;
  const triggerOpioids = triggers.filter((t) => t.kind === 'opioid').map((t) => t.order);
  const activeOpioids = orders.filter((o) => o.kind === 'opioid' && activeRecent(ctx, o.order));
  const draftOpioids = triggerOpioids.filter((o) => o.draft);
  const exclusion = generalExclusion(ctx);
  const eol = endOfLife(ctx);
  let naive: boolean | undefined;
  const evaluation: Evaluation = {
    ...ctx,
    hook,
    mme,
    total: mme.mmePerDay,
    totalAtLeast: mme.mmePerDay ?? (mme.notComputable.length > 0 && mme.computableMmePerDay > 0 ? mme.computableMmePerDay : null),
    applies: (code) => hook === null || ruleDefinitions[code].hooks.includes(hook),
    triggers,
    triggerOpioids,
    triggerDepressants: triggers.filter((t) => t.kind === 'benzodiazepine' || t.kind === 'cns-depressant'),
    activeOpioids,
    draftOpioids,
    chronicTrigger:
      draftOpioids.some(isChronic) ||
      (draftOpioids.length === 0 && hook !== 'order-sign' && hook !== 'order-select' && activeOpioids.length > 0),
    included: exclusion === null,
    facilityOnly,
    endOfLife: eol,
    naive: () => (naive ??= opioidNaive(ctx)),
  };
  const rules = safetyRules.map((rule) => rule(evaluation)).filter((fired): fired is FiredRule => fired !== null);
  const exclusions = [...(exclusion ? [exclusion] : []), ...(eol ? ['end of life'] : [])];
  return { hook, mme, rules, exclusions };
}
