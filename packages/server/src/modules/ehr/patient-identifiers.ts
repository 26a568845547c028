import type { Patient } from '@medplum/fhirtypes';

const MR_TYPE = 'MR';

/** The Patient's medical record numbers: those in `system` when the EHR connection names one, else those typed "MR". */
export function medicalRecordNumbers(patient: unknown, system: string | null): string[] {
  const p = patient as Patient | null | undefined;
  if (!p || p.resourceType !== 'Patient' || !Array.isArray(p.identifier)) return [];
  return p.identifier
    .filter((i) => typeof i.value === 'string' && i.value.length > 0 && i.value.length <= 200)
    .filter((i) => (system ? i.system === system : (i.type?.coding ?? []).some((c) => c.code === MR_TYPE)))
    .map((i) => i.value!);
}
