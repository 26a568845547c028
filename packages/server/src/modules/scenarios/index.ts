// The scenarios module's front door (decision 0014): the what-if model of the community's OUD cascade.
export { calibrate, defaultCalibrated, type CalibrationResult, type Observed } from './calibrate.ts';
export { chenBaseCase, chenPublished, fitChenOverdoseLevels, runChen } from './chen2019.ts';
export { defaultCosts, type Costs } from './costs.ts';
export { MAX_SCENARIOS, runEnsemble, type EnsembleRequest, type EnsembleResult, type Scenario, type ScenarioSummary } from './ensemble.ts';
export { compartments, inMoud, medications, noLevers, simulate, withOud, type Levers, type MonthResult, type Setting } from './model.ts';
export { baseParameters, parameterKeys, parameterSpecs, type ModelParameters, type ParameterKey } from './parameters.ts';
export { drawParameters, rangesFor, type Ranges } from './sampling.ts';
export { tornado, type Tornado, type TornadoBar } from './tornado.ts';
export { communityFrom, type CommunityData } from './community.ts';
export { gatherCommunity } from './community-inputs.ts';
export { computeScenarioRun, computeScenarioRunOnThreads, type ComputedRun } from './run-compute.ts';
export { defaultEnsembleThreads, runEnsembleOnThreads } from './ensemble-threads.ts';
export { computeStoredRun, createScenarioRun, runScenarioJob } from './run-create.ts';
export { listScenarioRuns, readScenarioRun, scenarioRunCsv } from './run-read.ts';
export { scenarioRoutes } from './scenarios.routes.ts';
export { renderScenarioBrief, scenarioBriefPdf } from './brief-pdf.ts';
