/**
 * Field normalizations applied before a value is tokenized. Each returns the cleaned value, `null`
 * for a missing value (nothing is hashed for it, as clkhash's missingValue), or throws a
 * NormalizeError whose message names the problem but never repeats the value (it may identify a person).
 */

export class NormalizeError extends Error {
  override name = 'NormalizeError';
}

/** Lower case, accents removed (NFKD), letters and single spaces only; hyphens and apostrophes become spaces or go. */
function name(raw: string): string | null {
  const s = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim();
  return s === '' ? null : s;
}

/** Lower case, accents removed, letters, digits and single spaces (addresses, towns). */
function text(raw: string): string | null {
  const s = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return s === '' ? null : s;
}

/** Digits only. */
function digits(raw: string): string | null {
  const s = raw.replace(/\D+/g, '');
  return s === '' ? null : s;
}

/**
 * A birth date as YYYYMMDD. Accepts YYYYMMDD, ISO YYYY-MM-DD (a time part is dropped) and US
 * MM/DD/YYYY. Eight digits are kept as they are even when not a calendar date (FEBRL's corrupted
 * dates): the encoding compares digits by position, so a typo still agrees on the others.
 */
function date(raw: string): string | null {
  const s = raw.trim();
  if (s === '') return null;
  if (/^\d{8}$/.test(s)) return s;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return `${m[1]}${m[2]!.padStart(2, '0')}${m[3]!.padStart(2, '0')}`;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return `${m[3]}${m[1]!.padStart(2, '0')}${m[2]!.padStart(2, '0')}`;
  throw new NormalizeError('not a date (expected YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)');
}

/** Administrative sex as "f", "m" or "x"; unknown or blank is missing. */
function sex(raw: string): string | null {
  const s = raw.trim().toLowerCase();
  if (s === '' || s === 'u' || s === 'unknown') return null;
  if (s === 'f' || s === 'female') return 'f';
  if (s === 'm' || s === 'male') return 'm';
  if (s === 'x' || s === 'other' || s === 'nonbinary' || s === 'non-binary') return 'x';
  throw new NormalizeError('not a sex code (expected F, M, X or U)');
}

/** A US ZIP (or ZIP+4) as its five digits; other postcodes (FEBRL's four digits) as their digits. */
function zip(raw: string): string | null {
  const d = digits(raw);
  if (d === null) return null;
  return d.length === 9 ? d.slice(0, 5) : d;
}

/**
 * The last four digits of an SSN, so a full SSN in one source and only its last four in another
 * still agree. Fewer than four digits (a partial entry) say too little to compare: missing.
 */
function ssnLast4(raw: string): string | null {
  const d = digits(raw);
  if (d === null) return null;
  if (d.length < 4) return null;
  // Placeholders (000-00-0000, 999-99-9999, 123-45-6789) say nothing about the person.
  if (/^(\d)\1+$/.test(d) || d === '123456789') return null;
  return d.slice(-4);
}

/** A North American phone number as its ten digits (a leading country code 1 is dropped); under seven digits is missing. */
function phone(raw: string): string | null {
  const d = digits(raw);
  if (d === null) return null;
  const n = d.length === 11 && d.startsWith('1') ? d.slice(1) : d;
  return n.length < 7 ? null : n;
}

export const normalizations = { name, text, digits, date, sex, zip, 'ssn-last4': ssnLast4, phone } as const;
export type NormalizationName = keyof typeof normalizations;

/** American Soundex (for blocking keys): the first letter and three digits, e.g. robert → r163. */
export function soundex(value: string): string {
  const s = value.toLowerCase().replace(/[^a-z]/g, '');
  if (s === '') return '';
  const codes: Record<string, string> = {
    b: '1', f: '1', p: '1', v: '1',
    c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2',
    d: '3', t: '3', l: '4', m: '5', n: '5', r: '6',
  }; // prettier-ignore
  let out = s[0]!;
  let last = codes[s[0]!] ?? '';
  for (let i = 1; i < s.length && out.length < 4; i++) {
    const ch = s[i]!;
    const code = codes[ch] ?? '';
    if (code !== '' && code !== last) out += code;
    // h and w do not separate letters with the same code; vowels do.
    if (ch !== 'h' && ch !== 'w') last = code;
  }
  return out.padEnd(4, '0');
}
