// Longer than 300 lines: the WebAssembly Dice kernel is assembled here byte by byte; its three function bodies and the assembler must stay together.
/**
 * The Dice kernel: popcount(A ∧ B) of 1,024-bit CLKs, 16 × 64-bit words at a time, in WebAssembly
 * (`i64.popcnt` compiles to the CPU's POPCNT instruction). Pure JavaScript tops out near 6.5 M
 * comparisons/s on 1,024-bit filters (Uint32Array + SWAR); the same loop in WebAssembly runs an
 * order of magnitude faster (measured in bench/pprl.ts, figures in docs/performance.md).
 *
 * The module is small enough to assemble here byte by byte, with no toolchain and nothing
 * downloaded: two exported functions over an imported *shared* memory, so worker threads scan the
 * same filters without copying them.
 *
 *   scan(a, aPop, b, bPops, n, threshold, out) → hits
 *     compares the filter at byte offset `a` (popcount `aPop`) with the `n` filters stored
 *     contiguously from `b` (their popcounts as i32 at `bPops`) and writes, for each filter j with
 *     2·|A∧B| ≥ threshold · (|A| + |B|), the pair (j, |A∧B|) as two i32 at `out`.
 *   pairs(aBase, aPops, bBase, bPops, idx, n, threshold, out) → hits
 *     the same test for `n` candidate pairs (i32 index pairs at `idx`); writes (pair number, |A∧B|).
 *   popcounts(base, n, out) → 0
 *     the popcount of each of `n` filters, as i32.
 *
 * Dice similarity is 2·|A∧B| / (|A| + |B|) (Sørensen–Dice, as anonlink computes it); testing
 * 2c ≥ t·(|A|+|B|) avoids a division per pair.
 */

/** Filter length in bits and bytes; the schema fixes CLKs at 1,024 bits. */
export const CLK_BITS = 1024;
export const CLK_BYTES = CLK_BITS / 8;
const WORDS = CLK_BITS / 64;

// --- a minimal WebAssembly assembler -------------------------------------------------------------

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => [...uleb(s.length), ...Buffer.from(s, 'utf8')];

const I32 = 0x7f;
const I64 = 0x7e;
const F64 = 0x7c;
const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br_if: 0x0d,
  void: 0x40,
  get: 0x20,
  set: 0x21,
  tee: 0x22,
  i32load: 0x28,
  i64load: 0x29,
  i32store: 0x36,
  i32const: 0x41,
  i32eqz: 0x45,
  i32ne: 0x47,
  i32lt_u: 0x49,
  f64le: 0x65,
  f64ge: 0x66,
  f64const: 0x44,
  i32and: 0x71,
  i32or: 0x72,
  i32add: 0x6a,
  i32shl: 0x74,
  i64popcnt: 0x7b,
  i64add: 0x7c,
  i64and: 0x83,
  f64mul: 0xa2,
  i32wrap: 0xa7,
  f64convert_i32u: 0xb8,
} as const;
const get = (i: number) => [op.get, ...uleb(i)];
const set = (i: number) => [op.set, ...uleb(i)];
const i32c = (n: number) => [op.i32const, ...sleb(n)];
const i32load = (offset: number) => [op.i32load, 2, ...uleb(offset)];
const i64load = (offset: number) => [op.i64load, 3, ...uleb(offset)];
const i32store = (offset: number) => [op.i32store, 2, ...uleb(offset)];

/** popcount(Σ a_k ∧ [ptr + 8k]) for the 16 words held in locals a0.. a15, left on the stack as i32. */
function andPopcount(firstALocal: number, bPtrLocal: number): number[] {
  const code: number[] = [];
  for (let k = 0; k < WORDS; k++) {
    code.push(...get(firstALocal + k), ...get(bPtrLocal), ...i64load(k * 8), op.i64and, op.i64popcnt);
    if (k > 0) code.push(op.i64add);
  }
  code.push(op.i32wrap);
  return code;
}

/**
 * if 2c ≥ t·(aPop + bPop) and (c ≠ 0 or t ≤ 0): out[hits] = (index, c); hits++. The second test keeps
 * two empty filters (Dice 0 by definition) out of any positive threshold.
 */
