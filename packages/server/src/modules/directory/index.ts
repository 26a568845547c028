export { capacityAge } from './capacity-rules.ts';
export { createFixtureService, setFixtureCapacity } from './directory.fixtures.ts';
export { remindUnverifiedListingsJob } from './directory.jobs.ts';
export { directoryRoutes } from './directory.routes.ts';
export { distanceMiles, roundMiles } from './geo.ts';
export { loadHsdsRows, organizationsFull, servicesFull, taxonomiesToHsds } from './hsds/hsds-export.ts';
export { importHsds, type HsdsSource } from './hsds/hsds-import.ts';
export { validateHsds, type HsdsIssue } from './hsds/hsds-schemas.ts';
export { readTabular, writeTabular } from './hsds/hsds-tabular.ts';
export { hsdsRoutes } from './hsds/hsds.routes.ts';
export { LocatorIndex } from './locator-index.ts';
export { locatorRoutes } from './locator.routes.ts';
export { searchLocator, type LocatorContext } from './locator.ts';
export {
  findServices,
  isOfferedAt,
  locationName,
  serviceCapacities,
  serviceLocations,
  servicePointsWithCodes,
  servicePointsWithOrganizations,
  servicesOfMember,
} from './lookups.ts';
export { capacityConfirmations, LISTING_VERIFICATION_DAYS, listingVerifications } from './scorecard-source.ts';
