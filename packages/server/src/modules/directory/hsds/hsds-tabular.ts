import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Hsds } from './hsds-export.ts';
import { HSDS_SCHEMA_DIR } from './hsds-schemas.ts';
import { stableId } from './hsds-taxonomy.ts';

/**
 * The HSDS tabular form: one CSV per object type (columns = the schema's scalar fields, file name
 * = the schema's `path`), foreign keys linking children to parents, and a `datapackage.json`.
 * Capacity (HSDS 3.1 `service_capacity`) travels in `service_capacity.csv`.
 */
const KINDS = [
  'organization',
  'program',
  'organization_identifier',
  'service',
  'location',
  'service_at_location',
  'address',
  'phone',
  'schedule',
  'language',
  'contact',
  'accessibility',
  'cost_option',
  'funding',
  'required_document',
  'service_area',
  'attribute',
  'taxonomy',
  'taxonomy_term',
  'metadata',
  'meta_table_description',
] as const;
type Kind = (typeof KINDS)[number];

const CHILD_KIND: Record<string, Kind> = {
  locations: 'location',
  services: 'service',
  programs: 'program',
  organization_identifiers: 'organization_identifier',
  service_at_locations: 'service_at_location',
  addresses: 'address',
  phones: 'phone',
  schedules: 'schedule',
  languages: 'language',
  contacts: 'contact',
  accessibility: 'accessibility',
  cost_options: 'cost_option',
  funding: 'funding',
  required_documents: 'required_document',
  service_areas: 'service_area',
  attributes: 'attribute',
  metadata: 'metadata',
};
const NESTED_KIND: Record<string, Kind> = { program: 'program', taxonomy_term: 'taxonomy_term', taxonomy_detail: 'taxonomy' };

const CAPACITY_FILE = 'service_capacity.csv';
const CAPACITY_COLUMNS = ['id', 'service_id', 'unit', 'available', 'maximum', 'description', 'updated', 'status', 'waitlist_days'];
const CAPACITY_NUMBERS = new Set(['available', 'maximum', 'waitlist_days']);

interface TableSpec {
  file: string;
  columns: { name: string; type: string }[];
}
let specs: Map<Kind, TableSpec> | undefined;
function tableSpecs(): Map<Kind, TableSpec> {
  if (specs) return specs;
  specs = new Map(
    KINDS.map((kind) => {
      const schema = JSON.parse(fs.readFileSync(path.join(HSDS_SCHEMA_DIR, `${kind}.json`), 'utf8')) as {
        path: string;
        properties: Record<string, { type?: string; $ref?: string }>;
      };
      const columns = Object.entries(schema.properties)
        .filter(([, p]) => p.type !== 'array' && p.type !== 'object' && !p.$ref)
        .map(([name, p]) => ({ name, type: p.type ?? 'string' }));
      return [kind, { file: schema.path, columns }];
    }),
  );
  return specs;
}

