import { parse as parseCsv } from 'csv-parse/sync';
import {
  SMALL_CELL_THRESHOLD,
  linkageMapFields,
  type LinkageColumnMap,
  type LinkageMapField,
  type LinkageSourceKind,
} from '@continuum/contracts';
import { DEFAULT_ID_COLUMNS, fieldFor, headerKey, type SourceField } from '../columns.ts';
import { LinkageInputError, RecordNormalizer, type LinkRecord, type RawPerson } from '../records.ts';

/*
 * A source file of an analyst linkage job: CSV or NDJSON, typed by its content (never by its name),
 * mapped column → field, and read all or nothing. Errors name the row and the column, never a value.
 */

/** One record of a job: the engine's normalized person fields and the event the source records. */
export interface JobRecord {
  /** `<file index>:<record id or row>`: unique across the job's files; orders clusters for the study id. */
  key: string;
  source: LinkageSourceKind;
  /** A short event type from the file (`booking`, `release`…) or the source kind. */
  eventType: string;
  /** The event's date, YYYY-MM-DD (a real calendar date). */
  eventDate: string;
  link: LinkRecord;
}

const EVENT_DATE_NAMES = [
  'event_date',
  'date',
  'service_date',
  'fill_date',
  'dispense_date',
  'date_filled',
  'run_date',
  'incident_date',
  'booking_date',
  'release_date',
  'death_date',
  'date_of_death',
  'dod',
  'discharge_date',
  'admit_date',
];
const EVENT_TYPE_NAMES = ['event_type', 'event', 'type', 'record_type'];

/** The map an analyst starts from: every recognized column name (the engine's common names, ids, event date and type). */
export function suggestColumnMap(columns: readonly string[]): LinkageColumnMap {
  const map: LinkageColumnMap = {};
  const taken = new Set<LinkageMapField>();
  for (const column of columns) {
    const key = headerKey(column);
    let field: LinkageMapField | undefined;
    if ((DEFAULT_ID_COLUMNS as readonly string[]).includes(key)) field = 'record_id';
    else if (EVENT_DATE_NAMES.includes(key)) field = 'event_date';
    else if (EVENT_TYPE_NAMES.includes(key)) field = 'event_type';
    else {
      const f = fieldFor(key);
      field = f === 'address_1' ? 'address' : (f as LinkageMapField | undefined);
    }
    if (field && (linkageMapFields as readonly string[]).includes(field) && !taken.has(field)) {
      map[column] = field;
      taken.add(field);
    }
  }
  return map;
}

/** Fields every mapped file must have: both names (no comparison tells people apart without them) and the event date. */
export const REQUIRED_MAP_FIELDS: readonly LinkageMapField[] = ['given_name', 'family_name', 'event_date'];

/** 'csv' or 'ndjson' from the bytes; throws for binary content or text that is not UTF-8. */
export function sniffFormat(bytes: Uint8Array, source: string): { format: 'csv' | 'ndjson'; text: string } {
  if (bytes.length === 0) throw new LinkageInputError(source, 0, '', 'empty file');
  if (bytes.includes(0)) throw new LinkageInputError(source, 0, '', 'not a CSV or NDJSON file (binary content)');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new LinkageInputError(source, 0, '', 'not a CSV or NDJSON file (not UTF-8 text)');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { format: text.trimStart().startsWith('{') ? 'ndjson' : 'csv', text };
}

/** The header and the data rows of a CSV or NDJSON text (rows numbered from 1, the header not counted). */
export function tableOf(text: string, format: 'csv' | 'ndjson', source: string): { header: string[]; rows: string[][] } {
  if (format === 'csv') {
    let all: string[][];
    try {
      all = parseCsv(text, { trim: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
    } catch (error) {
      const lines = (error as { lines?: number }).lines;
      const code = (error as { code?: string }).code ?? 'CSV_INVALID';
      const detail = code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ? 'a different number of columns than the header' : 'not valid CSV';
      throw new LinkageInputError(source, typeof lines === 'number' ? Math.max(1, lines - 1) : 0, '', `${detail} (${code})`);
    }
    if (all.length === 0) throw new LinkageInputError(source, 0, '', 'empty file: no header row');
    const header = all[0]!;
    if (header.length < 2) throw new LinkageInputError(source, 0, '', 'not a CSV file (a header of named columns separated by commas)');
    return { header, rows: all.slice(1) };
  }
  const header: string[] = [];
  const objects: Record<string, unknown>[] = [];
  let row = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    row += 1;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      throw new LinkageInputError(source, row, '', 'not a JSON object');
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new LinkageInputError(source, row, '', 'not a JSON object');
    for (const k of Object.keys(obj)) if (!header.includes(k)) header.push(k);
    objects.push(obj as Record<string, unknown>);
  }
  if (objects.length === 0) throw new LinkageInputError(source, 0, '', 'empty file: no records');
  const rows = objects.map((o) =>
    header.map((k) => {
      const v = o[k];
      return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean);
    }),
  );
  return { header, rows };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+[\d:]+(?:\s*[AaPp][Mm])?)?$/;