function emitHit(c: number, t: number, aPop: number[], bPop: number[], out: number, hits: number, index: number): number[] {
  return [
    ...get(c),
    ...i32c(1),
    op.i32shl,
    op.f64convert_i32u,
    ...get(t),
    ...aPop,
    ...bPop,
    op.i32add,
    op.f64convert_i32u,
    op.f64mul,
    op.f64ge,
    ...get(c),
    ...i32c(0),
    op.i32ne,
    ...get(t),
    op.f64const,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    op.f64le,
    op.i32or,
    op.i32and,
    op.if,
    op.void,
    ...get(out),
    ...get(hits),
    ...i32c(3),
    op.i32shl,
    op.i32add,
    ...get(index),
    ...i32store(0),
    ...get(out),
    ...get(hits),
    ...i32c(3),
    op.i32shl,
    op.i32add,
    ...get(c),
    ...i32store(4),
    ...get(hits),
    ...i32c(1),
    op.i32add,
    ...set(hits),
    op.end,
  ];
}

/** Loads a filter's 16 words from the address in `ptrLocal` into locals first.. first+15. */
function loadWords(ptrLocal: number, first: number): number[] {
  const code: number[] = [];
  for (let k = 0; k < WORDS; k++) code.push(...get(ptrLocal), ...i64load(k * 8), ...set(first + k));
  return code;
}

/**
 * `for (i = 0; i < n; i++) body` in a block and a loop, as each function's main loop: nothing runs when
 * `n` is 0, and the counter local `i` (already 0) goes up by one after every pass.
 */
function countedLoop(i: number, n: number, body: number[]): number[] {
  return [
    op.block,
    op.void,
    ...get(n),
    op.i32eqz,
    op.br_if,
    0,
    op.loop,
    op.void,
    ...body,
    ...get(i),
    ...i32c(1),
    op.i32add,
    op.tee,
    i,
    ...get(n),
    op.i32lt_u,
    op.br_if,
    0,
    op.end,
    op.end,
  ];
}

function scanBody(): number[] {
  // params: 0 a, 1 aPop, 2 b, 3 bPops, 4 n, 5 t (f64), 6 out; locals: 7 j, 8 c, 9 hits, 10 bp, 11.. a words
  const [a, aPop, b, bPops, n, t, out, j, c, hits, bp, aw] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const locals = vec([
    [...uleb(4), I32],
    [...uleb(WORDS), I64],
  ]);
  const code = [
    ...loadWords(a, aw),
    ...get(b),
    ...set(bp),
    ...countedLoop(j, n, [
      ...andPopcount(aw, bp),
      ...set(c),
      ...emitHit(c, t, get(aPop), [...get(bPops), ...get(j), ...i32c(2), op.i32shl, op.i32add, ...i32load(0)], out, hits, j),
      ...get(bp),
      ...i32c(CLK_BYTES),
      op.i32add,
      ...set(bp),
    ]),
    ...get(hits),
    op.end,
  ];
  return [...locals, ...code];
}

function pairsBody(): number[] {
  // params: 0 aBase, 1 aPops, 2 bBase, 3 bPops, 4 idx, 5 n, 6 t (f64), 7 out
  // locals: 8 p, 9 c, 10 hits, 11 ap, 12 bp, 13 ia, 14 ib, 15.. a words
  const [aBase, aPops, bBase, bPops, idx, n, t, out, p, c, hits, ap, bp, ia, ib, aw] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
  ];
  const locals = vec([
    [...uleb(7), I32],
    [...uleb(WORDS), I64],
  ]);
  const word = (base: number, i: number) => [...get(base), ...get(i), ...i32c(2), op.i32shl, op.i32add, ...i32load(0)];
  const code = [
    ...countedLoop(p, n, [
      // ia = idx[2p], ib = idx[2p+1]
      ...get(idx),
      ...get(p),
      ...i32c(3),
      op.i32shl,
      op.i32add,
      ...i32load(0),
      ...set(ia),
      ...get(idx),
      ...get(p),
      ...i32c(3),
      op.i32shl,
      op.i32add,
      ...i32load(4),
      ...set(ib),
      ...get(aBase),
      ...get(ia),
      ...i32c(7),
      op.i32shl,
      op.i32add,
      ...set(ap),
      ...get(bBase),
      ...get(ib),
      ...i32c(7),
      op.i32shl,
      op.i32add,
      ...set(bp),
      ...loadWords(ap, aw),
      ...andPopcount(aw, bp),
      ...set(c),
      ...emitHit(c, t, word(aPops, ia), word(bPops, ib), out, hits, p),
    ]),
    ...get(hits),
    op.end,
  ];
  return [...locals, ...code];
}

