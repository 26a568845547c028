// The gaps module's front door: spatial accessibility (E2SFCA), need and service gaps (docs/gaps.md).
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
