import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';

/**
 * Validators for the official HSDS 3.0 object schemas (copied into `../data/hsds-3.0/schema`).
 *
 * The HSDS 3.0 API reference declares JSON Schema 2020-12 (`jsonSchemaDialect` in openapi.json),
 * but the object schemas use only keywords whose meaning is the same in draft-07 (type,
 * properties, required, items, enum, format, $ref); the project's Ajv (6.x) implements draft-07,
 * with the `uuid`, `uri`, `email` and `date-time` formats built in. The schemas also carry
 * Open Referral annotations (`name`, `path`, `constraints`, `datapackage_metadata`, …), which a
 * draft-07 validator ignores, and one non-standard format name, `datetime`, added here.
 */
export const HSDS_SCHEMA_DIR = path.resolve(import.meta.dirname, '../data/hsds-3.0/schema');
export const HSDS_EXAMPLES_DIR = path.resolve(import.meta.dirname, '../data/hsds-3.0/examples');

export type HsdsKind = 'organization' | 'service' | 'location' | 'service_at_location' | 'taxonomy' | 'taxonomy_term';

export interface HsdsIssue {
  path: string;
  reason: string;
}

let ajv: Ajv.Ajv | undefined;
function instance(): Ajv.Ajv {
  if (ajv) return ajv;
  const a = new Ajv({ allErrors: true, schemaId: 'auto' });
  a.addFormat('datetime', (s: string) => !Number.isNaN(Date.parse(s)));
  for (const file of fs.readdirSync(HSDS_SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
    a.addSchema(JSON.parse(fs.readFileSync(path.join(HSDS_SCHEMA_DIR, file), 'utf8')) as object, file);
  }
  ajv = a;
  return a;
}

/** Issues of one object against its HSDS schema; empty when valid. `at` prefixes each path. */
export function validateHsds(kind: HsdsKind, value: unknown, at = ''): HsdsIssue[] {
  const validate = instance().getSchema(`${kind}.json`);
  if (!validate) throw new Error(`no HSDS schema for ${kind}`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: `${at}${e.dataPath
      .replace(/\[(\d+)\]/g, '/$1')
      .replace(/\./g, '/')
      .replace(/\['([^']+)'\]/g, '/$1')}`,
    reason: e.message ?? 'invalid',
  }));
}

/** The scalar (non-nested) fields of an HSDS object, in the schema's order: the tabular columns. */
export function hsdsColumns(kind: string): { name: string; type: string }[] {
  const schema = JSON.parse(fs.readFileSync(path.join(HSDS_SCHEMA_DIR, `${kind}.json`), 'utf8')) as {
    properties: Record<string, { type?: string; $ref?: string }>;
  };
  return Object.entries(schema.properties)
    .filter(([, p]) => p.type !== 'array' && p.type !== 'object' && !p.$ref)
    .map(([name, p]) => ({ name, type: p.type ?? 'string' }));
}