/** The tables (file name → rows) for organization_full objects. */
export function toTables(organizations: readonly Hsds[]): Map<string, string[][]> {
  const rows = new Map<Kind, Map<string, Record<string, string>>>(KINDS.map((k) => [k, new Map()]));
  const capacities: string[][] = [];
  const spec = tableSpecs();
  const cell = (v: unknown) => (v === undefined || v === null ? '' : String(v));

  const emit = (kind: Kind, o: Hsds, link: Record<string, unknown>) => {
    const id = String(o.id);
    if (!rows.get(kind)!.has(id)) {
      rows.get(kind)!.set(id, Object.fromEntries(spec.get(kind)!.columns.map((c) => [c.name, cell(o[c.name] ?? link[c.name])])));
    }
    for (const [key, value] of Object.entries(o)) {
      const childLink =
        key === 'attributes'
          ? { link_id: id, link_entity: kind }
          : key === 'metadata'
            ? { resource_id: id, resource_type: kind }
            : { [`${kind}_id`]: id };
      if (Array.isArray(value) && CHILD_KIND[key]) for (const child of value as Hsds[]) emit(CHILD_KIND[key], child, childLink);
      else if (key === 'capacities' && Array.isArray(value)) {
        for (const c of value as Hsds[])
          capacities.push(
            CAPACITY_COLUMNS.map((col) => (col === 'unit' ? cell((c.unit as Hsds).identifier) : col === 'service_id' ? id : cell(c[col]))),
          );
      } else if (value && typeof value === 'object' && !Array.isArray(value) && NESTED_KIND[key]) emit(NESTED_KIND[key], value as Hsds, {});
    }
  };
  for (const o of organizations) emit('organization', o, {});

  const tables = new Map<string, string[][]>();
  for (const kind of KINDS) {
    const s = spec.get(kind)!;
    tables.set(s.file, [s.columns.map((c) => c.name), ...[...rows.get(kind)!.values()].map((r) => s.columns.map((c) => r[c.name]!))]);
  }
  tables.set(CAPACITY_FILE, [CAPACITY_COLUMNS, ...capacities]);
  return tables;
}

export function writeTabular(dir: string, organizations: readonly Hsds[]): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const tables = toTables(organizations);
  const spec = tableSpecs();
  for (const [file, table] of tables) fs.writeFileSync(path.join(dir, file), stringify(table));
  const resources = [
    ...KINDS.map((kind) => ({
      name: kind,
      path: spec.get(kind)!.file,
      profile: 'tabular-data-resource',
      schema: { fields: spec.get(kind)!.columns },
    })),
    {
      name: 'service_capacity',
      path: CAPACITY_FILE,
      profile: 'tabular-data-resource',
      schema: { fields: CAPACITY_COLUMNS.map((name) => ({ name, type: CAPACITY_NUMBERS.has(name) ? 'number' : 'string' })) },
    },
  ];
  fs.writeFileSync(
    path.join(dir, 'datapackage.json'),
    `${JSON.stringify({ name: 'continuum-directory', profile: 'tabular-data-package', resources }, null, 2)}\n`,
  );
  return [...tables.keys(), 'datapackage.json'];
}

const PARENTS: Partial<Record<Kind, [string, Kind | 'any', string][]>> = {
  location: [['organization_id', 'organization', 'locations']],
  service: [['organization_id', 'organization', 'services']],
  program: [['organization_id', 'organization', 'programs']],
  organization_identifier: [['organization_id', 'organization', 'organization_identifiers']],
  service_at_location: [['service_id', 'service', 'service_at_locations']],
  address: [['location_id', 'location', 'addresses']],
  accessibility: [['location_id', 'location', 'accessibility']],
  phone: [
    ['contact_id', 'contact', 'phones'],
    ['service_at_location_id', 'service_at_location', 'phones'],
    ['service_id', 'service', 'phones'],
    ['location_id', 'location', 'phones'],
    ['organization_id', 'organization', 'phones'],
  ],
  language: [
    ['phone_id', 'phone', 'languages'],
    ['service_id', 'service', 'languages'],
    ['location_id', 'location', 'languages'],
  ],
  schedule: [
    ['service_at_location_id', 'service_at_location', 'schedules'],
    ['service_id', 'service', 'schedules'],
    ['location_id', 'location', 'schedules'],
  ],
  contact: [
    ['service_at_location_id', 'service_at_location', 'contacts'],
    ['service_id', 'service', 'contacts'],
    ['location_id', 'location', 'contacts'],
    ['organization_id', 'organization', 'contacts'],
  ],
  cost_option: [['service_id', 'service', 'cost_options']],
  funding: [
    ['service_id', 'service', 'funding'],
    ['organization_id', 'organization', 'funding'],
  ],
  required_document: [['service_id', 'service', 'required_documents']],
  service_area: [['service_id', 'service', 'service_areas']],
  attribute: [['link_id', 'any', 'attributes']],
  metadata: [['resource_id', 'any', 'metadata']],
};

