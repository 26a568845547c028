/** Latency samples in milliseconds, and what a benchmark cell reports from them. */
export interface Summary {
  ops: number;
  seconds: number;
  opsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Nearest-rank percentile of ascending-sorted samples (p in 0..100); NaN when there are none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function summarize(latenciesMs: ArrayLike<number>, seconds: number): Summary {
  const sorted = Float64Array.from(latenciesMs).sort();
  return {
    ops: sorted.length,
    seconds,
    opsPerSecond: seconds > 0 ? sorted.length / seconds : 0,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}

/**
 * A closed loop: `concurrency` async workers each await `op` back to back until `seconds` have
 * passed, timing each call with process.hrtime.bigint. Stops at the first failure and rethrows it.
 */
export async function closedLoop(concurrency: number, seconds: number, op: () => Promise<unknown>): Promise<Summary> {
  const latencies: number[] = [];
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let failure: { error: unknown } | null = null;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (failure === null && process.hrtime.bigint() < deadline) {
        const t0 = process.hrtime.bigint();
        try {
          await op();
        } catch (error) {
          failure ??= { error };
          return;
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  if (failure !== null) throw (failure as { error: unknown }).error;
  return summarize(latencies, Number(process.hrtime.bigint() - start) / 1e9);
}

export function fixed(n: number, digits: number): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '–';
}

/** A Markdown table, columns padded so it also reads well in a terminal. */
export function markdownTable(header: string[], rows: string[][], alignRight: boolean[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (s: string, i: number) => (alignRight[i] ? s.padStart(widths[i] ?? 0) : s.padEnd(widths[i] ?? 0));
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (alignRight[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
