import { referralTerminalStates, type PortalAppointment, type PortalReferral } from '@continuum/contracts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { locationName } from '../directory/index.ts';
import { authorizeRecords, openPerson, requireSelf, type ReadContext } from '../registry/index.ts';
import { namesFor, recordOf } from './referral-read.ts';
import type { ReferralRow } from './referrals.table.ts';

/*
 * A person's own referrals, read by the person in their portal. The chokepoint opens the person's
 * record (every id merged into it) and passes each referral; a referral of anyone else is "not
 * found", exactly like one that does not exist. Only what the person needs: the service, the
 * organizations, where it stands and the visit time — never reasons, answers or notes written by staff.
 */

async function ownRows(trx: DbOrTrx, ctx: ReadContext, referralId?: string): Promise<ReferralRow[]> {
  const { person } = await openPerson(trx, ctx, requireSelf(ctx));
  let q = trx.selectFrom('referrals').selectAll().where('person_id', 'in', person.ids);
  if (referralId) q = q.where('id', '=', referralId);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id').execute();
  const { permitted } = await authorizeRecords(
    trx,
    ctx,
    rows.map((row) => ({ ...recordOf(row), row })),
  );
  return permitted.map((p) => p.row);
}

/** Visits: a referral with a visit time that is scheduled or attended. */
function isAppointment(row: ReferralRow): row is ReferralRow & { appointment_at: Date } {
  return row.appointment_at !== null && (row.status === 'scheduled' || row.status === 'in_progress');
}

async function appointmentsOf(
  trx: DbOrTrx,
  rows: ReferralRow[],
  names: Awaited<ReturnType<typeof namesFor>>,
): Promise<PortalAppointment[]> {
  const visits = rows.filter(isAppointment);
  const pathwayIds = [...new Set(visits.map((r) => `${r.pathway_id}|${r.pathway_version}`))];
  const contacts = new Map<string, string | null>();
  for (const key of pathwayIds) {
    const [pathwayId, version] = key.split('|') as [string, string];
    const row = await trx
      .selectFrom('referral_pathway_versions')
      .select('receiver_contact')
      .where('pathway_id', '=', pathwayId)
      .where('version', '=', Number(version))
      .executeTakeFirst();
    contacts.set(key, row?.receiver_contact.phone ?? null);
  }
  const out: PortalAppointment[] = [];
  for (const r of visits) {
    out.push({
      id: r.id,
      at: r.appointment_at.toISOString(),
      serviceName: names.service.get(r.service_id) ?? '',
      organizationName: names.org.get(r.receiver_organization_id) ?? '',
      place: r.location_id ? ((await locationName(trx, r.location_id)) ?? null) : null,
      phone: contacts.get(`${r.pathway_id}|${r.pathway_version}`) ?? null,
    });
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : 1));
}

/** The person's referrals (newest first) and their visits (soonest first). */
export async function listOwnReferrals(
  trx: DbOrTrx,
  ctx: ReadContext,
): Promise<{ referrals: PortalReferral[]; appointments: PortalAppointment[] }> {
  const rows = await ownRows(trx, ctx);
  const names = await namesFor(trx, rows);
  const referrals = rows.map((r) => ({
    id: r.id,
    status: r.status,
    serviceName: names.service.get(r.service_id) ?? '',
    toOrganizationName: names.org.get(r.receiver_organization_id) ?? '',
    fromOrganizationName: names.org.get(r.sender_organization_id) ?? '',
    appointmentAt: r.appointment_at?.toISOString() ?? null,
    sentAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    closed: referralTerminalStates.includes(r.status),
  }));
  return { referrals, appointments: await appointmentsOf(trx, rows, names) };
}

/** One of the person's visits; a referral of anyone else, or one without a visit, is "not found". */
export async function readOwnAppointment(trx: DbOrTrx, ctx: ReadContext, referralId: string): Promise<PortalAppointment> {
  const rows = await ownRows(trx, ctx, referralId);
  const [appointment] = await appointmentsOf(trx, rows, await namesFor(trx, rows));
  if (!appointment) throw new AppError('NOT_FOUND', { message: 'No such appointment.' });
  return appointment;
}