/** An event date as YYYY-MM-DD: ISO (a time part is dropped), YYYYMMDD or US MM/DD/YYYY; null when not a calendar date. */
export function parseEventDate(raw: string): string | null {
  const s = raw.trim();
  let y: number, m: number, d: number;
  let match = ISO.exec(s) ?? COMPACT.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = US.exec(s))) [y, m, d] = [Number(match[3]), Number(match[1]), Number(match[2])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900 || y > 2200) return null;
  return date.toISOString().slice(0, 10);
}

const EVENT_TYPE = /^[A-Za-z][A-Za-z _-]{0,39}$/;

/**
 * Reads a whole source file with its map into job records, all or nothing. Throws LinkageInputError
 * naming the row and the column for a missing required column, an unparseable date or an empty name.
 */
export function readSourceFile(
  bytes: Uint8Array,
  options: { source: LinkageSourceKind; fileIndex: number; label: string; map: LinkageColumnMap },
): { records: JobRecord[]; format: 'csv' | 'ndjson'; header: string[] } {
  const { label } = options;
  const { format, text } = sniffFormat(bytes, label);
  const { header, rows } = tableOf(text, format, label);
  const columnOf = new Map<LinkageMapField, number>();
  for (const [column, field] of Object.entries(options.map)) {
    const i = header.indexOf(column);
    if (i < 0) throw new LinkageInputError(label, 0, column, 'the map names a column the file does not have');
    if (columnOf.has(field)) throw new LinkageInputError(label, 0, column, `two columns are mapped to ${field}`);
    columnOf.set(field, i);
  }
  for (const field of REQUIRED_MAP_FIELDS) {
    if (!columnOf.has(field)) throw new LinkageInputError(label, 0, field, `missing required column ${field} (map a column to it)`);
  }
  const nameOf = (field: LinkageMapField) => header[columnOf.get(field)!]!;
  const normalizer = new RecordNormalizer(label);
  const personFields = [...columnOf].filter(([f]) => f !== 'record_id' && f !== 'event_date' && f !== 'event_type') as [
    SourceField,
    number,
  ][];
  const idColumn = columnOf.get('record_id');
  const seen = new Set<string>();
  const records: JobRecord[] = [];
  rows.forEach((values, index) => {
    const row = index + 1;
    const id = idColumn === undefined ? String(row) : (values[idColumn] ?? '').trim();
    if (id === '') throw new LinkageInputError(label, row, nameOf('record_id'), 'empty record id');
    if (seen.has(id)) throw new LinkageInputError(label, row, nameOf('record_id'), 'record id repeats an earlier row');
    seen.add(id);
    const eventDate = parseEventDate(values[columnOf.get('event_date')!] ?? '');
    if (eventDate === null)
      throw new LinkageInputError(label, row, nameOf('event_date'), 'not a date (expected YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)');
    const raw: RawPerson = {};
    for (const [field, i] of personFields) raw[field] = values[i] ?? '';
    const link = normalizer.normalize(`${options.fileIndex}:${id}`, raw, row, (f) => header[columnOf.get(f as LinkageMapField) ?? -1] ?? f);
    if (link.given === '' && link.family === '')
      throw new LinkageInputError(
        label,
        row,
        `${nameOf('given_name')}/${nameOf('family_name')}`,
        'no name: a record needs a given or a family name',
      );
    const typeIndex = columnOf.get('event_type');
    const rawType = typeIndex === undefined ? '' : (values[typeIndex] ?? '').trim();
    records.push({
      key: link.id,
      source: options.source,
      eventType: rawType === '' ? options.source : EVENT_TYPE.test(rawType) ? rawType.toLowerCase() : 'other',
      eventDate,
      link,
    });
  });
  if (records.length === 0) throw new LinkageInputError(label, 0, '', 'no data rows');
  // A type held by fewer than 11 records could be free text about one person: it becomes 'other' (the small-cell rule, docs/privacy.md).
  const counts = new Map<string, number>();
  for (const r of records) counts.set(r.eventType, (counts.get(r.eventType) ?? 0) + 1);
  for (const r of records) if (r.eventType !== options.source && counts.get(r.eventType)! < SMALL_CELL_THRESHOLD) r.eventType = 'other';
  return { records, format, header };
}
