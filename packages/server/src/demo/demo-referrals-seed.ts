// Longer than 300 lines: the synthetic pathways and a year's referral funnel, written in bulk in the order they happen.
import { randomUUID } from 'node:crypto';
import type {
  CareEventInput,
  OrganizationType,
  PathwayCriterion,
  PathwayField,
  ReferralServiceKind,
  ReferralState,
  ReferralUrgency,
} from '@continuum/contracts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { systemAccess } from '../core/access-context.ts';
import { writeCareEvents, recordSensitivity, peopleForSystemWork } from '../modules/registry/index.ts';
import { insertPathway, currentDeadline, referralDeadlines, serviceKindOf } from '../modules/referrals/index.ts';
import { demoOrganizations } from './demo-care-seed.ts';
import { Random, weightedPicker } from './random.ts';
import type { SyntheticRegion } from './synthetic-region.ts';
import { HOUR_MS, DAY_MS, addDays } from '@continuum/contracts';

/*
 * Referral pathways between the demo organizations and a year of referrals with a realistic
 * closed-loop funnel: most completed, some no-shows and lost contact, some declined or cancelled,
 * a few never acknowledged. Deterministic from the seed (timestamps are anchored at the seeding
 * time). Each referred person gets the signed consent the referral was sent under, and the
 * referral's steps are written to their timeline as care events — as the live service would.
 * Kept small (DEMO_REFERRALS: enough that the busiest partners' monthly counts pass small-cell
 * suppression on their scorecards) so `npm start` stays quick.
 */

export const DEMO_REFERRALS = 720;

interface PathwayPlan {
  key: string;
  name: string;
  receiverKey: string;
  referrerTypes: OrganizationType[];
  /** Named referrers (demo organization keys), beside the types: a hub and its own spokes. */
  referrerKeys?: string[];
  /** Directory codes a target service should have (any of them). */
  serviceCodes: string[];
  ackHours: number;
  firstContactDays: number;
  warmHandoff: boolean;
  weight: number;
  inclusion: PathwayCriterion[];
  exclusion: PathwayCriterion[];
  fields: PathwayField[];
}

const oud: PathwayCriterion = { key: 'oud', text: 'Opioid use disorder, or at risk of it, and wants treatment' };
const noAcute: PathwayCriterion = { key: 'no_acute_need', text: 'No acute medical need requiring admission' };
const lastUse: PathwayField = { key: 'last_use', label: 'Date of last opioid use', type: 'date' };
const moudStarted: PathwayField = { key: 'moud_started', label: 'Medication for OUD started before referral', type: 'yes_no' };

