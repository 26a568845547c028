export { runWorklistRules, type WorklistRunResult } from './evaluate.ts';
export { createWorklistTask } from './tasks.ts';
export { evaluateWorklistRulesJob } from './worklist.jobs.ts';
export { worklistRoutes } from './worklist.routes.ts';
export { listOwnPlannedOutreach } from './own-outreach.ts';
