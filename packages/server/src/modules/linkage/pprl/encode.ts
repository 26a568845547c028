import { createHmac, hkdfSync } from 'node:crypto';
import { CLK_BITS, CLK_BYTES } from './dice-kernel.ts';
import { NormalizeError, normalizations, soundex } from './normalize.ts';
import { schemaFingerprint, type FieldSpec, type LinkageSchema } from './schema.ts';
import { qgrams } from './tokens.ts';

/**
 * CLK encoding. Every key comes from the network secret by HKDF-SHA256 (RFC 5869) with the schema's
 * salt and a purpose label, so a field's key is useless for any other field ("field salting"), and the
 * hub, which never holds the secret, cannot hash a guessed name to compare it (a dictionary attack).
 * A token's k bit positions come from HMAC-SHA256(field key, token): see `hash` in schema.ts.
 */

/** The network secret must be long and random: a passphrase could be guessed offline from a CLK file. */
export const MIN_SECRET_BYTES = 32;

export class SecretError extends Error {
  override name = 'SecretError';
}

/** A record as the encoder sees it: schema field name → raw value (missing, null or blank = missing). */
export type RawRecord = Readonly<Record<string, string | null | undefined>>;

export interface EncodedRecord {
  /** 128 bytes: bit i is bit (7 − i mod 8) of byte ⌊i/8⌋ (big-endian, as clkhash's bitarray). */
  clk: Uint8Array;
  /** Keyed blocking keys (hex), one per schema blocking key whose parts are all present. */
  blockingKeys: string[];
}

/** A problem with one field of one record; the message never contains the value. */
export class FieldError extends Error {
  override name = 'FieldError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function deriveKey(secret: Uint8Array, salt: Buffer, purpose: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, salt, `continuum-pprl/v1/${purpose}`, length));
}

/** A short, public check that two files were encoded under the same secret and schema salt. */
export function keyCheckValue(secret: Uint8Array, schema: LinkageSchema): string {
  const key = deriveKey(secret, Buffer.from(schema.clk.kdf.salt, 'base64'), 'key-check');
  return createHmac('sha256', key).update('continuum key check').digest('hex').slice(0, 8);
}

/** Reads a secret's bytes (the whole file, one trailing newline dropped) and checks its length. */
export function secretFromBytes(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0a) end--;
  if (end > 0 && bytes[end - 1] === 0x0d) end--;
  if (end < MIN_SECRET_BYTES)
    throw new SecretError(
      `the secret is ${end} bytes; it must be at least ${MIN_SECRET_BYTES} random bytes (for example \`openssl rand -base64 48\`)`,
    );
  return bytes.subarray(0, end);
}

interface FieldPlan {
  spec: FieldSpec;
  key: Buffer;
  normalize: (raw: string) => string | null;
  /** Token (with its salt) → positions computed so far. */
  cache: Map<string, Uint16Array>;
}

const CACHE_LIMIT = 200_000;

/** Bits per position index: 9, 10 or 11 for a 512, 1,024 or 2,048-bit base filter. */
function log2(n: number): number {
  return 31 - Math.clz32(n);
}

export interface Encoder {
  readonly schema: LinkageSchema;
  readonly fingerprint: string;
  readonly keyCheck: string;
  encode(record: RawRecord): EncodedRecord;
}