export const demoPathwayPlans: readonly PathwayPlan[] = [
  {
    key: 'ed-bridge',
    name: 'ED to low-barrier buprenorphine',
    receiverKey: 'lighthouse-bridge-clinic',
    referrerTypes: ['emergency_department'],
    serviceCodes: ['BU'],
    ackHours: 24,
    firstContactDays: 3,
    warmHandoff: true,
    weight: 30,
    inclusion: [oud],
    exclusion: [noAcute],
    fields: [lastUse, moudStarted],
  },
  {
    key: 'ed-otp',
    name: 'ED to opioid treatment program',
    receiverKey: 'tidewater-otp',
    referrerTypes: ['emergency_department', 'hospital'],
    serviceCodes: ['METH', 'BU', 'OTP'],
    ackHours: 24,
    firstContactDays: 3,
    warmHandoff: true,
    weight: 20,
    inclusion: [oud],
    exclusion: [noAcute],
    fields: [lastUse],
  },
  {
    key: 'jail-otp',
    name: 'Jail release to opioid treatment program',
    receiverKey: 'tidewater-otp',
    referrerTypes: ['corrections', 'court'],
    serviceCodes: ['METH', 'BU', 'OTP'],
    ackHours: 48,
    firstContactDays: 2,
    warmHandoff: true,
    weight: 15,
    inclusion: [oud, { key: 'release_planned', text: 'Release date set' }],
    exclusion: [],
    fields: [{ key: 'release_date', label: 'Release date', type: 'date' }, moudStarted],
  },
  {
    key: 'ed-peer',
    name: 'ED to peer recovery support',
    receiverKey: 'harbor-peer-recovery',
    referrerTypes: ['emergency_department', 'ems'],
    serviceCodes: ['PEER'],
    ackHours: 12,
    firstContactDays: 2,
    warmHandoff: true,
    weight: 15,
    inclusion: [{ key: 'agrees_contact', text: 'The person agrees to be contacted by a peer' }],
    exclusion: [],
    fields: [],
  },
  {
    key: 'pc-bh',
    name: 'Primary care to behavioral health',
    receiverKey: 'harbor-behavioral-health',
    referrerTypes: ['primary_care'],
    serviceCodes: ['OP', 'IOP', 'MH'],
    ackHours: 72,
    firstContactDays: 14,
    warmHandoff: false,
    weight: 10,
    inclusion: [oud],
    exclusion: [],
    fields: [],
  },
  {
    key: 'hr-bridge',
    name: 'Harm reduction to same-day buprenorphine',
    receiverKey: 'lighthouse-bridge-clinic',
    referrerTypes: ['harm_reduction'],
    serviceCodes: ['BU'],
    ackHours: 24,
    firstContactDays: 2,
    warmHandoff: true,
    weight: 10,
    inclusion: [oud],
    exclusion: [],
    fields: [],
  },
  // Hub and spoke (Vermont's model; docs/gaps.md, "Hubs and spokes"): each opioid treatment program (a hub)
  // is tied by a pathway to the office-based prescribers (spokes) near it, up for methadone or specialty
  // care, or down for stable patients. Weight 0: they shape the network's map, not the year of referrals.
  {
    key: 'spokes-tidewater',
    name: 'Spoke to hub: step up to methadone (Tidewater)',
    receiverKey: 'tidewater-otp',
    referrerTypes: [],
    referrerKeys: ['harbor-chc', 'lighthouse-bridge-clinic'],
    serviceCodes: ['METH', 'OTP'],
    ackHours: 48,
    firstContactDays: 7,
    warmHandoff: true,
    weight: 0,
    inclusion: [oud],
    exclusion: [],
    fields: [moudStarted],
  },
  {
    key: 'spokes-northshore',
    name: 'Spoke to hub: step up to methadone (Northshore)',
    receiverKey: 'northshore-otp',
    referrerTypes: [],
    referrerKeys: ['port-alder-family-medicine', 'coastal-telehealth-moud'],
    serviceCodes: ['METH', 'OTP'],
    ackHours: 48,
    firstContactDays: 7,
    warmHandoff: true,
    weight: 0,
    inclusion: [oud],
    exclusion: [],
    fields: [moudStarted],
  },
  {
    key: 'cedar-crossing-step-down',
    name: 'Hub to spoke: stable patients continue office-based (Cedar Crossing to Fern Hollow)',
    receiverKey: 'fern-hollow-recovery-medicine',
    referrerTypes: [],
    referrerKeys: ['cedar-crossing-otp'],
    serviceCodes: ['BU', 'NU'],
    ackHours: 72,
    firstContactDays: 14,
    warmHandoff: false,
    weight: 0,
    inclusion: [{ key: 'stable', text: 'Stable on medication for OUD and ready for office-based care' }],
    exclusion: [],
    fields: [moudStarted],
  },
];

/** Where an older referral ends up (the funnel), by weight. */
const pickEnding = weightedPicker<'completed' | 'no_show' | 'lost_contact' | 'rejected' | 'cancelled' | 'never_acknowledged'>([
  ['completed', 64],
  ['no_show', 12],
  ['lost_contact', 5],
  ['rejected', 6],
  ['cancelled', 5],
  ['never_acknowledged', 8],
]);
const pickUrgency = weightedPicker<ReferralUrgency>([
  ['routine', 50],
  ['urgent', 40],
  ['same_day', 10],
]);

export interface DemoStep {
  event: 'create' | 'receive' | 'accept' | 'reject' | 'cancel' | 'schedule' | 'attend' | 'complete' | 'fail';
  to: ReferralState;
  at: Date;
  side: 'sender' | 'receiver';
  reason?: string;
  outcome?: string;
  appointmentAt?: Date;
}

