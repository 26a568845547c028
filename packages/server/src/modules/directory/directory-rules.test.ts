import { describe, expect, it } from 'vitest';
import type { Role } from '@continuum/contracts';
import type { AccessContext } from '../../core/access-context.ts';
import { capacityAge, hasCapacityNow, isVerificationDue } from './capacity-rules.ts';
import { canActOnListing } from './directory-policy.ts';
import { boundingBox, distanceMiles, haversineMiles, roundMiles } from './geo.ts';
import { isOpenAt, localTime } from './hours.ts';

describe('great-circle distance', () => {
  // Reference distances on the WGS-84 ellipsoid (Vincenty's inverse formula, computed separately).
  it.each([
    ['same point', { latitude: 44.41, longitude: -123.05 }, { latitude: 44.41, longitude: -123.05 }, 0],
    ['a few miles north', { latitude: 44.41, longitude: -123.05 }, { latitude: 44.5, longitude: -123.05 }, 6.21],
    ['town to town', { latitude: 44.41, longitude: -123.05 }, { latitude: 44.52, longitude: -122.81 }, 14.09],
    ['Portland to Salem', { latitude: 45.5152, longitude: -122.6784 }, { latitude: 44.9429, longitude: -123.0351 }, 43.18],
    ['across the demo county', { latitude: 44.05, longitude: -123.12 }, { latitude: 44.75, longitude: -123.51 }, 52.05],
    ['one degree of latitude', { latitude: 44, longitude: -123 }, { latitude: 45, longitude: -123 }, 69.05],
  ])('%s is within 0.1 mile', (_name, a, b, miles) => {
    expect(Math.abs(distanceMiles(a, b) - miles)).toBeLessThan(0.1);
    expect(roundMiles(distanceMiles(a, b))).toBeCloseTo(Math.round(miles * 10) / 10, 0);
  });

  it('gives the same distance with precomputed cosines', () => {
    const a = { latitude: 44.41, longitude: -123.05 };
    const b = { latitude: 44.52, longitude: -122.81 };
    const cos = (p: { latitude: number }) => Math.cos((p.latitude * Math.PI) / 180);
    expect(haversineMiles(a, cos(a), { ...b, cosLatitude: cos(b) })).toBeCloseTo(distanceMiles(a, b), 9);
  });

  it('bounding box contains every point at the radius', () => {
    const center = { latitude: 44.4, longitude: -123 };
    const box = boundingBox(center, 10);
    for (let bearing = 0; bearing < 360; bearing += 15) {
      const b = (bearing * Math.PI) / 180;
      const p = {
        latitude: center.latitude + (10 / 69.05) * Math.cos(b),
        longitude: center.longitude + (10 / (69.05 * Math.cos((44.4 * Math.PI) / 180))) * Math.sin(b),
      };
      if (distanceMiles(center, p) <= 10) {
        expect(p.latitude).toBeGreaterThanOrEqual(box.minLatitude);
        expect(p.latitude).toBeLessThanOrEqual(box.maxLatitude);
        expect(p.longitude).toBeGreaterThanOrEqual(box.minLongitude);
        expect(p.longitude).toBeLessThanOrEqual(box.maxLongitude);
      }
    }
  });
});

describe('open now', () => {
  const weekday = [{ dayOfWeek: 1, opensAt: '09:00', closesAt: '17:00' }];
  const overnight = [{ dayOfWeek: 5, opensAt: '20:00', closesAt: '02:00' }];
  it.each([
    ['before opening', weekday, { dayOfWeek: 1, minutes: 8 * 60 + 59 }, false],
    ['at opening', weekday, { dayOfWeek: 1, minutes: 9 * 60 }, true],
    ['at closing', weekday, { dayOfWeek: 1, minutes: 17 * 60 }, false],
    ['another day', weekday, { dayOfWeek: 2, minutes: 10 * 60 }, false],
    ['overnight, evening', overnight, { dayOfWeek: 5, minutes: 23 * 60 }, true],
    ['overnight, after midnight', overnight, { dayOfWeek: 6, minutes: 60 }, true],
    ['overnight, next morning', overnight, { dayOfWeek: 6, minutes: 3 * 60 }, false],
    ['Sunday into Monday', [{ dayOfWeek: 7, opensAt: '22:00', closesAt: '06:00' }], { dayOfWeek: 1, minutes: 5 * 60 }, true],
    ['no hours listed', [], { dayOfWeek: 1, minutes: 600 }, null],
  ])('%s', (_name, hours, now, expected) => {
    expect(isOpenAt(hours, now)).toBe(expected);
  });

  it('reads the local weekday and time in a zone, across daylight saving', () => {
    expect(localTime(new Date('2026-01-15T20:30:00Z'), 'America/Los_Angeles')).toEqual({ dayOfWeek: 4, minutes: 12 * 60 + 30 });
    expect(localTime(new Date('2026-07-15T20:30:00Z'), 'America/Los_Angeles')).toEqual({ dayOfWeek: 3, minutes: 13 * 60 + 30 });
    expect(localTime(new Date('2026-01-15T02:00:00Z'), 'America/New_York')).toEqual({ dayOfWeek: 3, minutes: 21 * 60 });
  });
});

