/* Row ordering, coverage intervals and counting helpers for the screening evaluation (screening-evaluate.ts). */

/** Orders rows [from, to) by day, moving every column with them (insertion sort: people have few rows). */
export function sortByDay(from: number, to: number, day: Int32Array, columns: Int32Array[], mme: Float32Array): void {
  if (to - from < 2) return;
  let sorted = true;
  for (let j = from + 1; j < to; j++) if (day[j]! < day[j - 1]!) sorted = false;
  if (sorted) return;
  if (to - from > 32) {
    const idx = Array.from({ length: to - from }, (_, i) => from + i).sort((a, b) => day[a]! - day[b]!);
    for (const col of [...columns, mme]) {
      const copy = idx.map((i) => col[i]!);
      copy.forEach((v, i) => (col[from + i] = v));
    }
    return;
  }
  for (let j = from + 1; j < to; j++) {
    for (let i = j; i > from && day[i]! < day[i - 1]!; i--) {
      for (const col of columns) {
        const t = col[i]!;
        col[i] = col[i - 1]!;
        col[i - 1] = t;
      }
      const t = mme[i]!;
      mme[i] = mme[i - 1]!;
      mme[i - 1] = t;
    }
  }
}

export function intervals(rowsIdx: Int32Array, count: number, day: Int32Array, end: Int32Array): [number, number][] {
  const out: [number, number][] = [];
  for (let a = 0; a < count; a++) out.push([day[rowsIdx[a]!]!, end[rowsIdx[a]!]!]);
  return out;
}

export function inc(m: Map<number, number>, key: number) {
  m.set(key, (m.get(key) ?? 0) + 1);
}
export function dec(m: Map<number, number>, key: number) {
  const v = m.get(key)! - 1;
  if (v === 0) m.delete(key);
  else m.set(key, v);
}

/** Days covered by both sets of [start, end) intervals. */
export function overlapDays(a: [number, number][], b: [number, number][]): number {
  const merge = (xs: [number, number][]) => {
    const s = [...xs].sort((x, y) => x[0] - y[0]);
    const out: [number, number][] = [];
    for (const [st, en] of s) {
      const lastI = out[out.length - 1];
      if (lastI && st <= lastI[1]) lastI[1] = Math.max(lastI[1], en);
      else out.push([st, en]);
    }
    return out;
  };
  const ma = merge(a);
  const mb = merge(b);
  let i = 0;
  let j = 0;
  let days = 0;
  while (i < ma.length && j < mb.length) {
    const st = Math.max(ma[i]![0], mb[j]![0]);
    const en = Math.min(ma[i]![1], mb[j]![1]);
    if (en > st) days += en - st;
    if (ma[i]![1] < mb[j]![1]) i++;
    else j++;
  }
  return days;
}
