import type {
  Dast10Zone,
  MoudStopReason,
  Taps1Item,
  Taps2RiskLevel,
  Taps2Substance,
  TapsFrequency,
  UrineDrugTestSubstance,
} from '@continuum/contracts';

/*
 * Wording of the touchpoint forms, in English and Spanish. The instrument items are the validated
 * wording (DAST-10: Skinner 1982; TAPS: NIDA TAPS Tool / McNeely et al. 2016; the single question:
 * Smith et al. 2010); scoring is in contracts/src/screening-instruments.ts.
 */

export interface Bilingual {
  en: string;
  es: string;
}

/** DAST-10, "in the past 12 months", items 1–10 (item 3 is reverse-scored). */
export const dast10Items: Bilingual[] = [
  {
    en: 'Have you used drugs other than those required for medical reasons?',
    es: '¿Ha consumido drogas distintas de las necesarias por razones médicas?',
  },
  { en: 'Do you use more than one drug at a time?', es: '¿Consume más de una droga a la vez?' },
  { en: 'Are you always able to stop using drugs when you want to?', es: '¿Siempre puede dejar de consumir drogas cuando quiere?' },
  {
    en: 'Have you had "blackouts" or "flashbacks" as a result of drug use?',
    es: '¿Ha tenido "lagunas mentales" o "flashbacks" por el consumo de drogas?',
  },
  { en: 'Do you ever feel bad or guilty about your drug use?', es: '¿Alguna vez se siente mal o culpable por su consumo de drogas?' },
  {
    en: 'Does your spouse (or parents) ever complain about your involvement with drugs?',
    es: '¿Su pareja (o sus padres) se quejan alguna vez de su relación con las drogas?',
  },
  { en: 'Have you neglected your family because of your use of drugs?', es: '¿Ha descuidado a su familia por su consumo de drogas?' },
  {
    en: 'Have you engaged in illegal activities in order to obtain drugs?',
    es: '¿Ha participado en actividades ilegales para conseguir drogas?',
  },
  {
    en: 'Have you ever experienced withdrawal symptoms (felt sick) when you stopped taking drugs?',
    es: '¿Ha tenido síntomas de abstinencia (se ha sentido enfermo) al dejar de consumir drogas?',
  },
  {
    en: 'Have you had medical problems as a result of your drug use (e.g. memory loss, hepatitis, convulsions, bleeding)?',
    es: '¿Ha tenido problemas médicos por su consumo de drogas (p. ej., pérdida de memoria, hepatitis, convulsiones, sangrado)?',
  },
];

export const dast10ZoneLabels: Record<Dast10Zone, string> = {
  none: 'No problems reported',
  low: 'Low level',
  moderate: 'Moderate level',
  substantial: 'Substantial level',
  severe: 'Severe level',
};

/** TAPS-1, "in the past 12 months, how often have you …". */
export const taps1ItemLabels: Record<Taps1Item, Bilingual> = {
  tobacco: { en: 'used any tobacco product?', es: '¿consumido algún producto de tabaco?' },
  alcohol: {
    en: 'had 4 or more drinks (women) / 5 or more drinks (men) containing alcohol in one day?',
    es: '¿tomado 4 o más bebidas (mujeres) / 5 o más bebidas (hombres) con alcohol en un día?',
  },
  illicitDrugs: {
    en: 'used any drugs including marijuana, cocaine, heroin, methamphetamine?',
    es: '¿consumido alguna droga, incluidas marihuana, cocaína, heroína, metanfetamina?',
  },
  prescriptionMisuse: {
    en: 'used any prescription medications just for the feeling, more than prescribed, or that were not prescribed for you?',
    es: '¿usado medicamentos recetados solo por la sensación, más de lo recetado, o que no le recetaron?',
  },
};

export const tapsFrequencyLabels: Record<TapsFrequency, string> = {
  never: 'Never',
  less_than_monthly: 'Less than monthly',
  monthly: 'Monthly',
  weekly: 'Weekly',
  daily_or_almost_daily: 'Daily or almost daily',
};

export const taps2SubstanceLabels: Record<Taps2Substance, string> = {
  tobacco: 'Tobacco',
  alcohol: 'Alcohol',
  marijuana: 'Marijuana',
  cocaine: 'Cocaine or crack',
  methamphetamine: 'Methamphetamine',
  heroin: 'Heroin',
  prescriptionOpioids: 'Prescription opioid pain relievers (not as prescribed)',
  prescriptionSedatives: 'Prescription sedatives or sleeping pills (not as prescribed)',
  prescriptionStimulants: 'Prescription stimulants (not as prescribed)',
  otherDrugs: 'Other drugs (hallucinogens, inhalants, …)',
};

