/**
 * The synthetic community: a fictional county (Harbor County, region "XS"), its care network and
 * its people, as pure functions of a seed. No I/O; `demo-seed.ts` writes them to the database.
 *
 * Every function is deterministic: the same seed gives the same output on any machine. Each part
 * draws from its own named stream, so adding staff never changes the people, and people are a
 * pure function of (seed, index).
 *
 * @example
 * const region = generateRegion(42);
 * const orgs = generateOrganizations(42, region);
 * const staff = generateStaff(42, orgs);
 * for (const person of generatePeople(42, 1_000_000, region)) { ... } // streams, memory-flat
 */
export {
  generateRegion,
  REGION_BOUNDS,
  type AreaCharacter,
  type SyntheticArea,
  type SyntheticRegion,
  type SyntheticTown,
} from './synthetic-region.ts';
export { generateOrganizations, organizationKeys, type SyntheticLocation, type SyntheticOrganization } from './synthetic-organizations.ts';
export {
  DEMO_EMAIL_DOMAIN,
  DEMO_PASSWORD,
  demoAccounts,
  generateStaff,
  type DemoAccount,
  type SyntheticStaffMember,
} from './synthetic-staff.ts';
export {
  createPersonGenerator,
  DEMO_REFERENCE_DATE,
  ethnicityCodes,
  genderIdentityCodes,
  generatePeople,
  languageCodes,
  raceCodes,
  type EthnicityCode,
  type GenderIdentityCode,
  type LanguageCode,
  type RaceCode,
  type SyntheticPerson,
} from './synthetic-people.ts';
