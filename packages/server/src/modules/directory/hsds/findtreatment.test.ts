import { describe, expect, it } from 'vitest';
import { findTreatmentCodes, findTreatmentCodesOf, findTreatmentRowToHsds, isFindTreatmentExport } from './findtreatment.ts';
import { validateHsds } from './hsds-schemas.ts';

const findTreatmentRow = {
  frid: 'a1b2c3',
  name1: 'Riverbend Recovery Clinic',
  street1: '12 River Rd',
  city: 'Salem',
  state: 'OR',
  zip: '97301',
  phone: '503-555-0100',
  website: 'www.example.org',
  latitude: '44.9429',
  longitude: '-123.0351',
  services: [
    { f1: 'Type of Care', f2: 'TC', f3: 'Substance use treatment; Outpatient; Telemedicine/telehealth therapy' },
    {
      f1: 'Pharmacotherapies',
      f2: 'PHR',
      f3: 'Buprenorphine with naloxone (Suboxone®); Extended-release, injectable Naltrexone (Vivitrol®)',
    },
    {
      f1: 'Payment/Insurance/Funding Accepted',
      f2: 'PAY',
      f3: 'Cash or self-payment; Medicaid; Medicare; Private health insurance; Military insurance (e.g., TRICARE)',
    },
    { f1: 'Payment Assistance Available', f2: 'PYAS', f3: 'Sliding fee scale (fee is based on income and other factors)' },
    {
      f1: 'Special Programs/Groups Offered',
      f2: 'SG',
      f3: 'Veterans; Pregnant/postpartum women; Lesbian, gay, bisexual, or transgender (LGBT) clients',
    },
    { f1: 'Language Services', f2: 'SL', f3: 'Spanish' },
  ],
};

describe('FindTreatment.gov listings', () => {
  it('maps every FindTreatment.gov filter code onto the Continuum taxonomy or says it has no equivalent', () => {
    expect(findTreatmentCodes).toMatchObject({
      METH: 'METH',
      BU: 'BU',
      NU: 'NU',
      MD: 'MD',
      MC: 'MC',
      PI: 'PI',
      SS: 'SS',
      NP: 'NP',
      MI: 'MI',
      ITU: 'ITU',
      VET: 'VET',
      GL: 'GL',
      TELE: 'TELE',
      SF: null,
    });
  });

  it.each([
    ['PHR', 'Buprenorphine with naloxone (Suboxone®)', 'BU'],
    ['OM', 'Methadone', 'METH'],
    ['PHR', 'Extended-release, injectable Naltrexone (Vivitrol®)', 'NU'],
    ['PAY', 'Medicaid', 'MD'],
    ['PAY', 'IHS/Tribal/Urban (ITU) funds', 'ITU'],
    ['PYAS', 'Sliding fee scale (fee is based on income and other factors)', 'SS'],
    ['SET', 'Intensive outpatient treatment', 'IOP'],
    ['SET', 'Residential short-term treatment (30 days or less)', 'RES'],
    ['SG', 'Veterans', 'VET'],
  ])('%s "%s" → %s', (f2, f3, code) => {
    expect(findTreatmentCodesOf([{ f2, f3 }]).codes).toContain(code);
  });

  it('converts a row into a valid HSDS organization_full with tagged service', () => {
    expect(isFindTreatmentExport({ page: 1, rows: [findTreatmentRow] })).toBe(true);
    expect(isFindTreatmentExport({ contents: [] })).toBe(false);
    const org = findTreatmentRowToHsds(findTreatmentRow);
    expect(validateHsds('organization', org)).toEqual([]);
    const service = (org.services as Record<string, unknown>[])[0]!;
    expect(validateHsds('service', service)).toEqual([]);
    const codes = (service.attributes as { taxonomy_term: { code: string } }[]).map((a) => a.taxonomy_term.code).sort();
    expect(codes).toEqual(['BU', 'GL', 'MC', 'MD', 'MI', 'NU', 'OP', 'PI', 'PREG', 'SS', 'TELE', 'VET'].sort());
    expect((service.languages as { code: string }[]).map((l) => l.code)).toEqual(['en', 'es']);
    expect(service.capacities).toBeUndefined();
  });
});
