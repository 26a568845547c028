import { describe, expect, it } from 'vitest';
import { generateCare } from './synthetic-care.ts';

const today = new Date('2026-11-23T12:00:00Z');
const sample = Array.from({ length: 3000 }, (_, i) => generateCare(7, i, today));

describe('generateCare', () => {
  it('is a pure function of seed, index and day', () => {
    expect(generateCare(7, 42, today)).toEqual(generateCare(7, 42, today));
    expect(generateCare(8, 42, today)).not.toEqual(generateCare(7, 42, today));
  });

  it('links every person to the organization that registered them, from the first contact', () => {
    for (const c of sample) {
      expect(c.careTeam[0]?.organizationKey).toBe(c.registeredByKey);
      expect(c.identifiers[0]?.organizationKey).toBe(c.registeredByKey);
    }
  });

  it('gives a realistic mix of consents: most signed, some expired, revoked, unsigned, many none', () => {
    const count = (s: string) => sample.filter((c) => (c.consents[0]?.status ?? 'none') === s).length / sample.length;
    expect(count('signed')).toBeGreaterThan(0.45);
    expect(count('signed')).toBeLessThan(0.6);
    expect(count('none')).toBeGreaterThan(0.18);
    for (const s of ['expired', 'revoked', 'draft']) {
      expect(count(s)).toBeGreaterThan(0.04);
      expect(count(s)).toBeLessThan(0.12);
    }
  });

  it('keeps consent dates consistent with their state', () => {
    const day = today.toISOString().slice(0, 10);
    for (const c of sample.flatMap((x) => x.consents)) {
      if (c.status === 'expired') expect(c.expiresOn! < day).toBe(true);
      if (c.status === 'signed' && c.expiresOn) expect(c.expiresOn >= day).toBe(true);
      if (c.status === 'revoked') expect(c.endedOn! <= day).toBe(true);
      if (c.status === 'draft') expect(c.signedOn).toBeNull();
      expect(c.expiresOn === null).toBe(c.expiryEvent !== null);
      // Counseling notes are never in a general consent (42 CFR 2.31(b)).
      expect(c.kinds).not.toContain('counseling_notes');
    }
  });

  it('dates no event in the future, and includes Part 2 treatment and counseling notes for some people', () => {
    const events = sample.flatMap((c) => c.events);
    expect(events.every((e) => e.occurredAt <= today.toISOString())).toBe(true);
    expect(events.some((e) => e.type === 'counseling_note')).toBe(true);
    expect(events.some((e) => e.type === 'overdose')).toBe(true);
    expect(sample.filter((c) => c.careTeam.some((m) => m.organizationKey === 'anchor-house')).length).toBeGreaterThan(100);
  });
});
