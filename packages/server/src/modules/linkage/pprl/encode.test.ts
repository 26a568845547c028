import { describe, expect, it } from 'vitest';
import { CLK_BYTES } from './dice-kernel.ts';
import { createEncoder, FieldError, keyCheckValue, SecretError, secretFromBytes, type RawRecord } from './encode.ts';
import { dice, popcount } from './popcount.ts';
import { parseLinkageSchema, shippedSchema, type LinkageSchema } from './schema.ts';

const secretA = Buffer.from('a'.repeat(32) + 'network secret one');
const secretB = Buffer.from('b'.repeat(32) + 'network secret two');

const person: RawRecord = {
  given_name: 'Maria',
  family_name: 'Gonzalez-Ruiz',
  birth_date: '1984-06-02',
  sex: 'F',
  zip: '21201',
  ssn: '900-12-3456',
  phone: '410-555-0100',
};

/** A one-field schema, to look at what a single field sets. */
function oneField(overrides: Partial<LinkageSchema['clk']> = {}, field: Record<string, unknown> = {}): LinkageSchema {
  const base = shippedSchema('default');
  return parseLinkageSchema({
    ...base,
    clk: { ...base.clk, ...overrides },
    fields: [
      {
        name: 'given_name',
        normalize: 'name',
        tokenize: { type: 'qgram', q: 2, positional: false },
        strategy: { bitsPerToken: 20 },
        ...field,
      },
    ],
  });
}

const bits = (clk: Uint8Array) => {
  const out: number[] = [];
  for (let i = 0; i < clk.length * 8; i++) if (clk[i >>> 3]! & (0x80 >>> (i & 7))) out.push(i);
  return out;
};

