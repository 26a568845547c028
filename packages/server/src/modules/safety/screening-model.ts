import { screeningRuleCodes } from '@continuum/contracts';
import { type RuleCode, type SafetyOptions } from './rule-definitions.ts';
import type { RowError } from './screening-rows.ts';

/* The screening's vocabulary: a dispensing row, the rules screened, the drug kinds, and what a screening returns. */

export interface DispensingRow {
  personId: string;
  /** YYYY-MM-DD */
  fillDate: string;
  rxcui?: string | undefined;
  drugName?: string | undefined;
  /** "5", "5 MG", "25 MCG/HR", "1 MG/ML" */
  strength?: string | undefined;
  quantity: number;
  daysSupply: number;
  prescriberId: string;
  pharmacyId: string;
  /** Dispensed by an opioid treatment program (methadone or buprenorphine for OUD). */
  otp?: boolean | undefined;
}

/** The rules a dispensing extract can show (the contract's list, shared with the prescriber report). */
export const screeningRules = screeningRuleCodes satisfies readonly RuleCode[];
export type ScreeningRule = (typeof screeningRules)[number];

type Kind = 0 | 1 | 2 | 3 | 4 | 5; // other, opioid, moud, benzodiazepine, cns depressant, naloxone
export const OTHER = 0,
  OPIOID = 1,
  MOUD = 2,
  BENZO = 3,
  CNS = 4,
  NALOXONE = 5;

export interface DrugEntry {
  kind: Kind;
  /** MME/day per (unit dispensed per day); NaN when not computable; 0 for buprenorphine (no MME). */
  mmePerUnit: number;
  /** Excluded from the multiple-provider count (buprenorphine, reference §7). */
  buprenorphine: boolean;
  name: string;
}

export interface PersonFlags {
  personId: string;
  rules: ScreeningRule[];
  peakMmePerDay: number;
  /** The not-computable drugs, named. */
  notComputable: string[];
  maxPrescribers90d: number;
  maxPharmacies90d: number;
  benzodiazepineOverlapDays: number;
  naloxoneDispensed: boolean;
}

export interface PrescriberRate {
  prescriberId: string;
  /** People who filled an opioid this prescriber wrote. */
  people: number;
  flagged: Record<ScreeningRule, number>;
}

export interface ScreeningSummary {
  rows: number;
  rejectedRows: number;
  people: number;
  peopleWithOpioids: number;
  peopleWithMoud: number;
  flaggedPeople: number;
  byRule: Record<ScreeningRule, number>;
  firstFill: string | null;
  lastFill: string | null;
  options: SafetyOptions;
}

export interface ScreeningResult {
  summary: ScreeningSummary;
  prescribers: PrescriberRate[];
}

export interface ScreeningCallbacks {
  /** Called for each flagged person, in no particular order. */
  onFlagged?: (flags: PersonFlags) => void;
  /** Called every `progressEvery` rows read. */
  onProgress?: (rowsRead: number) => void;
  progressEvery?: number;
  /** Called for each row the screening cannot use, with its 1-based position and the column at fault. */
  onRejected?: (row: number, error: RowError) => void;
}
