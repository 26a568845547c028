import fc from 'fast-check';

/*
 * Hostile and malformed values for the bad-input fuzzer (http/bad-input.fuzz.int.test.ts): injection
 * strings, path traversal, awkward Unicode (NUL, the right-to-left override, lone surrogates, a byte
 * order mark), invalid dates, numbers JSON can carry but no field accepts, huge strings and values of
 * the wrong type. Raw JSON number tokens (1e400, -0) are written into the body text as they are.
 */

/** A value written into the JSON body text verbatim (a number token JSON.stringify cannot produce). */
export class RawJson {
  constructor(readonly text: string) {}
}

export const hostileStrings = [
  "' OR '1'='1",
  "'; DROP TABLE people; --",
  '1; SELECT pg_sleep(10)',
  "x' UNION SELECT password_hash FROM users --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/etc/passwd\u0000.pdf',
  'a\u0000b',
  '\u0000',
  'invoice\u202Efdp.exe',
  '\u202E\u2066\u200F',
  '\uD800',
  'x\uDFFFy',
  '\uFEFF{}',
  '𝕏😀👩‍👩‍👧‍👦',
  'Zalgơ̶̡͔̦̹̫̼͚͍̞̰̺̣',
  '\r\n\tX-Injected: 1',
  '=HYPERLINK("http://example.org")',
  ' ',
  '',
  'null',
  'NaN',
  '-Infinity',
  '1e308',
  '-1',
  '0x1F',
  '2026-02-30',
  '2026-13-01',
  '2026-1-1',
  '20260101',
  '2026-01-01T25:61:00Z',
  '+275760-09-14T00:00:00Z',
  '-000001-01-01',
  '0000-00-00',
  'Invalid Date',
  '00000000-0000-0000-0000-00000000000g',
  '11111111-1111-4111-8111-1111111111111',
];

const rawNumbers = ['1e400', '-1e400', '-0', '1e-400', '9007199254740993', '-9007199254740993', '1.5e308', '-1.5e308'];

export const hugeString = fc.constantFrom(5_000, 70_000, 1_100_000).map((n) => 'A'.repeat(n));

/** A value no well-specified field should accept, or one that tests its limits. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 1, arbitrary: hugeString },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...rawNumbers).map((t) => new RawJson(t)) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(-1, -1e308, 1e308, 0, 0.5, -0.000001, Number.MAX_SAFE_INTEGER + 2, -2147483649, 2147483648),
  },
  { weight: 1, arbitrary: fc.integer({ min: -1_000_000_000, max: -1 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.constantFrom(true, false, null) },
  { weight: 1, arbitrary: fc.constant([]) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...hostileStrings), { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.constantFrom(...hostileStrings), { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toString())) },
);

/** A string for a query parameter or a path segment. */
export const badText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 1, arbitrary: fc.constantFrom(300, 5_000).map((n) => 'A'.repeat(n)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.constantFrom('-5', '0', '1.5', '1e999', 'NaN', 'Infinity', '99999999999999999999', 'true', '[]') },
);

export const malformedJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    "{'a': 1}",
    '{"a": 1,}',
    '{"a": NaN}',
    '{"a": Infinity}',
    '{"a": undefined}',
    '[1, 2',
    'nul',
    '\u0000',
    '{"a": "\\ud800"}x',
    '{"__proto__": {"polluted": true}}',
    '{"constructor": {"prototype": {"polluted": true}}}',
    '"just a string"',
    '42',
    'null',
    '[]',
    'true',
    `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
    `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`,
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 50 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
);

/** JSON text for a value that may hold RawJson tokens. */
export function toJsonText(value: unknown): string {
  const tokens: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) {
      tokens.push(v.text);
      return `\u0001RAW${tokens.length - 1}\u0001`;
    }
    return v;
  });
  return (text ?? 'null').replace(/"\\u0001RAW(\d+)\\u0001"/g, (_m, i: string) => tokens[Number(i)]!);
}
