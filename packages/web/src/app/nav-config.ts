import {
  gapsRoles,
  linkageJobRoles,
  personIndexReviewRoles,
  prescriberReportRoles,
  scenarioRoles,
  worklistRoles,
  type Role,
} from '@continuum/contracts';

export interface NavLinkItem {
  label: string;
  path: string;
}

/**
 * One area of the product in the main navigation. Capabilities that are not built yet are declared
 * here with `available: false` so the roles that will see them are decided in one place; they stay
 * hidden until built.
 */
export interface NavSection {
  id: string;
  label: string;
  path: string;
  /** Roles in the active organization that see this section; 'everyone' for any signed-in user. */
  roles: readonly Role[] | 'everyone';
  available: boolean;
  /** One line for the home page. */
  description: string;
  children?: readonly NavLinkItem[];
}

export const navSections: readonly NavSection[] = [
  {
    id: 'home',
    label: 'Home',
    path: '/',
    roles: 'everyone',
    available: true,
    description: 'Your organization and roles at a glance.',
  },
  {
    id: 'directory',
    label: 'Directory',
    path: '/directory',
    roles: ['network_admin', 'org_admin', 'clinician', 'care_navigator', 'partner_staff', 'analyst'],
    available: true,
    description: 'Every service, location and its live capacity in the community.',
  },
  {
    id: 'people',
    label: 'People',
    path: '/people',
    roles: ['clinician', 'care_navigator', 'partner_staff', 'privacy_officer'],
    available: true,
    description: 'Person records and consent across the network.',
  },
  {
    id: 'referrals',
    label: 'Referrals',
    path: '/referrals',
    // Administrators manage the pathways; the other roles send and receive referrals.
    roles: ['clinician', 'care_navigator', 'partner_staff', 'network_admin', 'org_admin'],
    available: true,
    description: 'Closed-loop referrals and warm handoffs between partners.',
  },
  {
    id: 'worklist',
    label: 'Worklist',
    path: '/worklist',
    roles: worklistRoles,
    available: true,
    description: 'Who needs outreach today.',
  },
  {
    id: 'prescribing-safety',
    label: 'Prescribing safety',
    path: '/prescribing-safety',
    roles: prescriberReportRoles,
    available: true,
    description: 'Prescriber feedback: high MME, opioids with benzodiazepines, naloxone and multiple prescribers across the network.',
  },
  {
    id: 'overdose-response',
    label: 'Overdose response',
    path: '/overdose-response',
    roles: ['network_admin', 'clinician', 'care_navigator', 'partner_staff', 'analyst'],
    available: true,
    description: 'Overdose and naloxone events, provider notification and follow-up outreach.',
  },
  {
    id: 'analytics',
    label: 'Analytics',
    path: '/analytics',
    // Network aggregates are for every staff role (suppressed); clinicians and care navigators also see the people behind a number.
    roles: ['network_admin', 'org_admin', 'clinician', 'care_navigator', 'partner_staff', 'analyst'],
    available: true,
    description: 'The cascade of care, KPIs and quality-improvement charts.',
  },
  {
    id: 'gaps',
    label: 'Needs and gaps',
    path: '/gaps',
    roles: gapsRoles,
    available: true,
    description: 'Where services fall short of need: accessibility by area on a map, the deserts, and what-if siting.',
  },
  {
    id: 'scenarios',
    label: 'Scenarios',
    path: '/scenarios',
    roles: scenarioRoles,
    available: true,
    description: 'What-if: more MOUD slots, naloxone, ED induction or jail MOUD, modelled on the community’s own data.',
  },
  {
    id: 'linkage',
    label: 'Record linkage',
    path: '/linkage',
    roles: linkageJobRoles,
    available: true,
    description: 'Link source files into people; a de-identified analytic file and the 90-day report.',
  },
  {
    id: 'person-index',
    label: 'Person index review',
    path: '/person-index',
    roles: personIndexReviewRoles,
    available: true,
    description: 'Decide whether two records at different organizations are one person; undo a link.',
  },
  {
    id: 'network',
    label: 'Network',
    path: '/network',
    // Network administrators manage; every member sees the agreements it is party to and its own training.
    roles: ['network_admin', 'org_admin', 'clinician', 'care_navigator', 'partner_staff', 'analyst', 'privacy_officer'],
    available: true,
    description:
      'Running the network: agreements and their renewals, partner scorecards for the quarterly review, and staff training and its coverage.',
    children: [
      { label: 'Agreements', path: '/network/agreements' },
      { label: 'Training', path: '/network/training' },
      { label: 'Partner scorecards', path: '/network/scorecards' },
    ],
  },
  {
    id: 'feeds',
    label: 'Feeds',
    path: '/feeds',
    roles: ['network_admin', 'org_admin'],
    available: true,
    description: 'Live feeds from emergency departments and jails: last message, volume per day, and the error queue.',
  },
  {
    id: 'admin',
    label: 'Administration',
    path: '/admin',
    roles: ['network_admin', 'org_admin'],
    available: true,
    description: 'Organizations, locations, people with accounts, roles and API tokens.',
    children: [
      { label: 'Organizations', path: '/admin/organizations' },
      { label: 'Users', path: '/admin/users' },
      // Administrators import their organization's records (careEventImportRoles) but do not see People.
      { label: 'Import records', path: '/people/import' },
    ],
  },
  {
    id: 'privacy-review',
    label: 'Privacy review',
    path: '/privacy/break-glass',
    roles: ['privacy_officer'],
    available: true,
    description: 'Review and close emergency access to restricted records (42 CFR 2.51).',
  },
  {
    id: 'audit',
    label: 'Audit log',
    path: '/audit',
    roles: ['network_admin', 'privacy_officer'],
    available: true,
    description: 'Every recorded action, and a check that the record has not been altered.',
  },
];

export function canSeeSection(section: NavSection, roles: readonly Role[]): boolean {
  if (!section.available) return false;
  return section.roles === 'everyone' || section.roles.some((role) => roles.includes(role));
}

/** The sections the holder of these roles (in the active organization) sees, in menu order. */
export function visibleNavSections(roles: readonly Role[], sections: readonly NavSection[] = navSections): NavSection[] {
  return sections.filter((section) => canSeeSection(section, roles));
}

export function getNavSection(id: string): NavSection {
  const section = navSections.find((item) => item.id === id);
  if (!section) throw new Error(`Unknown navigation section "${id}"`);
  return section;
}
