// Longer than 300 lines: every care-event type's data schema, kind and label in one place, so the union stays exhaustive.
import { z } from 'zod';
import { type RecordKind, sensitivitySchema } from './consent.ts';
import { answersInstrument, scoreScreening, screeningAnswersSchema } from './screening-instruments.ts';

/**
 * Care events: one store of typed events on a person's timeline (`person_events`). The modules that
 * own an event write it (referrals, overdose response, the registry's own entries); everything else
 * arrives through the import (API, CSV, FHIR Bundle). Every read goes through the consent chokepoint.
 *
 * Each type has a `data` shape of its own; the record kind a consent names (and so who may see the
 * event) follows from the type, see `careEventKind`.
 */

const icd10 = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/, 'An ICD-10-CM code such as F11.20');

/** `single-question`: the single-question drug screen (Smith et al. 2010), see screening-instruments.ts. */
export const screeningInstruments = ['TAPS', 'DAST-10', 'NIDA-QS', 'CRAFFT', 'ASSIST', 'COWS', 'single-question', 'other'] as const;
export type ScreeningInstrument = (typeof screeningInstruments)[number];
export const encounterSettings = ['emergency_department', 'outpatient', 'inpatient', 'residential', 'observation', 'telehealth'] as const;
export type EncounterSetting = (typeof encounterSettings)[number];
export const moudMedications = ['buprenorphine', 'methadone', 'naltrexone'] as const;
export type MoudMedication = (typeof moudMedications)[number];
export const moudFormulations = ['sublingual', 'buccal', 'oral', 'oral_liquid', 'extended_release_injection', 'implant'] as const;
export const recoveryMilestones = ['remission_documented', 'recovery_housing', 'employment', 'peer_support', 'other'] as const;
/** Why medication for OUD stopped: the person's own decision and care transitions, never a judgement. */
export const moudStopReasons = [
  'taper_completed',
  'person_chose_to_stop',
  'transferred_care',
  'side_effects',
  'lost_to_follow_up',
  'incarcerated',
  'hospitalized',
  'other',
] as const;
export type MoudStopReason = (typeof moudStopReasons)[number];
/** What a urine drug test reports on (a screen panel or a confirmatory test); see safety's care-event adapter for the LOINC codes. */
export const urineDrugTestSubstances = [
  'fentanyl',
  'opiates',
  'heroin',
  'oxycodone',
  'buprenorphine',
  'methadone',
  'benzodiazepines',
  'cocaine',
  'amphetamines',
  'methamphetamine',
  'barbiturates',
  'cannabinoids',
  'phencyclidine',
  'xylazine',
] as const;
export type UrineDrugTestSubstance = (typeof urineDrugTestSubstances)[number];
/**
 * The LOINC "[Presence] in Urine by Screen method" code of each substance (LOINC 2.80; each in the
 * CDC opioid CDS value set "all urine drug screening tests" and the substance's own set). Xylazine has
 * none there. Used by safety (results → Observations) and the FHIR import (Observations → results).
 */
export const urineDrugTestLoinc: Record<UrineDrugTestSubstance, string | null> = {
  fentanyl: '59673-4',
  opiates: '19295-5',
  heroin: '19321-9',
  oxycodone: '19642-8',
  buprenorphine: '58359-1',
  methadone: '19550-3',
  benzodiazepines: '14316-4',
  cocaine: '14314-9',
  amphetamines: '19261-7',
  methamphetamine: '19554-5',
  barbiturates: '19270-8',
  cannabinoids: '18282-4',
  phencyclidine: '19659-2',
  xylazine: null,
};
export const testResults = ['positive', 'negative'] as const;

/**
 * A screening: the instrument and its result, and — for the scored instruments (DAST-10, TAPS, the
 * single question) — optionally the item answers. With answers, the result and score must be what the
 * answers give (`scoreScreening`), so a form, an import and an API client cannot disagree. Events
 * stored before answers existed carry none and stay valid.
 */
