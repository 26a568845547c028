import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { patientPrefill } from '../ehr/index.ts';
import { networkMatches, UPPER_THRESHOLD, type MatchFields } from '../person-index/index.ts';
import { readContext, readSafetySource, resolveImportPeople } from '../registry/index.ts';
import { factsFromCareEvents } from './care-event-adapter.ts';
import type { DrugKnowledge } from './drug-knowledge.ts';
import type { Day, MedicationOrder } from './safety-model.ts';

/*
 * The network's own records in a CDS Hooks check: when the EHR's patient is a person the network
 * knows (the EHR's medical record number is an identifier its organization holds for them), the
 * dispensings and overdoses other organizations recorded are added to what the EHR sent, so
 * "opioids from several prescribers" sees prescribers outside that EHR. Read through the
 * registry's chokepoint as the calling organization for treatment: consent and 42 CFR Part 2 decide
 * each record, and the disclosure is recorded. The caller's own organization's events are left out
 * (the EHR already holds them; counting both would double the MME).
 *
 * When the organization holds none of the patient's record numbers, the prefetch Patient's
 * demographics are matched through the network person index with the thresholds the feeds use
 * (docs/person-index.md): only a confident match (probability ≥ UPPER_THRESHOLD, 0.999) to exactly
 * one registry person counts. A "possible" match (between the thresholds), or confident matches to
 * two different people, name nobody: a safety card built on the wrong person's dispensings would
 * be worse than none.
 */

export interface NetworkRecords {
  orders: MedicationOrder[];
  overdoses: Day[];
  /** Organizations the added records came from. */
  organizations: number;
  /** Kinds of the person's records the caller's organization may not see (consent needed). */
  restricted: boolean;
  redisclosureNotice: string | null;
}

/** The registry person for the EHR's patient in the caller's organization, or null. */
export async function findNetworkPerson(db: Db, organizationId: string, mrns: string[]): Promise<string | null> {
  if (mrns.length === 0) return null;
  const found = await db.transaction().execute((trx) =>
    resolveImportPeople(
      trx,
      organizationId,
      mrns.map((value) => ({ identifier: { kind: 'mrn' as const, value } })),
    ),
  );
  return found.find((id): id is string => id !== null) ?? null;
}

/** The match fields of a FHIR Patient (the same reading as a SMART launch's registration form), or null without a family name and full birth date. */
export function patientMatchFields(patient: unknown): MatchFields | null {
  const p = patientPrefill(patient, null, '');
  if (!p?.familyName || !p.birthDate) return null;
  return {
    givenName: p.givenName ?? '',
    familyName: p.familyName,
    birthDate: p.birthDate,
    sex: p.sex,
    phone: p.phone ?? '',
    ssn: '',
    address: p.address?.line1 ?? '',
    city: p.address?.city ?? '',
    zip: p.address?.postalCode ?? '',
    email: '',
  };
}

/** The one registry person the network person index is confident the EHR's patient is, or null (no confident match, or more than one person). */
export async function findNetworkPersonByDemographics(db: Db, patient: unknown): Promise<string | null> {
  const fields = patientMatchFields(patient);
  if (!fields) return null;
  const confident = new Set(
    (await networkMatches(db, fields)).filter((m) => m.personId !== null && m.probability >= UPPER_THRESHOLD).map((m) => m.personId!),
  );
  return confident.size === 1 ? [...confident][0]! : null;
}

/** What the network holds for the person that the caller may see, as engine facts; null when the person is not known or not visible. */
export async function networkRecords(
  db: Db,
  clock: Clock,
  access: AccessContext,
  k: DrugKnowledge,
  personId: string,
  asOf: Day,
): Promise<NetworkRecords | null> {
  let source;
  try {
    source = await db.transaction().execute((trx) => readSafetySource(trx, readContext(access, clock, 'treatment', 'api'), personId));
  } catch (error) {
    if (error instanceof AppError && error.code === 'PERSON_NOT_FOUND') return null;
    throw error;
  }
  const others = source.events.filter((e) => e.sourceOrganizationId !== access.organizationId);
  const facts = factsFromCareEvents(k, source.birthDate, others, asOf);
  return {
    orders: facts.orders.map((o) => ({ ...o, id: `network-${o.id}`, draft: false })),
    overdoses: facts.overdoses ?? [],
    organizations: new Set(others.map((e) => e.sourceOrganizationId)).size,
    restricted: source.restricted.some((r) => r.kind === 'medications'),
    redisclosureNotice: source.redisclosureNotice,
  };
}