describe('capacity and verification', () => {
  const now = new Date('2026-01-15T12:00:00Z');
  it.each([
    [0, false],
    [24 * 60, false],
    [24 * 60 + 1, true],
  ])('capacity %i minutes old is stale: %s', (minutes, stale) => {
    expect(capacityAge(new Date(now.getTime() - minutes * 60_000), now, 24)).toEqual({ ageMinutes: minutes, stale });
  });

  it.each([
    [{ status: 'accepting', available: 2, stale: false }, true],
    [{ status: 'accepting', available: 0, stale: false }, false],
    [{ status: 'accepting', available: 2, stale: true }, false],
    [{ status: 'waitlist', available: 2, stale: false }, false],
  ])('has capacity now %o → %s', (c, expected) => {
    expect(hasCapacityNow(c)).toBe(expected);
  });

  it.each([
    [null, true],
    [new Date('2025-10-16T12:00:00Z'), true],
    [new Date('2025-10-18T12:00:00Z'), false],
  ])('verified %s → due %s', (verifiedAt, due) => {
    expect(isVerificationDue(verifiedAt, now, 90)).toBe(due);
  });
});

describe('who may change a listing', () => {
  const access = (roles: Role[], organizationId: string | null = 'org-a'): AccessContext => ({
    actor: { type: 'user', userId: 'u', sessionId: 's' },
    organizationId,
    roles,
    requestId: null,
  });
  it.each<[string, AccessContext, 'read' | 'create' | 'edit', string | null, boolean]>([
    ['anyone signed in reads', access(['analyst']), 'read', 'org-b', true],
    [
      'the public does not use the management API',
      { actor: { type: 'anonymous' }, organizationId: null, roles: [], requestId: null },
      'read',
      'org-a',
      false,
    ],
    ['own staff edit', access(['care_navigator']), 'edit', 'org-a', true],
    ['own organization admin edits', access(['org_admin']), 'edit', 'org-a', true],
    ['own analyst does not edit', access(['analyst']), 'edit', 'org-a', false],
    ['own privacy officer does not edit', access(['privacy_officer']), 'edit', 'org-a', false],
    ['other organization staff do not edit', access(['org_admin']), 'edit', 'org-b', false],
    ['staff do not edit non-member listings', access(['org_admin']), 'edit', null, false],
    ['network administrator edits any', access(['network_admin'], 'org-z'), 'edit', 'org-b', true],
    ['network administrator edits non-member listings', access(['network_admin'], 'org-z'), 'create', null, true],
  ])('%s', (_name, ctx, action, member, expected) => {
    expect(canActOnListing(ctx, action, member)).toBe(expected);
  });
});

describe('nearest results first', () => {
  it('returns the same first results as sorting every match, ties included', async () => {
    const { nearestFirst } = await import('./locator.ts');
    const candidates = Array.from({ length: 200 }, (_, i) => ({
      miles: Math.floor(((i * 7919) % 200) / 4) / 2, // many equal distances
      e: { serviceName: `S${i % 3}`, serviceId: `id-${String(i).padStart(3, '0')}`, locationId: 'l' } as never,
    }));
    const full = [...candidates].sort(
      (a, b) =>
        a.miles - b.miles ||
        (a.e as { serviceName: string }).serviceName.localeCompare((b.e as { serviceName: string }).serviceName) ||
        (a.e as { serviceId: string }).serviceId.localeCompare((b.e as { serviceId: string }).serviceId),
    );
    for (const count of [1, 5, 20, 150, 300]) expect(nearestFirst(candidates, count).slice(0, count)).toEqual(full.slice(0, count));
  });
});