/** TAPS-2 items, "in the past 3 months", per class; the first is the gate (for alcohol, a heavy-drinking day). */
export function taps2Questions(substance: Taps2Substance): string[] {
  if (substance === 'tobacco')
    return [
      'Did you smoke a cigarette containing tobacco?',
      'Did you usually smoke more than 10 cigarettes each day?',
      'Did you usually smoke within 30 minutes after waking?',
    ];
  if (substance === 'alcohol')
    return [
      'Did you have 4 or more drinks (women) / 5 or more drinks (men) containing alcohol in a day?',
      'Have you tried and failed to control, cut down or stop drinking?',
      'Has anyone expressed concern about your drinking?',
    ];
  const name = taps2SubstanceLabels[substance].toLowerCase();
  if (substance.startsWith('prescription'))
    return [
      `Have you used ${name}?`,
      'Have you been trying and failed to control, cut down or stop using it?',
      'Has anyone expressed concern about your use of it?',
    ];
  return [
    `Have you used ${name}?`,
    'Have you had a strong desire or urge to use it at least once a week or more often?',
    'Has anyone expressed concern about your use of it?',
  ];
}

export const taps2RiskLabels: Record<Taps2RiskLevel, string> = {
  no_use_past_3_months: 'No use in the past 3 months',
  problem_use: 'Problem use',
  higher_risk: 'Higher risk',
};

export const singleQuestion: Bilingual = {
  en: 'How many times in the past year have you used an illegal drug or used a prescription medication for non-medical reasons?',
  es: 'En el último año, ¿cuántas veces ha consumido una droga ilegal o ha usado un medicamento recetado por razones no médicas?',
};

export const moudStopReasonLabels: Record<MoudStopReason, string> = {
  taper_completed: 'Taper completed as planned',
  person_chose_to_stop: 'The person chose to stop',
  transferred_care: 'Care transferred to another program',
  side_effects: 'Side effects',
  lost_to_follow_up: 'Lost to follow-up',
  incarcerated: 'In custody',
  hospitalized: 'In hospital',
  other: 'Other',
};

export const urineSubstanceLabels: Record<UrineDrugTestSubstance, string> = {
  fentanyl: 'Fentanyl',
  opiates: 'Opiates',
  heroin: 'Heroin (6-MAM)',
  oxycodone: 'Oxycodone',
  buprenorphine: 'Buprenorphine',
  methadone: 'Methadone',
  benzodiazepines: 'Benzodiazepines',
  cocaine: 'Cocaine',
  amphetamines: 'Amphetamines',
  methamphetamine: 'Methamphetamine',
  barbiturates: 'Barbiturates',
  cannabinoids: 'Cannabinoids',
  phencyclidine: 'Phencyclidine (PCP)',
  xylazine: 'Xylazine',
};

/** Common ICD-10-CM codes for OUD and the DSM-5-TR severity they stand for (mild → F11.1x; moderate or severe → F11.2x). */
export const oudCodes: { code: string; label: string }[] = [
  { code: 'F11.10', label: 'F11.10 — Opioid use disorder, mild' },
  { code: 'F11.11', label: 'F11.11 — Opioid use disorder, mild, in remission' },
  { code: 'F11.20', label: 'F11.20 — Opioid use disorder, moderate or severe' },
  { code: 'F11.21', label: 'F11.21 — Opioid use disorder, moderate or severe, in remission' },
  { code: 'F11.23', label: 'F11.23 — Opioid use disorder, moderate or severe, with withdrawal' },
  { code: 'F11.90', label: 'F11.90 — Opioid use, unspecified' },
];

export const moudMedicationLabels = { buprenorphine: 'Buprenorphine', methadone: 'Methadone', naltrexone: 'Naltrexone' } as const;
export const moudFormulationLabels = {
  sublingual: 'Sublingual',
  buccal: 'Buccal',
  oral: 'Oral',
  oral_liquid: 'Oral liquid',
  extended_release_injection: 'Extended-release injection',
  implant: 'Implant',
} as const;
export const milestoneLabels = {
  remission_documented: 'Remission documented',
  recovery_housing: 'Moved into recovery housing',
  employment: 'Started work',
  peer_support: 'Peer support session',
  other: 'Other',
} as const;
