import { describe, expect, it } from 'vitest';
import { communityFrom, discontinuationScale, MIN_FIT_MONTHS, priors, type CommunityData } from './community.ts';
import { inMoud, withOud } from './model.ts';
import { baseParameters } from './parameters.ts';

const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
const base: CommunityData = {
  population: 100_000,
  oudEstimate: 2000,
  months,
  overdoses: months.map((month) => ({ month, fatal: 2, nonFatal: 20 })),
  moudStarts: months.map((month) => ({ month, starts: 25 })),
  retention180: { numerator: 120, denominator: 300 },
  naloxoneKitsLastYear: 1500,
  capacity: { buprenorphine: null, methadone: 400, naltrexone: null },
};

describe('the community setting from its own data', () => {
  it('keeps the population and puts the OUD estimate in the OUD compartments', () => {
    const c = communityFrom(base);
    const s = c.setting.initial;
    const total = Object.values(s).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(100_000, 6);
    expect(withOud(s)).toBeCloseTo(2000, 6);
    expect(c.oudEstimateSource).toBe('estimates');
    expect(s.rxMisuse).toBeCloseTo(100_000 * priors.rxMisusePrevalence, 6);
  });

  it('takes people in MOUD from the starts (steady state) and capacity from the census unless given', () => {
    const c = communityFrom(base);
    expect(c.moudStartsPerYear).toBe(300);
    const p = { ...baseParameters, ...c.overrides };
    expect(c.setting.initial.buprenorphine).toBeCloseTo((300 * p.shareBuprenorphine) / p.discontinueBuprenorphine, 6);
    expect(c.setting.capacity.methadone).toBe(400);
    expect(c.setting.capacity.buprenorphine).toBeCloseTo(c.setting.initial.buprenorphine / 0.9, 6);
  });

  it('moves every discontinuation rate so that the mix retains the observed share at 180 days', () => {
    const c = communityFrom(base);
    const p = { ...baseParameters, ...c.overrides };
    const shares = [p.shareBuprenorphine, p.shareMethadone, 1 - p.shareBuprenorphine - p.shareMethadone];
    const rates = [p.discontinueBuprenorphine, p.discontinueMethadone, p.discontinueNaltrexone];
    const retained = shares.reduce((s, w, k) => s + w * Math.exp(-0.5 * rates[k]!), 0);
    expect(retained).toBeCloseTo(0.4, 6);
    expect(c.retention180).toBeCloseTo(0.4, 9);
    expect(discontinuationScale(baseParameters, 0.9)).toBeLessThan(1);
  });

  it.each([
    { name: 'no estimate: NSDUH prevalence', data: { oudEstimate: null }, source: 'prior', oud: 100_000 * priors.oudPrevalence },
    { name: 'a zero estimate is no estimate', data: { oudEstimate: 0 }, source: 'prior', oud: 100_000 * priors.oudPrevalence },
  ])('falls back to priors: $name', ({ data, source, oud }) => {
    const c = communityFrom({ ...base, ...data });
    expect(c.oudEstimateSource).toBe(source);
    expect(withOud(c.setting.initial)).toBeCloseTo(oud, 6);
    expect(c.notes.join(' ')).toContain('NSDUH 2022');
  });

  it('refuses a community with no population', () => {
    expect(() => communityFrom({ ...base, population: 0 })).toThrow(/no community/);
  });

  it('caps the MOUD census at 80% of the OUD estimate when starts outrun it', () => {
    const c = communityFrom({ ...base, oudEstimate: 200 });
    expect(inMoud(c.setting.initial)).toBeCloseTo(160, 6);
    expect(c.notes.join(' ')).toContain('capped');
  });

  it.each([
    { name: 'all three series', data: {}, keys: ['overdoseUntreated', 'caseFatality', 'treatmentEntry'] },
    { name: 'no overdoses recorded', data: { overdoses: null }, keys: ['treatmentEntry'] },
    {
      name: `deaths in fewer than ${MIN_FIT_MONTHS} months`,
      data: { overdoses: months.map((month, i) => ({ month, fatal: i < 5 ? 1 : 0, nonFatal: 20 })) },
      keys: ['overdoseUntreated', 'treatmentEntry'],
    },
    { name: 'nothing at all', data: { overdoses: null, moudStarts: [] }, keys: [] },
  ])('fits only what the data can carry: $name', ({ data, keys }) => {
    expect(communityFrom({ ...base, ...data }).fitKeys).toEqual(keys);
  });

  it('marks months outside the learning run as not observed, and months without overdoses as zero', () => {
    const c = communityFrom({
      ...base,
      moudStarts: [{ month: '2025-12', starts: 30 }],
      overdoses: [{ month: '2025-06', fatal: 1, nonFatal: 4 }],
    });
    expect(c.observed.treatmentStarts!.slice(-2)).toEqual([null, 30]);
    expect(c.observed.nonFatalOverdoses![0]).toBe(0);
    expect(c.observed.nonFatalOverdoses![5]).toBe(4);
  });
});
