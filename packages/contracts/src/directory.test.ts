import { describe, expect, it } from 'vitest';
import {
  capacityStatusLabels,
  capacityStatuses,
  createDirectoryServiceSchema,
  directoryPath,
  directoryPaths,
  locatorSearchQuerySchema,
  replaceSchedulesSchema,
  taxonomyCategories,
  taxonomyCategoryLabels,
  taxonomyCodes,
  taxonomyCodesOf,
  taxonomyTerms,
  updateCapacitySchema,
} from './directory.ts';

describe('directory contracts', () => {
  it('labels every taxonomy term in English and Spanish and puts each in a known category', () => {
    for (const code of taxonomyCodes) {
      const term = taxonomyTerms[code];
      expect(term.en.length, code).toBeGreaterThan(0);
      expect(term.es.length, code).toBeGreaterThan(0);
      expect(taxonomyCategories).toContain(term.category);
    }
    expect(Object.keys(taxonomyCategoryLabels).sort()).toEqual([...taxonomyCategories].sort());
    expect(Object.keys(capacityStatusLabels).sort()).toEqual([...capacityStatuses].sort());
  });

  it('reuses the FindTreatment.gov medication codes', () => {
    expect(taxonomyCodesOf('medication')).toEqual(expect.arrayContaining(['METH', 'BU', 'NU']));
    expect(taxonomyCodesOf('payment')).toEqual(['MD', 'MC', 'PI', 'SS', 'NP', 'ITU', 'MI']);
  });

  it('parses comma-separated locator filters and flags', () => {
    const q = locatorSearchQuerySchema.parse({ zip: '97101', medication: 'BU,METH', walkIn: 'true', radius: '25' });
    expect(q.medication).toEqual(['BU', 'METH']);
    expect(q.walkIn).toBe(true);
    expect(q.radius).toBe(25);
    expect(locatorSearchQuerySchema.parse({ town: 'Alder' }).radius).toBe(10);
  });

  it.each([
    [{ zip: '97101', radius: '0' }, 'radius'],
    [{ zip: '97101', radius: '101' }, 'radius'],
    [{ zip: '9710' }, 'zip'],
    [{ zip: '97101', medication: 'BU,MD' }, 'medication'],
    [{ zip: '97101', walkIn: 'yes' }, 'walkIn'],
    [{ zip: '97101', extra: '1' }, ''],
  ])('refuses %o naming the field', (input, field) => {
    const result = locatorSearchQuerySchema.safeParse(input);
    expect(result.success).toBe(false);
    if (field !== '') expect(result.error?.issues[0]?.path[0]).toBe(field);
  });

  it('checks capacity updates', () => {
    expect(updateCapacitySchema.safeParse({ unit: 'bed', status: 'accepting', available: 3, maximum: 10 }).success).toBe(true);
    const over = updateCapacitySchema.safeParse({ unit: 'bed', status: 'accepting', available: 11, maximum: 10 });
    expect(over.error?.issues[0]?.path).toEqual(['available']);
    const wait = updateCapacitySchema.safeParse({ unit: 'slot', status: 'accepting', available: 0, waitlistDays: 3 });
    expect(wait.error?.issues[0]?.path).toEqual(['waitlistDays']);
  });

  it('checks schedules and service bodies', () => {
    expect(replaceSchedulesSchema.safeParse({ items: [{ dayOfWeek: 1, opensAt: '09:00', closesAt: '17:00' }] }).success).toBe(true);
    expect(replaceSchedulesSchema.safeParse({ items: [{ dayOfWeek: 8, opensAt: '09:00', closesAt: '17:00' }] }).success).toBe(false);
    expect(replaceSchedulesSchema.safeParse({ items: [{ dayOfWeek: 1, opensAt: '9:00', closesAt: '17:00' }] }).success).toBe(false);
    expect(createDirectoryServiceSchema.safeParse({ name: 'x', codes: ['BU', 'NOPE'] }).success).toBe(false);
  });

  it('fills path parameters', () => {
    expect(directoryPath(directoryPaths.service, 'abc')).toBe('/api/directory/services/abc');
  });
});