const screeningData = z
  .strictObject({
    instrument: z.enum(screeningInstruments),
    result: z.enum(testResults),
    score: z.number().min(0).max(1000).optional(),
    answers: screeningAnswersSchema.optional(),
  })
  .superRefine((d, ctx) => {
    if (d.answers === undefined) return;
    const instrument = answersInstrument(d.answers);
    if (instrument !== d.instrument) {
      ctx.addIssue({ code: 'custom', path: ['answers'], message: `These are ${instrument} answers; the instrument is ${d.instrument}` });
      return;
    }
    const scored = scoreScreening(d.answers);
    if (scored.result !== d.result)
      ctx.addIssue({ code: 'custom', path: ['result'], message: `The answers give a ${scored.result} screen` });
    if (d.score !== undefined && d.score !== scored.score)
      ctx.addIssue({ code: 'custom', path: ['score'], message: `The answers give a score of ${scored.score ?? 'none'}` });
  });
const diagnosisData = z.strictObject({
  code: icd10,
  severity: z.enum(['mild', 'moderate', 'severe']).optional(),
  remission: z.enum(['early', 'sustained']).optional(),
});
const encounterData = z.strictObject({
  setting: z.enum(encounterSettings),
  /** Principal diagnosis (ICD-10-CM); a substance use disorder is F10–F19. */
  principalDiagnosis: icd10.optional(),
  /** Any diagnosis on the encounter, principal included. */
  diagnoses: z.array(icd10).max(25).optional(),
});
const referralData = z.strictObject({
  referralId: z.uuid(),
  status: z.string().max(40),
  service: z.string().max(200).optional(),
  /** The referral's pathway target kind, e.g. `moud` for a medication-for-OUD service. */
  serviceKind: z.string().max(40).optional(),
});
const appointmentData = z.strictObject({
  referralId: z.uuid().optional(),
  serviceKind: z.string().max(40).optional(),
});
const moudData = z.strictObject({
  medication: z.enum(moudMedications),
  formulation: z.enum(moudFormulations).optional(),
  /** Days the dispensing or administration covers (an OTP's daily dose is 1; take-homes more). */
  daysSupply: z.number().int().min(1).max(365),
  quantity: z.number().positive().max(100000).optional(),
  rxnormCode: z
    .string()
    .regex(/^\d{1,10}$/)
    .optional(),
  prescriber: z.string().max(120).optional(),
  pharmacy: z.string().max(120).optional(),
});
const opioidDispenseData = z
  .strictObject({
    rxnormCode: z
      .string()
      .regex(/^\d{1,10}$/)
      .optional(),
    drugName: z.string().max(200).optional(),
    strength: z.string().max(60).optional(),
    quantity: z.number().positive().max(100000),
    daysSupply: z.number().int().min(1).max(365),
    prescriber: z.string().max(120).optional(),
    /** The network user who prescribed, when the prescriber is a Continuum user. */
    prescriberUserId: z.uuid().optional(),
    pharmacy: z.string().max(120).optional(),
  })
  .refine((d) => d.rxnormCode !== undefined || d.drugName !== undefined, { message: 'Give rxnormCode or drugName', path: ['rxnormCode'] });
/** A dispensing of another drug that matters for prescribing safety (a benzodiazepine, another CNS depressant). */
const medicationDispenseData = z
  .strictObject({
    rxnormCode: z
      .string()
      .regex(/^\d{1,10}$/)
      .optional(),
    drugName: z.string().max(200).optional(),
    strength: z.string().max(60).optional(),
    quantity: z.number().positive().max(100000),
    daysSupply: z.number().int().min(1).max(365),
    prescriber: z.string().max(120).optional(),
    prescriberUserId: z.uuid().optional(),
    pharmacy: z.string().max(120).optional(),
  })
  .refine((d) => d.rxnormCode !== undefined || d.drugName !== undefined, { message: 'Give rxnormCode or drugName', path: ['rxnormCode'] });
