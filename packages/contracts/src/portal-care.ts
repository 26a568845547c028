import { z } from 'zod';
import { careTeamRoleSchema } from './care-team.ts';
import { referralStateSchema, type ReferralState } from './referral-lifecycle.ts';
import { worklistTaskKindSchema, type WorklistTaskKind } from './worklist.ts';

/*
 * "My care" in the person's portal (docs/portal.md): their referrals and where each stands, their
 * appointments, their care team with contact details, and the outreach a navigator has planned.
 * Only what a person needs to act on: no staff notes, no reasons written for staff, no outcomes.
 *
 * Endpoints:
 *   GET /api/portal/care                              everything on the page
 *   GET /api/portal/appointments/:id/calendar.ics     one appointment as a calendar file (id: the referral)
 */

type Words = { en: string; es: string };

/** Where a referral stands, in plain words (about a 6th-grade reading level). */
export const portalReferralStatusWords: Record<ReferralState, Words> = {
  requested: { en: 'Sent. Waiting for them to answer.', es: 'Enviada. Esperando su respuesta.' },
  received: { en: 'They got it and will look at it.', es: 'La recibieron y la van a revisar.' },
  accepted: { en: 'They said yes. They will call you to set a time.', es: 'Dijeron que sí. Le van a llamar para poner una hora.' },
  scheduled: { en: 'You have a visit set.', es: 'Tiene una cita.' },
  in_progress: { en: 'You went to your first visit.', es: 'Fue a su primera cita.' },
  on_hold: { en: 'On hold for now.', es: 'En pausa por ahora.' },
  completed: { en: 'Done.', es: 'Terminada.' },
  failed: { en: 'It did not work out this time. Ask your care team.', es: 'Esta vez no funcionó. Pregunte a su equipo.' },
  rejected: { en: 'They could not take it. Ask your care team.', es: 'No la pudieron aceptar. Pregunte a su equipo.' },
  cancelled: { en: 'Cancelled.', es: 'Cancelada.' },
};

/** What a planned outreach is about, in gentle plain words (never the reason staff wrote). */
export const portalOutreachWords: Record<WorklistTaskKind, Words> = {
  referral_not_acknowledged: { en: 'A call about your referral', es: 'Una llamada sobre su referido' },
  no_show: { en: 'A call to set a new visit', es: 'Una llamada para poner otra cita' },
  custody_release_no_moud: { en: 'A call to help you start care', es: 'Una llamada para ayudarle a empezar su cuidado' },
  post_overdose: { en: 'A call to check on you', es: 'Una llamada para saber cómo está' },
  moud_gap: { en: 'A call about your medicine', es: 'Una llamada sobre su medicina' },
  manual: { en: 'A call from your care team', es: 'Una llamada de su equipo de cuidado' },
};

export const portalReferralSchema = z.object({
  id: z.uuid(),
  status: referralStateSchema,
  /** The service the person was referred to. */
  serviceName: z.string(),
  toOrganizationName: z.string(),
  fromOrganizationName: z.string(),
  appointmentAt: z.string().nullable(),
  sentAt: z.string(),
  updatedAt: z.string(),
  closed: z.boolean(),
});
export type PortalReferral = z.infer<typeof portalReferralSchema>;

/** A visit: a scheduled referral with a time (`id` is the referral's; the calendar file is fetched by it). */
export const portalAppointmentSchema = z.object({
  id: z.uuid(),
  at: z.string(),
  serviceName: z.string(),
  organizationName: z.string(),
  place: z.string().nullable(),
  phone: z.string().nullable(),
});
export type PortalAppointment = z.infer<typeof portalAppointmentSchema>;

export const portalCareTeamMemberSchema = z.object({
  role: careTeamRoleSchema,
  organizationName: z.string(),
  /** The named staff member, when the link names one. */
  staffName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  since: z.string(),
});
export type PortalCareTeamMember = z.infer<typeof portalCareTeamMemberSchema>;

export const portalOutreachSchema = z.object({
  kind: worklistTaskKindSchema,
  /** The day the navigator plans to reach out (YYYY-MM-DD). */
  plannedOn: z.string(),
  organizationName: z.string(),
});
export type PortalOutreach = z.infer<typeof portalOutreachSchema>;

export const portalCareSchema = z.object({
  referrals: z.array(portalReferralSchema),
  appointments: z.array(portalAppointmentSchema),
  careTeam: z.array(portalCareTeamMemberSchema),
  outreach: z.array(portalOutreachSchema),
});
export type PortalCare = z.infer<typeof portalCareSchema>;
