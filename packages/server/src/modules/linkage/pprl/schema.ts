import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CLK_BITS } from './dice-kernel.ts';
import { normalizations } from './normalize.ts';

/**
 * The linkage schema: how each field of a record becomes bits of a CLK (cryptographic long-term key,
 * Schnell, Bachteler & Reiher 2011), modelled on clkhash's linkage schema v3 (docs/schema.rst in
 * data61/clkhash): one 1,024-bit Bloom filter per record, per-field tokenization into q-grams
 * (positional for digits), a bit budget per field, keys derived per field from one network secret
 * by HKDF. Both parties must encode with the same schema and secret. See docs/pprl.md.
 */

const fieldName = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'a field name is lower-case letters, digits and underscores, starting with a letter');

const tokenizeSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('qgram'),
    /** q-gram size: 2 (bigrams) for names and text, 1 for digit strings (clkhash's FEBRL schema). */
    q: z.number().int().min(1).max(4),
    /** Tag each q-gram with its position, so "1951" and "1915" differ (digits, dates). */
    positional: z.boolean().default(false),
  }),
  /** The whole value is one token (sex, state codes). */
  z.object({ type: z.literal('exact') }),
]);

const strategySchema = z.union([
  /** k: every token sets this many bits. */
  z.object({ bitsPerToken: z.number().int().min(1).max(100) }).strict(),
  /** The field sets about this many bits whatever its length: k = round(bits / tokens), at least 1. */
  z.object({ bitsPerFeature: z.number().int().min(1).max(1024) }).strict(),
]);

const sliceSchema = z
  .tuple([z.number().int().min(0), z.number().int().min(1)])
  .refine(([a, b]) => b > a, 'a slice is [start, end) with end after start');

const fieldSchema = z
  .object({
    name: fieldName,
    /** How the raw value is cleaned before tokenizing (see normalize.ts). */
    normalize: z.enum(Object.keys(normalizations) as [keyof typeof normalizations, ...(keyof typeof normalizations)[]]),
    tokenize: tokenizeSchema,
    /** The field's weight in the filter: its share of the bits. 0 leaves it out. */
    strategy: strategySchema,
    /**
     * Record-level salting (Niedermeyer et al. 2014; Christen et al. 2017): the tokens of this field are
     * hashed together with a stable value of another field (for example the birth year), so the same
     * name in different birth years sets unrelated bits. Frequency attacks then see many small
     * populations instead of one; the price is that an error in the salt field breaks agreement on
     * this field.
     */
    saltWith: z.object({ field: fieldName, slice: sliceSchema.optional() }).strict().optional(),
  })
  .strict();

const blockingKeySchema = z
  .object({
    /** The parts of the key: normalized field values, optionally sliced or reduced to a Soundex code. */
    parts: z.array(z.object({ field: fieldName, slice: sliceSchema.optional(), soundex: z.boolean().default(false) }).strict()).min(1),
    /**
     * Truncate the keyed hash to this many bits. Fewer bits put unrelated values in one block
     * (more comparisons, less for a frequency attack to see); see docs/pprl.md.
     */
    bits: z.number().int().min(8).max(64).default(32),
  })
  .strict();

export const linkageSchemaSchema = z
  .object({
    /** The schema format version; only 1 exists. */
    version: z.literal(1),
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'an id is lower-case letters, digits, ".", "_" and "-"'),
    description: z.string().optional(),
    clk: z
      .object({
        /** Filter length: 1,024 bits (anonlink's and clkhash's usual length; the Dice kernel is fixed to it). */
        bits: z.literal(CLK_BITS),
        /**
         * HKDF-SHA256 (RFC 5869) derives every key from the network secret; the salt (base64) may be
         * public and separates one network's schema from another's.
         */
        kdf: z.object({ type: z.literal('HKDF-SHA256'), salt: z.base64() }).strict(),
        /**
         * How a token becomes k bit positions, from HMAC-SHA256 under the field's key:
         * "randomHash" draws every position from the HMAC output (Niedermeyer et al. 2014's "random
         * hashing", which removes the arithmetic structure their attack used); "doubleHash" is the
         * Kirsch–Mitzenmacher g_i = h1 + i·h2 of Schnell 2011 and clkhash's doubleHash.
         */
        hash: z.enum(['randomHash', 'doubleHash']).default('randomHash'),
        /** XOR-fold a 2,048-bit filter to 1,024 bits (Schnell, Borgs & Encarnação 2016). */
        xorFold: z.boolean().default(false),
        /**
         * Balanced Bloom filter (one of the hardenings compared by Ranbaduge & Schnell 2020): a 512-bit
         * filter joined with its complement and permuted under a key, so every CLK has exactly 512 bits set.
         */
        balanced: z.boolean().default(false),
      })
      .strict(),
    fields: z.array(fieldSchema).min(1),
    blocking: z
      .object({ keys: z.array(blockingKeySchema).min(1) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((schema, ctx) => {
    const names = new Set<string>();
    schema.fields.forEach((f, i) => {
      if (names.has(f.name)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'name'], message: `field "${f.name}" appears twice` });
      names.add(f.name);
    });
    schema.fields.forEach((f, i) => {
      if (f.saltWith && !names.has(f.saltWith.field))
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'saltWith', 'field'], message: `no field "${f.saltWith.field}" to salt with` });
      if (f.saltWith?.field === f.name)
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'saltWith', 'field'], message: 'a field cannot salt itself' });
    });
    schema.blocking?.keys.forEach((k, i) =>
      k.parts.forEach((p, j) => {
        if (!names.has(p.field))
          ctx.addIssue({ code: 'custom', path: ['blocking', 'keys', i, 'parts', j, 'field'], message: `no field "${p.field}"` });
      }),
    );
  });

export type LinkageSchema = z.infer<typeof linkageSchemaSchema>;
export type FieldSpec = LinkageSchema['fields'][number];

export class SchemaError extends Error {
  override name = 'SchemaError';
}

/** Validates a parsed schema; the error lists every problem with its JSON path. */
export function parseLinkageSchema(value: unknown): LinkageSchema {
  const result = linkageSchemaSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(schema)'}: ${i.message}`);
  throw new SchemaError(`invalid linkage schema: ${problems.join('; ')}`);
}

/** Reads and validates a schema file (JSON). */
export function readLinkageSchema(file: string): LinkageSchema {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SchemaError(`cannot read the schema file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SchemaError(`the schema file ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseLinkageSchema(json);
}

/** The schemas shipped with Continuum (schemas/*.json beside this file). */
export const shippedSchemaFiles = {
  /** Registry-shaped records: given and family name, birth date, sex, ZIP, last four of the SSN, phone. */
  default: new URL('./schemas/continuum-default.json', import.meta.url),
  /** FEBRL's columns (clkhash's FEBRL schema, with the SSN): for the accuracy tests and the benchmark. */
  febrl: new URL('./schemas/febrl.json', import.meta.url),
} as const;

export function shippedSchema(which: keyof typeof shippedSchemaFiles): LinkageSchema {
  return parseLinkageSchema(JSON.parse(readFileSync(shippedSchemaFiles[which], 'utf8')));
}

/** A stable fingerprint of a validated schema (SHA-256 of its canonical JSON, 16 hex digits). */
export function schemaFingerprint(schema: LinkageSchema): string {
  return createHash('sha256').update(canonicalJson(schema)).digest('hex').slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
