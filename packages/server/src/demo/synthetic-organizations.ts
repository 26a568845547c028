// Longer than 300 lines: mostly data: the demo community's organizations, sites and staff counts.
import type { OrganizationType } from '@continuum/contracts';
import { ruralRoads, streetNames, streetSuffixes } from './demo-names.ts';
import { Random, weightedPicker } from './random.ts';
import type { SyntheticArea, SyntheticRegion } from './synthetic-region.ts';

export interface SyntheticLocation {
  key: string;
  name: string;
  address1: string;
  address2: string | null;
  city: string;
  region: string;
  postalCode: string;
  areaId: string;
  latitude: number;
  longitude: number;
}

export interface SyntheticOrganization {
  /** A stable handle for staff memberships and demo accounts; not stored. */
  key: string;
  name: string;
  type: OrganizationType;
  description: string;
  website: string;
  phone: string;
  email: string;
  /** The public health department that leads the network. */
  isLead: boolean;
  locations: SyntheticLocation[];
}

interface OrganizationPlan {
  key: string;
  type: OrganizationType;
  name: string;
  town: string;
  domain: string;
  description: string;
  /** How many sites: a fixed number or an inclusive [min, max] range drawn from the seed. */
  sites: number | readonly [number, number];
  /** What a site is called after its place name when there are several, e.g. 'Mobile unit stop'. */
  siteLabel?: string;
}

