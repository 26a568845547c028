import type { OrganizationType, Role } from '@continuum/contracts';
import { femaleGivenNames, hispanicSurnames, asianSurnames, maleGivenNames, surnames } from './demo-names.ts';
import { Random } from './random.ts';
import type { SyntheticOrganization } from './synthetic-organizations.ts';

/** The one password of every demo account. Demo data is refused in production (config.ts). */
export const DEMO_PASSWORD = 'continuum-demo';
export const DEMO_EMAIL_DOMAIN = 'demo.continuum.example';

export interface DemoAccount {
  email: string;
  displayName: string;
  role: Role;
  /** The organization of the account's first membership. */
  organizationKey: string;
  /** Further memberships with the same role (the navigator has two, so the organization switcher shows). */
  additionalOrganizationKeys: readonly string[];
}

/** One fixed sign-in per role, all with the password `continuum-demo`. */
export const demoAccounts: readonly DemoAccount[] = [
  {
    email: `admin@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Jordan Ellis',
    role: 'network_admin',
    organizationKey: 'public-health',
    additionalOrganizationKeys: [],
  },
  {
    email: `orgadmin@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Priya Raman',
    role: 'org_admin',
    organizationKey: 'tidewater-otp',
    additionalOrganizationKeys: [],
  },
  {
    email: `clinician@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Samuel Okafor',
    role: 'clinician',
    organizationKey: 'harbor-general-ed',
    additionalOrganizationKeys: [],
  },
  {
    email: `navigator@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Rosa Delgado',
    role: 'care_navigator',
    organizationKey: 'harbor-peer-recovery',
    additionalOrganizationKeys: ['public-health'],
  },
  {
    email: `partner@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Marcus Bell',
    role: 'partner_staff',
    organizationKey: 'anchor-house',
    additionalOrganizationKeys: [],
  },
  {
    email: `analyst@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Mei Lin Chen',
    role: 'analyst',
    organizationKey: 'public-health',
    additionalOrganizationKeys: [],
  },
  {
    email: `privacy@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Helen Fairbanks',
    role: 'privacy_officer',
    organizationKey: 'public-health',
    additionalOrganizationKeys: ['harbor-general-ed'],
  },
];

export interface SyntheticStaffMember {
  email: string;
  displayName: string;
  /** One of the fixed accounts in `demoAccounts`. */
  isDemoAccount: boolean;
  memberships: { organizationKey: string; roles: Role[] }[];
}

type Staffing = Partial<Record<Role, number | readonly [number, number]>>;

const clinicalStaff = (clinicians: readonly [number, number], navigators = 0): Staffing => ({
  org_admin: 1,
  clinician: clinicians,
  ...(navigators > 0 ? { care_navigator: [1, navigators] as const } : {}),
});
const partnerStaff: Staffing = { org_admin: 1, partner_staff: [1, 2] };

// Who works where. network_admin and analyst only at the lead public health department; care
// navigators and peer specialists where people are met (peer recovery, harm reduction, public
// health, EDs, treatment programs); partner staff at the non-clinical partners.
const STAFFING: Record<OrganizationType, Staffing> = {
  public_health: { network_admin: 1, org_admin: 1, analyst: [2, 3], care_navigator: [2, 3], clinician: [1, 2] },
  emergency_department: clinicalStaff([4, 6], 2),
  hospital: clinicalStaff([3, 5]),
  primary_care: clinicalStaff([2, 4]),
  opioid_treatment_program: clinicalStaff([3, 4], 2),
  office_based_moud: clinicalStaff([1, 3]),
  behavioral_health: clinicalStaff([2, 4], 1),
  pharmacy: clinicalStaff([1, 3]),
  ems: { org_admin: 1, partner_staff: [2, 3] },
  law_enforcement: partnerStaff,
  corrections: { org_admin: 1, partner_staff: [2, 3] },
  court: partnerStaff,
  peer_recovery: { org_admin: 1, care_navigator: [3, 5] },
  harm_reduction: { org_admin: 1, care_navigator: [2, 3], partner_staff: [1, 2] },
  recovery_housing: { org_admin: 1, partner_staff: [1, 3] },
  social_services: partnerStaff,
  medical_examiner: partnerStaff,
  payer: partnerStaff,
  community_faith_based: partnerStaff,
  other: partnerStaff,
};

/** Organizations that name a privacy officer: the lead agency and the larger covered entities and Part 2 programs. */
const PRIVACY_OFFICER_AT = new Set(['public-health', 'harbor-general-hospital', 'harbor-chc', 'tidewater-otp']);

const emailLocalPart = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z]/g, '');

/**
 * Staff accounts for every organization (emails at demo.continuum.example), with the fixed
 * `demoAccounts` first. Every role is held by someone.
 */
export function generateStaff(seed: number, orgs: readonly SyntheticOrganization[]): SyntheticStaffMember[] {
  const rng = Random.fromSeed(seed, 'staff');
  const keys = new Set(orgs.map((o) => o.key));
  const staff: SyntheticStaffMember[] = [];
  const emails = new Set<string>();

  for (const account of demoAccounts) {
    const orgKeys = [account.organizationKey, ...account.additionalOrganizationKeys];
    const missing = orgKeys.find((k) => !keys.has(k));
    if (missing) throw new Error(`demo account ${account.email} names an unknown organization ${missing}`);
    emails.add(account.email);
    staff.push({
      email: account.email,
      displayName: account.displayName,
      isDemoAccount: true,
      memberships: orgKeys.map((organizationKey) => ({ organizationKey, roles: [account.role] })),
    });
  }

  for (const org of orgs) {
    const plan: Staffing = { ...STAFFING[org.type], ...(PRIVACY_OFFICER_AT.has(org.key) ? { privacy_officer: 1 } : {}) };
    for (const [role, count] of Object.entries(plan) as [Role, number | readonly [number, number]][]) {
      const n = typeof count === 'number' ? count : rng.int(count[0], count[1]);
      for (let i = 0; i < n; i++) {
        const given = rng.chance(0.5) ? rng.pick(femaleGivenNames) : rng.pick(maleGivenNames);
        const r = rng.next();
        const family = r < 0.12 ? rng.pick(hispanicSurnames) : r < 0.2 ? rng.pick(asianSurnames) : rng.pick(surnames);
        const base = `${emailLocalPart(given)}.${emailLocalPart(family)}`;
        let email = `${base}@${DEMO_EMAIL_DOMAIN}`;
        for (let k = 2; emails.has(email); k++) email = `${base}${k}@${DEMO_EMAIL_DOMAIN}`;
        emails.add(email);
        staff.push({
          email,
          displayName: `${given} ${family}`,
          isDemoAccount: false,
          memberships: [{ organizationKey: org.key, roles: [role] }],
        });
      }
    }
  }
  return staff;
}