const doseMg = z.number().positive().max(2000);
/** Medication for OUD started (a prescription or an induction), with its dose. */
const moudStartData = z.strictObject({
  medication: z.enum(moudMedications),
  formulation: z.enum(moudFormulations).optional(),
  /** Daily dose (for an extended-release injection or implant, the dose given). */
  doseMg: doseMg.optional(),
  /** Days the first prescription or supply covers; absent, the start day alone counts as covered. */
  daysSupply: z.number().int().min(1).max(365).optional(),
  prescriber: z.string().max(120).optional(),
});
const moudDoseChangeData = z.strictObject({
  medication: z.enum(moudMedications),
  formulation: z.enum(moudFormulations).optional(),
  doseMg,
  previousDoseMg: doseMg.optional(),
  daysSupply: z.number().int().min(1).max(365).optional(),
  prescriber: z.string().max(120).optional(),
});
/** Medication for OUD stopped: supply dispensed earlier no longer counts as coverage after this day. */
const moudStopData = z.strictObject({
  medication: z.enum(moudMedications),
  reason: z.enum(moudStopReasons),
  lastDoseMg: doseMg.optional(),
});
/** A urine drug test: each substance tested and its result (at least one). */
const urineDrugTestData = z.strictObject({
  results: z
    .partialRecord(z.enum(urineDrugTestSubstances), z.enum(testResults))
    .refine((r) => Object.keys(r).length > 0, { message: 'Give at least one result' }),
  method: z.enum(['screen', 'confirmatory']).optional(),
});
const custodyData = z.strictObject({ facility: z.string().max(200).optional() });
const overdoseData = z.strictObject({
  fatal: z.boolean(),
  naloxoneDoses: z.number().int().min(0).max(20).optional(),
  overdoseEventId: z.uuid().optional(),
});
const naloxoneData = z.strictObject({
  mode: z.enum(['administered', 'kit_given']),
  kits: z.number().int().min(1).max(1000).optional(),
});
const milestoneData = z.strictObject({ milestone: z.enum(recoveryMilestones) });
/** Manner of death as a death certificate records it (U.S. Standard Certificate of Death, item 37). */
export const deathManners = ['natural', 'accident', 'suicide', 'homicide', 'undetermined', 'pending'] as const;
export type DeathManner = (typeof deathManners)[number];
/** A death, from the medical examiner or vital records: its manner and causes (ICD-10), and whether it was an opioid overdose. */
const deathData = z.strictObject({
  manner: z.enum(deathManners),
  underlyingCause: icd10.optional(),
  /** The multiple (contributing) causes. */
  causes: z.array(icd10).max(20).optional(),
  opioidOverdose: z.boolean(),
});
const noData = z.strictObject({});

/** The data schema of each care-event type. */
export const careEventDataSchemas = {
  screening: screeningData,
  diagnosis: diagnosisData,
  encounter: encounterData,
  referral: referralData,
  appointment_attended: appointmentData,
  appointment_missed: appointmentData,
  moud_dispense: moudData,
  moud_administration: moudData,
  moud_start: moudStartData,
  moud_dose_change: moudDoseChangeData,
  moud_stop: moudStopData,
  urine_drug_test: urineDrugTestData,
  opioid_dispense: opioidDispenseData,
  medication_dispense: medicationDispenseData,
  custody_booking: custodyData,
  custody_release: custodyData,
  overdose: overdoseData,
  naloxone: naloxoneData,
  recovery_milestone: milestoneData,
  death: deathData,
  note: noData,
  counseling_note: noData,
} as const;

export type CareEventType = keyof typeof careEventDataSchemas;
export const careEventTypes = Object.keys(careEventDataSchemas) as CareEventType[];
export const careEventTypeSchema = z.enum(careEventTypes as [CareEventType, ...CareEventType[]]);
export type CareEventData<T extends CareEventType = CareEventType> = z.infer<(typeof careEventDataSchemas)[T]>;

