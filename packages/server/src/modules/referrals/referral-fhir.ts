// Longer than 300 lines: the Gravity SDOH ServiceRequest and Task mappings in both directions, kept together so they round-trip.
import type { CapabilityStatement, Extension, ServiceRequest, Task } from '@medplum/fhirtypes';
import {
  referralFailReasons,
  referralRejectReasons,
  type ReferralDetail,
  type ReferralEvent,
  type ReferralListItem,
  type ReferralState,
  type ReferralUrgency,
} from '@continuum/contracts';
import { CONTINUUM_SYSTEM } from '../registry/index.ts';
import { fhirTaskStatus } from './referral-state.ts';

/*
 * FHIR R4 for closed-loop referrals, after the HL7 Gravity SDOH Clinical Care IG: the referral is a
 * ServiceRequest (what is asked) and a Task (the work, whose status and businessStatus move
 * through the loop; Task.focus → ServiceRequest, Task.for → Patient, Task.output carries the
 * outcome and the appointment). Pure mapping; the routes read through the chokepoint.
 */

export const PATHWAY_SYSTEM = `${CONTINUUM_SYSTEM}/referral-pathway`;
export const SENDER_IDENTIFIER_SYSTEM = `${CONTINUUM_SYSTEM}/sender-referral-id`;
/** Extension carrying one answer to a pathway's required field: `key` (valueString) and `value` (valueString or valueBoolean). */
export const ANSWER_EXTENSION = `${CONTINUUM_SYSTEM}/StructureDefinition/referral-answer`;
/** Extension naming one pathway criterion the sender confirms (valueString: the criterion key). */
export const CRITERION_EXTENSION = `${CONTINUUM_SYSTEM}/StructureDefinition/referral-criterion-confirmed`;
const BUSINESS_STATUS_SYSTEM = `${CONTINUUM_SYSTEM}/referral-business-status`;
const OUTPUT_TYPE_SYSTEM = `${CONTINUUM_SYSTEM}/referral-output`;
const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
const SNOMED = 'http://snomed.info/sct';

const priorityOf: Record<ReferralUrgency, ServiceRequest['priority']> = { routine: 'routine', urgent: 'urgent', same_day: 'asap' };

function security(item: { sensitivity?: 'normal' | 'part2' }) {
  return item.sensitivity === 'part2' ? { security: [{ system: CONFIDENTIALITY, code: 'R', display: 'restricted' }] } : {};
}

export function serviceRequestStatus(state: ReferralState): ServiceRequest['status'] {
  switch (state) {
    case 'completed':
      return 'completed';
    case 'cancelled':
    case 'rejected':
    case 'failed':
      return 'revoked';
    case 'on_hold':
      return 'on-hold';
    default:
      return 'active';
  }
}

type Item = ReferralListItem &
  Partial<Pick<ReferralDetail, 'reason' | 'consentId' | 'statusReason' | 'outcome'>> & {
    sensitivity?: 'normal' | 'part2';
    externalId?: string | null;
  };

export function toServiceRequest(r: Item): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    id: r.id,
    meta: { lastUpdated: r.updatedAt, ...security(r) },
    ...(r.externalId ? { identifier: [{ system: SENDER_IDENTIFIER_SYSTEM, value: r.externalId }] } : {}),
    status: serviceRequestStatus(r.status),
    intent: 'order',
    priority: priorityOf[r.urgency],
    category: [{ coding: [{ system: SNOMED, code: '3457005', display: 'Patient referral' }] }],
    code: { coding: [{ system: PATHWAY_SYSTEM, code: r.pathwayId, display: r.pathwayName }], text: r.serviceName },
    subject: { reference: `Patient/${r.person.id}`, display: `${r.person.givenName} ${r.person.familyName}` },
    authoredOn: r.createdAt,
    requester: { reference: `Organization/${r.senderOrganizationId}`, display: r.senderOrganizationName },
    performer: [
      { reference: `Organization/${r.receiverOrganizationId}`, display: r.receiverOrganizationName },
      { reference: `HealthcareService/${r.serviceId}`, display: r.serviceName },
    ],
    ...(r.reason ? { reasonCode: [{ text: r.reason }] } : {}),
    ...(r.consentId ? { supportingInfo: [{ reference: `Consent/${r.consentId}` }] } : {}),
  };
}

