import { describe, expect, it } from 'vitest';
import { taxonomyCategories, taxonomyCodesOf } from '@continuum/contracts';
import { distanceMiles } from '../modules/directory/geo.ts';
import { generateCapacityHistory, generateDirectory } from './synthetic-directory.ts';
import { generateOrganizations, generateRegion } from './synthetic-community.ts';

const region = generateRegion(42);
const organizations = generateOrganizations(42, region);
const directory = generateDirectory(42, region, organizations);
const services = directory.flatMap((l) => l.services.map((s) => ({ ...s, listing: l })));

describe('demo directory', () => {
  it('lists member organizations that serve the public and some that are not members', () => {
    expect(directory.filter((l) => l.memberKey !== null).length).toBeGreaterThanOrEqual(35);
    expect(directory.filter((l) => l.memberKey === null).length).toBeGreaterThanOrEqual(5);
    expect(new Set(directory.map((l) => l.memberKey)).size).toBe(directory.filter((l) => l.memberKey).length + 1);
  });

  it('offers services of every kind in the taxonomy', () => {
    const offered = new Set(services.flatMap((s) => s.codes));
    for (const category of taxonomyCategories) {
      for (const code of taxonomyCodesOf(category)) expect(offered, code).toContain(code);
    }
  });

  it.each(['Elk Prairie', 'Marlow', 'Stillwater'])('%s is more than 10 miles from any in-person buprenorphine prescriber', (town) => {
    const centre = region.towns.find((t) => t.name === town)!;
    const inPerson = services.filter((s) => s.codes.includes('BU') && !s.codes.includes('TELE'));
    const nearest = Math.min(...inPerson.flatMap((s) => s.listing.locations.map((l) => distanceMiles(centre, l))));
    expect(nearest).toBeGreaterThan(10);
  });

  it('has a walk-in buprenorphine clinic in Harbor City that takes Medicaid and speaks Spanish', () => {
    const found = services.filter(
      (s) =>
        ['BU', 'WALKIN', 'MD'].every((c) => s.codes.includes(c as never)) &&
        s.languages.includes('es') &&
        s.listing.locations.some((l) => l.city === 'Harbor City'),
    );
    expect(found.length).toBeGreaterThan(0);
  });

  it('is deterministic, with capacity history that is sometimes stale', () => {
    expect(generateDirectory(42, region, organizations)).toEqual(directory);
    const last = Array.from({ length: 40 }, (_, i) => generateCapacityHistory(42, i, 10).at(-1)!);
    expect(last.some((p) => p.hoursAgo > 24)).toBe(true);
    expect(last.some((p) => p.hoursAgo <= 24)).toBe(true);
    const history = generateCapacityHistory(42, 0, 10);
    expect(history.length).toBeGreaterThan(5);
    expect(history.every((p) => p.available >= 0 && p.available <= 10)).toBe(true);
  });
});
