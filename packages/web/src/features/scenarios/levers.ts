import type { ScenarioLevers } from '@continuum/contracts';

/** A scenario as the form holds it: every lever present, null leaving today's value. */
export interface ScenarioDraft {
  name: string;
  levers: ScenarioLevers;
}

export const emptyLevers = (): ScenarioLevers => ({
  extraSlots: { buprenorphine: 0, methadone: 0, naltrexone: 0 },
  edInduction: null,
  jailMoudAtRelease: null,
  retentionImprovement: 0,
  naloxoneKitsPerYear: null,
  ftsUptake: null,
  prescribingReduction: 0,
  waitWeeks: null,
});
