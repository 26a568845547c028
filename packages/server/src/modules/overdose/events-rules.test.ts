import { describe, expect, it } from 'vitest';
import { recordOverdoseSchema } from '@continuum/contracts';
import { _forTests } from './event-import.ts';
import { nearestArea } from './event-areas.ts';

const areas = [
  { id: 'N', name: 'North', latitude: 45.5, longitude: -122.6 },
  { id: 'S', name: 'South', latitude: 45.4, longitude: -122.6 },
  { id: 'W', name: 'West', latitude: 45.45, longitude: -122.8 },
];

describe('nearestArea', () => {
  it.each([
    [45.49, -122.61, 'N'],
    [45.41, -122.58, 'S'],
    [45.45, -122.75, 'W'],
    // Longitude degrees are shorter at 45°N: 0.13° east of W is nearer W than S's 0.05° of latitude plus 0.07° of longitude.
    [45.45, -122.7, 'W'],
  ])('(%f, %f) → %s', (lat, lon, id) => expect(nearestArea(areas, lat, lon)?.id).toBe(id));
  it('is undefined without areas', () => expect(nearestArea([], 45, -122)).toBeUndefined());
});

describe('a CSV row as the record request', () => {
  const { csvRowToInput } = _forTests;
  it.each([
    [
      'the minimum: time and area, defaults for the rest',
      { occurred_at: '2026-11-18T10:00:00Z', area: 'A2' },
      {
        occurredAt: '2026-11-18T10:00:00Z',
        areaId: 'A2',
        fatal: false,
        naloxoneDoses: 0,
        naloxoneBy: [],
        suspectedSubstances: [],
        disposition: 'unknown',
        leaveBehindKits: 0,
      },
    ],
    [
      'lists split on ; and yes/no flags',
      {
        occurred_at: '2026-11-18T10:00:00Z',
        latitude: '45.1',
        longitude: '-122.5',
        fatal: 'yes',
        naloxone_doses: '2',
        naloxone_by: 'ems; bystander',
        substances: 'fentanyl;xylazine',
        disposition: 'deceased',
        external_id: 'x-1',
        leave_behind_kits: '2',
      },
      {
        occurredAt: '2026-11-18T10:00:00Z',
        latitude: 45.1,
        longitude: -122.5,
        fatal: true,
        naloxoneDoses: 2,
        naloxoneBy: ['ems', 'bystander'],
        suspectedSubstances: ['fentanyl', 'xylazine'],
        disposition: 'deceased',
        externalId: 'x-1',
        leaveBehindKits: 2,
      },
    ],
  ])('%s', (_name, row, expected) => {
    const parsed = recordOverdoseSchema.parse(csvRowToInput(row));
    expect(parsed).toEqual(expected);
  });

  it.each([
    ['a word for a flag', { occurred_at: '2026-11-18T10:00:00Z', area: 'A2', fatal: 'maybe' }, 'fatal'],
    ['no place at all', { occurred_at: '2026-11-18T10:00:00Z' }, 'areaId'],
    ['a latitude without longitude', { occurred_at: '2026-11-18T10:00:00Z', latitude: '45' }, 'areaId'],
    ['an unknown substance', { occurred_at: '2026-11-18T10:00:00Z', area: 'A2', substances: 'glitter' }, 'suspectedSubstances.0'],
    ['a date that is not a time', { occurred_at: '2026-11-18', area: 'A2' }, 'occurredAt'],
  ])('refuses %s, naming the field', (_name, row, path) => {
    const result = recordOverdoseSchema.safeParse(csvRowToInput(row));
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
