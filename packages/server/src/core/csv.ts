/*
 * Writing CSV by hand, for the line-at-a-time writers (linkage files, CLK files, the analytic file) where a
 * streaming library per line would cost more than the line. The one helper is in contracts (`csv.ts`, shared
 * with the web app): RFC 4180 quoting, and text starting with a formula character (`=`, `+`, `-`, `@`, tab,
 * carriage return) escaped so a spreadsheet never runs it. Whole documents written with csv-stringify pass
 * `csvStringifyOptions` so they get the same escaping.
 */
import { csvSafeText } from '@continuum/contracts';

export { csvField, csvLine, csvSafeText } from '@continuum/contracts';

/** csv-stringify's cast: every string cell made formula-safe (csv-stringify does the quoting). */
export const csvStringifyCast = { string: (value: string) => csvSafeText(value) };
