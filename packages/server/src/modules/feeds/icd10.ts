import type { SuspectedSubstance } from '@continuum/contracts';

/*
 * The diagnoses a feed acts on, from ICD-10-CM codes.
 *
 * Opioid overdose: poisoning by opium (T40.0), heroin (T40.1), other opioids (T40.2), methadone
 * (T40.3), synthetic narcotics (T40.4, fentanyl among them) or other and unspecified narcotics
 * (T40.6), with the sixth character 1–4 (accidental, intentional self-harm, assault,
 * undetermined) and an initial encounter (seventh character A, or none given). Adverse effects (5)
 * and underdosing (6) are not overdoses, and subsequent encounters (D) and sequelae (S) are not new
 * ones. Source: CDC, Drug Overdose Surveillance and Epidemiology (DOSE) ED syndrome definitions —
 * "opioid overdose, ICD-10-CM: T40.0X1A–T40.4X4A, T40.601A–T40.694A (initial encounters)"; CSTE,
 * "Standardized Case Definition for Drug Overdose ED Visits" (2019).
 *
 * Opioid use disorder: F11.x (opioid related disorders: abuse, dependence, use), ICD-10-CM chapter 5.
 */

/** A code as sent (T401X1A, t40.1x1a) in ICD-10-CM's dotted form (T40.1X1A); null when it is not a code. */
export function normalizeIcd10(raw: string): string | null {
  const c = raw.trim().toUpperCase().replace('.', '');
  if (!/^[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$/.test(c)) return null;
  return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}

const OPIOID_POISONING = /^T40\.(?:[0-4][0-9X]|6[0-9])([1-4])([A-Z])?$/;

export function isOpioidOverdose(code: string): boolean {
  const m = OPIOID_POISONING.exec(code);
  if (!m) return false;
  return m[2] === undefined || m[2] === 'A';
}

export function isOud(code: string): boolean {
  return /^F11(\.|$)/.test(code);
}

/** What an opioid poisoning code says was taken. */
export function substanceOf(code: string): SuspectedSubstance {
  const group = code.slice(0, 5);
  switch (group) {
    case 'T40.1':
      return 'heroin';
    case 'T40.2':
      return 'prescription_opioid';
    case 'T40.3':
      return 'methadone';
    case 'T40.4':
      return 'fentanyl';
    case 'T40.0':
      return 'other';
    default:
      return 'unknown';
  }
}
