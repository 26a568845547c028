import {
  cascadeStageLabels,
  chartRuleLabels,
  type Annotation,
  type CascadeResponse,
  type CascadeStage,
  type ChartKind,
  type ChartPoint,
  type ChartResponse,
  type ChartRule,
  type MeasureDefinition,
  type MeasureId,
  type MeasureResult,
} from '@continuum/contracts';

/** Consecutive months from `from`, e.g. months('2025-01', 3) → 2025-01, 2025-02, 2025-03. */
export function months(from: string, count: number): string[] {
  const [y, m] = from.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(y, m - 1 + i, 1)).toISOString().slice(0, 7));
}

export interface PointSpec {
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  suppressed?: boolean;
  center?: number | null;
  lcl?: number | null;
  ucl?: number | null;
  rules?: ChartRule[];
  inBaseline?: boolean;
}

/** A chart response as the server would send it, from point specs over consecutive months. */
export function aChart(options: {
  measureId?: MeasureId;
  chart: ChartKind;
  from?: string;
  points: PointSpec[];
  center?: number | null;
  target?: number | null;
  annotations?: Annotation[];
  baseline?: { from: string; to: string };
  sigmaZ?: number | null;
  overdispersed?: boolean;
}): ChartResponse {
  const ms = months(options.from ?? '2025-01', options.points.length);
  const points: ChartPoint[] = options.points.map((p, i) => ({
    month: ms[i]!,
    value: p.suppressed ? null : p.value,
    numerator: p.suppressed ? null : (p.numerator ?? null),
    denominator: p.suppressed ? null : (p.denominator ?? null),
    suppressed: p.suppressed ?? false,
    center: p.suppressed ? null : p.center === undefined ? (options.center ?? null) : p.center,
    lcl: p.lcl ?? null,
    ucl: p.ucl ?? null,
    inBaseline: p.inBaseline ?? true,
    rules: p.rules ?? [],
  }));
  const signalRules = [...new Set(points.flatMap((p) => p.rules))];
  return {
    measureId: options.measureId ?? 'ed_moud_conversion_7',
    chart: options.chart,
    period: { from: ms[0]!, to: ms[ms.length - 1]! },
    scope: { kind: 'network', organizationId: null, organizationName: null },
    baseline: options.baseline ?? { from: ms[0]!, to: ms[ms.length - 1]! },
    center: options.center ?? null,
    sigmaZ: options.sigmaZ ?? null,
    overdispersed: options.overdispersed ?? false,
    target: options.target ?? null,
    points,
    signals: signalRules.map((rule) => ({
      rule,
      label: chartRuleLabels[rule],
      months: points.filter((p) => p.rules.includes(rule)).map((p) => p.month),
    })),
    annotations: options.annotations ?? [],
    computedAt: '2026-11-01T06:00:00.000Z',
  };
}

/**
 * A run chart of a year with a clear improvement: six months below the median, six above (two
 * shifts and too few runs), the third month suppressed (1–10 people).
 */
export function aRunChart(): ChartResponse {
  const values = [0.4, 0.42, 0.41, 0.43, 0.39, 0.44, 0.55, 0.58, 0.57, 0.6, 0.59, 0.61];
  return aChart({
    chart: 'run',
    center: 0.495,
    target: 0.7,
    points: values.map((value, i) =>
      i === 2
        ? { value: null, suppressed: true }
        : { value, numerator: Math.round(value * 100), denominator: 100, center: 0.495, rules: i < 6 ? ['shift'] : ['shift'] },
    ),
  });
}

export function anAnnotation(overrides: Partial<Annotation> = {}): Annotation {
  return {
    id: '00000000-0000-4000-8000-00000000a001',
    measureId: 'ed_moud_conversion_7',
    organizationId: null,
    date: '2025-06-15',
    kind: 'change',
    text: 'ED bridge clinic opened',
    createdAt: '2025-06-15T10:00:00.000Z',
    updatedAt: '2025-06-15T10:00:00.000Z',
    ...overrides,
  };
}

export function aDefinition(overrides: Partial<MeasureDefinition> & Pick<MeasureDefinition, 'id' | 'name'>): MeasureDefinition {
  return {
    source: "The network's own measure",
    kind: 'proportion',
    numerator: 'Referrals followed by MOUD within 7 days',
    denominator: 'Referrals from an ED to a MOUD service',
    windows: 'Referral day through day + 7',
    exclusions: 'None',
    target: null,
    higherIsBetter: true,
    defaultChart: 'p',
    unit: 'rate',
    ...overrides,
  };
}

export function aResult(measureId: MeasureId, overrides: Partial<MeasureResult> = {}): MeasureResult {
  return {
    measureId,
    numerator: 520,
    denominator: 1000,
    rate: 0.52,
    suppressed: false,
    target: null,
    months: months('2025-01', 12).map((month, i) => ({
      month,
      numerator: 40 + i,
      denominator: 90,
      value: (40 + i) / 90,
      suppressed: false,
    })),
    strata: [],
    ...overrides,
  };
}

export function aStage(id: CascadeStage['id'], count: number | null, overrides: Partial<CascadeStage> = {}): CascadeStage {
  return { id, label: cascadeStageLabels[id], count, suppressed: false, percentOfEstimated: null, percentOfPrevious: null, ...overrides };
}

/** A network cascade with realistic drop-off, and `recovery` suppressed. */
export function aCascade(overrides: Partial<CascadeResponse> = {}): CascadeResponse {
  return {
    period: { from: '2025-01', to: '2025-12' },
    scope: { kind: 'network', organizationId: null, organizationName: null },
    computedAt: '2026-11-01T06:00:00.000Z',
    stages: [
      aStage('estimated', 4000, { percentOfEstimated: 1 }),
      aStage('identified', 2400, { percentOfEstimated: 0.6, percentOfPrevious: 0.6 }),
      aStage('engaged', 1600, { percentOfEstimated: 0.4, percentOfPrevious: 1600 / 2400 }),
      aStage('moud_started', 1000, { percentOfEstimated: 0.25, percentOfPrevious: 0.625 }),
      aStage('retained_6m', 500, { percentOfEstimated: 0.125, percentOfPrevious: 0.5, notYetEvaluable: 120 }),
      aStage('recovery', null, { suppressed: true }),
    ],
    estimate: { count: 4000, low: 3200, high: 4800 },
    stratum: null,
    strata: [],
    ...overrides,
  };
}
