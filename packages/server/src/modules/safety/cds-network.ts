import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { AccessContext } from '../../core/access-context.ts';
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
