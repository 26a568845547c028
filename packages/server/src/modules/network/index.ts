/**
 * Running the network's front door (docs/network.md): the agreements register (MOUs, BAAs, QSOAs,
 * data-sharing and referral agreements), their renewal reminders, and the facts the registry's
 * access decision reads from it. This module imports nothing that reads person-level data, so the
 * registry may depend on it.
 */
export { agreementPartiesInForce, LINKING_AGREEMENT_KINDS } from './agreement-links.ts';
export { serviceAgreementsOf, type ServiceAgreementForAccess } from './agreement-access.ts';
export { remindEndingAgreements, remindEndingAgreementsJob } from './agreement-reminders.ts';
export { createAgreement, listAgreements, readAgreement, terminateAgreement, updateAgreement } from './agreements.ts';
export { networkRoutes } from './network.routes.ts';
export { part2TrainingStatus } from './training-settings.ts';
export { remindExpiringTraining, remindExpiringTrainingJob } from './training-reminders.ts';
export { createCourse, importCompletions } from './training.ts';
export { trainingRoutes } from './training.routes.ts';
