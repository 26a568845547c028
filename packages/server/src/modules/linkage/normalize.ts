/**
 * Normalization of person fields for linkage: pure functions, one per kind of value. Every function
 * returns '' for a missing value, so comparisons treat '' as null (Splink's null level, weight 0).
 */

/** Generational suffixes kept apart from the name (a father and son share the rest of it). */
const SUFFIXES: Record<string, string> = {
  jr: 'jr',
  junior: 'jr',
  sr: 'sr',
  senior: 'sr',
  ii: 'ii',
  '2nd': 'ii',
  iii: 'iii',
  '3rd': 'iii',
  iv: 'iv',
};
/** Honorifics dropped from names. */
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'mx']);
/** Particles of Hispanic and European compound surnames: part of the surname, never a part on their own. */
const PARTICLES = new Set(['y', 'de', 'del', 'la', 'las', 'los', 'da', 'das', 'do', 'dos', 'di', 'van', 'von', 'der', 'le']);

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/** Lower case, accents folded, apostrophes dropped, every other non-alphanumeric run a single space ("O'Brien-Núñez" → "obrien nunez"). */
export function foldText(raw: string): string {
  let s = raw;
  if (NON_ASCII.test(s)) s = s.normalize('NFD').replace(/\p{Diacritic}/gu, '');
  return s
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface NormalizedName {
  /** Letters only, parts joined ("garcia-lopez" → "garcialopez"). */
  name: string;
  /** The name's words of two letters or more, particles left out (["garcia", "lopez"]). */
  parts: string[];
  /** Generational suffix found in the value ("jr", "sr", "ii", "iii", "iv") or ''. */
  suffix: string;
}

/** A given or family name: folded, titles and generational suffixes taken out, words kept as parts. */
export function normalizeName(raw: string): NormalizedName {
  const words = foldText(raw)
    .replace(/[0-9]/g, ' ')
    .split(' ')
    .filter((w) => w !== '');
  let suffix = '';
  while (words.length > 1 && SUFFIXES[words[words.length - 1]!] !== undefined) suffix = SUFFIXES[words.pop()!]!;
  while (words.length > 1 && TITLES.has(words[0]!)) words.shift();
  const parts = words.filter((w) => w.length >= 2 && !PARTICLES.has(w));
  return { name: words.join(''), parts: parts.length > 1 ? parts : [], suffix };
}

/** A suffix column's value in canonical form ("Jr." → "jr"), '' when not a known suffix. */
export function normalizeSuffix(raw: string): string {
  return SUFFIXES[foldText(raw).replace(/ /g, '')] ?? '';
}

export type BirthDateResult = { ok: true; value: string } | { ok: false };

function pad2(n: string): string {
  return n.length === 1 ? `0${n}` : n;
}

function plausible(m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/**
 * A birth date as 'YYYYMMDD' (kept as digits so one-digit typos stay comparable), '' when empty.
 * Accepted: ISO `YYYY-MM-DD` (a time part is ignored), `YYYY/MM/DD`, `YYYYMMDD` (kept as given, even
 * when not a calendar date: FEBRL's corrupted dates carry months 00 and 15 by design), and US
 * `M/D/YYYY` (read as D/M/YYYY only when the first number cannot be a month). Anything else is not a date.
 */
export function normalizeBirthDate(raw: string): BirthDateResult {
  const s = raw.trim();
  if (s === '') return { ok: true, value: '' };
  if (/^\d{8}$/.test(s)) return { ok: true, value: s };
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ][0-9:.+\-Z]*)?$/.exec(s);
  if (m) {
    const [, y, mo, d] = m as unknown as [string, string, string, string];
    return plausible(Number(mo), Number(d)) ? { ok: true, value: `${y}${pad2(mo)}${pad2(d)}` } : { ok: false };
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const [, a, b, y] = m as unknown as [string, string, string, string];
    const [mo, d] = Number(a) > 12 && Number(b) <= 12 ? [b, a] : [a, b];
    return plausible(Number(mo), Number(d)) ? { ok: true, value: `${y}${pad2(mo)}${pad2(d)}` } : { ok: false };
  }
  return { ok: false };
}

