/**
 * Person-first language: finds stigmatizing words in free text (notes on referrals and outreach
 * tasks) and suggests person-first ones. Non-blocking by design: the API accepts the text as
 * written and returns the flags; the web app shows them while the note is typed.
 *
 * Sources for the terms and their replacements:
 * - National Institute on Drug Abuse, "Words Matter: Preferred Language for Talking About
 *   Addiction" (nida.nih.gov, 2021, updated 2023): "person with a substance use disorder" for
 *   addict/abuser/junkie, "person who uses drugs" for user, "testing negative/positive" for
 *   clean/dirty, "in recovery" / "not currently using" for clean, "substance use" and "misuse" for
 *   abuse, "medication for OUD" for replacement/substitution therapy, "return to use" for relapse.
 * - Office of National Drug Control Policy, "Changing Federal Terminology Regarding Substance Use
 *   and Substance Use Disorders" (2017); Botticelli & Koh, "Changing the Language of Addiction",
 *   JAMA 2016;316(13):1361.
 *
 * Pure and dependency-free, so the server and the browser run the same check.
 */

export interface LanguageFlag {
  /** The words as written in the text. */
  term: string;
  /** Where they start in the text (UTF-16 index) and how long they are. */
  index: number;
  length: number;
  /** Person-first wording to use instead (the first is the usual choice). */
  suggestions: string[];
  /** One sentence on why, for the tooltip. */
  reason: string;
}

interface LanguageRule {
  pattern: RegExp;
  /** Fixed suggestions, or chosen from the words matched (clean → negative, dirty → positive). */
  suggestions: string[] | ((term: string) => string[]);
  reason: string;
}

const isDirty = (term: string) => /dirty/i.test(term);

const LABEL = 'Labels a person by their illness; person-first words keep the person in front.';
const TEST = 'Clean/dirty attach moral judgement to a test result; say what the test showed.';
const RECOVERY = 'Clean/dirty describe a person in moral terms; say whether they are in recovery or using.';
const ABUSE = '"Abuse" is linked to blame and punishment; name the use or the disorder.';

const substances =
  'drug|drugs|substance|substances|opioid|opioids|opiate|opiates|heroin|fentanyl|meth|methamphetamine|cocaine|crack|pill|pills|narcotic|narcotics|alcohol|prescription|polysubstance|iv drug|injection drug';
const testWords = 'urine|uds|tox|toxicology|screen|screens|drug screen|drug test|test|tests|sample|samples|result|results|ua';

/**
 * The rules, most specific first: where two matches overlap, the earlier rule's match wins (so
 * "drug addict" is one flag, not two).
 */
