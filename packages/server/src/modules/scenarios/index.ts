// The scenarios module's front door (decision 0014): the what-if model of the community's OUD cascade.
export { chenBaseCase, chenPublished, fitChenOverdoseLevels, runChen } from './chen2019.ts';
export { compartments, inMoud, medications, noLevers, simulate, withOud, type Levers, type MonthResult, type Setting } from './model.ts';
export { baseParameters, parameterKeys, parameterSpecs, type ModelParameters, type ParameterKey } from './parameters.ts';