/** One referral's path through the loop, as of `now`. Pure and deterministic from the generator. */
export function demoReferralSteps(rng: Random, sentAt: Date, now: Date, ackHours: number): DemoStep[] {
  const steps: DemoStep[] = [{ event: 'create', to: 'requested', at: sentAt, side: 'sender' }];
  const ending = pickEnding(rng);
  let t = sentAt.getTime();
  const push = (s: Omit<DemoStep, 'at'>, afterMs: number) => {
    t += afterMs;
    if (t > now.getTime()) return false;
    steps.push({ ...s, at: new Date(t) });
    return true;
  };
  if (ending === 'never_acknowledged') return steps;
  if (ending === 'cancelled' && rng.chance(0.5)) {
    push({ event: 'cancel', to: 'cancelled', side: 'sender', reason: 'The person chose another program' }, rng.int(2, 30) * HOUR_MS);
    return steps;
  }
  // Most are acknowledged within the deadline; some late. The network improves over the year (its
  // partner reviews at work): the share on time rises from about 70% to 95% and on-time
  // acknowledgments come sooner, so the partner scorecards' run charts have something to show.
  const progress = Math.max(0, Math.min(1, 1 - (now.getTime() - sentAt.getTime()) / (365 * DAY_MS)));
  const onTime = rng.chance(0.7 + 0.25 * progress);
  const quickest = Math.max(2, Math.round((ackHours - 1) * (1 - 0.6 * progress)));
  const ackAfter = onTime ? rng.int(1, quickest) * HOUR_MS : (ackHours + rng.int(2, 24)) * HOUR_MS;
  if (!push({ event: 'receive', to: 'received', side: 'receiver' }, ackAfter)) return steps;
  if (ending === 'rejected') {
    push(
      { event: 'reject', to: 'rejected', side: 'receiver', reason: rng.chance(0.5) ? 'no_capacity' : 'not_eligible' },
      rng.int(1, 24) * HOUR_MS,
    );
    return steps;
  }
  if (!push({ event: 'accept', to: 'accepted', side: 'receiver' }, rng.int(1, 8) * HOUR_MS)) return steps;
  if (ending === 'cancelled') {
    push({ event: 'cancel', to: 'cancelled', side: 'sender', reason: 'The person moved out of the county' }, rng.int(1, 4) * DAY_MS);
    return steps;
  }
  const appointmentAt = new Date(t + rng.int(18, 96) * HOUR_MS);
  if (!push({ event: 'schedule', to: 'scheduled', side: 'receiver', appointmentAt }, rng.int(1, 6) * HOUR_MS)) return steps;
  t = Math.max(t, appointmentAt.getTime());
  if (ending === 'no_show') {
    push({ event: 'fail', to: 'failed', side: 'receiver', reason: 'no_show' }, rng.int(2, 20) * HOUR_MS);
    return steps;
  }
  if (!push({ event: 'attend', to: 'in_progress', side: 'receiver' }, rng.int(0, 1) * HOUR_MS)) return steps;
  if (ending === 'lost_contact') {
    push({ event: 'fail', to: 'failed', side: 'receiver', reason: 'lost_contact' }, rng.int(7, 30) * DAY_MS);
    return steps;
  }
  push(
    {
      event: 'complete',
      to: 'completed',
      side: 'receiver',
      outcome: rng.chance(0.8) ? 'Started treatment and returned for follow-up' : 'Engaged with services',
    },
    rng.int(3, 21) * DAY_MS,
  );
  return steps;
}

