import { describe, expect, it } from 'vitest';
import {
  cascadeStageLabels,
  type CascadeResponse,
  type CascadeStage,
  type MeasureMonth,
  type MeasureResultsResponse,
} from '@continuum/contracts';
import { pdfTextRuns } from '../../test-support/pdf-text.ts';
import { buildChart } from './chart.ts';
import { measureDefinitions } from './definitions.ts';
import { pdfText, renderLearningReport, reportFileName, type LearningReport } from './report-pdf.ts';

const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
const stage = (id: CascadeStage['id'], count: number | null, extra: Partial<CascadeStage> = {}): CascadeStage => ({
  id,
  label: cascadeStageLabels[id],
  count,
  suppressed: count === null,
  percentOfEstimated: null,
  percentOfPrevious: null,
  ...extra,
});

/** A year of results: every proportion at 40% rising to 60% after June, naloxone kits suppressed in March. */
function aReport(): LearningReport {
  const results: MeasureResultsResponse = {
    period: { from: '2025-01', to: '2025-12' },
    scope: { kind: 'organization', organizationId: '00000000-0000-4000-8000-000000000001', organizationName: 'Harbor General ED' },
    computedAt: '2026-01-02T06:00:00.000Z',
    stratum: null,
    results: measureDefinitions.map((d) => {
      const series: MeasureMonth[] = months.map((month, i) => {
        if (d.kind === 'proportion')
          return { month, numerator: i < 6 ? 40 : 60, denominator: 100, value: i < 6 ? 0.4 : 0.6, suppressed: false };
        if (d.id === 'naloxone_kits' && i === 2) return { month, numerator: null, denominator: null, value: null, suppressed: true };
        return { month, numerator: 30 + i, denominator: null, value: 30 + i, suppressed: false };
      });
      return {
        measureId: d.id,
        numerator: d.kind === 'proportion' ? 600 : null,
        denominator: d.kind === 'proportion' ? 1200 : null,
        rate: d.kind === 'proportion' ? 0.5 : d.id === 'naloxone_kits' ? null : 400,
        suppressed: d.id === 'naloxone_kits',
        target: d.id === 'ed_moud_conversion_7' ? 0.7 : null,
        months: series,
        strata: [],
      };
    }),
  };
  const cascade: CascadeResponse = {
    period: results.period,
    scope: results.scope,
    computedAt: results.computedAt,
    stages: [
      stage('estimated', 4000, { suppressed: false, percentOfEstimated: 1 }),
      stage('identified', 2400, { percentOfPrevious: 0.6, percentOfEstimated: 0.6 }),
      stage('engaged', null),
      stage('moud_started', 1000, { percentOfEstimated: 0.25 }),
    ],
    estimate: null,
    stratum: null,
    strata: [],
  };
  const definitions = measureDefinitions.map((d) => ({ ...d, target: d.id === 'ed_moud_conversion_7' ? 0.7 : null }));
  const charts = new Map(
    definitions.map((d) => [
      d.id,
      buildChart({
        months: results.results.find((r) => r.measureId === d.id)!.months,
        kind: d.kind,
        chart: undefined,
        defaultChart: d.defaultChart,
        baselineFrom: '2025-01',
        baselineTo: '2025-06',
      }),
    ]),
  );
  return {
    cascade,
    results,
    definitions,
    charts,
    annotations: [
      {
        id: '00000000-0000-4000-8000-00000000a001',
        measureId: 'ed_moud_conversion_7',
        organizationId: null,
        date: '2025-07-01',
        kind: 'change',
        text: 'Bridge clinic opened',
        createdAt: '',
        updatedAt: '',
      },
    ],
    stratumTitle: null,
    generatedAt: new Date('2026-01-05T09:00:00Z'),
  };
}

describe('renderLearningReport', () => {
  it('is a PDF with the period and scope in the header, the generated date, the cascade and every measure', async () => {
    const pdf = await renderLearningReport(aReport(), { compress: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    const text = pdfTextRuns(pdf);
    const all = text.join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Cascade of care and quality measures');
    expect(text).toContain('Harbor General ED · January 2025 – December 2025');
    expect(all).toContain('Generated 2026-01-05, from results computed 2026-01-02.');
    // The running header on every page.
    const headers = text.filter((t) => t === 'Continuum · Harbor General ED · January 2025 – December 2025 · generated 2026-01-05');
    const pages = text.filter((t) => /^Page \d+ of \d+$/.test(t));
    expect(headers.length).toBe(pages.length);
    expect(pages.length).toBeGreaterThan(1);
    for (const d of measureDefinitions) expect(all).toContain(pdfText(d.name));
    expect(all).toContain('This period: 50.0% (600 of 1,200) Target: 70.0%');
    expect(text).toContain('Started medication for OUD');
    expect(text).toContain('4,000');
    // The step after June is a shift on the p-chart with a June baseline.
    expect(all).toMatch(/Special causes: .*Point beyond the control limits \(July 2025 – December 2025\)/);
    expect(text).toContain('Bridge clinic opened');
  });

  it('prints suppressed cells as "fewer than 11" and never their number', async () => {
    const report = aReport();
    const text = pdfTextRuns(await renderLearningReport(report, { compress: false }));
    const all = text.join(' ').replace(/\s+/g, ' ');
    // The suppressed cascade stage and the suppressed measure.
    const engaged = text.indexOf('Engaged in OUD care');
    expect(text[engaged + 1]).toBe('fewer than 11');
    expect(all).toContain('This period: fewer than 11 Target: none set');
    expect(all).toContain('a count of 1 to 10 people is shown as "fewer than 11"');
    // No count of 1–10 is printed as a cell anywhere.
    expect(text.filter((t) => /^(?:[1-9]|10)$/.test(t))).toEqual([]);
  });

  it('names the stratum in the header and lists each measure and the cascade by stratum value, small cells in words', async () => {
    const report = aReport();
    report.stratumTitle = 'by sex';
    report.results = {
      ...report.results,
      stratum: 'sex',
      results: report.results.results.map((r) =>
        r.measureId === 'ed_moud_conversion_7'
          ? {
              ...r,
              strata: [
                { value: 'female', label: 'Female', numerator: 320, denominator: 600, rate: 320 / 600, suppressed: false },
                { value: 'male', label: 'Male', numerator: null, denominator: null, rate: null, suppressed: true },
              ],
            }
          : r,
      ),
    };
    report.cascade = {
      ...report.cascade,
      stratum: 'sex',
      strata: [{ value: 'female', label: 'Female', stages: [stage('identified', 2000, { suppressed: false }), stage('engaged', null)] }],
    };
    const all = pdfTextRuns(await renderLearningReport(report, { compress: false }))
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(all).toContain('Harbor General ED, by sex · January 2025 – December 2025');
    expect(all).toContain('By sex: Female 53.3% (320 of 600); Male fewer than 11.');
    expect(all).toContain('Female: identified 2,000, engaged fewer than 11.');
  });

  it('names the file by scope and period', () => {
    expect(reportFileName(aReport().results)).toBe('continuum-report-harbor-general-ed-2025-01-2025-12.pdf');
  });

  it.each([
    ['Laney p′-chart', "Laney p'-chart"],
    ['σz ≥ 1', 'sigma z >= 1'],
    ['F10–F19 · café', 'F10–F19 · café'],
  ])('writes %s in the PDF font as %s', (input, output) => {
    expect(pdfText(input)).toBe(output);
  });
});