function digits(raw: string): string {
  return raw.replace(/\D/g, '');
}

/** Identifiers shared by many people that carry no identity (placeholders such as 000-00-0000 or 123-45-6789). */
function placeholder(d: string): boolean {
  return /^(\d)\1*$/.test(d) || d === '123456789' || d === '987654321' || d === '1234567';
}

/** A social security number (or any national id) as digits; '' when missing or a placeholder. */
export function normalizeSsn(raw: string): string {
  const d = digits(raw);
  return d === '' || placeholder(d) ? '' : d;
}

/** A phone number as its last 10 digits (a leading US country code 1 dropped); '' when missing or a placeholder. */
export function normalizePhone(raw: string): string {
  let d = digits(raw);
  if (d.length === 11 && d.startsWith('1')) d = d.slice(1);
  if (d.length > 10) d = d.slice(-10);
  return d.length < 7 || placeholder(d) ? '' : d;
}

/** A ZIP or postcode: upper-case alphanumerics; a US ZIP+4 becomes its five-digit ZIP. */
export function normalizeZip(raw: string): string {
  const s = raw.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return /^\d{9}$/.test(s) ? s.slice(0, 5) : s;
}

/** USPS Publication 28 street suffix and directional abbreviations (common ones), plus Australian ones FEBRL uses. */
const STREET_WORDS: Record<string, string> = {
  street: 'st',
  str: 'st',
  avenue: 'ave',
  av: 'ave',
  road: 'rd',
  drive: 'dr',
  lane: 'ln',
  boulevard: 'blvd',
  court: 'ct',
  place: 'pl',
  circle: 'cir',
  circuit: 'cct',
  crescent: 'cres',
  terrace: 'tce',
  highway: 'hwy',
  parkway: 'pkwy',
  square: 'sq',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
};
const UNIT_WORDS = new Set(['apt', 'apartment', 'unit', 'suite', 'ste', 'flat', 'lot', 'rm', 'room']);

export interface NormalizedStreet {
  number: string;
  street: string;
}

/** A street line: folded, suffixes abbreviated (USPS Pub. 28), units dropped, a leading house number split off. */
export function normalizeStreet(raw: string): NormalizedStreet {
  const words = foldText(raw.replace(/#\s*\w+/g, ' ')).split(' ');
  const out: string[] = [];
  for (const w of words) {
    if (w === '') continue;
    if (UNIT_WORDS.has(w)) break;
    out.push(STREET_WORDS[w] ?? w);
  }
  let number = '';
  if (out.length > 1 && /^\d+[a-z]?$/.test(out[0]!)) number = out.shift()!;
  return { number, street: out.join(' ') };
}

/** A house number: digits and an optional letter ("12 B" → "12b"). */
export function normalizeStreetNumber(raw: string): string {
  return foldText(raw).replace(/ /g, '');
}

/** A town, city or suburb: folded, single spaces; "saint"/"st." become "st". */
export function normalizeCity(raw: string): string {
  return foldText(raw).replace(/\bsaint\b/g, 'st');
}

/** Sex as 'f', 'm' or '' (unknown, other or not recorded). */
export function normalizeSex(raw: string): '' | 'f' | 'm' {
  const s = raw.trim().toLowerCase();
  if (s === 'f' || s === 'female' || s === 'w' || s === '2') return 'f';
  if (s === 'm' || s === 'male' || s === '1') return 'm';
  return '';
}

/** A US state or territory code as given, lower case. */
export function normalizeState(raw: string): string {
  return foldText(raw).replace(/ /g, '');
}

/** An e-mail address, lower case, trimmed. */
export function normalizeEmail(raw: string): string {
  const s = raw.trim().toLowerCase();
  return s.includes('@') ? s : '';
}