/**
 * Reads an HSDS tabular folder back into organization_full objects (and any services whose
 * organization is not in it), for the JSON import. Missing files are empty tables.
 */
export function readTabular(dir: string): Hsds[] {
  const spec = tableSpecs();
  const objects = new Map<Kind, Hsds[]>();
  const byId = new Map<string, Hsds>();
  const byKindId = new Map<string, Hsds>();
  for (const kind of KINDS) {
    const s = spec.get(kind)!;
    const file = path.join(dir, s.file);
    const records: Record<string, string>[] = fs.existsSync(file)
      ? parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true })
      : [];
    const numeric = new Set(s.columns.filter((c) => c.type === 'number').map((c) => c.name));
    const list = records.map(
      (r) =>
        Object.fromEntries(
          Object.entries(r)
            .filter(([, v]) => v !== '')
            .map(([k, v]) => [k, numeric.has(k) ? Number(v) : v]),
        ) as Hsds,
    );
    objects.set(kind, list);
    for (const o of list) {
      byId.set(String(o.id), o);
      byKindId.set(`${kind}:${String(o.id)}`, o);
    }
  }
  const terms = new Map((objects.get('taxonomy_term') ?? []).map((t) => [String(t.id), t]));
  const taxonomies = new Map((objects.get('taxonomy') ?? []).map((t) => [String(t.id), t]));
  for (const t of terms.values()) {
    const detail = typeof t.taxonomy_id === 'string' ? taxonomies.get(t.taxonomy_id) : undefined;
    if (detail) t.taxonomy_detail = detail;
  }
  const attach = (parent: Hsds, key: string, child: Hsds) => {
    parent[key] = [...((parent[key] as Hsds[] | undefined) ?? []), child];
  };
  const attached = new Set<Hsds>();
  for (const kind of KINDS) {
    for (const o of objects.get(kind) ?? []) {
      if (kind === 'attribute' && typeof o.taxonomy_term_id === 'string' && terms.has(o.taxonomy_term_id))
        o.taxonomy_term = terms.get(o.taxonomy_term_id);
      for (const [column, parentKind, key] of PARENTS[kind] ?? []) {
        const ref = o[column];
        if (typeof ref !== 'string') continue;
        const parent = parentKind === 'any' ? byId.get(ref) : byKindId.get(`${parentKind}:${ref}`);
        if (parent) {
          attach(parent, key, o);
          attached.add(o);
          break;
        }
      }
    }
  }
  const capacityFile = path.join(dir, CAPACITY_FILE);
  if (fs.existsSync(capacityFile)) {
    const records: Record<string, string>[] = parse(fs.readFileSync(capacityFile, 'utf8'), {
      columns: true,
      skip_empty_lines: true,
      bom: true,
    });
    for (const r of records) {
      const service = byKindId.get(`service:${r.service_id}`);
      if (!service) continue;
      const c: Hsds = Object.fromEntries(
        Object.entries(r)
          .filter(([, v]) => v !== '')
          .map(([k, v]) => [k, CAPACITY_NUMBERS.has(k) ? Number(v) : v]),
      );
      c.unit = { id: stableId('unit', r.unit ?? ''), name: r.unit, scheme: 'Continuum', identifier: r.unit };
      attach(service, 'capacities', c);
    }
  }
  // A location listed by no organization of the package is nested where a service is offered at it.
  for (const link of objects.get('service_at_location') ?? []) {
    const location = typeof link.location_id === 'string' ? byKindId.get(`location:${link.location_id}`) : undefined;
    if (location && !attached.has(location)) link.location = location;
  }
  const orphanServices = (objects.get('service') ?? []).filter((s) => !attached.has(s));
  return [...(objects.get('organization') ?? []), ...orphanServices];
}