// The network: every organization type at least once, weighted toward the places people with OUD
// meet the system most often (EDs, primary care, pharmacies, OTPs, office-based MOUD, peers).
const PLANS: readonly OrganizationPlan[] = [
  {
    key: 'public-health',
    type: 'public_health',
    name: 'Harbor County Public Health',
    town: 'harbor-city',
    domain: 'harborcountyhealth',
    sites: 2,
    description:
      'The county health department and lead agency of the Harbor County care network: coordination, naloxone distribution, surveillance and the overdose fatality review.',
  },
  {
    key: 'harbor-general-ed',
    type: 'emergency_department',
    name: 'Harbor General Hospital Emergency Department',
    town: 'harbor-city',
    domain: 'harborgeneral',
    sites: 1,
    description: 'Level II trauma center emergency department with ED-initiated buprenorphine and a peer recovery coach on every shift.',
  },
  {
    key: 'st-brigid-ed',
    type: 'emergency_department',
    name: 'St. Brigid Medical Center Emergency Department',
    town: 'port-alder',
    domain: 'stbrigid',
    sites: 1,
    description:
      'Community hospital emergency department serving the north coast; offers buprenorphine bridge prescriptions and take-home naloxone.',
  },
  {
    key: 'cedar-valley-ed',
    type: 'emergency_department',
    name: 'Cedar Valley Regional Emergency Department',
    town: 'cedar-crossing',
    domain: 'cedarvalleyregional',
    sites: 1,
    description: 'Regional emergency department for the eastern county with a warm-handoff agreement to local treatment programs.',
  },
  {
    key: 'harbor-general-hospital',
    type: 'hospital',
    name: 'Harbor General Hospital',
    town: 'harbor-city',
    domain: 'harborgeneral',
    sites: 1,
    description: 'Acute-care hospital with an addiction medicine consult service for people admitted with opioid use disorder.',
  },
  {
    key: 'elk-prairie-hospital',
    type: 'hospital',
    name: 'Elk Prairie Community Hospital',
    town: 'elk-prairie',
    domain: 'elkprairiehospital',
    sites: 1,
    description: 'Critical access hospital serving the rural south of the county.',
  },
  {
    key: 'harbor-chc',
    type: 'primary_care',
    name: 'Harbor Community Health Center',
    town: 'harbor-city',
    domain: 'harborchc',
    sites: [2, 3],
    description:
      'Federally qualified health center offering primary care, buprenorphine treatment and integrated behavioral health regardless of ability to pay.',
  },
  {
    key: 'port-alder-family-medicine',
    type: 'primary_care',
    name: 'Port Alder Family Medicine',
    town: 'port-alder',
    domain: 'portalderfamilymed',
    sites: 1,
    description: 'Family medicine practice; several clinicians prescribe buprenorphine.',
  },
  {
    key: 'millbrook-family-practice',
    type: 'primary_care',
    name: 'Millbrook Family Practice',
    town: 'millbrook',
    domain: 'millbrookfamily',
    sites: 1,
    description: 'Independent family practice serving Millbrook and the valley.',
  },
  {
    key: 'juniper-flats-rural-health',
    type: 'primary_care',
    name: 'Juniper Flats Rural Health Clinic',
    town: 'juniper-flats',
    domain: 'juniperflatsclinic',
    sites: 1,
    description: 'Rural health clinic with telehealth visits for people who live far from town.',
  },
  {
    key: 'brightwater-clinic',
    type: 'primary_care',
    name: 'Brightwater Valley Clinic',
    town: 'brightwater',
    domain: 'brightwaterclinic',
    sites: 1,
    description: 'Primary care for the northern valley towns, with same-week appointments.',
  },
  {
    key: 'tidewater-otp',
    type: 'opioid_treatment_program',
    name: 'Tidewater Treatment Center',
    town: 'harbor-city',
    domain: 'tidewatertreatment',
    sites: [1, 2],
    description: 'Opioid treatment program offering methadone, buprenorphine and counseling; walk-in intake on weekday mornings.',
  },
  {
    key: 'northshore-otp',
    type: 'opioid_treatment_program',
    name: 'Northshore Opioid Treatment Program',
    town: 'port-alder',
    domain: 'northshoreotp',
    sites: 1,
    description: 'Opioid treatment program for the north coast with methadone and buprenorphine and a guest-dosing arrangement.',
  },
  {
    key: 'cedar-crossing-otp',
    type: 'opioid_treatment_program',
    name: 'Cedar Crossing Treatment Services',
    town: 'cedar-crossing',
    domain: 'cedartreatment',
    sites: 1,
    description: 'Opioid treatment program serving the eastern county; Spanish-speaking counselors on staff.',
  },
  {
    key: 'lighthouse-bridge-clinic',
    type: 'office_based_moud',
    name: 'Lighthouse Bridge Clinic',
    town: 'harbor-city',
    domain: 'lighthousebridge',
    sites: 1,
    description: 'Low-barrier, same-day buprenorphine clinic; no appointment needed.',
  },
  {
    key: 'fern-hollow-recovery-medicine',
    type: 'office_based_moud',
    name: 'Fern Hollow Recovery Medicine',
    town: 'fern-hollow',
    domain: 'fernhollowrecovery',
    sites: 1,
    description: 'Office-based buprenorphine and extended-release naltrexone treatment.',
  },
  {
    key: 'kestrel-point-health',
    type: 'office_based_moud',
    name: 'Kestrel Point Family Health',
    town: 'kestrel-point',
    domain: 'kestrelpointhealth',
    sites: 1,
    description: 'Small rural practice offering buprenorphine treatment in person and by telehealth.',
  },
  {
    key: 'coastal-telehealth-moud',
    type: 'office_based_moud',
    name: 'Coastal Telehealth Recovery Medicine',
    town: 'port-alder',
    domain: 'coastaltelerecovery',
    sites: 1,
    description: 'Telehealth buprenorphine practice for anyone in the county, with evening hours.',
  },
  {
    key: 'harbor-behavioral-health',
    type: 'behavioral_health',
    name: 'Harbor County Behavioral Health',
    town: 'harbor-city',
    domain: 'harborbehavioralhealth',
    sites: [1, 2],
    description:
      'Community mental health and substance use treatment: assessment, outpatient and intensive outpatient programs, crisis services.',
  },
  {
    key: 'saltgrass-counseling',
    type: 'behavioral_health',
    name: 'Saltgrass Counseling Collective',
    town: 'saltgrass',
    domain: 'saltgrasscounseling',
    sites: 1,
    description: 'Outpatient counseling for people in recovery and their families.',
  },
  {
    key: 'harbor-drug',
    type: 'pharmacy',
    name: 'Harbor Drug',
    town: 'harbor-city',
    domain: 'harbordrug',
    sites: 3,
    description: 'Local pharmacy chain that dispenses buprenorphine and naloxone without a prescription.',
  },
  {
    key: 'port-alder-pharmacy',
    type: 'pharmacy',
    name: 'Port Alder Pharmacy',
    town: 'port-alder',
    domain: 'portalderpharmacy',
    sites: 1,
    description: 'Independent pharmacy on the waterfront; stocks naloxone and buprenorphine.',
  },
  {
    key: 'cedar-crossing-apothecary',
    type: 'pharmacy',
    name: 'Cedar Crossing Apothecary',
    town: 'cedar-crossing',
    domain: 'cedarapothecary',
    sites: 1,
    description: 'Community pharmacy with delivery to rural addresses.',
  },
  {
    key: 'elk-prairie-pharmacy',
    type: 'pharmacy',
    name: 'Elk Prairie Pharmacy',
    town: 'elk-prairie',
    domain: 'elkprairiepharmacy',
    sites: 1,
    description: 'The only pharmacy in the southern county.',
  },
  {
    key: 'harbor-fire-ems',
    type: 'ems',
    name: 'Harbor County Fire & EMS',
    town: 'harbor-city',
    domain: 'harborfireems',
    sites: [2, 3],
    siteLabel: 'Station',
    description: 'Fire and emergency medical services; paramedics carry naloxone and leave it behind after an overdose response.',
  },
  {
    key: 'coast-range-ambulance',
    type: 'ems',
    name: 'Coast Range Ambulance',
    town: 'stillwater',
    domain: 'coastrangeambulance',
    sites: 1,
    description: 'Ambulance service for the western and rural areas of the county.',
  },
  {
    key: 'harbor-county-sheriff',
    type: 'law_enforcement',
    name: "Harbor County Sheriff's Office",
    town: 'harbor-city',
    domain: 'harborsheriff',
    sites: 1,
    description: 'County law enforcement; deputies carry naloxone and run a deflection-to-treatment program.',
  },
  {
    key: 'harbor-city-police',
    type: 'law_enforcement',
    name: 'Harbor City Police Department',
    town: 'harbor-city',
    domain: 'harborcitypd',
    sites: 1,
    description: 'City police department with a co-responder team of officers and peer specialists.',
  },
  {
    key: 'harbor-county-jail',
    type: 'corrections',
    name: 'Harbor County Jail Re-entry Services',
    town: 'harbor-city',
    domain: 'harborjailreentry',
    sites: 1,
    description: 'MOUD continuation in custody and re-entry planning with a warm handoff on release.',
  },
  {
    key: 'harbor-treatment-court',
    type: 'court',
    name: 'Harbor County Treatment Court',
    town: 'harbor-city',
    domain: 'harbortreatmentcourt',
    sites: 1,
    description: 'Treatment court that supports MOUD and connects participants with care.',
  },
  {
    key: 'harbor-peer-recovery',
    type: 'peer_recovery',
    name: 'Harbor Peer Recovery Alliance',
    town: 'harbor-city',
    domain: 'harborpeers',
    sites: [1, 2],
    description:
      'Certified peer recovery specialists who meet people in the ED, in jail and in the community, and stay with them through treatment.',
  },
  {
    key: 'pathways-recovery-center',
    type: 'peer_recovery',
    name: 'Pathways Recovery Community Center',
    town: 'port-alder',
    domain: 'pathwaysrecovery',
    sites: 1,
    description: 'Recovery community center with peer support, all-recovery meetings and help finding work and housing.',
  },
  {
    key: 'valley-recovery-coaches',
    type: 'peer_recovery',
    name: 'Valley Recovery Coaches',
    town: 'cedar-crossing',
    domain: 'valleyrecoverycoaches',
    sites: 1,
    description: 'Peer recovery coaching for the eastern and rural county, including telephone recovery support.',
  },
  {
    key: 'harbor-harm-reduction',
    type: 'harm_reduction',
    name: 'Harbor Harm Reduction Collective',
    town: 'harbor-city',
    domain: 'harborharmreduction',
    sites: [2, 3],
    siteLabel: 'Outreach site',
    description:
      'Syringe services, naloxone, fentanyl test strips, wound care and low-barrier linkage to treatment for people who use drugs.',
  },
  {
    key: 'coastline-syringe-services',
    type: 'harm_reduction',
    name: 'Coastline Syringe Services Program',
    town: 'port-alder',
    domain: 'coastlinessp',
    sites: [1, 3],
    siteLabel: 'Mobile unit stop',
    description: 'Mobile syringe services and naloxone distribution along the coast.',
  },
  {
    key: 'anchor-house',
    type: 'recovery_housing',
    name: 'Anchor House Recovery Residences',
    town: 'harbor-city',
    domain: 'anchorhouse',
    sites: [2, 3],
    siteLabel: 'Residence',
    description: 'Certified recovery residences that welcome residents taking methadone or buprenorphine.',
  },
  {
    key: 'millbrook-recovery-homes',
    type: 'recovery_housing',
    name: 'Millbrook Recovery Homes',
    town: 'millbrook',
    domain: 'millbrookrecoveryhomes',
    sites: 1,
    description: 'Recovery housing for women and for parents with children.',
  },
  {
    key: 'harbor-human-services',
    type: 'social_services',
    name: 'Harbor County Department of Human Services',
    town: 'harbor-city',
    domain: 'harborhumanservices',
    sites: 2,
    description: 'Benefits enrollment, child welfare and family services.',
  },
  {
    key: 'open-door-network',
    type: 'social_services',
    name: 'Open Door Housing & Food Network',
    town: 'harbor-city',
    domain: 'opendoornetwork',
    sites: [1, 2],
    description: 'Emergency shelter, food pantry and housing navigation.',
  },
  {
    key: 'harbor-medical-examiner',
    type: 'medical_examiner',
    name: 'Harbor County Medical Examiner',
    town: 'harbor-city',
    domain: 'harborme',
    sites: 1,
    description: 'Death investigation and toxicology; shares overdose fatality data with the network.',
  },
  {
    key: 'cascade-coast-health-plan',
    type: 'payer',
    name: 'Cascade Coast Health Plan',
    town: 'harbor-city',
    domain: 'cascadecoastplan',
    sites: 1,
    description: 'Medicaid coordinated care organization for the county; covers MOUD without prior authorization.',
  },
  {
    key: 'stillwater-interfaith',
    type: 'community_faith_based',
    name: 'Stillwater Interfaith Community Network',
    town: 'stillwater',
    domain: 'stillwaterinterfaith',
    sites: 1,
    description: 'Congregations that host naloxone trainings, recovery meetings and family support groups.',
  },
  {
    key: 'harbor-families-for-recovery',
    type: 'community_faith_based',
    name: 'Harbor Families for Recovery',
    town: 'harbor-city',
    domain: 'harborfamilies',
    sites: 1,
    description: 'Support and education for families and friends of people with substance use disorders.',
  },
  {
    key: 'harbor-211',
    type: 'other',
    name: 'Harbor Area 211 Information Line',
    town: 'harbor-city',
    domain: 'harbor211',
    sites: 1,
    description: 'Around-the-clock information and referral line for health and social services.',
  },
];

