/**
 * The network person index's front door (docs/person-index.md, decision 0016): network identities,
 * source records, matching against the whole network, the review queue, the indexing job.
 */
export {
  indexChangedPeople,
  indexPeople,
  indexSourceRecord,
  networkMatches,
  trainAndStoreModel,
  type NetworkMatch,
} from './person-index.ts';
export { attachPersonToRecord, feedMatchModel, matchFeedRecord, type FeedRecordMatch } from './feed-records.ts';
export { indexPeopleJob } from './person-index.jobs.ts';
export { personIndexRoutes } from './person-index.routes.ts';
export { LOWER_THRESHOLD, UPPER_THRESHOLD, type MatchFields } from './scoring.ts';
export { type ActiveModel, type SourceRecordInput } from './person-index.ts';
