import { describe, expect, it } from 'vitest';
import { defaultCosts } from './costs.ts';
import { runEnsemble, type EnsembleRequest } from './ensemble.ts';
import { noLevers, type Setting } from './model.ts';
import { drawParameters, interval, quantileSorted, rangesFor, triangular } from './sampling.ts';
import { tornado } from './tornado.ts';

const setting: Setting = {
  initial: {
    noMisuse: 100_000,
    rxMisuse: 2_000,
    untreated: 1_500,
    buprenorphine: 500,
    methadone: 300,
    naltrexone: 40,
    remission: 400,
    incarcerated: 150,
  },
  capacity: { buprenorphine: 550, methadone: 320, naltrexone: null },
  naloxoneKitsPerYear: 600,
  waitWeeks: 3,
  ftsUptake: 0,
};
const naloxone = { name: 'Naloxone ×4', levers: { ...noLevers, naloxoneKitsPerYear: 2400 } };
const slots = {
  name: '+300 buprenorphine slots',
  levers: { ...noLevers, extraSlots: { buprenorphine: 300, methadone: 0, naltrexone: 0 } },
};
// Demand for MOUD above today's slots, so that the slot scenario binds.
const request: EnsembleRequest = {
  setting,
  ranges: rangesFor({ treatmentEntry: 1 }),
  scenarios: [naloxone, slots],
  years: 3,
  draws: 60,
  seed: 7,
  costs: defaultCosts,
};

describe('sampling', () => {
  it('inverts the triangular CDF at its ends and mode', () => {
    expect(triangular(0, 1, 2, 4)).toBe(1);
    expect(triangular(1, 1, 2, 4)).toBe(4);
    // CDF at the mode is (mode − low)/(high − low) = 1/3.
    expect(triangular(1 / 3, 1, 2, 4)).toBeCloseTo(2, 12);
  });

  it('takes quantiles as R type 7 does', () => {
    // quantile(c(1,2,3,4,10), c(.05,.5,.95)) in R: 1.2, 3, 8.8
    expect(quantileSorted([1, 2, 3, 4, 10], 0.05)).toBeCloseTo(1.2, 12);
    expect(quantileSorted([1, 2, 3, 4, 10], 0.5)).toBe(3);
    expect(quantileSorted([1, 2, 3, 4, 10], 0.95)).toBeCloseTo(8.8, 12);
    expect(interval([5, 1, 4, 2, 3])).toEqual({
      median: 3,
      low: quantileSorted([1, 2, 3, 4, 5], 0.05),
      high: quantileSorted([1, 2, 3, 4, 5], 0.95),
    });
  });

  it('draws the same parameters from the same seed, inside their ranges, and others from another seed', () => {
    const ranges = rangesFor();
    const a = drawParameters(ranges, 50, 11);
    expect(drawParameters(ranges, 50, 11)).toEqual(a);
    expect(drawParameters(ranges, 50, 12)).not.toEqual(a);
    for (const draw of a) {
      expect(draw.caseFatality).toBeGreaterThanOrEqual(ranges.caseFatality.low);
      expect(draw.caseFatality).toBeLessThanOrEqual(ranges.caseFatality.high);
    }
    // The triangular mean is (low + mode + high)/3; 2,000 draws land within 3% of it.
    const many = drawParameters(ranges, 2000, 3).map((d) => d.overdoseUntreated);
    const r = ranges.overdoseUntreated;
    expect(many.reduce((s, v) => s + v, 0) / many.length / ((r.low + r.base + r.high) / 3)).toBeCloseTo(1, 1);
  });

  it('moves a range with a calibrated base, keeping its relative width', () => {
    const r = rangesFor({ overdoseUntreated: 0.3 }).overdoseUntreated;
    expect(r).toEqual({ base: 0.3, low: 0.16, high: 0.6 });
  });
});

describe('ensembles', () => {
  const result = runEnsemble(request);

  it('is reproducible from its seed', () => {
    expect(runEnsemble(request)).toEqual(result);
  });

  it('reports medians inside 90% intervals for every month and total', () => {
    for (const s of [result.baseline, ...result.scenarios]) {
      expect(s.monthly.fatalOverdoses).toHaveLength(36);
      for (const point of s.monthly.fatalOverdoses) expect(point.low <= point.median && point.median <= point.high).toBe(true);
      expect(s.totals.fatalOverdoses.low).toBeLessThan(s.totals.fatalOverdoses.high);
    }
  });

  it('measures averted deaths against the same draw, so the baseline averts none', () => {
    expect(result.baseline.totals.deathsAverted).toEqual({ median: 0, low: 0, high: 0 });
    const [kits, beds] = result.scenarios;
    expect(kits!.totals.deathsAverted.low).toBeGreaterThan(0);
    expect(beds!.totals.inMoudAtEnd.median).toBeGreaterThan(result.baseline.totals.inMoudAtEnd.median);
    expect(kits!.costPerDeathAverted).toBeGreaterThan(0);
  });

  it('prices a scenario from the editable costs', () => {
    const cheaper = runEnsemble({ ...request, costs: { ...defaultCosts, naloxoneKit: 0 }, scenarios: [naloxone] });
    // Every draw's incremental cost falls by exactly the price of the extra kits: 1,800 kits × $75 × 3 years.
    const difference = result.scenarios[0]!.totals.incrementalCost.median - cheaper.scenarios[0]!.totals.incrementalCost.median;
    expect(difference).toBeCloseTo((2400 - 600) * 75 * 3, 4);
  });

  it('refuses more than four scenarios', () => {
    expect(() => runEnsemble({ ...request, scenarios: [naloxone, slots, naloxone, slots, naloxone] })).toThrow(RangeError);
  });

  it('reports progress after each draw', () => {
    const seen: number[] = [];
    runEnsemble({ ...request, draws: 5, scenarios: [] }, (done) => seen.push(done));
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('tornado', () => {
  it('ranks the parameters by how much they move the deaths averted', () => {
    const t = tornado(rangesFor(), setting, naloxone.levers, 36);
    expect(t.base).toBeGreaterThan(0);
    for (let i = 1; i < t.bars.length; i++) expect(t.bars[i - 1]!.swing).toBeGreaterThanOrEqual(t.bars[i]!.swing);
    // Naloxone's effect scales with case fatality and efficacy; the ED linkage rate barely touches it.
    const rank = (k: string) => t.bars.findIndex((b) => b.parameter === k);
    expect(rank('caseFatality')).toBeLessThan(rank('edLinkage'));
    expect(t.bars.find((b) => b.parameter === 'caseFatality')!.atHigh).toBeGreaterThan(t.base);
  });
});
