import path from 'node:path';

/*
 * Characters a shown file name never keeps, each replaced by "_":
 * - C0 and C1 control characters and DEL (line breaks and NUL among them);
 * - the Unicode bidirectional controls (Unicode Standard Annex #9, "Explicit Directional Formatting":
 *   U+061C ALM, U+200E LRM, U+200F RLM, U+202A–U+202E embeddings and overrides, U+2066–U+2069
 *   isolates): a right-to-left override makes "invoice\u202Efdp.exe" display as "invoiceexe.pdf";
 * - quote and the characters Windows refuses in a name (`"<>:|?*`).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069"<>:|?*]/g;

/** A file name safe to store, to show and to send back in Content-Disposition: never a path, at most 200 characters. */
export function safeFileName(name: string | undefined, fallback: string): string {
  const base = path.basename((name ?? '').replace(/\\/g, '/'));
  const cleaned = base.replace(UNSAFE, '_').trim().slice(0, 200);
  return cleaned.length > 0 && cleaned !== '.' && cleaned !== '..' ? cleaned : fallback;
}