export async function seedDemoReferrals(
  db: Db,
  clock: Clock,
  job: { seed: number; region: SyntheticRegion; referrals?: number },
): Promise<{ pathways: number; referrals: number }> {
  const access = systemAccess('demo seed');
  const now = clock.now();
  const orgs = await demoOrganizations(db, job.seed, job.region);
  const people = await peopleForSystemWork(db, access, { limit: 5000, demoOnly: true });
  if (people.length === 0 || orgs.size === 0) return { pathways: 0, referrals: 0 };

  return db.transaction().execute(async (trx) => {
    // Pathways: each to the receiver's matching directory services.
    const receiverIds = [...new Set(demoPathwayPlans.map((p) => orgs.get(p.receiverKey)?.id).filter((x): x is string => x !== undefined))];
    const services = await trx
      .selectFrom('directory_services as s')
      .innerJoin('directory_organizations as o', 'o.id', 's.organization_id')
      .leftJoin('directory_service_at_locations as sl', 'sl.service_id', 's.id')
      .select(['s.id', 's.name', 's.codes', 'o.member_organization_id', 'sl.location_id'])
      .where('o.member_organization_id', 'in', receiverIds)
      .where('s.status', '=', 'active')
      .orderBy('s.name')
      .execute();
    const activeFrom = addDays(now, -400).toISOString().slice(0, 10);
    const pathways: {
      plan: PathwayPlan;
      id: string;
      receiverId: string;
      senders: { id: string; type: OrganizationType }[];
      services: typeof services;
    }[] = [];
    for (const plan of demoPathwayPlans) {
      const receiver = orgs.get(plan.receiverKey);
      if (!receiver) continue;
      const own = services.filter((s) => s.member_organization_id === receiver.id);
      const matching = own.filter((s) => s.codes.some((c) => plan.serviceCodes.includes(c)));
      const targets = (matching.length > 0 ? matching : own).filter((s, i, all) => all.findIndex((x) => x.id === s.id) === i).slice(0, 2);
      if (targets.length === 0) continue;
      const id = await insertPathway(trx, clock, access, {
        name: plan.name,
        description: null,
        referrerOrganizationTypes: plan.referrerTypes,
        referrerOrganizationIds: (plan.referrerKeys ?? []).flatMap((key) => {
          const id = orgs.get(key)?.id;
          return id ? [id] : [];
        }),
        receiverOrganizationId: receiver.id,
        serviceIds: targets.map((s) => s.id),
        inclusionCriteria: plan.inclusion,
        exclusionCriteria: plan.exclusion,
        requiredFields: plan.fields,
        requiredDocuments: [],
        ackHours: plan.ackHours,
        firstContactDays: plan.firstContactDays,
        warmHandoffExpected: plan.warmHandoff,
        receiverContact: { name: 'Intake coordinator', phone: null, email: null },
        activeFrom,
        activeUntil: null,
      });
      const senders = [...orgs.values()].filter((o) => plan.referrerTypes.includes(o.type));
      if (senders.length > 0 && plan.weight > 0) pathways.push({ plan, id, receiverId: receiver.id, senders, services: targets });
    }
    if (pathways.length === 0) return { pathways: 0, referrals: 0 };

    const pickPathway = weightedPicker(pathways.map((p) => [p, p.plan.weight] as const));
    const count = job.referrals ?? DEMO_REFERRALS;
    const referralRows = [];
    const transitionRows = [];
    const consentRows = [];
    const historyRows = [];
    const events: { personId: string; organizationId: string; event: CareEventInput }[] = [];
    for (let i = 0; i < count; i++) {
      const rng = Random.forIndex(job.seed, 'referrals', i);
      const p = pickPathway(rng);
      const sender = p.senders[rng.int(0, p.senders.length - 1)]!;
      const person = people[rng.int(0, people.length - 1)]!;
      const service = p.services[rng.int(0, p.services.length - 1)]!;
      const serviceKind: ReferralServiceKind = serviceKindOf(service.codes);
      const sentAt = addDays(now, -rng.float(0.2, 365));
      const steps = demoReferralSteps(rng, sentAt, now, p.plan.ackHours);
      const last = steps[steps.length - 1]!;
      const id = randomUUID();
      const consentId = randomUUID();
      const { ackDueAt, firstContactDueAt } = referralDeadlines(sentAt, p.plan.ackHours, p.plan.firstContactDays);
      const signedAt = new Date(sentAt.getTime() - 20 * 60_000);
      consentRows.push({
        id: consentId,
        person_id: person.id,
        person_name: person.name,
        type: 'standard' as const,
        status: 'signed' as const,
        disclosers: JSON.stringify({ type: 'organizations', organizationIds: [sender.id] }),
        recipients: JSON.stringify({ type: 'organizations', organizationIds: [p.receiverId] }),
        purposes: ['treatment' as const, 'care_coordination' as const],
        kinds: ['referrals' as const, 'sud_treatment' as const, 'medications' as const],
        information_description: 'My referral, appointments and treatment information, so the program can take over my care',
        expires_on: null,
        expiry_event: 'end_of_treatment' as const,
        language: 'en' as const,
        signer_name: person.name,
        signer_relationship: 'self' as const,
        signature_method: 'attested' as const,
        signature_image: null,
        signed_at: signedAt,
        revoked_at: null,
        revocation_method: null,
        revocation_note: null,
        expired_at: null,
        created_by_organization_id: sender.id,
        created_by_user_id: null,
        created_at: new Date(signedAt.getTime() - 10 * 60_000),
        updated_at: signedAt,
      });
      historyRows.push({
        consent_id: consentId,
        at: new Date(signedAt.getTime() - 10 * 60_000),
        from_status: null,
        to_status: 'draft' as const,
        by_user_id: null,
        note: null,
      });
      historyRows.push({
        consent_id: consentId,
        at: signedAt,
        from_status: 'draft' as const,
        to_status: 'signed' as const,
        by_user_id: null,
        note: null,
      });
      const appointment = [...steps].reverse().find((s) => s.appointmentAt)?.appointmentAt ?? null;
      const received = steps.find((s) => s.event === 'receive' || s.event === 'reject');
      const closed = ['completed', 'failed', 'rejected', 'cancelled'].includes(last.to);
      const answers: Record<string, string | boolean> = {};
      for (const f of p.plan.fields)
        answers[f.key] = f.type === 'yes_no' ? rng.chance(0.6) : addDays(sentAt, -rng.int(0, 3)).toISOString().slice(0, 10);
      referralRows.push({
        id,
        person_id: person.id,
        pathway_id: p.id,
        pathway_version: 1,
        service_id: service.id,
        service_kind: serviceKind,
        location_id: service.location_id,
        sender_organization_id: sender.id,
        sender_user_id: null,
        receiver_organization_id: p.receiverId,
        reason:
          p.plan.key === 'jail-otp'
            ? 'Continue medication for OUD after release'
            : 'Linkage to care after a visit; the person wants treatment',
        urgency: pickUrgency(rng),
        purpose: 'treatment' as const,
        answers: JSON.stringify(answers),
        criteria_confirmed: [...p.plan.inclusion, ...p.plan.exclusion].map((c) => c.key),
        consent_id: consentId,
        sensitivity: recordSensitivity(sender.type, 'referrals', undefined),
        status: last.to,
        status_before_hold: null,
        status_reason: [...steps].reverse().find((s) => s.reason)?.reason ?? null,
        outcome: last.outcome ?? null,
        appointment_at: appointment,
        ack_due_at: ackDueAt,
        first_contact_due_at: firstContactDueAt,
        acknowledged_at: received?.at ?? null,
        first_contact_at: steps.find((s) => s.event === 'schedule')?.at ?? null,
        closed_at: closed ? last.at : null,
        // Old misses were escalated when they happened; recent ones are left for the deadline job.
        ack_escalated_at: !received && ackDueAt.getTime() < now.getTime() - 2 * DAY_MS ? new Date(ackDueAt.getTime() + 15 * 60_000) : null,
        contact_escalated_at: null,
        next_deadline_at: currentDeadline({ status: last.to, ackDueAt, firstContactDueAt, appointmentAt: appointment })?.at ?? null,
        external_id: null,
        created_at: sentAt,
        updated_at: last.at,
      });
      let from: ReferralState | null = null;
      for (const s of steps) {
        const by = s.side === 'sender' ? sender.id : p.receiverId;
        transitionRows.push({
          referral_id: id,
          event: s.event,
          from_state: from,
          to_state: s.to,
          at: s.at,
          by_user_id: null,
          by_organization_id: by,
          reason: s.reason ?? null,
          outcome: s.outcome ?? null,
          appointment_at: s.appointmentAt ?? null,
          note: null,
        });
        from = s.to;
        events.push({
          personId: person.id,
          organizationId: by,
          event: {
            type: 'referral',
            occurredAt: s.at.toISOString(),
            title: `Referral ${s.to.replace('_', ' ')}: ${service.name}`.slice(0, 200),
            data: { referralId: id, status: s.to, service: service.name.slice(0, 200), serviceKind },
            externalId: `referral:${id}:${s.event}`,
          },
        });
        if (s.event === 'attend')
          events.push({
            personId: person.id,
            organizationId: by,
            event: {
              type: 'appointment_attended',
              occurredAt: s.at.toISOString(),
              data: { referralId: id, serviceKind },
              externalId: `referral:${id}:attended`,
            },
          });
        if (s.event === 'fail' && s.reason === 'no_show')
          events.push({
            personId: person.id,
            organizationId: by,
            event: {
              type: 'appointment_missed',
              occurredAt: (appointment ?? s.at).toISOString(),
              data: { referralId: id, serviceKind },
              externalId: `referral:${id}:missed`,
            },
          });
      }
    }
    for (let i = 0; i < consentRows.length; i += 500)
      await trx
        .insertInto('consents')
        .values(consentRows.slice(i, i + 500))
        .execute();
    for (let i = 0; i < historyRows.length; i += 1000)
      await trx
        .insertInto('consent_history')
        .values(historyRows.slice(i, i + 1000))
        .execute();
    for (let i = 0; i < referralRows.length; i += 500)
      await trx
        .insertInto('referrals')
        .values(referralRows.slice(i, i + 500))
        .execute();
    for (let i = 0; i < transitionRows.length; i += 1000)
      await trx
        .insertInto('referral_transitions')
        .values(transitionRows.slice(i, i + 1000))
        .execute();
    // The timeline, per writing organization (the writer labels Part 2 sensitivity by organization).
    const byOrg = new Map<string, { personId: string; event: CareEventInput }[]>();
    for (const e of events) {
      const list = byOrg.get(e.organizationId) ?? [];
      list.push({ personId: e.personId, event: e.event });
      byOrg.set(e.organizationId, list);
    }
    for (const [organizationId, items] of byOrg) await writeCareEvents(trx, clock, access, { organizationId, source: 'referrals' }, items);
    await recordAudit(trx, clock, access, {
      action: 'referral.bulk-create',
      entityType: 'referral',
      details: { pathways: pathways.length, referrals: referralRows.length, consents: consentRows.length },
    });
    return { pathways: pathways.length, referrals: referralRows.length };
  });
}
