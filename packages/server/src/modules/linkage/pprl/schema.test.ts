import { describe, expect, it } from 'vitest';
import { parseLinkageSchema, schemaFingerprint, SchemaError, shippedSchema } from './schema.ts';

const valid = shippedSchema('default');
const field = valid.fields[0]!;

describe('linkage schema', () => {
  it('the shipped schemas are valid', () => {
    expect(valid.fields.map((f) => f.name)).toEqual(['given_name', 'family_name', 'birth_date', 'sex', 'zip', 'ssn', 'phone']);
    expect(shippedSchema('febrl').fields.length).toBe(9);
  });

  it('fills defaults (hash, positional, soundex, bits)', () => {
    const s = parseLinkageSchema({
      version: 1,
      id: 'x',
      clk: { bits: 1024, kdf: { type: 'HKDF-SHA256', salt: 'AAAA' } },
      fields: [{ name: 'a', normalize: 'name', tokenize: { type: 'qgram', q: 2 }, strategy: { bitsPerToken: 3 } }],
      blocking: { keys: [{ parts: [{ field: 'a' }] }] },
    });
    expect(s.clk).toMatchObject({ hash: 'randomHash', xorFold: false, balanced: false });
    expect(s.fields[0]!.tokenize).toEqual({ type: 'qgram', q: 2, positional: false });
    expect(s.blocking!.keys[0]).toEqual({ parts: [{ field: 'a', soundex: false }], bits: 32 });
  });

  it.each([
    ['a version that does not exist', { ...valid, version: 2 }, 'version'],
    ['a filter that is not 1,024 bits', { ...valid, clk: { ...valid.clk, bits: 512 } }, 'clk.bits'],
    ['a salt that is not base64', { ...valid, clk: { ...valid.clk, kdf: { type: 'HKDF-SHA256', salt: 'not base64!' } } }, 'clk.kdf.salt'],
    ['an unknown hash', { ...valid, clk: { ...valid.clk, hash: 'md5' } }, 'clk.hash'],
    ['no fields', { ...valid, fields: [] }, 'fields'],
    ['an unknown normalization', { ...valid, fields: [{ ...field, normalize: 'upper' }] }, 'fields.0.normalize'],
    ['q of 0', { ...valid, fields: [{ ...field, tokenize: { type: 'qgram', q: 0 } }] }, 'fields.0.tokenize.q'],
    ['both strategies', { ...valid, fields: [{ ...field, strategy: { bitsPerToken: 3, bitsPerFeature: 100 } }] }, 'fields.0.strategy'],
    ['a bad field name', { ...valid, fields: [{ ...field, name: 'Given Name' }] }, 'fields.0.name'],
    ['a field twice', { ...valid, fields: [field, field] }, 'fields.1.name'],
    ['salting with a missing field', { ...valid, fields: [{ ...field, saltWith: { field: 'dob' } }] }, 'fields.0.saltWith.field'],
    ['an unknown property', { ...valid, fields: [{ ...field, weight: 3 }] }, 'fields.0'],
    [
      'a blocking key on a missing field',
      { ...valid, blocking: { keys: [{ parts: [{ field: 'dob' }] }] } },
      'blocking.keys.0.parts.0.field',
    ],
    ['a blocking key of 4 bits', { ...valid, blocking: { keys: [{ parts: [{ field: 'zip' }], bits: 4 }] } }, 'blocking.keys.0.bits'],
    ['a reversed slice', { ...valid, blocking: { keys: [{ parts: [{ field: 'zip', slice: [3, 1] }] }] } }, 'blocking.keys.0.parts.0.slice'],
  ])('refuses %s, naming the path', (_name, schema, path) => {
    expect(() => parseLinkageSchema(schema)).toThrow(SchemaError);
    expect(() => parseLinkageSchema(schema)).toThrow(new RegExp(`${path.replace(/\./g, '\\.')}[.:]`));
  });

  it('the fingerprint changes with anything that changes the encoding, not with key order', () => {
    const reordered = parseLinkageSchema(
      JSON.parse(JSON.stringify({ fields: valid.fields, clk: valid.clk, id: valid.id, version: 1, description: valid.description })),
    );
    expect(schemaFingerprint(reordered)).toBe(schemaFingerprint(valid));
    expect(schemaFingerprint({ ...valid, fields: [{ ...field, strategy: { bitsPerFeature: 151 } }, ...valid.fields.slice(1)] })).not.toBe(
      schemaFingerprint(valid),
    );
  });
});