/** The record kind (what a consent names) of each type. */
const kinds: Record<CareEventType, Exclude<RecordKind, 'demographics'>> = {
  screening: 'screening',
  diagnosis: 'sud_treatment',
  encounter: 'sud_treatment',
  referral: 'referrals',
  appointment_attended: 'referrals',
  appointment_missed: 'referrals',
  moud_dispense: 'medications',
  moud_administration: 'medications',
  moud_start: 'medications',
  moud_dose_change: 'medications',
  moud_stop: 'medications',
  urine_drug_test: 'screening',
  opioid_dispense: 'medications',
  medication_dispense: 'medications',
  custody_booking: 'notes',
  custody_release: 'notes',
  overdose: 'overdose_events',
  naloxone: 'overdose_events',
  recovery_milestone: 'sud_treatment',
  death: 'notes',
  note: 'notes',
  counseling_note: 'counseling_notes',
};
export function careEventKind(type: CareEventType): Exclude<RecordKind, 'demographics'> {
  return kinds[type];
}

export const careEventTypeLabels: Record<CareEventType, { en: string; es: string }> = {
  screening: { en: 'Screening', es: 'Evaluación' },
  diagnosis: { en: 'Diagnosis', es: 'Diagnóstico' },
  encounter: { en: 'Visit', es: 'Visita' },
  referral: { en: 'Referral', es: 'Derivación' },
  appointment_attended: { en: 'Appointment attended', es: 'Cita a la que asistió' },
  appointment_missed: { en: 'Appointment missed', es: 'Cita perdida' },
  moud_dispense: { en: 'Medication for OUD dispensed', es: 'Medicamento para el TCO dispensado' },
  moud_administration: { en: 'Medication for OUD given', es: 'Medicamento para el TCO administrado' },
  moud_start: { en: 'Medication for OUD started', es: 'Inicio del medicamento para el TCO' },
  moud_dose_change: { en: 'Medication for OUD dose changed', es: 'Cambio de dosis del medicamento para el TCO' },
  moud_stop: { en: 'Medication for OUD stopped', es: 'Suspensión del medicamento para el TCO' },
  urine_drug_test: { en: 'Urine drug test', es: 'Prueba de drogas en orina' },
  opioid_dispense: { en: 'Opioid prescription filled', es: 'Receta de opioides surtida' },
  medication_dispense: { en: 'Prescription filled', es: 'Receta surtida' },
  custody_booking: { en: 'Custody booking', es: 'Ingreso en custodia' },
  custody_release: { en: 'Release from custody', es: 'Salida de custodia' },
  overdose: { en: 'Overdose', es: 'Sobredosis' },
  naloxone: { en: 'Naloxone', es: 'Naloxona' },
  recovery_milestone: { en: 'Recovery milestone', es: 'Logro en la recuperación' },
  death: { en: 'Death', es: 'Fallecimiento' },
  note: { en: 'Note', es: 'Nota' },
  counseling_note: { en: 'Counseling note', es: 'Nota de consejería' },
};

const eventBase = {
  occurredAt: z.iso.datetime({ offset: true }),
  /** Defaults to the type's label. */
  title: z.string().trim().min(1).max(200).optional(),
  detail: z.string().trim().max(4000).nullable().optional(),
  /** The sender's own id for the event: an import with the same id from the same organization is not applied twice. */
  externalId: z.string().trim().min(1).max(100).optional(),
  /** Raises the label to `part2`; a caller can never lower it (Part 2 programs' records are always `part2`). */
  sensitivity: sensitivitySchema.optional(),
};

/** One care event as written by a module or an import (the person is given beside it). */
export const careEventInputSchema = z.discriminatedUnion(
  'type',
  careEventTypes.map((type) => z.strictObject({ type: z.literal(type), data: careEventDataSchemas[type], ...eventBase })) as unknown as [
    z.ZodObject,
    z.ZodObject,
    ...z.ZodObject[],
  ],
) as unknown as z.ZodType<CareEventInput>;

export type CareEventInput = {
  [T in CareEventType]: {
    type: T;
    data: CareEventData<T>;
    occurredAt: string;
    title?: string | undefined;
    detail?: string | null | undefined;
    externalId?: string | undefined;
    sensitivity?: 'normal' | 'part2' | undefined;
  };
}[CareEventType];