function popcountsBody(): number[] {
  // params: 0 base, 1 n, 2 out; locals: 3 j
  const [base, n, out, j] = [0, 1, 2, 3];
  const locals = vec([[...uleb(1), I32]]);
  const sum: number[] = [];
  for (let k = 0; k < WORDS; k++) {
    sum.push(...get(base), ...get(j), ...i32c(7), op.i32shl, op.i32add, ...i64load(k * 8), op.i64popcnt);
    if (k > 0) sum.push(op.i64add);
  }
  const code = [
    ...countedLoop(j, n, [...get(out), ...get(j), ...i32c(2), op.i32shl, op.i32add, ...sum, op.i32wrap, ...i32store(0)]),
    ...i32c(0),
    op.end,
  ];
  return [...locals, ...code];
}

/** Upper bound of the shared memory, in 64 KiB pages (2 GiB: about 16 M filters with room for results). */
export const MAX_PAGES = 32768;

function assemble(): Uint8Array {
  const types = vec([
    [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [F64], [I32]]), ...vec([[I32]])],
    [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32], [F64], [I32]]), ...vec([[I32]])],
    [0x60, ...vec([[I32], [I32], [I32]]), ...vec([[I32]])],
  ]);
  // import env.memory: shared, with a maximum (flags 0x03)
  const imports = vec([[...name('env'), ...name('memory'), 0x02, 0x03, ...uleb(1), ...uleb(MAX_PAGES)]]);
  const funcs = vec([[0], [1], [2]]);
  const exports = vec([
    [...name('scan'), 0x00, 0],
    [...name('pairs'), 0x00, 1],
    [...name('popcounts'), 0x00, 2],
  ]);
  const bodies = [scanBody(), pairsBody(), popcountsBody()].map((b) => [...uleb(b.length), ...b]);
  const code = vec(bodies);
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, types),
    ...section(2, imports),
    ...section(3, funcs),
    ...section(7, exports),
    ...section(10, code),
  ]);
}

/*
 * The WebAssembly API, typed here: the project's TypeScript libraries (ES2023 and Node's types) do
 * not declare it.
 */
/** A WebAssembly memory; the kernel's is shared, so its buffer is a SharedArrayBuffer. */
export interface KernelMemory {
  readonly buffer: ArrayBufferLike;
}
/** A compiled kernel (opaque; it can be posted to a worker thread). */
export type KernelModule = { readonly __brand: 'WebAssembly.Module' };
interface WasmApi {
  Module: new (bytes: Uint8Array) => KernelModule;
  Instance: new (module: KernelModule, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => KernelMemory;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

export interface DiceKernel {
  memory: KernelMemory;
  scan(a: number, aPop: number, b: number, bPops: number, n: number, threshold: number, out: number): number;
  pairs(aBase: number, aPops: number, bBase: number, bPops: number, idx: number, n: number, threshold: number, out: number): number;
  popcounts(base: number, n: number, out: number): number;
}

let compiled: KernelModule | undefined;

/** The compiled module (compiled once per thread; a Module can also be posted to a worker). */
export function kernelModule(): KernelModule {
  compiled ??= new wasm.Module(assemble());
  return compiled;
}

/** A new shared memory of `bytes` (rounded up to pages) for the kernel. */
export function sharedMemory(bytes: number): KernelMemory {
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  if (pages > MAX_PAGES) throw new RangeError(`the filters need ${bytes} bytes, more than the kernel's ${MAX_PAGES * 64} KiB`);
  return new wasm.Memory({ initial: pages, maximum: MAX_PAGES, shared: true });
}

/** Instantiates the kernel over `memory` (synchronously: the module is tiny). */
export function instantiateKernel(memory: KernelMemory, module: KernelModule = kernelModule()): DiceKernel {
  const instance = new wasm.Instance(module, { env: { memory } });
  const e = instance.exports as unknown as Omit<DiceKernel, 'memory'>;
  return { memory, scan: e.scan, pairs: e.pairs, popcounts: e.popcounts };
}