/** Types whose sites are often a suite in an office building (not a hospital, station or residence). */
const OFFICE_TYPES = new Set<OrganizationType>([
  'primary_care',
  'office_based_moud',
  'behavioral_health',
  'opioid_treatment_program',
  'pharmacy',
  'peer_recovery',
  'social_services',
  'public_health',
  'payer',
  'community_faith_based',
  'other',
]);

/** The organization plan keys, for tests and the demo accounts. */
export const organizationKeys: readonly string[] = PLANS.map((p) => p.key);

function streetAddress(rng: Random, area: SyntheticArea): string {
  if (area.character === 'rural' && rng.chance(0.5)) return `${rng.int(10, 48) * 100 + rng.int(0, 99)} ${rng.pick(ruralRoads)}`;
  return `${rng.int(1, 39) * 100 + rng.int(0, 99)} ${rng.pick(streetNames)} ${rng.pick(streetSuffixes)}`;
}

/** An address in the area, returned as a location without its name and key. */
export function placeInArea(rng: Random, area: SyntheticArea, regionCode: string): Omit<SyntheticLocation, 'key' | 'name' | 'address2'> {
  const spread = area.character === 'urban' ? 0.008 : area.character === 'suburban' ? 0.015 : 0.03;
  return {
    address1: streetAddress(rng, area),
    city: area.town,
    region: regionCode,
    postalCode: area.postalCode,
    areaId: area.id,
    latitude: Math.round((area.latitude + rng.float(-spread, spread)) * 1e5) / 1e5,
    longitude: Math.round((area.longitude + rng.float(-spread, spread) * 1.4) * 1e5) / 1e5,
  };
}

