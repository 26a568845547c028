export { announceAccessGrantsJob } from './access-grant-notices.ts';
export { deliverWebhookJob, sendEmailJob } from './notifications.jobs.ts';
export { notificationRoutes } from './notifications.routes.ts';
export { notify } from './notifications.ts';
export { queueEmailTo, recordDevelopmentText } from './direct-messages.ts';
