import { parse } from 'csv-parse/sync';
import { FeedMessageError } from '../adapter.ts';

/*
 * Tabular feed files (rosters, death records, PDMP extracts): CSV with a header row, or JSON rows.
 * Each row is one message, kept as canonical JSON (keys sorted), so a resent row is the same
 * message whatever the column order or the file around it.
 */

export interface TabularSpec {
  /** The file as a reason names it: "The roster", "The death records", "The extract". */
  label: string;
  /** Which JSON the file may be: a list (`[…]`), a list or `{"rows": […]}`, or NDJSON (one object a line). */
  json: 'list' | 'list_or_rows' | 'ndjson';
  /** The reason when a file holds no rows at all (unset: an empty file is no messages); `jsonOnly`: only a JSON file is refused so. */
  noRows?: { reason: string; jsonOnly?: boolean };
  /** Keep every value as a string ('' for null), as the PDMP extract's reader does. */
  stringValues?: boolean;
  /** Rows may have fewer or more cells than the header (the missing ones are ''). */
  relaxColumnCount?: boolean;
  /** Checks the CSV header (lower-cased); throws FeedMessageError to refuse the file. */
  checkHeader?: (header: string[]) => void;
}

/** A row as canonical JSON: keys sorted; with `stringValues`, every value a string. */
export function canonicalRow(row: unknown, stringValues = false): string {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return JSON.stringify(row);
  const o = row as Record<string, unknown>;
  return JSON.stringify(
    Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, stringValues ? (o[k] === null || o[k] === undefined ? '' : String(o[k])) : o[k]]),
    ),
  );
}

function jsonRows(trimmed: string, spec: TabularSpec): string[] {
  if (spec.json === 'ndjson')
    return trimmed
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .map((line) => {
        try {
          const o = JSON.parse(line) as unknown;
          return o && typeof o === 'object' && !Array.isArray(o) ? canonicalRow(o, spec.stringValues) : line;
        } catch {
          return line;
        }
      });
  let body: unknown;
  try {
    body = JSON.parse(trimmed);
  } catch {
    throw new FeedMessageError('malformed', `${spec.label} is not valid JSON`);
  }
  const rows: unknown[] = Array.isArray(body)
    ? body
    : spec.json === 'list_or_rows' && body && Array.isArray((body as { rows?: unknown }).rows)
      ? (body as { rows: unknown[] }).rows
      : [];
  return rows.map((r) => canonicalRow(r, spec.stringValues));
}

/** CSV (header row; names trimmed and lower-cased) → one object a row. */
function csvRows(trimmed: string, spec: TabularSpec): Record<string, string>[] {
  let records: string[][];
  try {
    records = parse(trimmed, { skip_empty_lines: true, trim: true, bom: true, relax_column_count: spec.relaxColumnCount ?? false });
  } catch {
    throw new FeedMessageError('malformed', `${spec.label} is not valid CSV`);
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  spec.checkHeader?.(header);
  return records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** A tabular file → one message a row (canonical JSON). Throws FeedMessageError('malformed') when the file as a whole cannot be read. */
export function splitRows(content: string, spec: TabularSpec): string[] {
  const trimmed = content.trim();
  const isJson =
    spec.json === 'list'
      ? trimmed.startsWith('[')
      : spec.json === 'ndjson'
        ? trimmed.startsWith('{')
        : trimmed.startsWith('[') || trimmed.startsWith('{');
  const rows = isJson ? jsonRows(trimmed, spec) : csvRows(trimmed, spec).map((r) => canonicalRow(r, spec.stringValues));
  if (rows.length === 0 && spec.noRows && (isJson || !spec.noRows.jsonOnly)) throw new FeedMessageError('malformed', spec.noRows.reason);
  return rows;
}

/** One row message → its columns. `what` names the row in the reason ("A roster row"). */
export function parseRow(message: string, what: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(message);
  } catch {
    throw new FeedMessageError('malformed', 'The row is not valid JSON');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new FeedMessageError('malformed', `${what} is an object of columns`);
  return raw as Record<string, unknown>;
}
