import type { TaxonomyCode } from '@continuum/contracts';
import type { Hsds } from './hsds-export.ts';
import { continuumAttribute, stableId } from './hsds-taxonomy.ts';

/**
 * SAMHSA FindTreatment.gov listings (the `exportsAsJson/v2` rows: `frid`, `name1`, `street1`, …,
 * `services[]` of `{ f1: label, f2: category code, f3: "; "-separated values }`) converted to HSDS
 * organization_full objects tagged with the Continuum taxonomy, so the same import applies.
 * Source: `../shared/reference/referral-directory-consent.md` §4. The row fields are what the
 * public clients read; the value strings are matched by keyword because no published list of
 * them exists. FindTreatment.gov holds no capacity data, so none is created.
 */

/** FindTreatment.gov filter codes (`sCodes`) and the Continuum code each maps to. */
export const findTreatmentCodes: Readonly<Record<string, TaxonomyCode | null>> = {
  METH: 'METH',
  BU: 'BU',
  NU: 'NU',
  OTP: 'OTP',
  MD: 'MD',
  MC: 'MC',
  PI: 'PI',
  SS: 'SS',
  PA: 'SS',
  NP: 'NP',
  SF: null, // cash or self-payment: not a payment filter in Continuum
  MI: 'MI',
  ITU: 'ITU',
  OP: 'OP',
  RES: 'RES',
  HI: 'HI',
  DT: 'WM_IP',
  HH: 'HOUSING',
  CO: 'MH',
  TELE: 'TELE',
  VET: 'VET',
  GL: 'GL',
  ISC: null,
  ADLT: null,
  CHLD: 'ADOL',
  AH: null,
};

/** Keyword rules per FindTreatment.gov category (`f2`), applied to each value of `f3`. */
const VALUE_RULES: readonly [categories: readonly string[], pattern: RegExp, code: TaxonomyCode][] = [
  [['OM', 'PHR', 'OT', 'TC'], /methadone/i, 'METH'],
  [['OM', 'PHR', 'OT'], /buprenorphine|suboxone|sublocade|subutex/i, 'BU'],
  [['OM', 'PHR', 'OT'], /naltrexone|vivitrol/i, 'NU'],
  [['TC', 'SET', 'OT'], /opioid treatment program|\bOTP\b/i, 'OTP'],
  [['PAY'], /medicaid/i, 'MD'],
  [['PAY'], /medicare/i, 'MC'],
  [['PAY'], /private health insurance|private insurance/i, 'PI'],
  [['PAY'], /military|tricare/i, 'MI'],
  [['PAY'], /IHS|tribal|ITU/i, 'ITU'],
  [['PAY', 'PYAS'], /sliding fee|payment assistance/i, 'SS'],
  [['PAY', 'PYAS'], /no charge|free|no cost/i, 'NP'],
  [['TC', 'SET'], /intensive outpatient/i, 'IOP'],
  [['TC', 'SET'], /^outpatient|regular outpatient|outpatient (methadone|detox|treatment)/i, 'OP'],
  [['TC', 'SET'], /residential/i, 'RES'],
  [['TC', 'SET', 'HOSP'], /hospital inpatient|general hospital/i, 'HI'],
  [['DETOX', 'TC', 'SET'], /inpatient detox|hospital inpatient detox|residential detox/i, 'WM_IP'],
  [['DETOX', 'TC', 'SET'], /outpatient detox/i, 'WM_OP'],
  [['TC', 'SET'], /telemedicine|telehealth/i, 'TELE'],
  [['TAP'], /cognitive behavioral/i, 'CBT'],
  [['TAP'], /dialectical/i, 'DBT'],
  [['TAP'], /motivational interviewing/i, 'MOT_INT'],
  [['TAP'], /contingency management|motivational incentives/i, 'CM'],
  [['TAP', 'AS'], /family/i, 'FAM'],
  [['ASSES', 'AS'], /screening|assessment/i, 'SCREEN'],
  [['AS', 'TRSRV'], /naloxone/i, 'NALOXONE'],
  [['AS', 'TRSRV'], /peer|recovery coach|mentoring/i, 'PEER'],
  [['AS', 'TRSRV'], /self-help groups|mutual/i, 'MUTUAL_AID'],
  [['AS', 'TRSRV'], /housing/i, 'HOUSING'],
  [['AS', 'TRSRV'], /employment/i, 'EMPLOY'],
  [['AS', 'TRSRV'], /legal/i, 'LEGAL'],
  [['AS', 'TRSRV'], /transportation/i, 'TRANSPORT'],
  [['AS', 'TRSRV'], /child ?care/i, 'CHILDCARE'],
  [['AS', 'TRSRV'], /mental health/i, 'MH'],
  [['AS', 'SG', 'AGE'], /adolescent/i, 'ADOL'],
  [['AS', 'SG', 'AGE'], /young adult/i, 'YA'],
  [['AS', 'SG'], /pregnant|postpartum/i, 'PREG'],
  [['AS', 'SG'], /criminal justice|incarcerat|re-?entry/i, 'REENTRY'],
  [['AS', 'SG', 'EXCL'], /veteran/i, 'VET'],
  [['AS', 'SG'], /LGBT|lesbian|gay|transgender/i, 'GL'],
  [['AS', 'SG', 'AGE'], /seniors|older adults/i, 'OLDER'],
];

