export { type DisclosureChannel, type ReadContext } from './access-facts.ts';
export { resolveImportPeople } from './care-event-import.ts';
export { writeCareEvents } from './care-events.ts';
export { confirmPendingCareTeam } from './care-team.ts';
export { authorizeRecords, consentScopeSummaries, filterVisible, openPerson, visiblePeople, type RecordToRead } from './chokepoint.ts';
export { registryFhirRoutes } from './fhir.routes.ts';
export { CONTINUUM_SYSTEM, operationOutcome } from './fhir.ts';
export { mergeLinkedPeople, readContext, unmergeLinkedPeople, type NetworkMatcher } from './people.ts';
export { readPersonContact } from './person-contact.ts';
export { registerFeedPerson, type FeedPersonRegistration } from './feed-people.ts';
export { phoneticKey } from './phonetic.ts';
export { recordSensitivity } from './registry-policy.ts';
export { expireConsentsJob } from './registry.jobs.ts';
export { registryRoutes } from './registry.routes.ts';
export {
  forEachMeasureBatch,
  measureBatchForIndexEvents,
  type MeasureBatchItem,
  type MeasureEvent,
  type MeasurePerson,
} from './sources/measure-source.ts';
export { withMeasureRelations, type MeasureRelations, type MeasureRelationOptions } from './sources/measure-relations.ts';
export { overdoseLinks, type LinkedUser } from './sources/overdose-links.ts';
export { countPeopleForIndex, readPeopleForIndex, type ChangeCursor, type IndexPerson } from './sources/person-index-source.ts';
export { readPeopleForEncoding, type EncodingPerson } from './sources/pprl-source.ts';
export { decideReferralConsent } from './sources/referral-consent.ts';
export {
  peopleRegisteredBy,
  readDispensingsForAggregate,
  readSafetySource,
  type AggregateDispensing,
  type SafetySource,
} from './sources/safety-source.ts';
export { readWorklistSignals, type WorklistSignalWindows } from './sources/worklist-signals.ts';
export { peopleForSystemWork } from './system-people.ts';
export { listOwnConsents, listOwnDisclosures, ownOutreachTeam, readOwnGreeting, requireSelf, revokeOwnConsent } from './own-record.ts';
export { personForPortalInvitation } from './portal-invitation-facts.ts';
export { listOwnCareTeam } from './own-care-team.ts';
