import type { PortalLanguage } from '@continuum/contracts';

/** The fixed words of the My care page, in English and Spanish. */
export const portalCareStrings: Record<
  PortalLanguage,
  {
    title: string;
    intro: string;
    home: string;
    visits: string;
    noVisits: string;
    addToCalendar: string;
    referrals: string;
    noReferrals: string;
    team: string;
    noTeam: string;
    outreach: string;
    noOutreach: string;
    phone: string;
  }
> = {
  en: {
    title: 'My care',
    intro: 'Your visits, your referrals, your care team, and calls your team plans to make.',
    home: 'See your visits, referrals and care team.',
    visits: 'My visits',
    noVisits: 'You have no visits set.',
    addToCalendar: 'Add to my calendar',
    referrals: 'My referrals',
    noReferrals: 'You have no referrals.',
    team: 'My care team',
    noTeam: 'No care team is listed yet.',
    outreach: 'Calls my team plans',
    noOutreach: 'No calls are planned.',
    phone: 'Phone',
  },
  es: {
    title: 'Mi cuidado',
    intro: 'Sus citas, sus referidos, su equipo de cuidado y las llamadas que su equipo piensa hacer.',
    home: 'Vea sus citas, referidos y equipo de cuidado.',
    visits: 'Mis citas',
    noVisits: 'No tiene citas.',
    addToCalendar: 'Agregar a mi calendario',
    referrals: 'Mis referidos',
    noReferrals: 'No tiene referidos.',
    team: 'Mi equipo de cuidado',
    noTeam: 'Todavía no hay equipo de cuidado.',
    outreach: 'Llamadas que mi equipo piensa hacer',
    noOutreach: 'No hay llamadas planeadas.',
    phone: 'Teléfono',
  },
};
