import fc from 'fast-check';
import { z } from 'zod';

/*
 * A plausible valid value for a route's Zod schema, read from its JSON Schema (z.toJSONSchema): the
 * required fields of each object, the first value of each enum, a string of the right format or
 * pattern and length, a number within its bounds. Used by the bad-input fuzzer to start from a body
 * that passes the schema, so that changing one field exercises that field's check (and the object's
 * refinements), and by the authorization matrix to send a real body. Refinements across fields are
 * not known here: callers check the result with the schema itself.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  default?: unknown;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

export const EXAMPLE_ID = '11111111-1111-4111-8111-111111111111';

/** The JSON Schema of what a Zod schema accepts as input, or null when it has none. */
export function jsonSchemaOf(schema: unknown): JsonSchema | null {
  if (!(schema instanceof z.ZodType)) return null;
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', cycles: 'ref', reused: 'inline' }) as JsonSchema;
  } catch {
    return null;
  }
}

function resolve(s: JsonSchema, root: JsonSchema): JsonSchema {
  if (!s.$ref) return s;
  const name = s.$ref.split('/').pop()!;
  return root.$defs?.[name] ?? {};
}

function stringExample(s: JsonSchema): string {
  switch (s.format) {
    case 'uuid':
      return EXAMPLE_ID;
    case 'email':
      return 'someone@example.org';
    case 'date':
      return '2026-01-15';
    case 'date-time':
      return '2026-01-15T10:00:00Z';
    case 'time':
      return '10:00:00';
    case 'uri':
    case 'url':
      return 'https://example.org/';
  }
  if (s.pattern) {
    try {
      const regex = new RegExp(s.pattern);
      const fits = (v: string) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? 200);
      const found = fc.sample(fc.stringMatching(regex), { seed: 7, numRuns: 50 }).find(fits);
      if (found !== undefined) return found;
    } catch {
      // a pattern fast-check cannot generate from: fall through to a plain string
    }
  }
  const length = Math.min(Math.max(s.minLength ?? 1, 4), s.maxLength ?? 4);
  return 'abcdefgh'.repeat(Math.ceil(length / 8)).slice(0, length);
}

function numberExample(s: JsonSchema, integer: boolean): number {
  const low = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
  const high = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : undefined);
  const value = low ?? (high !== undefined ? Math.min(high, 1) : 1);
  return integer ? Math.ceil(value) : value;
}

/** An example value for a JSON Schema (depth-limited). */
export function exampleOf(s: JsonSchema, root: JsonSchema = s, depth = 0): unknown {
  s = resolve(s, root);
  if (depth > 12) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum && s.enum.length > 0) return s.enum[0];
  const options = s.anyOf ?? s.oneOf;
  if (options) {
    const notNull = options.find((o) => resolve(o, root).type !== 'null') ?? options[0]!;
    return exampleOf(notNull, root, depth + 1);
  }
  if (s.allOf) return Object.assign({}, ...s.allOf.map((p) => exampleOf(p, root, depth + 1) as object));
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of s.required ?? []) out[name] = exampleOf(s.properties?.[name] ?? {}, root, depth + 1);
      return out;
    }
    case 'array': {
      if (s.prefixItems) return s.prefixItems.map((p) => exampleOf(p, root, depth + 1));
      return Array.from({ length: s.minItems ?? 0 }, () => exampleOf(s.items ?? {}, root, depth + 1));
    }
    case 'string':
      return stringExample(s);
    case 'integer':
      return numberExample(s, true);
    case 'number':
      return numberExample(s, false);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return s.properties ? exampleOf({ ...s, type: 'object' }, root, depth) : 'x';
  }
}

/** The paths of the fields an object schema declares (required and optional), a few levels down. */
export function fieldPaths(s: JsonSchema, root: JsonSchema = s, prefix: string[] = [], depth = 0): string[][] {
  s = resolve(s, root);
  if (depth > 3) return [];
  const options = s.anyOf ?? s.oneOf ?? s.allOf;
  if (options) return options.flatMap((o) => fieldPaths(o, root, prefix, depth + 1));
  const out: string[][] = [];
  for (const [name, child] of Object.entries(s.properties ?? {})) {
    out.push([...prefix, name]);
    out.push(...fieldPaths(child, root, [...prefix, name], depth + 1));
  }
  return out;
}
