import { doubleMetaphone } from 'double-metaphone';

/** Lower-case ASCII letters only: accents folded, punctuation and spaces dropped ("O'Brien-Núñez" → "obriennunez"). */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** The primary Double Metaphone code of a name, the blocking key for the duplicate check. */
export function phoneticKey(name: string): string {
  const normalized = normalizeName(name);
  if (normalized === '') return '';
  return doubleMetaphone(normalized)[0];
}

/** Both Double Metaphone codes, for "sounds alike" comparisons. */
export function phoneticCodes(name: string): readonly [string, string] {
  const normalized = normalizeName(name);
  if (normalized === '') return ['', ''];
  return doubleMetaphone(normalized);
}