const rules: readonly LanguageRule[] = [
  {
    pattern: /\b(?:former|ex|reformed|recovering)[- ]addicts?\b/gi,
    suggestions: ['person in recovery', 'person in long-term recovery'],
    reason: LABEL,
  },
  {
    pattern: new RegExp(`\\b(?:${substances}) addicts?\\b`, 'gi'),
    suggestions: ['person with a substance use disorder', 'person with OUD'],
    reason: LABEL,
  },
  { pattern: /\baddicts?\b/gi, suggestions: ['person with a substance use disorder', 'person with OUD'], reason: LABEL },
  {
    pattern: /\b(?:born addicted|addicted (?:baby|babies|newborns?|infants?))\b/gi,
    suggestions: ['newborn exposed to substances', 'newborn with neonatal opioid withdrawal syndrome'],
    reason: LABEL,
  },
  { pattern: /\baddicted\b/gi, suggestions: ['has a substance use disorder', 'has OUD'], reason: LABEL },
  {
    pattern: new RegExp(`\\b(?:${substances}) abusers?\\b`, 'gi'),
    suggestions: ['person with a substance use disorder', 'person who uses drugs'],
    reason: ABUSE,
  },
  { pattern: /\babusers?\b/gi, suggestions: ['person with a substance use disorder', 'person who uses drugs'], reason: ABUSE },
  {
    pattern: /\b(?:junkies|junkie|druggies|druggie|crackheads?|crack heads?|meth ?heads?|dope ?fiends?|tweakers?|potheads?|stoners?)\b/gi,
    suggestions: ['person who uses drugs'],
    reason: LABEL,
  },
  { pattern: /\balcoholics?\b/gi, suggestions: ['person with alcohol use disorder'], reason: LABEL },
  { pattern: /\b(?:iv|intravenous|injection) drug users?\b|\bivdus?\b/gi, suggestions: ['person who injects drugs'], reason: LABEL },
  { pattern: new RegExp(`\\b(?:${substances}) users?\\b`, 'gi'), suggestions: ['person who uses drugs'], reason: LABEL },
  { pattern: /\busers?\b/gi, suggestions: ['person who uses drugs'], reason: LABEL },
  {
    pattern: new RegExp(`\\b(?:${substances}) (?:abuse|misuse disorder)\\b`, 'gi'),
    suggestions: ['substance use', 'substance use disorder', 'misuse (of a prescription)'],
    reason: ABUSE,
  },
  {
    pattern: new RegExp(`\\b(?:abuses|abused|abusing|abuse) (?:of )?(?:his |her |their |the )?(?:${substances})\\b`, 'gi'),
    suggestions: ['uses', 'misuses (a prescription)'],
    reason: ABUSE,
  },
  {
    pattern: new RegExp(`\\b(?:${substances}) habit\\b`, 'gi'),
    suggestions: ['substance use disorder', 'drug use'],
    reason: 'A "habit" suggests a choice the person could simply stop; OUD is a medical condition.',
  },
  // clean/dirty of tests: "tested clean", "clean urine", "dirty UDS", "UDS was dirty".
  {
    pattern: new RegExp(`\\b(?:clean|dirty) (?:${testWords})\\b`, 'gi'),
    suggestions: (t) => (isDirty(t) ? ['positive test'] : ['negative test']),
    reason: TEST,
  },
  {
    pattern: new RegExp(
      `\\b(?:tested|tests|testing|came back|come back|(?:${testWords}) (?:was|were|is|are|came back))\\s+(?:clean|dirty)\\b`,
      'gi',
    ),
    suggestions: (t) => (isDirty(t) ? ['tested positive', 'positive test'] : ['tested negative', 'negative test']),
    reason: TEST,
  },
  // clean of people: "is clean", "stayed clean", "clean for 90 days", "clean and sober", "clean time".
  { pattern: /\bclean time\b/gi, suggestions: ['time in recovery'], reason: RECOVERY },
  { pattern: /\bclean (?:and|&) sober\b/gi, suggestions: ['in recovery', 'not currently using drugs'], reason: RECOVERY },
  // Of people only: a verb of staying/becoming, a personal subject, or a time that follows ("the room was clean" is fine).
  {
    pattern:
      /\b(?:(?:been|being|stay|stays|stayed|staying|get|gets|got|getting|gotten|remain|remains|remained|remaining|went|go|going|still)\s+(?:clean|dirty)|(?:he|she|they|i|we|you|patient|client|person|participant)(?:'s|\s+is|\s+was|\s+are|\s+were|\s+am|'m|'re)\s+(?:clean|dirty)|(?:is|was|are|were)\s+(?:clean|dirty)(?=\s+(?:for|since|now|again|today|off)\b))\b/gi,
    suggestions: (t) => (isDirty(t) ? ['using drugs', 'had a positive test'] : ['in recovery', 'not currently using drugs']),
    reason: RECOVERY,
  },
  { pattern: /\bclean (?:for|since) /gi, suggestions: ['in recovery for', 'not using drugs for'], reason: RECOVERY },
  {
    pattern: /\bdirty (?:needles?|syringes?|works|rigs?)\b/gi,
    suggestions: ['used needles', 'shared syringes'],
    reason: 'Describe the equipment ("used", "shared") without moral terms.',
  },
  {
    pattern: /\b(?:opioid |drug )?(?:replacement|substitution) (?:therapy|treatment)\b/gi,
    suggestions: ['medication for opioid use disorder (MOUD)', 'medication treatment for OUD'],
    reason: 'MOUD treats a medical condition; it does not "replace" one drug with another.',
  },
  {
    pattern: /\brelaps(?:e|es|ed|ing)\b/gi,
    suggestions: ['returned to use', 'recurrence of use'],
    reason: 'Consider "return to use": "relapse" can carry blame (keep it where it is the clinical term you mean).',
  },
];

/**
 * The stigmatizing words in `text`, in order of appearance, each with person-first suggestions.
 * An empty list means nothing to suggest.
 */
export function checkPersonFirstLanguage(text: string): LanguageFlag[] {
  const found: LanguageFlag[] = [];
  const taken: [number, number][] = [];
  for (const rule of rules) {
    for (const m of text.matchAll(rule.pattern)) {
      const term = m[0].trimEnd();
      const start = m.index;
      const end = start + term.length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      const suggestions = typeof rule.suggestions === 'function' ? rule.suggestions(term) : rule.suggestions;
      found.push({ term, index: start, length: term.length, suggestions, reason: rule.reason });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
