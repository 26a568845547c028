/*
 * Writing CSV for people to open in a spreadsheet, the one helper every CSV export uses (server and web).
 *
 * RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180): a field holding a comma, a double quote or a line
 * break is quoted, and a quote inside it is doubled.
 *
 * Formula injection (OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection): a
 * spreadsheet reads a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so
 * text that starts with one of them is written with a leading apostrophe, which spreadsheets show as
 * text. Numbers, and text that is only a number ("-3", "+1.5"), are written as they are.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Text a spreadsheet shows as text: a leading formula character is escaped with an apostrophe. */
export function csvSafeText(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

export type CsvValue = string | number | boolean | null | undefined;

/** One CSV field: formula-safe, quoted when it holds a comma, a quote or a line break; null and undefined are empty. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? csvSafeText(value) : String(value);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line without its line break: the fields, each written by csvField, joined by commas. */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',');
}

/** A whole document: one line per row, each ended by CRLF (RFC 4180). */
export function csvDocument(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((r) => `${csvLine(r)}\r\n`).join('');
}
