import type { PathwayCriterion } from '@continuum/contracts';

/* Keys of pathway criteria, fields and documents, made from their words and kept stable across versions. */

/** A key for a criterion, field or document from its words: "Last opioid use" → "last_opioid_use". */
export function keyFromText(text: string, taken: ReadonlySet<string> = new Set()): string {
  const base =
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^[^a-z]+/, '')
      .slice(0, 36) || 'item';
  let key = base;
  for (let n = 2; taken.has(key); n += 1) key = `${base}_${n}`;
  return key;
}

/** Lines of text as criteria, keeping the keys of criteria whose words did not change (referrals refer to keys). */
export function criteriaFromLines(lines: string, previous: readonly PathwayCriterion[]): PathwayCriterion[] {
  const taken = new Set<string>();
  const result: PathwayCriterion[] = [];
  for (const line of lines
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const same = previous.find((c) => c.text === line && !taken.has(c.key));
    const key = same?.key ?? keyFromText(line, new Set([...taken, ...previous.map((c) => c.key)]));
    taken.add(key);
    result.push({ key, text: line });
  }
  return result;
}
