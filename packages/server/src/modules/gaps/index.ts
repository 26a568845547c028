// The gaps module's front door: spatial accessibility (E2SFCA), need, gaps, deserts and siting, runs and their routes (docs/gaps.md).
export {
  accessibilityOfPlaces,
  catchmentLinks,
  costSourceFor,
  costUnitOf,
  type CostSource,
  type DemandPoint,
  type PlaceAccessibility,
  type SupplyPoint,
} from './accessibility.ts';
export { haversineMiles, PointGrid, straightLineLinks, type GeoPoint } from './catchment-links.ts';
export {
  catchmentOf,
  e2sfca,
  LinkBuilder,
  linksFromMatrix,
  LUO_QI_ZONES,
  validateZones,
  zoneWeight,
  type AccessibilityInput,
  type AccessibilityResult,
  type CatchmentLinks,
  type TravelZone,
} from './e2sfca.ts';
export { planTableBatches, RoutingError, travelTimeLinks, type OsrmOptions } from './osrm.ts';
export { analyzeCategory, rankWorstServed, type AreaGap, type CategoryGaps, type SupplyPointInput } from './analysis.ts';
export { gapsRoutes } from './gaps.routes.ts';
export { analyzeHubs, linkBases, type HubLinkInputs, type HubsAnalysis, type MoudPoint } from './hubs.ts';
export { hubsCsv, readHubs } from './hubs-read.ts';
export { areaOfPoint, pointInShape } from './area-locate.ts';
export { assessNeed, type AreaNeed, type AreaNeedInput } from './need.ts';
export { computeRun, runParameters } from './run-compute.ts';
export { createGapsRun } from './run-create.ts';
export { gapsRunCsv, listGapsRuns, readGapsRun } from './run-read.ts';
export { siteCandidate, type CandidateSite, type SitingResult } from './siting.ts';
export { siteOnRun } from './siting-run.ts';
