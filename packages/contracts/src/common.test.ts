import { describe, expect, it } from 'vitest';
import { isWebAddress, webAddressSchema } from './common.ts';

describe('web addresses: http and https only', () => {
  it.each([
    ['https://harbor.example.org/', true],
    ['http://harbor.example.org/intake?x=1', true],
    ['javascript:alert(1)', false],
    ['JAVASCRIPT:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:msgbox(1)', false],
    ['ftp://files.example.org/', false],
    ['harbor.example.org', false],
    [`https://example.org/${'a'.repeat(500)}`, false],
  ])('%s → %s', (value, ok) => {
    expect(webAddressSchema.safeParse(value).success).toBe(ok);
    expect(isWebAddress(value)).toBe(ok);
  });

  it('is not an address when absent', () => {
    expect(isWebAddress(null)).toBe(false);
    expect(isWebAddress(undefined)).toBe(false);
  });
});
