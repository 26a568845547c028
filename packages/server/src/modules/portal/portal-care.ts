import { createEvent } from 'ics';
import type { PortalCare, PortalLanguage } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { recordAudit } from '../audit/index.ts';
import { listOwnReferrals, readOwnAppointment } from '../referrals/index.ts';
import { listOwnCareTeam, readContext, requireSelf } from '../registry/index.ts';
import { listOwnPlannedOutreach } from '../worklist/index.ts';

/*
 * "My care" in the portal: the person's referrals, visits, care team and planned outreach, each
 * read through the chokepoint as the person by the module that owns it. Audited as one read.
 */

export async function myCare(db: Db, clock: Clock, access: AccessContext): Promise<PortalCare> {
  const ctx = readContext(access, clock);
  return db.transaction().execute(async (trx) => {
    const { referrals, appointments } = await listOwnReferrals(trx, ctx);
    const careTeam = await listOwnCareTeam(trx, ctx);
    const outreach = await listOwnPlannedOutreach(trx, ctx);
    await recordAudit(trx, clock, access, {
      action: 'portal.care.read',
      entityType: 'person',
      entityId: requireSelf(ctx),
      details: { referrals: referrals.length, appointments: appointments.length, careTeam: careTeam.length, outreach: outreach.length },
    });
    return { referrals, appointments, careTeam, outreach };
  });
}

/** How long a visit is assumed to last in the calendar file (the referral records only its start). */
const VISIT_HOURS = 1;

function utcParts(iso: string): [number, number, number, number, number] {
  const d = new Date(iso);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
}

/**
 * One visit as an iCalendar file (RFC 5545) for "add to calendar". It names the service, the
 * organization, the place and the phone number — nothing about why the person was referred, since
 * calendars sync to other services and show on lock screens.
 */
export async function appointmentCalendar(
  db: Db,
  clock: Clock,
  access: AccessContext,
  referralId: string,
  lang: PortalLanguage,
): Promise<string> {
  const ctx = readContext(access, clock, 'treatment', 'export');
  const visit = await db.transaction().execute(async (trx) => {
    const found = await readOwnAppointment(trx, ctx, referralId);
    await recordAudit(trx, clock, access, { action: 'portal.appointment.calendar', entityType: 'referral', entityId: referralId });
    return found;
  });
  const call = lang === 'es' ? 'Teléfono' : 'Phone';
  const { error, value } = createEvent({
    uid: `${visit.id}@continuum`,
    productId: 'continuum/portal',
    start: utcParts(visit.at),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { hours: VISIT_HOURS },
    title: lang === 'es' ? `Cita: ${visit.organizationName}` : `Visit: ${visit.organizationName}`,
    ...(visit.place ? { location: visit.place } : {}),
    description: [visit.serviceName, visit.phone ? `${call}: ${visit.phone}` : null].filter(Boolean).join('\n'),
  });
  if (error || !value) throw error ?? new Error('calendar file not made');
  return value;
}
