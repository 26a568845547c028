/**
 * Fixed-step classical Runge–Kutta (RK4) with step-doubling error control.
 *
 * Each output interval (a month in the scenario model, a year in the replication) is covered with
 * `steps` equal RK4 steps, and again with twice as many half steps; while the two answers differ by more
 * than `tolerance` (relative, with an absolute floor of 1e-9 people) the step count doubles, up to
 * `maxSteps`. The half-step answer, improved by Richardson extrapolation ((16·y_h − y_2h)/15, the error of
 * RK4 being O(h⁴)), is kept. Numerical Recipes, 3rd ed., §17.2 "Adaptive stepsize control for
 * Runge–Kutta" describes the scheme. The system is small and non-stiff (rates below a few per year),
 * which is where a fixed-step RK4 is accurate; the step-doubling check proves it on every interval.
 */
export type Derivative = (t: number, y: Float64Array, dydt: Float64Array) => void;

export interface SolveOptions {
  /** RK4 steps per output interval to start with (default 2). */
  readonly steps?: number;
  /** Relative tolerance between the step and the doubled-step answers (default 1e-7). */
  readonly tolerance?: number;
  /** Most steps per output interval before giving up (default 1024). */
  readonly maxSteps?: number;
}

export interface Trajectory {
  readonly times: readonly number[];
  /** states[i] is the state at times[i]. */
  readonly states: readonly Float64Array[];
  /** The largest step-doubling error estimate met, relative. */
  readonly maxError: number;
}

/** Integrates over [t0, t1] in `steps` RK4 steps into `y` (a work buffer: no allocation per span). */
function rk4Span(f: Derivative, t0: number, y0: Float64Array, t1: number, steps: number, w: Work, y: Float64Array): Float64Array {
  const n = y0.length;
  const h = (t1 - t0) / steps;
  y.set(y0);
  const { k1, k2, k3, k4, tmp } = w;
  for (let s = 0; s < steps; s++) {
    const t = t0 + s * h;
    f(t, y, k1);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + (h / 2) * k1[i]!;
    f(t + h / 2, tmp, k2);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + (h / 2) * k2[i]!;
    f(t + h / 2, tmp, k3);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + h * k3[i]!;
    f(t + h, tmp, k4);
    for (let i = 0; i < n; i++) y[i] = y[i]! + (h / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
  }
  return y;
}

interface Work {
  k1: Float64Array;
  k2: Float64Array;
  k3: Float64Array;
  k4: Float64Array;
  tmp: Float64Array;
  a: Float64Array;
  b: Float64Array;
}

/** Integrates dy/dt = f(t, y) from times[0] (where y = y0) and returns the state at every time. */
export function solve(
  f: Derivative,
  y0: readonly number[] | Float64Array,
  times: readonly number[],
  options: SolveOptions = {},
): Trajectory {
  const tolerance = options.tolerance ?? 1e-7;
  const maxSteps = options.maxSteps ?? 1024;
  const n = y0.length;
  const w: Work = {
    k1: new Float64Array(n),
    k2: new Float64Array(n),
    k3: new Float64Array(n),
    k4: new Float64Array(n),
    tmp: new Float64Array(n),
    a: new Float64Array(n),
    b: new Float64Array(n),
  };
  const states: Float64Array[] = [Float64Array.from(y0)];
  let maxError = 0;
  for (let k = 1; k < times.length; k++) {
    const t0 = times[k - 1]!;
    const t1 = times[k]!;
    const from = states[k - 1]!;
    let steps = options.steps ?? 2;
    let coarse = rk4Span(f, t0, from, t1, steps, w, w.a);
    for (;;) {
      const fine = rk4Span(f, t0, from, t1, steps * 2, w, coarse === w.a ? w.b : w.a);
      let error = 0;
      for (let i = 0; i < n; i++) {
        const scale = Math.max(Math.abs(fine[i]!), 1e-9);
        error = Math.max(error, Math.abs(fine[i]! - coarse[i]!) / scale);
      }
      if (error <= tolerance || steps * 2 >= maxSteps) {
        if (error > tolerance) throw new Error(`ODE step control failed between t=${t0} and t=${t1}: error ${error.toExponential(2)}`);
        maxError = Math.max(maxError, error);
        const kept = new Float64Array(n);
        for (let i = 0; i < n; i++) kept[i] = (16 * fine[i]! - coarse[i]!) / 15;
        states.push(kept);
        break;
      }
      steps *= 2;
      coarse = fine;
    }
  }
  return { times: [...times], states, maxError };
}
