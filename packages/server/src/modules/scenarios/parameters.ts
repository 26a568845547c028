/**
 * Every rate of the community cascade model, with its base value, the range the Monte Carlo ensemble and the
 * tornado draw from, and where the figure comes from. Rates are per person-year unless said otherwise.
 * docs/decisions/0019-scenario-model.md explains the structure; docs/scenarios.md lists them for readers.
 */
export const parameterKeys = [
  'entryRate',
  'backgroundMortality',
  'rxMisuseInitiation',
  'rxMisuseCessation',
  'rxMisuseToOud',
  'illicitInitiation',
  'treatmentEntry',
  'shareBuprenorphine',
  'shareMethadone',
  'discontinueBuprenorphine',
  'discontinueMethadone',
  'discontinueNaltrexone',
  'discontinueToRemission',
  'remission',
  'relapse',
  'incarceration',
  'release',
  'jailMoudAtRelease',
  'overdoseUntreated',
  'overdoseRxMisuse',
  'rrOverdoseBuprenorphine',
  'rrOverdoseMethadone',
  'rrOverdoseNaltrexone',
  'rrOverdoseRemission',
  'caseFatality',
  'witnessed',
  'naloxoneEfficacy',
  'naloxonePresence',
  'edPresentation',
  'edInduction',
  'edLinkage',
  'waitLossPerWeek',
  'ftsEffect',
] as const;

export type ParameterKey = (typeof parameterKeys)[number];
export type ModelParameters = Readonly<Record<ParameterKey, number>>;

export interface ParameterSpec {
  readonly base: number;
  readonly low: number;
  readonly high: number;
  readonly label: string;
  readonly source: string;
}

const CHEN = 'Chen et al. 2019, JAMA Netw Open 2:e187621, eTable 4';
const SORDO = 'Sordo et al. 2017, BMJ 357:j1550 (mortality in and out of opioid agonist treatment)';
const LAROCHELLE =
  'Larochelle et al. 2018, Ann Intern Med 169:137 (MOUD after non-fatal overdose: methadone HR 0.41, buprenorphine HR 0.62, naltrexone n.s.)';

