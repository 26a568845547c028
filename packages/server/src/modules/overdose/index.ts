export { CountSeriesError, DETECT_COLUMNS, buildSeries, detectRows, parseCountRow, type CountRow } from './count-series.ts';
export { DEFAULT_THRESHOLDS, earsSeries } from './ears.ts';
export { overdoseEarsJob } from './overdose.jobs.ts';
export { overdoseRoutes } from './overdose.routes.ts';
export { thresholdSpikes } from './threshold.ts';
export { anonymousNaloxoneByDay } from './naloxone.ts';
export { recordFeedOverdose, type FeedOverdoseInput } from './feed-overdose.ts';
export { reconcileFeedDeath } from './feed-death.ts';
export { overdoseCountsByArea } from './area-counts.ts';
