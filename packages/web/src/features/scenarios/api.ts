import {
  scenarioRunDetailSchema,
  scenarioRunListSchema,
  scenarioRunSchema,
  type ScenarioRun,
  type ScenarioRunDetail,
  type ScenarioRunInput,
} from '@continuum/contracts';
import { segment, type ApiRequest } from '../../api/request.ts';

/** What-if scenarios (`contracts/src/scenarios.ts`, docs/scenarios.md): stored runs, their progress and results. */
export interface ScenariosApi {
  listRuns(): Promise<ScenarioRun[]>;
  createRun(input: ScenarioRunInput): Promise<ScenarioRun>;
  getRun(id: string): Promise<ScenarioRunDetail>;
}

export function createScenariosHttpApi(request: ApiRequest): ScenariosApi {
  return {
    listRuns: async () => (await request('GET', '/api/scenarios/runs', scenarioRunListSchema)).items,
    createRun: (input) => request('POST', '/api/scenarios/runs', scenarioRunSchema, input),
    getRun: (id) => request('GET', `/api/scenarios/runs/${segment(id)}`, scenarioRunDetailSchema),
  };
}
