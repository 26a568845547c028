/**
 * Tokenization as in clkhash (docs/schema.rst): a value is padded with one space at each end and cut
 * into q-grams ('clkhash' → ' c','cl',…,'h ', 8 bigrams); positional q-grams carry their index, so the
 * same digit in another place is another token. Unigrams (q = 1) are not padded.
 */
export function qgrams(value: string, q: number, positional: boolean): string[] {
  const s = q > 1 ? ` ${value} ` : value;
  const out: string[] = [];
  for (let i = 0; i + q <= s.length; i++) {
    const gram = s.slice(i, i + q);
    out.push(positional ? `${i} ${gram}` : gram);
  }
  return out;
}