/**
 * About 40 organizations covering all 20 organization types, with 1-3 locations each. Names and
 * types are fixed; addresses, coordinates, phone numbers and site counts come from the seed.
 */
export function generateOrganizations(seed: number, region: SyntheticRegion): SyntheticOrganization[] {
  const rng = Random.fromSeed(seed, 'organizations');
  const areasByTown = new Map<string, SyntheticArea[]>();
  for (const area of region.areas) areasByTown.set(area.townKey, [...(areasByTown.get(area.townKey) ?? []), area]);
  const anyArea = weightedPicker(region.areas.map((a) => [a, a.population] as const));
  // 555-0100 to 555-0199 are reserved for fictional use in every North American area code.
  const phoneSuffixes = rng.shuffle(Array.from({ length: 100 }, (_, i) => 100 + i));
  const suite = (type: OrganizationType) =>
    OFFICE_TYPES.has(type) && rng.chance(0.35) ? `Suite ${rng.int(1, 4)}${rng.pick(['00', '10', '20', '05'])}` : null;

  return PLANS.map((plan, index) => {
    const homeAreas = areasByTown.get(plan.town);
    if (!homeAreas || homeAreas.length === 0) throw new Error(`organization plan ${plan.key} names an unknown town`);
    const sites = typeof plan.sites === 'number' ? plan.sites : rng.int(plan.sites[0], plan.sites[1]);
    const locations: SyntheticLocation[] = [];
    for (let s = 0; s < sites; s++) {
      // The first site is in the home town; others spread across the county by population.
      const area = s === 0 ? rng.pick(homeAreas) : rng.chance(0.4) ? rng.pick(homeAreas) : anyArea(rng);
      let name = plan.name;
      if (sites > 1) {
        const place = `${area.name.replace(/^.* – /, '')}${plan.siteLabel ? ` ${plan.siteLabel}` : ''}`;
        name = `${plan.name} – ${place}`;
        for (let n = 2; locations.some((l) => l.name === name); n++) name = `${plan.name} – ${place} ${n}`;
      }
      locations.push({ key: `${plan.key}-${s + 1}`, name, address2: suite(plan.type), ...placeInArea(rng, area, region.regionCode) });
    }
    return {
      key: plan.key,
      name: plan.name,
      type: plan.type,
      description: plan.description,
      website: `https://www.${plan.domain}.example`,
      phone: `(541) 555-0${phoneSuffixes[index % phoneSuffixes.length]}`,
      email: `info@${plan.domain}.example`,
      isLead: plan.type === 'public_health',
      locations,
    };
  });
}
