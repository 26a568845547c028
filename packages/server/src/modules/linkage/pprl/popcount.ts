/**
 * Popcount and Dice in plain JavaScript: the reference the WebAssembly kernel is tested against, and
 * a fallback for single pairs. Filters are 1,024-bit CLKs (128 bytes).
 */

/** Bit by bit: the obviously correct count. */
export function popcountNaive(bytes: Uint8Array): number {
  let c = 0;
  for (const b of bytes) for (let bit = 0; bit < 8; bit++) c += (b >>> bit) & 1;
  return c;
}

/** SWAR popcount of a 32-bit word (Hacker's Delight, figure 5-2). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Popcount of a filter, 32 bits at a time (SWAR). */
export function popcount(bytes: Uint8Array): number {
  let c = 0;
  const n = bytes.length & ~3;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < n; i += 4) c += popcount32(view.getUint32(i));
  for (let i = n; i < bytes.length; i++) c += popcount32(bytes[i]!);
  return c;
}

/** popcount(a ∧ b), SWAR over 32-bit words. */
export function andPopcount(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new RangeError('filters differ in length');
  let c = 0;
  const va = new DataView(a.buffer, a.byteOffset, a.byteLength);
  const vb = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const n = a.length & ~3;
  for (let i = 0; i < n; i += 4) c += popcount32(va.getUint32(i) & vb.getUint32(i));
  for (let i = n; i < a.length; i++) c += popcount32(a[i]! & b[i]!);
  return c;
}

/** Sørensen–Dice coefficient 2|A∧B| / (|A| + |B|); 0 when both filters are empty. */
export function dice(a: Uint8Array, b: Uint8Array): number {
  const sum = popcount(a) + popcount(b);
  return sum === 0 ? 0 : (2 * andPopcount(a, b)) / sum;
}

/**
 * popcount(a ∧ b) for filters held as 32-bit words (`words` words from offsets `ai` and `bi`): the
 * fastest plain-JavaScript form (no DataView), used where WebAssembly is not.
 */
export function andPopcountWords(a: Uint32Array, ai: number, b: Uint32Array, bi: number, words: number): number {
  let c = 0;
  for (let k = 0; k < words; k++) c += popcount32(a[ai + k]! & b[bi + k]!);
  return c;
}
