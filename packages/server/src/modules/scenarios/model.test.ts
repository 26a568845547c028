import { describe, expect, it } from 'vitest';
import { compartments, inMoud, noLevers, simulate, total, type CompartmentSizes, type Setting } from './model.ts';
import { baseParameters, parameterKeys, type ModelParameters } from './parameters.ts';

const zero = Object.fromEntries(parameterKeys.map((k) => [k, 0])) as Record<(typeof parameterKeys)[number], number>;
const only = (rates: Partial<ModelParameters>): ModelParameters => ({ ...zero, ...rates });
const sizes = (s: Partial<CompartmentSizes>): CompartmentSizes =>
  ({ ...Object.fromEntries(compartments.map((c) => [c, 0])), ...s }) as CompartmentSizes;
const setting = (
  initial: CompartmentSizes,
  capacity: Setting['capacity'] = { buprenorphine: null, methadone: null, naltrexone: null },
): Setting => ({
  initial,
  capacity,
  naloxoneKitsPerYear: 0,
  waitWeeks: 0,
  ftsUptake: 0,
});

const community = setting(
  sizes({
    noMisuse: 100_000,
    rxMisuse: 2_000,
    untreated: 1_500,
    buprenorphine: 500,
    methadone: 300,
    naltrexone: 40,
    remission: 400,
    incarcerated: 150,
  }),
  { buprenorphine: 700, methadone: 400, naltrexone: null },
);

describe('conservation', () => {
  it('changes the number of people only through entries, overdose deaths and other deaths', () => {
    const run = simulate(baseParameters, { ...community, naloxoneKitsPerYear: 800 }, noLevers, 120);
    let before = total(community.initial);
    for (const m of run) {
      const after = total(m.sizes);
      expect(after).toBeCloseTo(before + m.entries - m.fatalOverdoses - m.otherDeaths, 6);
      before = after;
    }
    // The flows are not trivially zero: the check above balances real movement.
    expect(run.reduce((s, m) => s + m.fatalOverdoses, 0)).toBeGreaterThan(10);
    expect(run.reduce((s, m) => s + m.entries, 0)).toBeGreaterThan(1000);
  });

  it('holds with every lever pulled at once', () => {
    const levers = {
      extraSlots: { buprenorphine: 300, methadone: 100, naltrexone: 0 },
      edInduction: 0.3,
      jailMoudAtRelease: 0.5,
      retentionImprovement: 0.3,
      naloxoneKitsPerYear: 3000,
      ftsUptake: 0.4,
      prescribingReduction: 0.3,
      waitWeeks: 0,
    };
    const run = simulate(baseParameters, community, levers, 60);
    const last = run.at(-1)!;
    const flows = run.reduce((s, m) => s + m.entries - m.fatalOverdoses - m.otherDeaths, 0);
    expect(total(last.sizes)).toBeCloseTo(total(community.initial) + flows, 5);
    for (const c of compartments) expect(last.sizes[c]).toBeGreaterThanOrEqual(0);
  });
});

describe('steady states computed by hand', () => {
  it('untreated ⇄ remission settles at λ/(σ+λ) of the people', () => {
    // σ = 0.5, λ = 0.25 per year: U* = 1000 · 0.25/0.75 = 333.33, R* = 666.67.
    const run = simulate(only({ remission: 0.5, relapse: 0.25 }), setting(sizes({ untreated: 1000 })), noLevers, 360);
    expect(run.at(-1)!.sizes.untreated).toBeCloseTo(1000 / 3, 3);
    expect(run.at(-1)!.sizes.remission).toBeCloseTo(2000 / 3, 3);
  });

  it('treatment entry and discontinuation settle at τ/(τ+δ) in MOUD', () => {
    // τ = 0.6 (all buprenorphine), δ = 1.2: B* = 900 · 0.6/1.8 = 300.
    const p = only({ treatmentEntry: 0.6, shareBuprenorphine: 1, discontinueBuprenorphine: 1.2 });
    const run = simulate(p, setting(sizes({ untreated: 900 })), noLevers, 240);
    expect(run.at(-1)!.sizes.buprenorphine).toBeCloseTo(300, 3);
  });

  it('a capacity limit settles where τ·room(B)·(T − B) = δB', () => {
    // T = 1000, τ = 1, δ = 0.5, C = 200; unlimited, B* would be 667, so B* is in the band 180–200 where
    // room = (200 − B)/20: (200 − B)(1000 − B) = 10B → B² − 1210B + 200000 = 0,
    // B* = (1210 − √(1210² − 800000))/2 = 197.54.
    const p = only({ treatmentEntry: 1, shareBuprenorphine: 1, discontinueBuprenorphine: 0.5 });
    const run = simulate(p, setting(sizes({ untreated: 1000 }), { buprenorphine: 200, methadone: null, naltrexone: null }), noLevers, 240);
    const expected = (1210 - Math.sqrt(1210 ** 2 - 800_000)) / 2;
    expect(run.at(-1)!.sizes.buprenorphine).toBeCloseTo(expected, 2);
  });

  it('with entries and overdose deaths only, deaths per month settle at entries per month', () => {
    // Inflow e·T0 into N; illicit initiation moves everyone on; U is left only by fatal overdose
    // (rate o·cf = 1.5 · 0.5): deaths/month → e·T0/12 and U* = e·T0/(o·cf).
    const p = only({ entryRate: 0.01, illicitInitiation: 2, overdoseUntreated: 1.5, caseFatality: 0.5 });
    const start = setting(sizes({ noMisuse: 10_000 }));
    const run = simulate(p, start, noLevers, 600);
    expect(run.at(-1)!.fatalOverdoses).toBeCloseTo(100 / 12, 4);
    expect(run.at(-1)!.sizes.untreated).toBeCloseTo(100 / 0.75, 3);
  });

  it('naloxone lowers the fatal share as 1 − witnessed · presence · efficacy', () => {
    // Presence = 1 − exp(−kits/(k · at risk)) = 1 − e⁻¹ with kits = k · 1000; fatal share = cf (1 − w·pres·eff).
    const p = only({ overdoseUntreated: 0.2, caseFatality: 0.1, witnessed: 0.5, naloxoneEfficacy: 0.9, naloxonePresence: 2 });
    const run = simulate(p, { ...setting(sizes({ untreated: 1000 })), naloxoneKitsPerYear: 2000 }, noLevers, 1);
    const share = 0.1 * (1 - 0.5 * (1 - Math.exp(-1)) * 0.9);
    const month = run[0]!;
    expect(month.fatalOverdoses / (month.fatalOverdoses + month.nonFatalOverdoses)).toBeCloseTo(share, 3);
  });
});

