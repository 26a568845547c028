// One thread's share of a Dice scan, in plain JavaScript so that a worker thread can load it without
// the TypeScript loader (thread start-up drops from about a second to milliseconds). Types are in
// dice-task.d.ts; the kernel and the memory layout are described in dice-kernel.ts and dice.ts.

const CLK_BYTES = 128;
const PROGRESS_EVERY = 4_000_000;

/** Growable i32 columns of hits: left index, right index, |A∧B|. */
class Columns {
  l = new Int32Array(1024);
  r = new Int32Array(1024);
  c = new Int32Array(1024);
  n = 0;
  push(l, r, c) {
    if (this.n === this.l.length) {
      const grow = (x) => {
        const y = new Int32Array(x.length * 2);
        y.set(x);
        return y;
      };
      this.l = grow(this.l);
      this.r = grow(this.r);
      this.c = grow(this.c);
    }
    this.l[this.n] = l;
    this.r[this.n] = r;
    this.c[this.n] = c;
    this.n++;
  }
  result(seconds) {
    return { l: this.l.slice(0, this.n), r: this.r.slice(0, this.n), common: this.c.slice(0, this.n), seconds };
  }
}

/**
 * Runs one thread's share of a scan. Rows are dealt in chunks, round robin over `stride` threads, so
 * a deduplication's triangle (long rows first) is shared evenly; pair lists are split in ranges.
 */
export function runTask(kernel, layout, task, slot, onProgress) {
  const i32 = new Int32Array(kernel.memory.buffer);
  const out = layout.out + slot * layout.outBytes;
  const outWords = out >>> 2;
  const cols = new Columns();
  const started = performance.now();
  let since = 0;
  if (task.kind === 'rows') {
    for (let start = task.offset * task.chunk; start < layout.nA; start += task.stride * task.chunk) {
      const end = Math.min(layout.nA, start + task.chunk);
      for (let i = start; i < end; i++) {
        const first = task.self ? i + 1 : 0;
        const n = layout.nB - first;
        if (n <= 0) continue;
        const hits = kernel.scan(
          layout.aBase + i * CLK_BYTES,
          i32[(layout.aPops >>> 2) + i],
          layout.bBase + first * CLK_BYTES,
          layout.bPops + first * 4,
          n,
          task.threshold,
          out,
        );
        for (let h = 0; h < hits; h++) cols.push(i, first + i32[outWords + 2 * h], i32[outWords + 2 * h + 1]);
        since += n;
        if (since >= PROGRESS_EVERY) {
          onProgress(since);
          since = 0;
        }
      }
    }
  } else {
    const batch = Math.floor(layout.outBytes / 8);
    const idxWords = layout.idx >>> 2;
    for (let from = task.from; from < task.to; from += batch) {
      const n = Math.min(batch, task.to - from);
      const hits = kernel.pairs(layout.aBase, layout.aPops, layout.bBase, layout.bPops, layout.idx + from * 8, n, task.threshold, out);
      for (let h = 0; h < hits; h++) {
        const p = from + i32[outWords + 2 * h];
        cols.push(i32[idxWords + 2 * p], i32[idxWords + 2 * p + 1], i32[outWords + 2 * h + 1]);
      }
      onProgress(n);
    }
  }
  if (since > 0) onProgress(since);
  return cols.result((performance.now() - started) / 1000);
}