describe('CLK encoding', () => {
  const schema = shippedSchema('default');

  it('is deterministic for the same schema, secret and record, and 1,024 bits long', () => {
    const a = createEncoder(schema, secretA).encode(person);
    const b = createEncoder(schema, secretA).encode({ ...person });
    expect(a.clk.length).toBe(CLK_BYTES);
    expect(Buffer.from(a.clk).equals(Buffer.from(b.clk))).toBe(true);
    // Normalization makes spelling of the same values irrelevant.
    const c = createEncoder(schema, secretA).encode({ ...person, given_name: ' MARÍA ', birth_date: '06/02/1984', ssn: '3456' });
    expect(Buffer.from(c.clk).equals(Buffer.from(a.clk))).toBe(true);
  });

  it('sets about half the bits for a complete record (not saturated)', () => {
    const n = popcount(createEncoder(schema, secretA).encode(person).clk);
    expect(n).toBeGreaterThan(300);
    expect(n).toBeLessThan(700);
  });

  it('a different secret sets unrelated bits: similarity near that of two random filters', () => {
    const a = createEncoder(schema, secretA).encode(person).clk;
    const b = createEncoder(schema, secretB).encode(person).clk;
    const density = (popcount(a) + popcount(b)) / 2 / 1024;
    // Two independent filters with density d have an expected Dice of about d.
    expect(dice(a, b)).toBeGreaterThan(density - 0.1);
    expect(dice(a, b)).toBeLessThan(density + 0.1);
    expect(dice(a, createEncoder(schema, secretA).encode({ ...person, given_name: 'Mario' }).clk)).toBeGreaterThan(0.9);
  });

  it('keys are per field: the same value in two fields sets different bits', () => {
    const s = parseLinkageSchema({
      ...schema,
      fields: [
        { name: 'given_name', normalize: 'name', tokenize: { type: 'qgram', q: 2, positional: false }, strategy: { bitsPerToken: 10 } },
        { name: 'family_name', normalize: 'name', tokenize: { type: 'qgram', q: 2, positional: false }, strategy: { bitsPerToken: 10 } },
      ],
    });
    const enc = createEncoder(s, secretA);
    const asGiven = enc.encode({ given_name: 'jordan' }).clk;
    const asFamily = enc.encode({ family_name: 'jordan' }).clk;
    expect(dice(asGiven, asFamily)).toBeLessThan(0.3);
  });

  it('keys depend on the schema salt', () => {
    const other = parseLinkageSchema({ ...schema, clk: { ...schema.clk, kdf: { type: 'HKDF-SHA256', salt: 'AAAAAAAAAAAAAAAAAAAAAA==' } } });
    expect(dice(createEncoder(schema, secretA).encode(person).clk, createEncoder(other, secretA).encode(person).clk)).toBeLessThan(0.7);
    expect(keyCheckValue(secretA, schema)).not.toBe(keyCheckValue(secretA, other));
    expect(keyCheckValue(secretA, schema)).not.toBe(keyCheckValue(secretB, schema));
    expect(keyCheckValue(secretA, schema)).toMatch(/^[0-9a-f]{8}$/);
  });

  it.each([
    ['bitsPerToken 20, randomHash', {}, { strategy: { bitsPerToken: 20 } }, 'jo', 3 * 20],
    ['bitsPerToken 5, doubleHash', { hash: 'doubleHash' }, { strategy: { bitsPerToken: 5 } }, 'jo', 3 * 5],
    ['bitsPerFeature 30 over 3 bigrams', {}, { strategy: { bitsPerFeature: 30 } }, 'jo', 30],
    ['exact: one token', {}, { tokenize: { type: 'exact' }, strategy: { bitsPerToken: 12 } }, 'jo', 12],
  ] as const)('%s sets at most k bits per token', (_name, clk, field, value, max) => {
    const set = bits(createEncoder(oneField(clk, field), secretA).encode({ given_name: value }).clk);
    expect(set.length).toBeLessThanOrEqual(max);
    // Collisions are possible but few.
    expect(set.length).toBeGreaterThan(max * 0.8);
  });

  it('double hashing with an odd step never repeats a position within a token', () => {
    const set = bits(
      createEncoder(oneField({ hash: 'doubleHash' }, { tokenize: { type: 'exact' }, strategy: { bitsPerToken: 64 } }), secretA).encode({
        given_name: 'x',
      }).clk,
    );
    expect(set.length).toBe(64);
  });

  it('a missing or blank field sets nothing', () => {
    const enc = createEncoder(schema, secretA);
    expect(popcount(enc.encode({}).clk)).toBe(0);
    expect(popcount(enc.encode({ given_name: '  ', sex: null }).clk)).toBe(0);
    expect(Buffer.from(enc.encode({ ...person, phone: '' }).clk).equals(Buffer.from(enc.encode({ ...person, phone: undefined }).clk))).toBe(
      true,
    );
  });

  it('a bad value is refused naming the field, not the value', () => {
    const enc = createEncoder(schema, secretA);
    expect(() => enc.encode({ ...person, birth_date: 'sometime in May' })).toThrow(FieldError);
    try {
      enc.encode({ ...person, birth_date: 'sometime in May' });
    } catch (error) {
      expect((error as FieldError).field).toBe('birth_date');
      expect((error as Error).message).not.toContain('May');
    }
  });

  it('a balanced filter has exactly half its bits set, whatever the record', () => {
    const enc = createEncoder({ ...schema, clk: { ...schema.clk, balanced: true } }, secretA);
    for (const r of [person, {}, { given_name: 'x' }]) expect(popcount(enc.encode(r).clk)).toBe(512);
    // ...and still tells a near match from a stranger.
    const a = enc.encode(person).clk;
    expect(dice(a, enc.encode({ ...person, given_name: 'Mario' }).clk)).toBeGreaterThan(
      dice(a, enc.encode({ given_name: 'Ann', family_name: 'Lee' }).clk) + 0.15,
    );
  });

  it('XOR-folding gives 1,024 bits from a 2,048-bit filter and keeps similar records similar', () => {
    const folded = createEncoder({ ...schema, clk: { ...schema.clk, xorFold: true } }, secretA);
    const a = folded.encode(person).clk;
    expect(a.length).toBe(CLK_BYTES);
    expect(Buffer.from(a).equals(Buffer.from(createEncoder(schema, secretA).encode(person).clk))).toBe(false);
    expect(dice(a, folded.encode({ ...person, given_name: 'Mario' }).clk)).toBeGreaterThan(0.85);
  });

  it('record-level salting: the same name under another salt value shares no more than chance', () => {
    const one = oneField();
    const s = parseLinkageSchema({
      ...one,
      fields: [
        { ...one.fields[0], saltWith: { field: 'birth_date', slice: [0, 4] } },
        { name: 'birth_date', normalize: 'date', tokenize: { type: 'exact' }, strategy: { bitsPerToken: 1 } },
      ],
    });
    const enc = createEncoder(s, secretA);
    const name = (r: RawRecord) => bits(enc.encode(r).clk);
    const same = name({ given_name: 'alexander', birth_date: '1984-01-01' });
    const sameYear = name({ given_name: 'alexander', birth_date: '1984-12-31' });
    const otherYear = name({ given_name: 'alexander', birth_date: '1985-01-01' });
    const overlap = (x: number[], y: number[]) => x.filter((b) => y.includes(b)).length;
    expect(overlap(same, sameYear)).toBeGreaterThan(same.length - 3);
    expect(overlap(same, otherYear)).toBeLessThan(same.length / 3);
  });

  it('blocking keys: keyed, truncated to the schema bits, absent when a part is missing', () => {
    const s = parseLinkageSchema({
      ...schema,
      blocking: {
        keys: [
          {
            parts: [
              { field: 'family_name', soundex: true },
              { field: 'birth_date', slice: [0, 4] },
            ],
            bits: 12,
          },
          { parts: [{ field: 'zip' }] },
        ],
      },
    });
    const a = createEncoder(s, secretA).encode(person).blockingKeys;
    expect(a).toHaveLength(2);
    expect(a[0]).toMatch(/^[0-9a-f]{3}0$/);
    expect(a[1]).toMatch(/^[0-9a-f]{8}$/);
    // Soundex and the birth year agree across a misspelling and another day.
    expect(createEncoder(s, secretA).encode({ ...person, family_name: 'Gonsalez Ruiz', birth_date: '1984-01-01' }).blockingKeys[0]).toBe(
      a[0],
    );
    expect(createEncoder(s, secretB).encode(person).blockingKeys[1]).not.toBe(a[1]);
    expect(createEncoder(s, secretA).encode({ ...person, zip: '' }).blockingKeys).toHaveLength(1);
  });

  it('refuses a short secret', () => {
    expect(() => createEncoder(schema, Buffer.from('too short'))).toThrow(SecretError);
    expect(() => secretFromBytes(Buffer.from('x'.repeat(31) + '\n'))).toThrow(/at least 32/);
    expect(secretFromBytes(Buffer.from('x'.repeat(32) + '\r\n')).length).toBe(32);
  });
});
