/*
 * Writing CSV by hand, for the line-at-a-time writers (linkage files, CLK files, the analytic file) where a
 * streaming library per line would cost more than the line. RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180):
 * a field holding a comma, a double quote or a line break is quoted, and a quote inside it is doubled.
 * Whole documents from records use csv-stringify.
 */

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: quoted when it holds a comma, a quote or a line break; null and undefined are empty, as in Array.join. */
export function csvField(value: string | number | null | undefined): string {
  const s = String(value ?? '');
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line without its line break: the fields, each written by csvField, joined by commas. */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvField).join(',');
}