export function toTask(r: Item): Task {
  const { status, businessStatus } = fhirTaskStatus(r.status, r.statusReason ?? null);
  const output: NonNullable<Task['output']> = [];
  if (r.appointmentAt)
    output.push({
      type: { coding: [{ system: OUTPUT_TYPE_SYSTEM, code: 'appointment' }], text: 'Appointment' },
      valueDateTime: r.appointmentAt,
    });
  if (r.outcome)
    output.push({ type: { coding: [{ system: OUTPUT_TYPE_SYSTEM, code: 'outcome' }], text: 'Outcome' }, valueString: r.outcome });
  return {
    resourceType: 'Task',
    id: r.id,
    meta: { lastUpdated: r.updatedAt, ...security(r) },
    status: status as Task['status'],
    ...(businessStatus
      ? { businessStatus: { coding: [{ system: BUSINESS_STATUS_SYSTEM, code: businessStatus }], text: businessStatus } }
      : {}),
    ...(r.statusReason && (r.status === 'cancelled' || r.status === 'on_hold' || r.status === 'rejected' || r.status === 'failed')
      ? { statusReason: { text: r.statusReason } }
      : {}),
    intent: 'order',
    priority: priorityOf[r.urgency],
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
    focus: { reference: `ServiceRequest/${r.id}` },
    for: { reference: `Patient/${r.person.id}` },
    authoredOn: r.createdAt,
    lastModified: r.updatedAt,
    requester: { reference: `Organization/${r.senderOrganizationId}`, display: r.senderOrganizationName },
    owner: { reference: `Organization/${r.receiverOrganizationId}`, display: r.receiverOrganizationName },
    ...(r.nextDeadlineAt ? { restriction: { period: { end: r.nextDeadlineAt } } } : {}),
    ...(output.length > 0 ? { output } : {}),
  };
}

/** FHIR Task.status values a partner may set, and the business statuses Continuum understands. */
export interface TaskUpdate {
  status: string;
  businessStatus: string | null;
  reason: string | null;
  outcome: string | null;
  appointmentAt: string | null;
}

/**
 * Pure: which referral event a Task update asks for, given the referral's state. `unchanged` when
 * the update projects onto the current state; null when no event reaches it from here.
 */
export function taskUpdateToEvent(
  state: ReferralState,
  stateBeforeHold: ReferralState | null,
  currentAppointmentAt: string | null,
  u: TaskUpdate,
): ReferralEvent | 'unchanged' | null {
  const current = fhirTaskStatus(state);
  // For on-hold, failed and rejected the business status is the reason: any value is the same state.
  const sameBusinessStatus =
    state === 'on_hold' || state === 'failed' || state === 'rejected' || (u.businessStatus ?? null) === current.businessStatus;
  if (u.status === current.status && sameBusinessStatus) {
    // A new appointment time while scheduled is a reschedule.
    if (state === 'scheduled' && u.appointmentAt && Date.parse(u.appointmentAt) !== Date.parse(currentAppointmentAt ?? ''))
      return 'schedule';
    // Accepted with an appointment time: scheduled.
    if (state === 'accepted' && u.appointmentAt) return 'schedule';
    return 'unchanged';
  }
  if (state === 'on_hold' && u.status !== 'on-hold' && stateBeforeHold) {
    const back = fhirTaskStatus(stateBeforeHold);
    if (back.status === u.status && (u.businessStatus ?? null) === back.businessStatus) return 'resume';
  }
  switch (u.status) {
    case 'requested':
      return u.businessStatus === 'acknowledged' || u.businessStatus === 'received' ? 'receive' : null;
    case 'received':
      return 'receive';
    case 'accepted':
      return u.businessStatus === 'scheduled' || u.appointmentAt ? 'schedule' : 'accept';
    case 'in-progress':
      return 'attend';
    case 'completed':
      return 'complete';
    case 'failed':
      return 'fail';
    case 'rejected':
      return 'reject';
    case 'cancelled':
      return 'cancel';
    case 'on-hold':
      return 'hold';
    default:
      return null;
  }
}

/** Reads a Task resource from a partner into a TaskUpdate (null fields when absent). */
export function readTaskUpdate(task: Record<string, unknown>): TaskUpdate | { error: string; path: string } {
  if (task.resourceType !== 'Task') return { error: 'Expected a Task resource', path: 'body.resourceType' };
  const status = typeof task.status === 'string' ? task.status : null;
  if (!status) return { error: 'Task.status is required', path: 'body.status' };
  const bs = task.businessStatus as { coding?: { code?: string }[]; text?: string } | undefined;
  const businessStatus = bs?.coding?.[0]?.code ?? bs?.text ?? null;
  const statusReason = (task.statusReason as { text?: string; coding?: { code?: string }[] } | undefined) ?? undefined;
  const outputs = Array.isArray(task.output)
    ? (task.output as { type?: { coding?: { code?: string }[]; text?: string }; valueString?: string; valueDateTime?: string }[])
    : [];
  const outputOf = (code: string) =>
    outputs.find((o) => o.type?.coding?.some((c) => c.code === code) || o.type?.text?.toLowerCase() === code);
  let reason = statusReason?.coding?.[0]?.code ?? statusReason?.text ?? null;
  // Gravity puts the reason for failed/rejected in businessStatus; accept it there too.
  if (!reason && (status === 'failed' || status === 'rejected' || status === 'on-hold') && businessStatus) reason = businessStatus;
  if (reason && status === 'failed' && !(referralFailReasons as readonly string[]).includes(reason))
    reason = reason.toLowerCase().replace(/[\s-]+/g, '_');
  if (reason && status === 'rejected' && !(referralRejectReasons as readonly string[]).includes(reason))
    reason = reason.toLowerCase().replace(/[\s-]+/g, '_');
  return {
    status,
    businessStatus,
    reason,
    outcome: outputOf('outcome')?.valueString ?? null,
    appointmentAt: outputOf('appointment')?.valueDateTime ?? null,
  };
}

