/*
 * Shewhart control charts for the learning system (reference: Provost & Murray, The Health Care
 * Data Guide, 2011; Laney, Quality Engineering 2002;14:531–7; worked numbers in the project's SPC
 * reference, §3.2 and §3.5):
 *   p-chart   p̄ = Σx/Σn, limits p̄ ± 3√(p̄(1−p̄)/nᵢ) per point, clamped to [0, 1]
 *   Laney p′  zᵢ = (pᵢ − p̄)/σpᵢ, σz = mean|zᵢ − zᵢ₋₁| / 1.128, limits p̄ ± 3·σpᵢ·σz
 *   u-chart   ū = Σc/Σa, limits ū ± 3√(ū/aᵢ), LCL floored at 0
 *   XmR       x̄ ± 2.66·MR̄ (natural process limits), MR upper limit 3.267·MR̄
 * The centre line and limits come from a baseline (the first `baselineLength` points, default all)
 * and are frozen for the points after it. Special causes use the IHI control-chart rules:
 *   beyond_limits — a point outside the limits
 *   shift         — 8 or more consecutive points on one side of the centre line
 *   trend         — 6 or more consecutive points all increasing or all decreasing
 *   two_of_three  — 2 of 3 consecutive points in the outer third (beyond 2σ), same side
 */

export const CONTROL_SHIFT_LENGTH = 8;
export const CONTROL_TREND_LENGTH = 6;
const D2 = 1.128;

export interface ControlPoint {
  value: number;
  lcl: number;
  ucl: number;
}

export interface ControlSignal {
  rule: 'beyond_limits' | 'shift' | 'trend' | 'two_of_three' | 'moving_range';
  indices: number[];
}

export interface ControlChart {
  kind: 'p' | 'p_laney' | 'u' | 'xmr';
  center: number;
  points: ControlPoint[];
  signals: ControlSignal[];
  /** Laney's σz (p′ only): well above 1 means overdispersion. */
  sigmaZ?: number;
  /** XmR only: the mean moving range and its upper limit. */
  movingRange?: { mean: number; ucl: number; values: (number | null)[] };
}

