import { describe, expect, it } from 'vitest';
import { checkPersonFirstLanguage } from './person-first-language.ts';

const flagged = (text: string) => checkPersonFirstLanguage(text).map((f) => [f.term, f.suggestions[0]]);

describe('checkPersonFirstLanguage', () => {
  it.each([
    ['He is an addict.', [['addict', 'person with a substance use disorder']]],
    [
      'Known heroin addict, former addict now.',
      [
        ['heroin addict', 'person with a substance use disorder'],
        ['former addict', 'person in recovery'],
      ],
    ],
    ['Two ADDICTS at the door', [['ADDICTS', 'person with a substance use disorder']]],
    ['She is addicted to opioids', [['addicted', 'has a substance use disorder']]],
    ['Baby born addicted', [['born addicted', 'newborn exposed to substances']]],
    ['a drug abuser', [['drug abuser', 'person with a substance use disorder']]],
    ['abuser', [['abuser', 'person with a substance use disorder']]],
    ['called him a junkie', [['junkie', 'person who uses drugs']]],
    [
      'crackhead and meth head',
      [
        ['crackhead', 'person who uses drugs'],
        ['meth head', 'person who uses drugs'],
      ],
    ],
    ['history of substance abuse', [['substance abuse', 'substance use']]],
    ['opioid abuse since 2019', [['opioid abuse', 'substance use']]],
    ['was abusing pills', [['abusing pills', 'uses']]],
    ['a $200/day heroin habit', [['heroin habit', 'substance use disorder']]],
    ['drug habit', [['drug habit', 'substance use disorder']]],
    ['Urine was clean today', [['Urine was clean', 'tested negative']]],
    ['tested dirty for fentanyl', [['tested dirty', 'tested positive']]],
    ['clean UDS x3', [['clean UDS', 'negative test']]],
    ['dirty urine last week', [['dirty urine', 'positive test']]],
    ['Has stayed clean for 90 days', [['stayed clean', 'in recovery']]],
    ['clean for two years', [['clean for', 'in recovery for']]],
    ['clean and sober', [['clean and sober', 'in recovery']]],
    ['6 months clean time', [['clean time', 'time in recovery']]],
    ['he was dirty again', [['he was dirty', 'using drugs']]],
    ['UA positive; was dirty since Monday', [['was dirty', 'using drugs']]],
    ['IV drug user', [['IV drug user', 'person who injects drugs']]],
    ['opioid users in the county', [['opioid users', 'person who uses drugs']]],
    ['the user did not answer', [['user', 'person who uses drugs']]],
    ['on opioid replacement therapy', [['opioid replacement therapy', 'medication for opioid use disorder (MOUD)']]],
    ['relapsed after release', [['relapsed', 'returned to use']]],
    ['alcoholic', [['alcoholic', 'person with alcohol use disorder']]],
    ['handed out dirty needles? no, used them', [['dirty needles', 'used needles']]],
  ])('flags %j', (text, expected) => {
    expect(flagged(text)).toEqual(expected);
  });

  it.each([
    'Person with OUD, in recovery since March; negative test on 3/2.',
    'Gave clean needles and syringes, naloxone kit and fentanyl test strips.',
    'History of childhood abuse and domestic abuse; wants counseling.',
    'Cleaned the apartment; clothes were dirty after the shelter. The room was clean.',
    'Person who uses drugs; addiction medicine clinic appointment Tuesday.',
    'Returned to use after release; restarted buprenorphine.',
    '',
  ])('leaves person-first text alone: %j', (text) => {
    expect(checkPersonFirstLanguage(text)).toEqual([]);
  });

  it('gives positions in the original text, in order, without overlapping flags', () => {
    const text = 'Drug addict; tested clean.';
    const flags = checkPersonFirstLanguage(text);
    expect(flags.map((f) => text.slice(f.index, f.index + f.length))).toEqual(['Drug addict', 'tested clean']);
    expect(flags.every((f) => f.reason.length > 0)).toBe(true);
  });
});
