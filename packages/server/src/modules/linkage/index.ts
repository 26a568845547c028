/**
 * The linkage module's front door: what other modules (privacy-preserving linkage, the person index)
 * and the CLI may use. The engine works on arrays of normalized records and touches no database; the
 * adapters that do are the analyst jobs (jobs/) and the registry's encoding for PPRL (registry-encode.ts).
 */
export { FIELDS, parseColumnMap, MapSyntaxError, type SourceField } from './columns.ts';
export { foldText, normalizeBirthDate, normalizeName, normalizePhone, normalizeSsn, normalizeStreet, normalizeZip } from './normalize.ts';
export {
  csvRecords,
  LinkageInputError,
  ndjsonRecords,
  normalizePeople,
  parseRecordText,
  readRecordFile,
  RecordNormalizer,
  type LinkRecord,
  type RawPerson,
  type ReadOptions,
} from './records.ts';
export { blockPairs, DEFAULT_RULES, rulesFor, SMALL_INPUT_RULES, type BlockingRule, type LinkMode } from './blocking.ts';
export { clusterPairs, type Clusters, type ScoredEdges } from './cluster.ts';
export { buildComparisons, type Comparison, type ComparisonName } from './comparisons.ts';
export { encodeRecords, type Encoded } from './encode.ts';
export { expectationMaximization } from './em.ts';
export { clusterAccuracy, febrlEntity, pairAccuracy, truePairCount, type Accuracy } from './evaluate.ts';
export { conflictRule, linkRecords, possiblePairs, type LinkOptions, type LinkResult, type LinkStage, type ScoredPairs } from './link.ts';
export type { LinkModel } from './model.ts';
export { defaultNicknames, nicknameGroups, nicknameMatch, type NicknameGroups } from './nicknames.ts';
export { probabilityOf, termFrequencyAdjustment, TF_MINIMUM, type Contribution, type Waterfall } from './score.ts';
export { damerauLevenshtein, jaro, jaroWinkler, withinOneEdit } from './similarity.ts';
export { syntheticCsv, syntheticPeople, type SyntheticRecord } from './synthetic.ts';
export { vetoRule } from './link.ts';
export * as pprl from './pprl/index.ts';
export { encodeRegistryOrganization } from './registry-encode.ts';
export { linkageJobRoutes } from './jobs/linkage-jobs.routes.ts';
export { purgeExpiredLinkageJobs, runLinkageJob } from './jobs/linkage-jobs.ts';
