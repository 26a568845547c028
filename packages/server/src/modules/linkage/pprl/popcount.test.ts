import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CLK_BYTES, instantiateKernel, sharedMemory } from './dice-kernel.ts';
import { andPopcount, andPopcountWords, dice, popcount, popcount32, popcountNaive } from './popcount.ts';

/** Filters with a chosen density: all clear, all set, single bits, random. */
function filters(): Uint8Array[] {
  const out = [new Uint8Array(CLK_BYTES), new Uint8Array(CLK_BYTES).fill(0xff)];
  for (const bit of [0, 7, 63, 64, 511, 1023]) {
    const f = new Uint8Array(CLK_BYTES);
    f[bit >>> 3] = 0x80 >>> (bit & 7);
    out.push(f);
  }
  for (let i = 0; i < 40; i++) {
    const f = new Uint8Array(randomBytes(CLK_BYTES));
    // Thin some out so densities vary.
    if (i % 3 === 0) for (let j = 0; j < CLK_BYTES; j++) f[j]! &= randomBytes(1)[0]!;
    out.push(f);
  }
  return out;
}

describe('popcount', () => {
  it.each([
    [0, 0],
    [1, 1],
    [0xffffffff, 32],
    [0x80000000, 1],
    [0x55555555, 16],
    [0x12345678, 13],
  ])('popcount32(%i) = %i', (x, n) => {
    expect(popcount32(x)).toBe(n);
  });

  it('SWAR popcount agrees with a bit-by-bit count', () => {
    for (const f of filters()) expect(popcount(f)).toBe(popcountNaive(f));
  });

  it('the WebAssembly kernel agrees with a bit-by-bit count: popcounts, A∧B counts and the Dice threshold', () => {
    const fs = filters();
    const n = fs.length;
    const base = 0;
    const pops = n * CLK_BYTES;
    const out = pops + n * 4;
    const memory = sharedMemory(out + n * 8);
    const kernel = instantiateKernel(memory);
    const u8 = new Uint8Array(memory.buffer);
    fs.forEach((f, i) => u8.set(f, base + i * CLK_BYTES));
    kernel.popcounts(base, n, pops);
    const i32 = new Int32Array(memory.buffer);
    fs.forEach((f, i) => expect(i32[pops / 4 + i]).toBe(popcountNaive(f)));
    for (let i = 0; i < n; i++) {
      // Threshold 0 keeps every pair with a non-empty union.
      const hits = kernel.scan(base + i * CLK_BYTES, i32[pops / 4 + i]!, base, pops, n, 0, out);
      expect(hits).toBe(n);
      for (let h = 0; h < hits; h++) {
        const j = i32[out / 4 + 2 * h]!;
        expect(j).toBe(h);
        const both = fs[i]!.map((x, k) => x & fs[j]![k]!);
        expect(i32[out / 4 + 2 * h + 1]).toBe(popcountNaive(both));
        expect(andPopcount(fs[i]!, fs[j]!)).toBe(popcountNaive(both));
        expect(
          andPopcountWords(
            new Uint32Array(u8.buffer, 0, (n * CLK_BYTES) / 4),
            (i * CLK_BYTES) / 4,
            new Uint32Array(u8.buffer, 0, (n * CLK_BYTES) / 4),
            (j * CLK_BYTES) / 4,
            CLK_BYTES / 4,
          ),
        ).toBe(popcountNaive(both));
      }
      // Threshold 0.55: exactly the pairs whose JavaScript Dice reaches it.
      const kept = kernel.scan(base + i * CLK_BYTES, i32[pops / 4 + i]!, base, pops, n, 0.55, out);
      const expected = fs.map((f, j) => [j, dice(fs[i]!, f)] as const).filter(([, d]) => d >= 0.55);
      expect(Array.from({ length: kept }, (_, h) => i32[out / 4 + 2 * h])).toEqual(expected.map(([j]) => j));
    }
  });

  it.each([
    ['identical', [0xf0, 0x0f], [0xf0, 0x0f], 1],
    ['disjoint', [0xf0, 0x00], [0x0f, 0x00], 0],
    ['half', [0xff, 0x00], [0x0f, 0x00], (2 * 4) / (8 + 4)],
    ['both empty', [0, 0], [0, 0], 0],
  ])('dice: %s', (_name, a, b, expected) => {
    expect(dice(Uint8Array.from(a), Uint8Array.from(b))).toBeCloseTo(expected, 12);
  });
});