describe('levers move the model the way the evidence says', () => {
  const deaths = (run: ReturnType<typeof simulate>) => run.reduce((s, m) => s + m.fatalOverdoses, 0);
  // Programmes full (census at capacity) and demand above it, as in most communities, for the slot lever.
  const full: Setting = { ...community, capacity: { buprenorphine: 500, methadone: 300, naltrexone: 40 }, waitWeeks: 3 };
  const open: Setting = { ...community, capacity: { buprenorphine: null, methadone: null, naltrexone: null }, waitWeeks: 3 };
  const demand = { ...baseParameters, treatmentEntry: 2 };

  it.each([
    ['more slots', full, { extraSlots: { buprenorphine: 500, methadone: 200, naltrexone: 0 } }],
    ['ED induction', open, { edInduction: 0.4 }],
    ['jail MOUD at release', open, { jailMoudAtRelease: 0.6 }],
    ['retention', open, { retentionImprovement: 0.3 }],
    ['naloxone kits', open, { naloxoneKitsPerYear: 4000 }],
    ['test strips', open, { ftsUptake: 0.5 }],
    ['prescribing reduction', open, { prescribingReduction: 0.5 }],
    ['no wait', open, { waitWeeks: 0 }],
  ] as const)('%s averts deaths', (_name, where, change) => {
    const run = simulate(demand, where, { ...noLevers, ...change }, 60);
    const base = simulate(demand, where, noLevers, 60);
    expect(deaths(run)).toBeLessThan(deaths(base));
  });

  it('more slots put more people in MOUD when programmes are full', () => {
    const today = simulate(demand, full, noLevers, 60);
    const run = simulate(demand, full, { ...noLevers, extraSlots: { buprenorphine: 500, methadone: 200, naltrexone: 0 } }, 60);
    expect(inMoud(today.at(-1)!.sizes)).toBeLessThanOrEqual(500 + 300 + 40);
    expect(inMoud(run.at(-1)!.sizes)).toBeGreaterThan(inMoud(today.at(-1)!.sizes) + 300);
  });
});

describe('the solver tolerance', () => {
  it('keeps a 10-year run within 1e-7 relative of a reference solved at 1e-12, in every compartment', async () => {
    const { derivative, TOLERANCE } = await import('./model.ts');
    const { solve } = await import('./ode.ts');
    const s = { ...community, naloxoneKitsPerYear: 800 };
    const y0 = new Float64Array(15);
    compartments.forEach((c, i) => (y0[i] = s.initial[c]));
    const times = Array.from({ length: 121 }, (_, k) => k / 12);
    const f = derivative(baseParameters, s, noLevers);
    const reference = solve(f, y0, times, { steps: 64, tolerance: 1e-12, maxSteps: 1 << 16 }).states[120]!;
    const used = solve(f, y0, times, { steps: 1, tolerance: TOLERANCE }).states[120]!;
    for (let i = 0; i < 15; i++) expect(Math.abs(used[i]! - reference[i]!) / Math.max(reference[i]!, 1e-9)).toBeLessThan(1e-7);
  });
});