function baselineOf<T>(items: readonly T[], length: number | undefined): readonly T[] {
  const n = length ?? items.length;
  if (n < 2 || n > items.length) throw new RangeError('the baseline needs at least 2 points and no more than the chart has');
  return items.slice(0, n);
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

export function pChart(
  x: readonly number[],
  n: readonly number[],
  options: { baselineLength?: number; laney?: boolean } = {},
): ControlChart {
  if (x.length !== n.length) throw new RangeError('numerators and denominators differ in length');
  if (n.some((v) => !(v > 0))) throw new RangeError('every denominator must be positive');
  const bx = baselineOf(x, options.baselineLength);
  const bn = baselineOf(n, options.baselineLength);
  const pBar = bx.reduce((a, b) => a + b, 0) / bn.reduce((a, b) => a + b, 0);
  const sigmaP = (ni: number) => Math.sqrt((pBar * (1 - pBar)) / ni);
  let sigmaZ = 1;
  if (options.laney) {
    const z = bx.map((xi, i) => (xi / bn[i]! - pBar) / sigmaP(bn[i]!));
    let sum = 0;
    for (let i = 1; i < z.length; i++) sum += Math.abs(z[i]! - z[i - 1]!);
    sigmaZ = sum / (z.length - 1) / D2;
  }
  const points = x.map((xi, i) => {
    const s = sigmaP(n[i]!) * sigmaZ;
    return { value: xi / n[i]!, lcl: clamp01(pBar - 3 * s), ucl: clamp01(pBar + 3 * s) };
  });
  return {
    kind: options.laney ? 'p_laney' : 'p',
    center: pBar,
    points,
    signals: specialCauses(points, pBar),
    ...(options.laney ? { sigmaZ } : {}),
  };
}

export function uChart(c: readonly number[], exposure: readonly number[], options: { baselineLength?: number } = {}): ControlChart {
  if (c.length !== exposure.length) throw new RangeError('counts and exposures differ in length');
  if (exposure.some((v) => !(v > 0))) throw new RangeError('every exposure must be positive');
  const bc = baselineOf(c, options.baselineLength);
  const ba = baselineOf(exposure, options.baselineLength);
  const uBar = bc.reduce((a, b) => a + b, 0) / ba.reduce((a, b) => a + b, 0);
  const points = c.map((ci, i) => {
    const s = Math.sqrt(uBar / exposure[i]!);
    return { value: ci / exposure[i]!, lcl: Math.max(0, uBar - 3 * s), ucl: uBar + 3 * s };
  });
  return { kind: 'u', center: uBar, points, signals: specialCauses(points, uBar) };
}

export function xmrChart(values: readonly number[], options: { baselineLength?: number } = {}): ControlChart {
  const base = baselineOf(values, options.baselineLength);
  const mean = base.reduce((a, b) => a + b, 0) / base.length;
  let mrSum = 0;
  for (let i = 1; i < base.length; i++) mrSum += Math.abs(base[i]! - base[i - 1]!);
  const mrBar = mrSum / (base.length - 1);
  const lcl = mean - 2.66 * mrBar;
  const ucl = mean + 2.66 * mrBar;
  const points = values.map((v) => ({ value: v, lcl, ucl }));
  const mr = values.map((v, i) => (i === 0 ? null : Math.abs(v - values[i - 1]!)));
  const mrUcl = 3.267 * mrBar;
  const signals = specialCauses(points, mean);
  const highRanges = mr.flatMap((r, i) => (r !== null && r > mrUcl ? [i] : []));
  if (highRanges.length > 0) signals.push({ rule: 'moving_range', indices: highRanges });
  return { kind: 'xmr', center: mean, points, signals, movingRange: { mean: mrBar, ucl: mrUcl, values: mr } };
}

/** The IHI control-chart rules over points with (possibly per-point) 3σ limits. */
export function specialCauses(points: readonly ControlPoint[], center: number): ControlSignal[] {
  const signals: ControlSignal[] = [];
  const beyond = points.flatMap((p, i) => (p.value > p.ucl || p.value < p.lcl ? [i] : []));
  if (beyond.length > 0) signals.push({ rule: 'beyond_limits', indices: beyond });

  const side = points.map((p) => (p.value > center ? 1 : p.value < center ? -1 : 0));
  let start = 0;
  for (let i = 1; i <= points.length; i++) {
    if (i === points.length || side[i] !== side[start] || side[i] === 0) {
      if (side[start] !== 0 && i - start >= CONTROL_SHIFT_LENGTH) signals.push({ rule: 'shift', indices: range(start, i) });
      start = i;
    }
  }

  let tStart = 0;
  let dir = 0;
  for (let i = 1; i <= points.length; i++) {
    const d = i < points.length ? Math.sign(points[i]!.value - points[i - 1]!.value) : 0;
    if (i === points.length || d === 0 || (dir !== 0 && d !== dir)) {
      if (dir !== 0 && i - tStart >= CONTROL_TREND_LENGTH) signals.push({ rule: 'trend', indices: range(tStart, i) });
      tStart = i - 1;
      if (d === 0) tStart = i;
    }
    dir = d;
  }

  // Outer third: beyond 2σ, i.e. more than two thirds of the way from the centre to a limit.
  const outer = points.map((p) =>
    p.value > center + (2 / 3) * (p.ucl - center) ? 1 : p.value < center - (2 / 3) * (center - p.lcl) ? -1 : 0,
  );
  const flagged = new Set<number>();
  for (let i = 2; i < points.length; i++) {
    for (const s of [1, -1]) {
      const hits = [i - 2, i - 1, i].filter((j) => outer[j] === s);
      if (hits.length >= 2) hits.forEach((j) => flagged.add(j));
    }
  }
  if (flagged.size > 0) signals.push({ rule: 'two_of_three', indices: [...flagged].sort((a, b) => a - b) });
  return signals;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}