export interface ServiceRequestInput {
  personId: string;
  pathwayId: string;
  serviceId: string;
  reason: string;
  urgency: ReferralUrgency;
  consentId: string | undefined;
  answers: Record<string, string | boolean>;
  criteriaConfirmed: string[];
  externalId: string | null;
}

const idOf = (ref: unknown, type: string): string | null => {
  const m = typeof ref === 'string' ? new RegExp(`^(?:.*/)?${type}/([0-9a-f-]{36})$`, 'i').exec(ref) : null;
  return m ? m[1]!.toLowerCase() : null;
};

/** Reads a ServiceRequest from an EHR into a referral to send, or names the first missing element. */
export function readServiceRequest(sr: Record<string, unknown>): ServiceRequestInput | { error: string; path: string } {
  if (sr.resourceType !== 'ServiceRequest') return { error: 'Expected a ServiceRequest resource', path: 'body.resourceType' };
  const personId = idOf((sr.subject as { reference?: string } | undefined)?.reference, 'Patient');
  if (!personId) return { error: 'ServiceRequest.subject must reference Patient/<id>', path: 'body.subject' };
  const codings = ((sr.code as { coding?: { system?: string; code?: string }[] } | undefined)?.coding ?? []).filter(
    (c) => c.system === PATHWAY_SYSTEM,
  );
  const pathwayId = codings[0]?.code && /^[0-9a-f-]{36}$/i.test(codings[0].code) ? codings[0].code.toLowerCase() : null;
  if (!pathwayId) return { error: `ServiceRequest.code must carry the pathway (system ${PATHWAY_SYSTEM})`, path: 'body.code' };
  const performers = Array.isArray(sr.performer) ? (sr.performer as { reference?: string }[]) : [];
  const serviceId = performers.map((p) => idOf(p.reference, 'HealthcareService')).find((x) => x !== null) ?? null;
  if (!serviceId) return { error: 'ServiceRequest.performer must reference HealthcareService/<id>', path: 'body.performer' };
  const reason = ((sr.reasonCode as { text?: string }[] | undefined) ?? [])[0]?.text?.trim();
  if (!reason) return { error: 'ServiceRequest.reasonCode[0].text is required', path: 'body.reasonCode' };
  const priority = sr.priority;
  const urgency: ReferralUrgency = priority === 'urgent' ? 'urgent' : priority === 'asap' || priority === 'stat' ? 'same_day' : 'routine';
  const consentId =
    ((sr.supportingInfo as { reference?: string }[] | undefined) ?? []).map((s) => idOf(s.reference, 'Consent')).find((x) => x !== null) ??
    undefined;
  const extensions = Array.isArray(sr.extension) ? (sr.extension as Extension[]) : [];
  const answers: Record<string, string | boolean> = {};
  for (const e of extensions.filter((x) => x.url === ANSWER_EXTENSION)) {
    const key = e.extension?.find((x) => x.url === 'key')?.valueString;
    const value = e.extension?.find((x) => x.url === 'value');
    if (key && value) answers[key] = value.valueBoolean ?? value.valueString ?? value.valueDate ?? '';
  }
  const criteriaConfirmed = extensions
    .filter((x) => x.url === CRITERION_EXTENSION && typeof x.valueString === 'string')
    .map((x) => x.valueString!);
  const identifiers = (sr.identifier as { value?: string }[] | undefined) ?? [];
  const externalId = identifiers[0]?.value?.trim().slice(0, 100) || null;
  return { personId, pathwayId, serviceId, reason: reason.slice(0, 2000), urgency, consentId, answers, criteriaConfirmed, externalId };
}

export function capabilityStatement(publicUrl: string, date: string): CapabilityStatement {
  const search = (names: string[]) =>
    names.map((name) => ({
      name,
      type: name === 'authored' ? ('date' as const) : name === 'status' ? ('token' as const) : ('reference' as const),
    }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    kind: 'instance',
    software: { name: 'Continuum' },
    implementation: { description: 'Continuum OUD care network', url: `${publicUrl}/fhir/R4` },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Every read passes the consent chokepoint (42 CFR Part 2): what the caller may not see is not found. Authenticate with a bearer API token.',
        security: {
          service: [
            {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'Basic' }],
              text: 'Bearer API token',
            },
          ],
        },
        resource: [
          {
            type: 'Patient',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [
              { name: 'name', type: 'string' },
              { name: 'birthdate', type: 'date' },
              { name: 'identifier', type: 'token' },
            ],
          },
          {
            type: 'Consent',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [{ name: 'patient', type: 'reference' }],
          },
          {
            type: 'ServiceRequest',
            profile: 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ServiceRequest',
            interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }],
            searchParam: search(['patient', 'status', 'requester', 'performer']),
          },
          {
            type: 'Task',
            profile: 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-TaskForReferralManagement',
            interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }, { code: 'update' }],
            searchParam: search(['focus', 'patient', 'status', 'owner', 'requester']),
          },
        ],
      },
    ],
  };
}