const LANGUAGE_RULES: readonly [RegExp, string][] = [
  [/spanish/i, 'es'],
  [/vietnamese/i, 'vi'],
  [/chinese/i, 'zh'],
  [/russian/i, 'ru'],
  [/arabic/i, 'ar'],
  [/korean/i, 'ko'],
  [/tagalog/i, 'tl'],
  [/french/i, 'fr'],
  [/creole/i, 'ht'],
  [/sign language|\bASL\b|deaf/i, 'ase'],
];

export interface FindTreatmentRow {
  frid: string;
  name1: string;
  name2?: string;
  street1?: string;
  street2?: string;
  city?: string;
  state?: string;
  zip?: string;
  phone?: string;
  website?: string;
  latitude?: string | number;
  longitude?: string | number;
  services?: { f1?: string; f2?: string; f3?: string }[];
}

export function isFindTreatmentExport(value: unknown): value is { rows: FindTreatmentRow[] } {
  const v = value as { rows?: unknown[] } | null;
  return !!v && Array.isArray(v.rows) && v.rows.every((r) => typeof r === 'object' && r !== null && 'frid' in r && 'name1' in r);
}

/** The Continuum codes and language codes a row's `services` triples carry. */
export function findTreatmentCodesOf(services: FindTreatmentRow['services']): { codes: TaxonomyCode[]; languages: string[] } {
  const codes = new Set<TaxonomyCode>();
  const languages = new Set<string>(['en']);
  for (const s of services ?? []) {
    const category = s.f2 ?? '';
    for (const value of (s.f3 ?? '')
      .split(';')
      .map((v) => v.trim())
      .filter(Boolean)) {
      if (['SL', 'OL', 'AIL'].includes(category)) {
        for (const [pattern, code] of LANGUAGE_RULES) if (pattern.test(value)) languages.add(code);
        continue;
      }
      for (const [categories, pattern, code] of VALUE_RULES) if (categories.includes(category) && pattern.test(value)) codes.add(code);
    }
  }
  return { codes: [...codes], languages: [...languages] };
}

const url = (s: string | undefined) => (s && /^https?:\/\//i.test(s) ? s : s ? `https://${s}` : undefined);

/** One FindTreatment.gov row as an HSDS organization_full with one location and one service. */
export function findTreatmentRowToHsds(row: FindTreatmentRow): Hsds {
  const orgId = stableId('findtreatment', row.frid, 'organization');
  const locationId = stableId('findtreatment', row.frid, 'location');
  const serviceId = stableId('findtreatment', row.frid, 'service');
  const { codes, languages } = findTreatmentCodesOf(row.services);
  const name = [row.name1, row.name2].filter(Boolean).join(' — ');
  const phone = row.phone ? [{ id: stableId('findtreatment', row.frid, 'phone'), number: row.phone }] : undefined;
  return {
    id: orgId,
    name,
    description: 'Listed on SAMHSA FindTreatment.gov. Call to confirm services and availability.',
    ...(url(row.website) ? { website: url(row.website) } : {}),
    ...(phone ? { phones: phone } : {}),
    locations: [
      {
        id: locationId,
        location_type: 'physical',
        organization_id: orgId,
        name,
        latitude: Number(row.latitude),
        longitude: Number(row.longitude),
        external_identifier: row.frid,
        external_identifier_type: 'FindTreatment.gov frid',
        addresses: [
          {
            id: stableId('findtreatment', row.frid, 'address'),
            location_id: locationId,
            address_1: row.street1 ?? '',
            ...(row.street2 ? { address_2: row.street2 } : {}),
            city: row.city ?? '',
            state_province: row.state ?? '',
            postal_code: row.zip ?? '',
            country: 'US',
            address_type: 'physical',
          },
        ],
      },
    ],
    services: [
      {
        id: serviceId,
        organization_id: orgId,
        name: 'Substance use treatment',
        description: 'Services as listed on SAMHSA FindTreatment.gov; no capacity information is published there.',
        status: 'active',
        ...(phone ? { phones: phone.map((p) => ({ ...p, id: stableId('findtreatment', row.frid, 'service-phone') })) } : {}),
        languages: languages.map((code) => ({
          id: stableId('findtreatment', row.frid, 'language', code),
          service_id: serviceId,
          code,
          name: code,
        })),
        attributes: codes.map((code) => continuumAttribute(serviceId, code)),
        service_at_locations: [
          { id: stableId('findtreatment', row.frid, 'service-at-location'), service_id: serviceId, location_id: locationId },
        ],
      },
    ],
  };
}
