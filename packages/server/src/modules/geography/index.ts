// The geography module's front door: area boundaries (docs/geography.md) — import, checks, display shapes, reads.
export { areaIdOf, importAreaBoundaries, importUsCounties } from './boundary-import.ts';
export { areaIdsOfKind, boundaryKindsHeld, primaryBoundaryKind, readBoundaries, readPublicBoundaries } from './boundary-read.ts';
export { centroidOf, DEFAULT_SIMPLIFY, simplifyTogether, vertexCount } from './boundary-shape.ts';
export { BoundaryError, parseBoundaries, ringArea2, type BoundaryFeature, type BoundaryGeometry } from './boundary-validate.ts';
export { geographyRoutes } from './geography.routes.ts';
export { usCounties } from './us-counties.ts';