export const parameterSpecs: Readonly<Record<ParameterKey, ParameterSpec>> = {
  entryRate: {
    base: 0.012,
    low: 0.01,
    high: 0.014,
    label: 'Adults entering the community per person-year',
    source: 'US Census: adult population entry by ageing and migration ≈ deaths, keeping the population steady',
  },
  backgroundMortality: {
    base: 0.012,
    low: 0.009,
    high: 0.015,
    label: 'Deaths from other causes',
    source: 'CDC life tables, adults; raised for people with OUD (Hser et al. 2015)',
  },
  rxMisuseInitiation: {
    base: 0.004,
    low: 0.002,
    high: 0.006,
    label: 'Starting prescription opioid misuse',
    source: 'NSDUH 2019: ~1.6M initiates/yr among ~260M adults ≈ 0.006; falling with prescribing',
  },
  rxMisuseCessation: { base: 0.177, low: 0.12, high: 0.24, label: 'Stopping prescription opioid misuse', source: CHEN },
  rxMisuseToOud: { base: 0.06, low: 0.04, high: 0.08, label: 'Prescription misuse → OUD', source: CHEN },
  illicitInitiation: {
    base: 0.0004,
    low: 0.0002,
    high: 0.0008,
    label: 'OUD from illicit opioids (without prior prescription misuse)',
    source: 'Calibrated to the community OUD estimate; prior from NSDUH heroin initiation',
  },
  treatmentEntry: {
    base: 0.3,
    low: 0.15,
    high: 0.5,
    label: 'Starting MOUD (people with untreated OUD)',
    source: 'RESPOND (Linas et al.) cascade: ~25–35% a year start treatment; calibrated to local starts',
  },
  shareBuprenorphine: {
    base: 0.55,
    low: 0.45,
    high: 0.65,
    label: 'Share of starts on buprenorphine',
    source: 'TEDS/local cascade by medication',
  },
  shareMethadone: { base: 0.38, low: 0.28, high: 0.48, label: 'Share of starts on methadone', source: 'TEDS/local cascade by medication' },
  discontinueBuprenorphine: {
    base: 1.39,
    low: 0.9,
    high: 2.0,
    label: 'Leaving buprenorphine (≈50% retained at 6 months)',
    source: 'Williams et al. 2020; Samples et al. 2018 (6-month retention ~50%)',
  },
  discontinueMethadone: {
    base: 0.51,
    low: 0.3,
    high: 0.9,
    label: 'Leaving methadone (≈60% retained at 12 months)',
    source: 'Timko et al. 2016 systematic review of retention',
  },
  discontinueNaltrexone: {
    base: 2.4,
    low: 1.5,
    high: 3.5,
    label: 'Leaving extended-release naltrexone (≈30% at 6 months)',
    source: 'Lee et al. 2018, Lancet 391:309 (X:BOT)',
  },
  discontinueToRemission: {
    base: 0.1,
    low: 0.05,
    high: 0.2,
    label: 'Share of those leaving MOUD who leave in remission',
    source: 'Assumption; RESPOND treats stopping as return to use for most',
  },
  remission: {
    base: 0.05,
    low: 0.02,
    high: 0.1,
    label: 'Remission without MOUD',
    source: 'Hser et al. 2015; Calabria et al. 2010 (~5%/yr)',
  },
  relapse: { base: 0.25, low: 0.1, high: 0.45, label: 'Return to use from remission', source: 'RESPOND post-treatment relapse ranges' },
  incarceration: {
    base: 0.1,
    low: 0.05,
    high: 0.2,
    label: 'Incarceration of people with OUD',
    source: 'Winkelman et al. 2018 (≈ 1 in 6 people with OUD incarcerated yearly)',
  },
  release: {
    base: 2,
    low: 1,
    high: 4,
    label: 'Release (inverse of mean stay, years)',
    source: 'BJS jail statistics: mean jail stay weeks to months',
  },
  jailMoudAtRelease: {
    base: 0.05,
    low: 0,
    high: 0.15,
    label: 'Share released on MOUD',
    source: 'Green et al. 2018, JAMA Psychiatry 75:405 (Rhode Island program); national baseline low',
  },
  overdoseUntreated: {
    base: 0.15,
    low: 0.08,
    high: 0.3,
    label: 'Overdoses per person-year, untreated OUD',
    source: 'RESPOND overdose rates; Massachusetts PHD (Larochelle 2018)',
  },
  overdoseRxMisuse: {
    base: 0.01,
    low: 0.005,
    high: 0.02,
    label: 'Overdoses per person-year, prescription misuse',
    source: CHEN + ' (nonmedical overdose mortality 0.001 at ~10% case fatality)',
  },
  rrOverdoseBuprenorphine: {
    base: 0.62,
    low: 0.45,
    high: 0.8,
    label: 'Overdose risk on buprenorphine (relative)',
    source: LAROCHELLE + '; ' + SORDO,
  },
  rrOverdoseMethadone: {
    base: 0.41,
    low: 0.25,
    high: 0.6,
    label: 'Overdose risk on methadone (relative)',
    source: LAROCHELLE + '; ' + SORDO,
  },
  rrOverdoseNaltrexone: { base: 1, low: 0.6, high: 1.4, label: 'Overdose risk on naltrexone (relative)', source: LAROCHELLE },
  rrOverdoseRemission: {
    base: 0.2,
    low: 0.1,
    high: 0.35,
    label: 'Overdose risk in remission (relative)',
    source: 'Assumption bounded by RESPOND',
  },
  caseFatality: {
    base: 0.1,
    low: 0.05,
    high: 0.15,
    label: 'Deaths per overdose without naloxone',
    source: 'PROFOUND (Irvine et al. 2022, Lancet Public Health 7:e210) prior range',
  },
  witnessed: {
    base: 0.6,
    low: 0.45,
    high: 0.75,
    label: 'Share of overdoses witnessed',
    source: 'PROFOUND; Irvine et al. 2019 (BC): ~60% witnessed',
  },
  naloxoneEfficacy: {
    base: 0.93,
    low: 0.8,
    high: 0.98,
    label: 'Reversal when naloxone is used',
    source: 'PROFOUND prior; Walley et al. 2013, BMJ 346:f174',
  },
  naloxonePresence: {
    base: 2.5,
    low: 1.5,
    high: 4,
    label: 'Kits per person with OUD-year giving ~63% presence',
    source: 'Assumption after PROFOUND saturation of kit distribution',
  },
  edPresentation: {
    base: 0.5,
    low: 0.3,
    high: 0.7,
    label: 'Share of non-fatal overdoses seen in an ED',
    source: 'Vivolo-Kantor et al. 2018 MMWR',
  },
  edInduction: {
    base: 0.05,
    low: 0.02,
    high: 0.1,
    label: 'ED buprenorphine induction after overdose',
    source: 'Kaczorowski 2020; baseline practice low',
  },
  edLinkage: {
    base: 0.78,
    low: 0.6,
    high: 0.85,
    label: 'In treatment 30 days after ED induction',
    source: "D'Onofrio et al. 2015, JAMA 313:1636 (78% vs 37%)",
  },
  waitLossPerWeek: {
    base: 0.05,
    low: 0.02,
    high: 0.1,
    label: 'Loss of people seeking MOUD per week of wait',
    source: 'Festinger et al. 1995; Gryczynski et al. 2011 (wait-list attrition)',
  },
  ftsEffect: {
    base: 0.1,
    low: 0,
    high: 0.25,
    label: 'Overdose reduction among people using test strips',
    source: 'Peiper et al. 2019; Park et al. 2021 (behaviour change)',
  },
};

export const baseParameters: ModelParameters = Object.fromEntries(
  parameterKeys.map((key) => [key, parameterSpecs[key].base]),
) as ModelParameters;