export function createEncoder(schema: LinkageSchema, secret: Uint8Array): Encoder {
  if (secret.length < MIN_SECRET_BYTES) throw new SecretError(`the secret must be at least ${MIN_SECRET_BYTES} bytes`);
  const salt = Buffer.from(schema.clk.kdf.salt, 'base64');
  // The base filter: halved for a balanced filter (joined with its complement), doubled for XOR-folding.
  let baseBits = CLK_BITS;
  if (schema.clk.balanced) baseBits /= 2;
  if (schema.clk.xorFold) baseBits *= 2;
  const indexBits = log2(baseBits);
  const plans: FieldPlan[] = schema.fields.map((spec) => ({
    spec,
    key: deriveKey(secret, salt, `field/${spec.name}`),
    normalize: normalizations[spec.normalize],
    cache: new Map(),
  }));
  const blockingKeys = (schema.blocking?.keys ?? []).map((spec, i) => ({ spec, key: deriveKey(secret, salt, `blocking/${i}`) }));
  const permutation = schema.clk.balanced ? keyedPermutation(deriveKey(secret, salt, 'balanced-permutation'), CLK_BITS) : null;

  /** k positions for a token: HMAC blocks HMAC(key, j ‖ salt ‖ 0x1f ‖ token), j = 0, 1, … read as index-sized chunks. */
  function randomPositions(key: Buffer, input: string, k: number): Uint16Array {
    const out = new Uint16Array(k);
    const perBlock = Math.floor(256 / indexBits);
    for (let block = 0, n = 0; n < k; block++) {
      const h = createHmac('sha256', key)
        .update(Buffer.from([block]))
        .update(input, 'utf8')
        .digest();
      let acc = 0;
      let accBits = 0;
      let byte = 0;
      for (let i = 0; i < perBlock && n < k; i++) {
        while (accBits < indexBits) {
          acc = (acc << 8) | h[byte++]!;
          accBits += 8;
        }
        out[n++] = (acc >>> (accBits - indexBits)) & (baseBits - 1);
        accBits -= indexBits;
        acc &= (1 << accBits) - 1;
      }
    }
    return out;
  }

  /** g_i = h1 + i·h2 mod l (Kirsch & Mitzenmacher 2006); h2 odd, so with l a power of two the k positions differ. */
  function doublePositions(key: Buffer, input: string, k: number): Uint16Array {
    const h = createHmac('sha256', key)
      .update(Buffer.from([0]))
      .update(input, 'utf8')
      .digest();
    const h1 = h.readUInt32BE(0);
    const h2 = h.readUInt32BE(4) | 1;
    const out = new Uint16Array(k);
    for (let i = 0; i < k; i++) out[i] = (h1 + Math.imul(i, h2)) & (baseBits - 1);
    return out;
  }

  const positionsOf = schema.clk.hash === 'doubleHash' ? doublePositions : randomPositions;

  function positions(plan: FieldPlan, input: string, k: number): Uint16Array {
    const cached = plan.cache.get(input);
    if (cached && cached.length >= k) return cached;
    const fresh = positionsOf(plan.key, input, Math.max(k, cached?.length ?? 0));
    if (plan.cache.size >= CACHE_LIMIT) plan.cache.clear();
    plan.cache.set(input, fresh);
    return fresh;
  }

  function normalized(record: RawRecord, plan: FieldPlan): string | null {
    const raw = record[plan.spec.name];
    if (raw === undefined || raw === null || raw.trim() === '') return null;
    try {
      return plan.normalize(raw);
    } catch (error) {
      if (error instanceof NormalizeError) throw new FieldError(plan.spec.name, error.message);
      throw error;
    }
  }

  function encode(record: RawRecord): EncodedRecord {
    const values = new Map<string, string | null>();
    for (const plan of plans) values.set(plan.spec.name, normalized(record, plan));
    const base = new Uint8Array(baseBits / 8);
    for (const plan of plans) {
      const value = values.get(plan.spec.name);
      if (value === null || value === undefined) continue;
      const { tokenize, strategy, saltWith } = plan.spec;
      const tokens = tokenize.type === 'exact' ? [value] : qgrams(value, tokenize.q, tokenize.positional);
      if (tokens.length === 0) continue;
      const k = 'bitsPerToken' in strategy ? strategy.bitsPerToken : Math.max(1, Math.round(strategy.bitsPerFeature / tokens.length));
      let saltValue = '';
      if (saltWith) {
        const s = values.get(saltWith.field) ?? '';
        saltValue = saltWith.slice ? s.slice(saltWith.slice[0], saltWith.slice[1]) : s;
      }
      for (const token of tokens) {
        const pos = positions(plan, `${saltValue}\u001f${token}`, k);
        for (let i = 0; i < k; i++) {
          const p = pos[i]!;
          base[p >>> 3]! |= 0x80 >>> (p & 7);
        }
      }
    }
    let clk: Uint8Array = base;
    if (schema.clk.xorFold) {
      const half = base.length / 2;
      clk = new Uint8Array(half);
      for (let i = 0; i < half; i++) clk[i] = base[i]! ^ base[i + half]!;
    }
    if (permutation) clk = balance(clk, permutation);
    const keys: string[] = [];
    for (const { spec, key } of blockingKeys) {
      const parts: string[] = [];
      for (const part of spec.parts) {
        let v = values.get(part.field) ?? null;
        if (v && part.slice) v = v.slice(part.slice[0], part.slice[1]);
        if (v && part.soundex) v = soundex(v);
        if (!v) break;
        parts.push(v);
      }
      if (parts.length !== spec.parts.length) continue;
      const digest = createHmac('sha256', key).update(parts.join('\u001f'), 'utf8').digest();
      keys.push(truncateHex(digest, spec.bits));
    }
    return { clk, blockingKeys: keys };
  }

  return { schema, fingerprint: schemaFingerprint(schema), keyCheck: keyCheckValue(secret, schema), encode };
}

function truncateHex(digest: Buffer, bits: number): string {
  const bytes = Math.ceil(bits / 8);
  const out = Buffer.from(digest.subarray(0, bytes));
  const spare = bytes * 8 - bits;
  if (spare > 0) out[bytes - 1]! &= 0xff << spare;
  return out.toString('hex');
}

/** Fisher–Yates over 0..n−1 driven by HMAC-SHA256(key, counter) as a stream of 32-bit words. */
function keyedPermutation(key: Buffer, n: number): Uint16Array {
  const perm = new Uint16Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let stream = Buffer.alloc(0);
  let offset = 0;
  let counter = 0;
  const next = () => {
    if (offset + 4 > stream.length) {
      const c = Buffer.alloc(4);
      c.writeUInt32BE(counter++);
      stream = createHmac('sha256', key).update(c).digest();
      offset = 0;
    }
    const v = stream.readUInt32BE(offset);
    offset += 4;
    return v;
  };
  for (let i = n - 1; i > 0; i--) {
    // Rejection sampling keeps every permutation equally likely.
    const limit = Math.floor(0x100000000 / (i + 1)) * (i + 1);
    let r = next();
    while (r >= limit) r = next();
    const j = r % (i + 1);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return perm;
}

/** The balanced filter: the base filter followed by its complement, then bit i moved to perm[i]. */
function balance(base: Uint8Array, perm: Uint16Array): Uint8Array {
  const n = base.length * 8;
  const out = new Uint8Array(CLK_BYTES);
  for (let i = 0; i < 2 * n; i++) {
    const set = i < n ? (base[i >>> 3]! & (0x80 >>> (i & 7))) !== 0 : (base[(i - n) >>> 3]! & (0x80 >>> ((i - n) & 7))) === 0;
    if (set) {
      const p = perm[i]!;
      out[p >>> 3]! |= 0x80 >>> (p & 7);
    }
  }
  return out;
}
