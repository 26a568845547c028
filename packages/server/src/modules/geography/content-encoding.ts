/*
 * Which precompressed copy of a kept body to send, from the request's Accept-Encoding (RFC 9110 §12.5.3):
 * a coding is acceptable when listed (or matched by `*`) with a q-value above 0; the highest q wins, and
 * on a tie Brotli before gzip (smaller for the same JSON). No header, or nothing acceptable but identity:
 * the body as is.
 */
export type BodyEncoding = 'br' | 'gzip';

const offered: readonly BodyEncoding[] = ['br', 'gzip'];

export function chooseEncoding(header: string | undefined): BodyEncoding | null {
  if (!header) return null;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let q = 1;
    for (const p of params) {
      const [key, value] = p.trim().split('=');
      if (key === 'q') q = Number(value);
    }
    weights.set(name.trim(), Number.isFinite(q) ? q : 0);
  }
  const weightOf = (coding: BodyEncoding) => weights.get(coding) ?? weights.get('*') ?? 0;
  let best: BodyEncoding | null = null;
  for (const coding of offered) if (weightOf(coding) > 0 && (best === null || weightOf(coding) > weightOf(best))) best = coding;
  return best;
}
