import { z } from 'zod';

/*
 * Validated screening instruments, scored the same way in the browser (the live score on the form)
 * and on the server (the care-event check). Pure functions; the web form holds the item wording.
 *
 * Sources (cited where a threshold is coded):
 * - DAST-10: Skinner HA, "The Drug Abuse Screening Test", Addictive Behaviors 1982;7(4):363–371;
 *   the 10-item form and its zones in Yudko E, Lozhkina O, Fouts A, "A comprehensive review of the
 *   psychometric properties of the Drug Abuse Screening Test", J Subst Abuse Treat 2007;32:189–198.
 * - TAPS: McNeely J et al., "Performance of the Tobacco, Alcohol, Prescription Medication, and Other
 *   Substance Use (TAPS) Tool for Substance Use Screening in Primary Care Patients", Ann Intern Med
 *   2016;165(10):690–699 (and its appendix, the tool); NIDA, "TAPS Tool" (nida.nih.gov/taps2).
 * - Single-question drug screen: Smith PC, Schmidt SM, Allensworth-Davies D, Saitz R, "A
 *   Single-Question Screening Test for Drug Use in Primary Care", Arch Intern Med
 *   2010;170(13):1155–1160 — the question NIDA's quick screen also opens with.
 */

// ── DAST-10 ─────────────────────────────────────────────────────────────────

/** The ten yes/no answers, in the instrument's order (item 1 first). */
export const dast10AnswersSchema = z.array(z.boolean()).length(10, 'Answer all ten questions');

/** DAST-10 item 3 ("Are you always able to stop using drugs when you want to?") scores 1 for "no" (Skinner 1982). */
const DAST10_REVERSED_ITEM = 2;

export const dast10Zones = ['none', 'low', 'moderate', 'substantial', 'severe'] as const;
export type Dast10Zone = (typeof dast10Zones)[number];

/** 0–10: one point per "yes", item 3 reversed. */
export function dast10Score(answers: readonly boolean[]): number {
  return answers.reduce((sum, yes, i) => sum + ((i === DAST10_REVERSED_ITEM ? !yes : yes) ? 1 : 0), 0);
}

/** Degree of problems related to drug use (Yudko et al. 2007, table 1): 0 none, 1–2 low, 3–5 moderate, 6–8 substantial, 9–10 severe. */
export function dast10Zone(score: number): Dast10Zone {
  if (score <= 0) return 'none';
  if (score <= 2) return 'low';
  if (score <= 5) return 'moderate';
  if (score <= 8) return 'substantial';
  return 'severe';
}

/** Positive at 3 or more: "moderate" and above warrant further assessment (the common cut-off; Yudko et al. 2007). */
export const DAST10_POSITIVE_AT = 3;

// ── TAPS ────────────────────────────────────────────────────────────────────

/** TAPS-1 answers: frequency of use in the past 12 months. */
export const tapsFrequencies = ['never', 'less_than_monthly', 'monthly', 'weekly', 'daily_or_almost_daily'] as const;
export type TapsFrequency = (typeof tapsFrequencies)[number];

/** TAPS-1's four items: tobacco; heavy drinking (4+ drinks a day for women, 5+ for men); illicit drugs; prescription medication not as prescribed. */
export const taps1Items = ['tobacco', 'alcohol', 'illicitDrugs', 'prescriptionMisuse'] as const;
export type Taps1Item = (typeof taps1Items)[number];

export const taps1AnswersSchema = z.strictObject({
  tobacco: z.enum(tapsFrequencies),
  alcohol: z.enum(tapsFrequencies),
  illicitDrugs: z.enum(tapsFrequencies),
  prescriptionMisuse: z.enum(tapsFrequencies),
});
export type Taps1Answers = z.infer<typeof taps1AnswersSchema>;

/** TAPS-2 substance classes, in the tool's order. */
export const taps2Substances = [
  'tobacco',
  'alcohol',
  'marijuana',
  'cocaine',
  'methamphetamine',
  'heroin',
  'prescriptionOpioids',
  'prescriptionSedatives',
  'prescriptionStimulants',
  'otherDrugs',
] as const;
export type Taps2Substance = (typeof taps2Substances)[number];

/**
 * How many yes/no items each TAPS-2 class asks: three for every class (McNeely et al. 2016, appendix;
 * NIDA TAPS Tool). The first is the gate — "in the past 3 months, did you use …?", for tobacco "did you
 * smoke a cigarette containing tobacco?", for alcohol "did you have 4 or more drinks (women) / 5 or
 * more (men) containing alcohol in a day?" — and the rest are asked only after a "yes".
 */
export const taps2ItemCounts: Record<Taps2Substance, number> = {
  tobacco: 3,
  alcohol: 3,
  marijuana: 3,
  cocaine: 3,
  methamphetamine: 3,
  heroin: 3,
  prescriptionOpioids: 3,
  prescriptionSedatives: 3,
  prescriptionStimulants: 3,
  otherDrugs: 3,
};

