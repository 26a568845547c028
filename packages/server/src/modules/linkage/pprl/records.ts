import { normalizePeople, type LinkRecord, type RawPerson } from '../records.ts';
import { CLK_BYTES } from './dice-kernel.ts';
import type { ClkSet } from './dice.ts';
import { FieldError, type Encoder, type RawRecord } from './encode.ts';
import { SchemaError, type LinkageSchema } from './schema.ts';

/**
 * Linkage records (read, mapped and normalized by the linkage module's readers) as the encoder's
 * input: schema field names are the linkage module's field names.
 */
const RECORD_FIELDS: Record<string, (r: LinkRecord) => string> = {
  given_name: (r) => r.given,
  middle_name: (r) => r.middle,
  family_name: (r) => r.family,
  suffix: (r) => r.suffix,
  birth_date: (r) => r.birthDate,
  sex: (r) => r.sex,
  ssn: (r) => r.ssn,
  phone: (r) => r.phone,
  street_number: (r) => r.streetNumber,
  address_1: (r) => r.street,
  city: (r) => r.city,
  zip: (r) => r.zip,
  state: (r) => r.state,
  email: (r) => r.email,
};

export const ENCODABLE_FIELDS = Object.keys(RECORD_FIELDS);

/** Checks that every schema field is one the linkage readers produce. */
export function checkRecordSchema(schema: LinkageSchema): void {
  const unknown = schema.fields.map((f) => f.name).filter((n) => !(n in RECORD_FIELDS));
  if (unknown.length > 0)
    throw new SchemaError(`schema field(s) ${unknown.join(', ')} are not record fields (known: ${ENCODABLE_FIELDS.join(', ')})`);
}

export function encodableRecord(r: LinkRecord): RawRecord {
  const out: Record<string, string> = {};
  for (const [field, get] of Object.entries(RECORD_FIELDS)) out[field] = get(r);
  return out;
}

/** Bad input while encoding: the record's row and the schema field; never the value. */
export class EncodeRowError extends Error {
  override name = 'EncodeRowError';
  constructor(
    readonly source: string,
    readonly row: number,
    readonly column: string,
    reason: string,
  ) {
    super(`${[source, `row ${row}`, `column ${column}`].filter(Boolean).join(', ')}: ${reason}`);
  }
}

/** Encodes linkage records into a CLK set (ids, filters, blocking keys), all or nothing. */
export function encodeRecords(
  records: readonly LinkRecord[],
  encoder: Encoder,
  onProgress?: (done: number) => void,
): ClkSet & { blockingKeys: string[][] } {
  checkRecordSchema(encoder.schema);
  const filters = new Uint8Array(records.length * CLK_BYTES);
  const blockingKeys: string[][] = [];
  records.forEach((r, i) => {
    try {
      const e = encoder.encode(encodableRecord(r));
      filters.set(e.clk, i * CLK_BYTES);
      blockingKeys.push(e.blockingKeys);
    } catch (error) {
      if (error instanceof FieldError) throw new EncodeRowError(r.source, r.row, error.field, error.message);
      throw error;
    }
    if (onProgress && (i + 1) % 1000 === 0) onProgress(i + 1);
  });
  onProgress?.(records.length);
  return { ids: records.map((r) => r.id), filters, blockingKeys };
}

/**
 * The registry's own encoded view: registry-shaped people (given and family name, birth date, sex,
 * ZIP, phone, SSN) normalized as any linkage source, then encoded with the network's schema and
 * secret. Runs where the secret is held (never at the hub); the caller reads the people through the
 * registry chokepoint.
 */
export function encodeRegistryPeople(
  people: readonly (RawPerson & { id: string })[],
  encoder: Encoder,
): ClkSet & { blockingKeys: string[][] } {
  return encodeRecords(normalizePeople(people, 'registry'), encoder);
}
