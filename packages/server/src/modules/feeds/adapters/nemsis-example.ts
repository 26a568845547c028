/*
 * Synthetic NEMSIS v3.5 patient care reports for tests and docs: invented people, no real record.
 * Only the elements the adapter reads (and a street address it must never keep) are written.
 */

export interface NemsisFields {
  reportNumber: string;
  emsPatientId?: string;
  familyName?: string;
  givenName?: string;
  birthDate?: string;
  /** ePatient.13 code (9906001 female, 9906003 male). */
  gender?: string;
  homeZip?: string;
  sceneStreet?: string;
  sceneZip?: string;
  sceneCounty?: string;
  onset?: string;
  arrived?: string;
  primaryImpression?: string;
  secondaryImpressions?: string[];
  /** Naloxone given: the time, and whether before this unit's care. */
  naloxone?: { at: string; prior?: boolean }[];
  transport?: string;
  care?: string;
  arrestEnd?: string;
  leaveBehind?: string;
}

const el = (name: string, v: string | undefined): string => (v === undefined ? '' : `<${name}>${v}</${name}>`);

export function nemsisReport(f: NemsisFields): string {
  const meds = (f.naloxone ?? [])
    .map(
      (n) =>
        `<eMedications.MedicationGroup>${el('eMedications.01', n.at)}${el('eMedications.02', n.prior ? '9923003' : '9923001')}${el('eMedications.03', '7242')}</eMedications.MedicationGroup>`,
    )
    .join('');
  return [
    `<PatientCareReport UUID="pcr-${f.reportNumber}">`,
    `<eRecord>${el('eRecord.01', f.reportNumber)}</eRecord>`,
    `<eTimes>${el('eTimes.03', f.arrived)}${el('eTimes.07', f.arrived)}</eTimes>`,
    `<ePatient>${el('ePatient.01', f.emsPatientId)}<ePatient.PatientNameGroup>${el('ePatient.02', f.familyName)}${el('ePatient.03', f.givenName)}</ePatient.PatientNameGroup>`,
    `${el('ePatient.05', '9 Hidden Lane')}${el('ePatient.09', f.homeZip)}${el('ePatient.13', f.gender)}${el('ePatient.17', f.birthDate)}</ePatient>`,
    `<eScene>${el('eScene.15', f.sceneStreet)}${el('eScene.19', f.sceneZip)}${el('eScene.21', f.sceneCounty)}</eScene>`,
    `<eSituation>${el('eSituation.01', f.onset)}${el('eSituation.11', f.primaryImpression)}${(f.secondaryImpressions ?? []).map((c) => el('eSituation.12', c)).join('')}</eSituation>`,
    meds ? `<eMedications>${meds}</eMedications>` : '',
    f.arrestEnd ? `<eArrest>${el('eArrest.18', f.arrestEnd)}</eArrest>` : '',
    f.transport || f.care
      ? `<eDisposition><eDisposition.IncidentDispositionGroup>${el('eDisposition.28', f.care)}${el('eDisposition.30', f.transport)}</eDisposition.IncidentDispositionGroup></eDisposition>`
      : '',
    f.leaveBehind
      ? `<eCustomResults><eCustomResults.ResultsGroup>${el('eCustomResults.01', f.leaveBehind)}${el('eCustomResults.02', 'itDisposition.NaloxoneLeaveBehind')}</eCustomResults.ResultsGroup></eCustomResults>`
      : '',
    `</PatientCareReport>`,
  ].join('');
}

/** An EMS export: an EMSDataSet holding the reports. */
export function nemsisDataSet(reports: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<EMSDataSet xmlns="http://www.nemsis.org" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n<Header>\n<DemographicGroup><dAgency.01>S0000</dAgency.01></DemographicGroup>\n${reports.join('\n')}\n</Header>\n</EMSDataSet>\n`;
}

/** A suspected fentanyl overdose: naloxone twice, transported, one leave-behind kit. */
export const exampleOverdose: NemsisFields = {
  reportNumber: 'PCR-1001',
  emsPatientId: 'EMS-77',
  familyName: 'Rivera',
  givenName: 'Sam',
  birthDate: '1991-04-05',
  gender: '9906003',
  homeZip: '97102',
  sceneStreet: '100 Dock Rd',
  sceneZip: '97101',
  sceneCounty: '41051',
  arrived: '2026-11-20T07:58:00-08:00',
  primaryImpression: 'T40.411A',
  secondaryImpressions: ['F11.20'],
  naloxone: [{ at: '2026-11-20T08:01:00-08:00' }, { at: '2026-11-20T08:05:00-08:00' }],
  transport: '4230001',
  leaveBehind: '1',
};
