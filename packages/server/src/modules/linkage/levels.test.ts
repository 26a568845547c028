import { describe, expect, it } from 'vitest';
import {
  ADDRESS_LEVELS,
  addressLevel,
  birthDateLevel,
  CITY_LEVELS,
  cityLevel,
  DOB_LEVELS,
  EMAIL_LEVELS,
  emailLevel,
  PHONE_LEVELS,
  phoneLevel,
  SEX_LEVELS,
  sexLevel,
  SSN_LEVELS,
  ssnLevel,
  SUFFIX_LEVELS,
  suffixLevel,
  ZIP_LEVELS,
  zipLevel,
} from './levels.ts';
import { buildComparisons } from './comparisons.ts';
import { encodeRecords } from './encode.ts';
import { defaultNicknames, nicknameGroups, nicknameMatch, type NicknameGroups } from './nicknames.ts';
import { normalizePeople } from './records.ts';

/**
 * The level linkage gives two records that differ only in one name, computed as a linkage run computes it:
 * normalized, encoded (phonetic codes, nickname groups, name parts) and compared by buildComparisons.
 */
function nameLevel(field: 'given' | 'family', a: string, b: string, nicknames: NicknameGroups = defaultNicknames()): string {
  const people = normalizePeople([
    { id: '0', [`${field}_name`]: a },
    { id: '1', [`${field}_name`]: b },
  ]);
  const comparison = buildComparisons(encodeRecords(people, nicknames)).find((c) => c.name === field)!;
  return comparison.levels[comparison.level(0, 1)]!;
}

describe('given-name levels', () => {
  it.each([
    ['robert', 'robert', 'exact'],
    ['Robert', 'Bob', 'nickname'],
    ['bob', 'rob', 'nickname'],
    ['william', 'bill', 'nickname'],
    ['jonathan', 'jonahtan', 'dl1'],
    ['catherine', 'cathrine', 'dl1'],
    ['michelle', 'michaela', 'jw88'],
    ['jon', 'john', 'nickname'],
    ['jonh', 'jon', 'dl1'],
    ['christina', 'christine', 'dl1'],
    ['alexandra', 'alexander', 'jw92'],
    ['dwayne', 'duane', 'phonetic'],
    ['stephen', 'steven', 'jw88'],
    ['philip', 'filip', 'phonetic'],
    ['j', 'jo', 'initial'],
    ['sean', 'shawn', 'jw70'],
    ['mary', 'maria', 'nickname'],
    ['anna', 'hanah', 'jw70'],
    ['k', 'john', 'else'],
    ['j', 'john', 'initial'],
    ['mary', 'zoe', 'else'],
    ['', 'zoe', 'null'],
  ])('%s / %s → %s', (a, b, level) => {
    expect(nameLevel('given', a, b)).toBe(level);
  });
  it('phonetic level when only the sound agrees', () => {
    expect(nameLevel('given', 'kathy', 'cathie', new Map())).toBe('phonetic');
  });
});

describe('family-name levels', () => {
  it.each([
    ['García López', 'García-López', 'exact'],
    ['García López', 'García', 'part'],
    ['García-López', 'López', 'part'],
    ['Smith', 'Smyth', 'dl1'],
    ['Johnson', 'Jonson', 'dl1'],
    ['Thompson', 'Thomsen', 'jw92'],
    ['Smith', 'Garcia', 'else'],
  ])('%s / %s → %s', (a, b, level) => {
    expect(nameLevel('family', a, b)).toBe(level);
  });
});

describe('other fields', () => {
  it.each([
    ['19900304', '19900304', 'exact'],
    ['19900304', '19900403', 'transposed'],
    ['19900304', '19900305', 'dl1'],
    ['19900304', '19903004', 'dl1'],
    ['19900304', '19910304', 'dl1'],
    ['19900304', '19890304', 'year1'],
    ['19900304', '19650304', 'else'],
    ['', '19650304', 'null'],
  ])('birth date %s / %s → %s', (a, b, level) => expect(DOB_LEVELS[birthDateLevel(a, b)]).toBe(level));

  it.each([
    ['123456780', '123456780', 'exact'],
    ['123456780', '123456708', 'dl1'],
    ['123456780', '123456781', 'dl1'],
    ['123456780', '6780', 'last4'],
    ['123456780', '987656780', 'last4'],
    ['123456780', '555443333', 'else'],
    ['', '555443333', 'null'],
  ])('ssn %s / %s → %s', (a, b, level) => expect(SSN_LEVELS[ssnLevel(a, b)]).toBe(level));

  it.each([
    ['4105550123', '4105550123', 'exact'],
    ['4105550123', '4435550123', 'last7'],
    ['4105550123', '4105550132', 'dl1'],
    ['4105550123', '2025559999', 'else'],
  ])('phone %s / %s → %s', (a, b, level) => expect(PHONE_LEVELS[phoneLevel(a, b)]).toBe(level));

  it.each([
    ['12', 'main st', '12', 'main st', 'exact'],
    ['12', 'main st', '14', 'main st', 'street'],
    ['12', 'main st', '12', 'mian st', 'number_fuzzy'],
    ['', 'main st', '', 'mian st', 'fuzzy'],
    ['12', 'main st', '12', 'oak ave', 'else'],
    ['12', '', '12', 'oak ave', 'null'],
  ])('address %s %s / %s %s → %s', (na, sa, nb, sb, level) => expect(ADDRESS_LEVELS[addressLevel(na, sa, nb, sb)]).toBe(level));

  it('zip, city, e-mail, sex, suffix', () => {
    expect(ZIP_LEVELS[zipLevel('21201', '21201')]).toBe('exact');
    expect(ZIP_LEVELS[zipLevel('21201', '21210')]).toBe('dl1');
    expect(ZIP_LEVELS[zipLevel('21201', '20001')]).toBe('else');
    expect(CITY_LEVELS[cityLevel('baltimore', 'baltimroe')]).toBe('jw88');
    expect(CITY_LEVELS[cityLevel('baltimore', 'towson')]).toBe('else');
    expect(EMAIL_LEVELS[emailLevel('ann@x.org', 'ann@y.org')]).toBe('user');
    expect(EMAIL_LEVELS[emailLevel('ann.lee@x.org', 'ann.le@x.org')]).toBe('jw88');
    expect(SEX_LEVELS[sexLevel('f', 'm')]).toBe('else');
    expect(SEX_LEVELS[sexLevel('', 'm')]).toBe('null');
    expect(SUFFIX_LEVELS[suffixLevel('jr', 'sr')]).toBe('different');
    expect(SUFFIX_LEVELS[suffixLevel('jr', '')]).toBe('null');
  });
});

describe('nickname groups', () => {
  it('links formal names and nicknames through their group, not unrelated names', () => {
    const groups = nicknameGroups(
      'name1,relationship,name2\nrobert,has_nickname,bob\nrobert,has_nickname,rob\nroberta,has_nickname,bobbie\n',
    );
    expect(nicknameMatch(groups, 'bob', 'rob')).toBe(true);
    expect(nicknameMatch(groups, 'robert', 'bob')).toBe(true);
    expect(nicknameMatch(groups, 'robert', 'bobbie')).toBe(false);
    expect(nicknameMatch(groups, 'ann', 'bob')).toBe(false);
  });
});
