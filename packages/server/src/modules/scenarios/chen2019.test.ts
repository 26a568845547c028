import { describe, expect, it } from 'vitest';
import {
  cdcOpioidDeaths2002to2015,
  chenBaseCase,
  chenPublished,
  fitChenOverdoseLevels,
  runChen,
  withNonmedicalIncidenceDecline,
} from './chen2019.ts';

/**
 * Replication of Chen et al. 2019 (JAMA Netw Open 2:e187621; Results and the Key Points): under the status
 * quo, 81,700 opioid overdose deaths in 2025, 700,400 from 2016 to 2025, about 1.5 million people using
 * illicit opioids in 2025, and 3.0% (incidence of misuse falling 7.5%/yr) and 5.3% (11.3%/yr) fewer deaths
 * 2016–2025. As in the paper, the overdose mortality levels are fitted to CDC opioid overdose deaths
 * 2002–2015 (the paper's calibration targets); every other rate is the paper's eTable 4.
 * Tolerances: 3% on the calibration period, 10% on projected levels, 2 percentage points on relative effects.
 */
describe('Chen et al. 2019 replication', () => {
  const fit = fitChenOverdoseLevels(chenBaseCase);
  const rows = runChen(fit.parameters);
  const byYear = new Map(rows.map((r) => [r.year, r]));
  const cumulative = (rs: typeof rows) => rs.filter((r) => r.year >= 2016 && r.year <= 2025).reduce((s, r) => s + r.deaths, 0);

  it('fits the 2002–2015 CDC opioid overdose deaths within 10% every year and 3% in 2015', () => {
    cdcOpioidDeaths2002to2015.forEach((observed, i) => {
      expect(Math.abs(byYear.get(2002 + i)!.deaths / observed - 1)).toBeLessThan(0.1);
    });
    expect(Math.abs(byYear.get(2015)!.deaths / chenPublished.deaths2015 - 1)).toBeLessThan(0.03);
  });

  it('projects 2025 deaths and 2016–2025 deaths within 10% of the published status quo', () => {
    expect(Math.abs(byYear.get(2025)!.deaths / chenPublished.deaths2025 - 1)).toBeLessThan(0.1);
    expect(Math.abs(cumulative(rows) / chenPublished.deaths2016to2025 - 1)).toBeLessThan(0.1);
  });

  it('projects about 1.5 million people using illicit opioids in 2025 (within 12%)', () => {
    expect(Math.abs(byYear.get(2025)!.illicit / chenPublished.illicitUsers2025 - 1)).toBeLessThan(0.12);
  });

  it('reproduces the modest effect of preventing prescription misuse within 2 percentage points', () => {
    const base = cumulative(rows);
    const [historical, faster] = [-0.075, -0.113].map(
      (apc) => (1 - cumulative(runChen(withNonmedicalIncidenceDecline(fit.parameters, apc))) / base) * 100,
    );
    expect(Math.abs(historical! - chenPublished.reductionHistoricalPercent)).toBeLessThan(2);
    expect(Math.abs(faster! - chenPublished.reductionFasterPercent)).toBeLessThan(2);
    expect(faster!).toBeGreaterThan(historical!);
  });
});
