// @vitest-environment node
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import { describe, expect, it } from 'vitest';
import { portalStrings } from './portal-strings.ts';

/*
 * Plain language for the portal's fixed English words, checked with the Flesch–Kincaid grade level
 * (Kincaid, Fishburne, Rogers & Chissom, 1975, "Derivation of new readability formulas for Navy
 * enlisted personnel", Research Branch Report 8-75):
 *
 *   grade = 0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59
 *
 * computed by `flesch-kincaid` from the counts below, syllables counted by `syllable`.
 * Threshold: the portal's sentences taken together read at grade 6.0 or below (issue 19: "about a
 * 6th-grade level"), and no one sentence above grade 8 (a single sentence is a small sample; the
 * formula is noisy on a few words, so one sentence may sit a little above the whole).
 * Only strings that are sentences (ending in . ? or !) are scored; labels and headings are a few
 * words and have no sentence length to measure. Values passed to functions are typical ones.
 */
const GRADE_OVERALL = 6.0;
const GRADE_ONE_SENTENCE = 8.0;

const sample = 'Sam';
const sampleDate = 'June 1, 2027';

function texts(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(portalStrings.en).map(([key, value]) => [
      key,
      typeof value === 'function' ? value(key === 'welcome' ? sample : sampleDate) : value,
    ]),
  );
}

function counts(text: string) {
  // Numbers and abbreviations as a person reads them aloud: "42 CFR" is two words; "10" one.
  const sentences = text.split(/[.?!]+(?:\s|$)/).filter((s) => s.trim().length > 0);
  const words = text.match(/[\p{L}\p{N}’']+/gu) ?? [];
  return { sentence: sentences.length, word: words.length, syllable: words.reduce((sum, w) => sum + Math.max(1, syllable(w)), 0) };
}

const grade = (text: string) => fleschKincaid(counts(text));
const isSentence = (text: string) => /[.?!]$/.test(text.trim());

describe('portal plain language (Flesch–Kincaid)', () => {
  const prose = Object.entries(texts()).filter(([, text]) => isSentence(text));

  it('has sentences to score', () => {
    expect(prose.length).toBeGreaterThan(20);
  });

  it(`reads at grade ${GRADE_OVERALL} or below, all sentences together`, () => {
    const all = prose.map(([, text]) => text).join(' ');
    expect(grade(all)).toBeLessThanOrEqual(GRADE_OVERALL);
  });

  it.each(prose)(`"%s" reads at grade ${GRADE_ONE_SENTENCE} or below`, (_key, text) => {
    expect(grade(text)).toBeLessThanOrEqual(GRADE_ONE_SENTENCE);
  });

  it('scores hard words as hard (the check would catch legal language)', () => {
    const legal =
      'Notwithstanding the foregoing, the recipient shall not redisclose information obtained pursuant to this authorization absent subsequent written authorization.';
    expect(grade(legal)).toBeGreaterThan(GRADE_ONE_SENTENCE);
  });
});

describe('portal strings', () => {
  it('has every English string in Spanish too', () => {
    expect(Object.keys(portalStrings.es).sort()).toEqual(Object.keys(portalStrings.en).sort());
  });
});
