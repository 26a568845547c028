/** Which source column feeds which person field: common header names recognized, or an explicit map. */

export const FIELDS = [
  'given_name',
  'middle_name',
  'family_name',
  'suffix',
  'birth_date',
  'sex',
  'ssn',
  'phone',
  'address',
  'address_1',
  'address_2',
  'street_number',
  'city',
  'zip',
  'state',
  'email',
] as const;
export type SourceField = (typeof FIELDS)[number];

/** Header names recognized without a map (compared lower case, spaces and hyphens as underscores). */
const ALIASES: Record<SourceField, readonly string[]> = {
  given_name: ['given_name', 'first_name', 'firstname', 'givenname', 'given', 'forename', 'fname', 'first'],
  middle_name: ['middle_name', 'middlename', 'middle'],
  family_name: ['family_name', 'last_name', 'lastname', 'familyname', 'surname', 'family', 'lname', 'last'],
  suffix: ['suffix', 'name_suffix'],
  birth_date: ['birth_date', 'dob', 'date_of_birth', 'birthdate', 'birth_dt'],
  sex: ['sex', 'gender'],
  ssn: ['ssn', 'soc_sec_id', 'social_security_number', 'ssn_number'],
  phone: ['phone', 'phone_number', 'telephone', 'tel'],
  address: ['address', 'street_address', 'address_line'],
  address_1: ['address_1', 'address1', 'address_line_1', 'street'],
  address_2: ['address_2', 'address2', 'address_line_2'],
  street_number: ['street_number', 'house_number', 'street_no'],
  city: ['city', 'suburb', 'town'],
  zip: ['zip', 'zipcode', 'zip_code', 'postcode', 'postal_code'],
  state: ['state'],
  email: ['email', 'email_address', 'e_mail'],
};

/** Id columns tried in order when none is given (`rec_id` is FEBRL's, `unique_id` Splink's). */
export const DEFAULT_ID_COLUMNS = ['record_id', 'rec_id', 'unique_id', 'id'] as const;

/** Fields every source must provide: without both names no comparison can tell people apart. */
export const REQUIRED_FIELDS: readonly SourceField[] = ['given_name', 'family_name'];

export function headerKey(column: string): string {
  return column
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Resolves a field name or one of its aliases ("surname" → "family_name"); undefined when unknown. */
export function fieldFor(name: string): SourceField | undefined {
  const key = headerKey(name);
  for (const field of FIELDS) if (ALIASES[field].includes(key)) return field;
  return undefined;
}

export class MapSyntaxError extends Error {}

/** Parses `--map col=field,col=field` into column → field (fields by name or alias). */
export function parseColumnMap(spec: string): Map<string, SourceField> {
  const out = new Map<string, SourceField>();
  for (const item of spec.split(',')) {
    if (item.trim() === '') continue;
    const eq = item.indexOf('=');
    if (eq <= 0 || eq === item.length - 1) throw new MapSyntaxError(`--map: "${item}" is not col=field`);
    const column = item.slice(0, eq).trim();
    const field = fieldFor(item.slice(eq + 1));
    if (!field) throw new MapSyntaxError(`--map: unknown field "${item.slice(eq + 1).trim()}" (known: ${FIELDS.join(', ')})`);
    out.set(column, field);
  }
  return out;
}

export interface ColumnPlan {
  /** Index of the id column in the header. */
  id: number;
  idColumn: string;
  /** Index of each mapped field's column. */
  fields: Partial<Record<SourceField, number>>;
  /** Column name of each mapped field, for error messages. */
  names: Partial<Record<SourceField, string>>;
}

export type PlanResult = { ok: true; plan: ColumnPlan } | { ok: false; column: string; message: string };

/**
 * Decides the column of every field from a header: explicit map entries first, then recognized
 * names. Fails naming the column when the id or a required field is missing.
 */
export function planColumns(header: readonly string[], options: { idColumn?: string; map?: ReadonlyMap<string, SourceField> }): PlanResult {
  const keys = header.map(headerKey);
  const indexOf = (column: string) => {
    const exact = header.indexOf(column);
    return exact >= 0 ? exact : keys.indexOf(headerKey(column));
  };
  let id = -1;
  let idColumn = options.idColumn ?? '';
  if (options.idColumn !== undefined) id = indexOf(options.idColumn);
  else {
    for (const c of DEFAULT_ID_COLUMNS) {
      id = keys.indexOf(c);
      if (id >= 0) {
        idColumn = header[id]!;
        break;
      }
    }
  }
  if (id < 0) {
    const wanted = options.idColumn ?? DEFAULT_ID_COLUMNS.join(' or ');
    return { ok: false, column: wanted, message: `missing id column ${wanted} (name it with --id COLUMN)` };
  }
  const fields: ColumnPlan['fields'] = {};
  const names: ColumnPlan['names'] = {};
  for (const [column, field] of options.map ?? []) {
    const i = indexOf(column);
    if (i < 0) return { ok: false, column, message: `--map names column "${column}", which the header does not have` };
    fields[field] = i;
    names[field] = header[i]!;
  }
  keys.forEach((key, i) => {
    if (i === id) return;
    const field = fieldFor(key);
    if (field && fields[field] === undefined && !Object.values(fields).includes(i)) {
      fields[field] = i;
      names[field] = header[i]!;
    }
  });
  for (const field of REQUIRED_FIELDS) {
    if (fields[field] === undefined) {
      const known = ALIASES[field].slice(0, 3).join('/');
      return { ok: false, column: field, message: `missing required column ${field} (${known}…, or map one with --map col=${field})` };
    }
  }
  return { ok: true, plan: { id, idColumn, fields, names } };
}
