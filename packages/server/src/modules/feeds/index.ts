/**
 * Live feeds' front door (docs/integration.md): feed sources, the staging table and error queue,
 * the adapters (HL7 v2 ADT, jail rosters, NEMSIS, deaths, PDMP, FHIR), the MLLP listener, the quiet-feed job and the demo
 * sources.
 */
export { FeedMessageError, type FeedAdapter, type FeedItem, type FeedPerson, type FeedPlan } from './adapter.ts';
export { receiveContent, receiveMessage, type MessageResult } from './apply.ts';
export { feedAdapters, isImplemented } from './feed-adapters.ts';
export { feedRoutes } from './feeds.routes.ts';
export { alertQuietFeeds, pickUpFeedFilesJob, quietFeedsJob } from './feeds.jobs.ts';
export { pickUpFeedFiles } from './pickup.ts';
export { startMllpListener, type MllpListener } from './mllp.ts';
export { importFeedFile, pushToFeed } from './push.ts';
export { createFeedSource, loadSources, sourceForOrganization } from './sources.ts';
export { listFeeds } from './status-read.ts';
export { adtMessage, rosterCsv, seededRandom, syntheticAdt, syntheticRosterRow, type AdtFields, type RosterInput } from './synthetic.ts';
export { fhirDispense, fhirEdEncounter, fhirOudCondition, fhirPatient, fhirUrineDrugTest, ndjson } from './adapters/fhir-example.ts';
