import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { calibrate } from './calibrate.ts';
import { inMoud, noLevers, simulate, type Setting } from './model.ts';
import { baseParameters } from './parameters.ts';

const setting: Setting = {
  initial: {
    noMisuse: 400_000,
    rxMisuse: 8_000,
    untreated: 6_000,
    buprenorphine: 1_500,
    methadone: 1_000,
    naltrexone: 100,
    remission: 1_500,
    incarcerated: 600,
  },
  capacity: { buprenorphine: null, methadone: null, naltrexone: null },
  naloxoneKitsPerYear: 3_000,
  waitWeeks: 2,
  ftsUptake: 0,
};
const truth = { ...baseParameters, overdoseUntreated: 0.22, caseFatality: 0.07, treatmentEntry: 0.42 };
const months = 36;
const simulated = simulate(truth, setting, noLevers, months);

describe('calibration recovers known parameters', () => {
  it('from noise-free series simulated with them, within 1%', () => {
    const fit = calibrate(baseParameters, setting, {
      fatalOverdoses: simulated.map((m) => m.fatalOverdoses),
      nonFatalOverdoses: simulated.map((m) => m.nonFatalOverdoses),
      inMoud: simulated.map((m) => inMoud(m.sizes)),
    });
    expect(fit.fitted.overdoseUntreated! / 0.22 - 1).toBeCloseTo(0, 2);
    expect(fit.fitted.caseFatality! / 0.07 - 1).toBeCloseTo(0, 2);
    expect(fit.fitted.treatmentEntry! / 0.42 - 1).toBeCloseTo(0, 2);
    expect(fit.rmse).toBeLessThan(1e-3);
  });

  it('from Poisson counts drawn around them (seeded), within 15%', () => {
    const rng = xoroshiro128plus(2019);
    // Poisson by inversion, for the monthly counts a community records.
    const poisson = (lambda: number): number => {
      let k = 0;
      let p = Math.exp(-lambda);
      let cumulative = p;
      const u = uniformFloat64(rng);
      while (u > cumulative && k < 10_000) {
        k += 1;
        p *= lambda / k;
        cumulative += p;
      }
      return k;
    };
    const fit = calibrate(baseParameters, setting, {
      fatalOverdoses: simulated.map((m) => poisson(m.fatalOverdoses)),
      nonFatalOverdoses: simulated.map((m) => poisson(m.nonFatalOverdoses)),
      inMoud: simulated.map((m) => Math.round(inMoud(m.sizes))),
    });
    expect(Math.abs(fit.fitted.overdoseUntreated! / 0.22 - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.fitted.caseFatality! / 0.07 - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.fitted.treatmentEntry! / 0.42 - 1)).toBeLessThan(0.15);
  });
});

describe('calibration with months not observed', () => {
  it('skips null months and still recovers the parameters', () => {
    const holes = <T>(values: T[]) => values.map((v, i) => (i % 3 === 1 ? null : v));
    const fit = calibrate(baseParameters, setting, {
      fatalOverdoses: holes(simulated.map((m) => m.fatalOverdoses)),
      nonFatalOverdoses: holes(simulated.map((m) => m.nonFatalOverdoses)),
      treatmentStarts: [...Array<null>(12).fill(null), ...simulated.slice(12).map((m) => m.treatmentStarts)],
    });
    expect(fit.fitted.overdoseUntreated! / 0.22 - 1).toBeCloseTo(0, 2);
    expect(fit.fitted.caseFatality! / 0.07 - 1).toBeCloseTo(0, 2);
    expect(fit.fitted.treatmentEntry! / 0.42 - 1).toBeCloseTo(0, 2);
  });
});
