export { csvRows, fhirRows, importCareEvents, jsonRows } from './care-event-import.ts';
export { computeMeasuresJob, defaultPeriod, recomputeNow } from './compute.ts';
export { areaEstimates, estimatesUpdatedAt } from './estimates.ts';
export { learningRoutes } from './learning.routes.ts';
export { learningReportRoutes } from './report-pdf.routes.ts';
export { complementary, isSmall, suppressCount, suppressProportion, type ShownProportion } from './suppression.ts';
export { modelAggregates, type ModelAggregates } from './model-aggregates.ts';
export { expectedTrajectoryRoutes } from './expected-trajectory.routes.ts';
export { pinExpectedTrajectory } from './expected-trajectory-store.ts';
