import { describe, expect, it } from 'vitest';
import { consentStatuses, type ConsentStatus } from '@continuum/contracts';
import { consentEvents, nextConsentStatus, type ConsentEvent } from './consent-rules.ts';
import { birthDateTransposed, DUPLICATE_THRESHOLD, scoreMatch, simpleMatcher, type MatchRecord } from './matcher.ts';
import { normalizeName, phoneticKey } from './phonetic.ts';

describe('consent lifecycle', () => {
  const allowed: Record<ConsentStatus, Partial<Record<ConsentEvent, ConsentStatus>>> = {
    draft: { edit: 'draft', sign: 'signed' },
    signed: { revoke: 'revoked', expire: 'expired' },
    revoked: {},
    expired: {},
  };
  const pairs = consentStatuses.flatMap((s) => consentEvents.map((e) => [s, e, allowed[s][e] ?? null] as const));
  it.each(pairs)('%s + %s → %s', (status, event, expected) => {
    expect(nextConsentStatus(status, event)).toBe(expected);
  });
});

describe('phonetic keys', () => {
  it.each([
    ['Smith', 'Smyth'],
    ['Catherine', 'Kathryn'],
    ['Núñez', 'Nunez'],
    ["O'Brien", 'OBrien'],
  ])('%s and %s share a key', (a, b) => {
    expect(phoneticKey(a)).toBe(phoneticKey(b));
  });
  it('normalizes accents, case and punctuation', () => {
    expect(normalizeName("  José-María O'Neil ")).toBe('josemariaoneil');
    expect(phoneticKey('  ')).toBe('');
  });
});

const record = (over: Partial<MatchRecord> = {}): MatchRecord => ({
  personId: 'p1',
  givenName: 'Jonathan',
  familyName: 'Smith',
  birthDate: '1988-03-04',
  phone: '(541) 555-0101',
  previousNames: [],
  ...over,
});

describe('scoreMatch', () => {
  const rows: {
    name: string;
    input: Parameters<typeof scoreMatch>[0];
    record?: Partial<MatchRecord>;
    duplicate: boolean;
    reasons?: string[];
  }[] = [
    {
      name: 'identical',
      input: { givenName: 'Jonathan', familyName: 'Smith', birthDate: '1988-03-04' },
      duplicate: true,
      reasons: ['same_birth_date'],
    },
    {
      name: 'sound-alike spelling, same birth date',
      input: { givenName: 'Jonathon', familyName: 'Smyth', birthDate: '1988-03-04' },
      duplicate: true,
      reasons: ['name_sounds_alike', 'same_birth_date'],
    },
    {
      name: 'day and month transposed',
      input: { givenName: 'Jonathan', familyName: 'Smith', birthDate: '1988-04-03' },
      duplicate: true,
      reasons: ['birth_date_transposed'],
    },
    {
      name: 'names swapped',
      input: { givenName: 'Smith', familyName: 'Jonathan', birthDate: '1988-03-04' },
      duplicate: true,
      reasons: ['names_swapped'],
    },
    {
      name: 'a previous family name',
      input: { givenName: 'Jonathan', familyName: 'Baker', birthDate: '1988-03-04' },
      record: { previousNames: [{ given: 'Jonathan', family: 'Baker' }] },
      duplicate: true,
      reasons: ['previous_name'],
    },
    {
      name: 'same name, different birth date',
      input: { givenName: 'Jonathan', familyName: 'Smith', birthDate: '1971-11-22' },
      duplicate: false,
    },
    {
      name: 'same birth date, different person',
      input: { givenName: 'Maria', familyName: 'Lopez', birthDate: '1988-03-04' },
      duplicate: false,
    },
    {
      name: 'one-digit birth date typo and same phone',
      input: { givenName: 'Jon', familyName: 'Smith', birthDate: '1988-03-05', phone: '541-555-0101' },
      duplicate: true,
      reasons: ['same_phone'],
    },
  ];
  it.each(rows)('$name', (row) => {
    const result = scoreMatch(row.input, record(row.record));
    expect(result.score >= DUPLICATE_THRESHOLD).toBe(row.duplicate);
    for (const reason of row.reasons ?? []) expect(result.reasons).toContain(reason);
  });

  it('detects transposition only for day and month', () => {
    expect(birthDateTransposed('1990-03-04', '1990-04-03')).toBe(true);
    expect(birthDateTransposed('1990-03-03', '1990-03-03')).toBe(false);
    expect(birthDateTransposed('1990-03-04', '1991-04-03')).toBe(false);
  });

  it('ranks candidates best first and drops those under the threshold', () => {
    const ranked = simpleMatcher.rank(
      { givenName: 'Jonathan', familyName: 'Smith', birthDate: '1988-03-04' },
      [
        record({ personId: 'weak', givenName: 'Maria', familyName: 'Lopez' }),
        record({ personId: 'close', givenName: 'Jon' }),
        record({ personId: 'exact' }),
      ],
      10,
    );
    expect(ranked.map((c) => c.personId)).toEqual(['exact', 'close']);
  });
});
