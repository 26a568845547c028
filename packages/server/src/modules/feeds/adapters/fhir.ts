import type { Bundle, Condition, Encounter, MedicationDispense, Observation, Reference, Resource } from '@medplum/fhirtypes';
import { FeedMessageError, type FeedAdapter, type FeedItem, type FeedPlan } from '../adapter.ts';
import { conditionItem, dispenseItem, encounterItem, FhirResourceError, type Context } from './fhir-resources.ts';
import { observationItem } from './fhir-observation.ts';

/*
 * FHIR R4 from partners that speak it (docs/integration.md, "A partner that speaks FHIR"): bulk
 * NDJSON as a `$import` sends it (one resource a line: Patient, Encounter, Condition,
 * MedicationDispense, Observation), a Bundle, or one resource POSTed on its own.
 *
 * The unit applied all or nothing:
 * - NDJSON: **each line** is a message. A line that refers to a Patient, a Condition (an Encounter's
 *   diagnosis) or a MedicationRequest (a dispense's prescription) sent in the same file carries it
 *   along (as a `collection` Bundle: the line's resource first), so each message is whole on its own;
 *   a malformed line rejects that line only.
 * - A Bundle (any type): **the whole Bundle** is one message, as a FHIR transaction is.
 * - One resource: one message.
 * Patients only say who the other resources are about; a Patient alone keeps nothing.
 */

export const FHIR_TYPES = ['Patient', 'Encounter', 'Condition', 'MedicationDispense', 'Observation'] as const;

const isResource = (v: unknown): v is Resource =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { resourceType?: unknown }).resourceType === 'string';

/** The references a resource makes to others a file may carry: its Patient, an Encounter's Conditions, a dispense's prescription. */
function referencesOf(r: Resource): string[] {
  const refs: (Reference | undefined)[] = [];
  if ('subject' in r) refs.push(r.subject as Reference | undefined);
  if (r.resourceType === 'Encounter') refs.push(...(r.diagnosis ?? []).map((d) => d.condition));
  if (r.resourceType === 'MedicationDispense') refs.push(...(r.authorizingPrescription ?? []));
  return refs.flatMap((x) => (x?.reference && !x.reference.startsWith('#') ? [x.reference] : []));
}

/** A file → messages: a Bundle or one resource is one message; NDJSON one message a line, with what it refers to from the file. */
export function splitFhir(content: string): string[] {
  const trimmed = content.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw new FeedMessageError('malformed', 'The file is empty');
  let whole: unknown;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    whole = undefined;
  }
  if (whole !== undefined) {
    if (!isResource(whole)) throw new FeedMessageError('malformed', 'resourceType: is required');
    return [JSON.stringify(whole)];
  }
  const firstLine = trimmed.split(/\r?\n/, 1)[0]!;
  try {
    JSON.parse(firstLine);
  } catch {
    throw new FeedMessageError('malformed', 'The file is neither NDJSON nor a JSON resource');
  }
  const lines = trimmed.split(/\r?\n/).filter((l) => l.trim() !== '');
  const parsed = lines.map((line) => {
    try {
      const r = JSON.parse(line) as unknown;
      return isResource(r) ? r : null;
    } catch {
      return null;
    }
  });
  const byRef = new Map<string, Resource>();
  for (const r of parsed) if (r?.id) byRef.set(`${r.resourceType}/${r.id}`, r);
  return parsed.map((r, i) => {
    if (r === null) return lines[i]!.trim();
    const carried = [...new Set(referencesOf(r))].flatMap((ref) => {
      const other = byRef.get(ref);
      return other && other !== r ? [{ fullUrl: ref, resource: other }] : [];
    });
    if (carried.length === 0) return JSON.stringify(r);
    const bundle: Bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: r }, ...carried] };
    return JSON.stringify(bundle);
  });
}

function itemOf(r: Resource, context: Context): FeedItem | null {
  switch (r.resourceType) {
    case 'Encounter':
      return encounterItem(r as Encounter, context);
    case 'Condition':
      return conditionItem(r as Condition, context);
    case 'MedicationDispense':
      return dispenseItem(r as MedicationDispense, context);
    case 'Observation':
      return observationItem(r as Observation, context);
    default:
      return null;
  }
}

/** One message (a resource, or a Bundle) → its plan. */
export function planFhir(message: string): FeedPlan {
  let raw: unknown;
  try {
    raw = JSON.parse(message);
  } catch {
    throw new FeedMessageError('malformed', 'The line is not valid JSON');
  }
  if (!isResource(raw)) throw new FhirResourceError('malformed', 'resourceType', 'is required');
  if (raw.resourceType !== 'Bundle') {
    if (!(FHIR_TYPES as readonly string[]).includes(raw.resourceType))
      throw new FhirResourceError('unsupported', 'resourceType', `must be ${FHIR_TYPES.join(', ')} or Bundle`);
    const item = itemOf(raw, new Map());
    return {
      messageType: raw.resourceType,
      externalId: raw.id ? `${raw.resourceType}/${raw.id}`.slice(0, 100) : null,
      items: item ? [item] : [],
    };
  }
  const bundle = raw as Bundle;
  if (bundle.entry !== undefined && !Array.isArray(bundle.entry))
    throw new FhirResourceError('malformed', 'Bundle.entry', 'must be a list');
  const entries = bundle.entry ?? [];
  const context = new Map<string, Resource>();
  entries.forEach((e, i) => {
    if (!isResource(e?.resource)) throw new FhirResourceError('malformed', `Bundle.entry[${i}].resource`, 'is required');
    if (e.fullUrl) context.set(e.fullUrl, e.resource);
    if (e.resource.id) context.set(`${e.resource.resourceType}/${e.resource.id}`, e.resource);
  });
  const items: FeedItem[] = [];
  entries.forEach((e, i) => {
    try {
      const item = itemOf(e.resource!, context);
      if (item) items.push(item);
    } catch (error) {
      if (error instanceof FhirResourceError)
        throw new FhirResourceError(
          error.code as 'malformed' | 'unsupported',
          `Bundle.entry[${i}].resource.${error.field.replace(/^\w+\./, '')}`,
          error.reason.slice(error.field.length + 2),
        );
      throw error;
    }
  });
  const first = entries[0]?.resource?.resourceType;
  return {
    messageType: bundle.type === 'collection' && first ? first : 'Bundle',
    externalId: bundle.id ? `Bundle/${bundle.id}`.slice(0, 100) : null,
    items,
  };
}

export const fhirAdapter: FeedAdapter = { kind: 'fhir', split: splitFhir, plan: planFhir };