/**
 * Alcohol answers stored before alcohol had its three TAPS-2 items carried four (a "did you have a
 * drink?" gate, then the three items) and were scored 0–4. They are still accepted, and scored as they
 * were, so an event stored then validates the same today; the form sends three.
 */
export const LEGACY_TAPS2_ALCOHOL_ITEMS = 4;

export const taps2AnswersSchema = z
  .partialRecord(z.enum(taps2Substances), z.array(z.boolean()).min(1).max(LEGACY_TAPS2_ALCOHOL_ITEMS))
  .superRefine((answers, ctx) => {
    for (const [substance, items] of Object.entries(answers) as [Taps2Substance, boolean[]][]) {
      if (substance === 'alcohol' && items.length === LEGACY_TAPS2_ALCOHOL_ITEMS) continue;
      // Only the first (gate) question is asked when the answer to it is "no".
      if (items.length !== taps2ItemCounts[substance] && !(items.length === 1 && items[0] === false))
        ctx.addIssue({ code: 'custom', path: [substance], message: `Answer all ${taps2ItemCounts[substance]} questions` });
    }
  });
export type Taps2Answers = z.infer<typeof taps2AnswersSchema>;

/** TAPS-1 is positive when any answer is other than "never" (NIDA TAPS Tool; McNeely et al. 2016). */
export function taps1Positive(answers: Taps1Answers): boolean {
  return taps1Items.some((item) => answers[item] !== 'never');
}

/**
 * A TAPS-2 substance score: one point per "yes" when the answer to the first (gate) question is "yes",
 * that question included, so 0–3 for every class (McNeely et al. 2016); 0 when it is "no". (Legacy
 * four-item alcohol answers, see `LEGACY_TAPS2_ALCOHOL_ITEMS`, score 0–4 as they did when stored.)
 */
export function taps2Score(items: readonly boolean[]): number {
  if (items[0] !== true) return 0;
  return items.filter(Boolean).length;
}

export const taps2RiskLevels = ['no_use_past_3_months', 'problem_use', 'higher_risk'] as const;
export type Taps2RiskLevel = (typeof taps2RiskLevels)[number];

/** NIDA TAPS scoring (McNeely et al. 2016): 0 no problem use in the past 3 months, 1 problem use, 2 or more higher risk. */
export function taps2Risk(score: number): Taps2RiskLevel {
  if (score <= 0) return 'no_use_past_3_months';
  if (score === 1) return 'problem_use';
  return 'higher_risk';
}

export const TAPS2_HIGHER_RISK_AT = 2;

// ── Single-question drug screen ─────────────────────────────────────────────

/** Positive at one or more times in the past year (Smith et al. 2010: sensitivity 100%, specificity 73.5% for a drug use disorder). */
export const SINGLE_QUESTION_POSITIVE_AT = 1;

// ── The answers a screening care event may carry ───────────────────────────

export const screeningAnswersSchema = z.union([
  z.strictObject({ dast10: dast10AnswersSchema }),
  z.strictObject({ taps1: taps1AnswersSchema, taps2: taps2AnswersSchema.optional() }),
  z.strictObject({ timesPastYear: z.number().int().min(0).max(1000) }),
]);
export type ScreeningAnswers = z.infer<typeof screeningAnswersSchema>;

export interface ScreeningScore {
  result: 'positive' | 'negative';
  /** DAST-10: 0–10; TAPS: the highest TAPS-2 substance score (absent without part 2); single question: the number of times. */
  score?: number;
  /** DAST-10 zone, or the TAPS-2 risk level of the highest-scoring substance. */
  level?: Dast10Zone | Taps2RiskLevel;
  /** TAPS-2: each answered substance's score. */
  substances?: Partial<Record<Taps2Substance, { score: number; risk: Taps2RiskLevel }>>;
}

/** Which instrument a set of answers belongs to. */
export function answersInstrument(answers: ScreeningAnswers): 'DAST-10' | 'TAPS' | 'single-question' {
  if ('dast10' in answers) return 'DAST-10';
  if ('taps1' in answers) return 'TAPS';
  return 'single-question';
}

/** The result (and score) the answers give. */
export function scoreScreening(answers: ScreeningAnswers): ScreeningScore {
  if ('dast10' in answers) {
    const score = dast10Score(answers.dast10);
    return { result: score >= DAST10_POSITIVE_AT ? 'positive' : 'negative', score, level: dast10Zone(score) };
  }
  if ('taps1' in answers) {
    const result = taps1Positive(answers.taps1) ? 'positive' : 'negative';
    if (!answers.taps2 || Object.keys(answers.taps2).length === 0) return { result };
    const substances: NonNullable<ScreeningScore['substances']> = {};
    let max = 0;
    for (const [substance, items] of Object.entries(answers.taps2) as [Taps2Substance, boolean[]][]) {
      const score = taps2Score(items);
      substances[substance] = { score, risk: taps2Risk(score) };
      max = Math.max(max, score);
    }
    return { result, score: max, level: taps2Risk(max), substances };
  }
  return {
    result: answers.timesPastYear >= SINGLE_QUESTION_POSITIVE_AT ? 'positive' : 'negative',
    score: answers.timesPastYear,
  };
}
