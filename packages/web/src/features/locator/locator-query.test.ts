import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  emptyFormValues,
  formValuesFromUrl,
  harmReductionValues,
  placeProblem,
  searchParamsFromUrl,
  urlFromFormValues,
} from './locator-query.ts';

describe('locator URL ↔ form ↔ API query', () => {
  it('reads place, distance, filters and flags from the URL, dropping unknown codes', () => {
    const values = formValuesFromUrl(
      new URLSearchParams('zip=97104&radius=25&medication=BU,XYZ,METH&payment=MD&walkIn=true&openNow=yes&language=es,zz'),
    );
    expect(values.place).toBe('97104');
    expect(values.radius).toBe(25);
    expect(values.lists.medication).toEqual(['METH', 'BU']);
    expect(values.lists.payment).toEqual(['MD']);
    expect(values.flags).toEqual({ walkIn: true, telehealth: false, openNow: false, hasCapacity: false });
    expect(values.language).toBe('es');
  });

  it.each([
    ['radius=0', 10],
    ['radius=101', 10],
    ['radius=abc', 10],
    ['radius=50', 50],
  ])('keeps the radius inside 1–100 miles (%s → %d)', (query, radius) => {
    expect(formValuesFromUrl(new URLSearchParams(query)).radius).toBe(radius);
  });

  it.each([
    [{ place: '', coordinates: null }, 'missing'],
    [{ place: '', coordinates: { lat: 45.5, lon: -122.6 } }, null],
    [{ place: '97104', coordinates: null }, null],
    [{ place: '9710', coordinates: null }, 'zip'],
    [{ place: '971045', coordinates: null }, 'zip'],
    [{ place: 'A', coordinates: null }, 'town'],
    [{ place: 'Alder Falls', coordinates: null }, null],
  ] as const)('placeProblem(%o) is %s', (values, problem) => {
    expect(placeProblem(values)).toBe(problem);
  });

  it('writes a ZIP as zip, a name as town, coordinates rounded to about 100 m, and only the filters that are on', () => {
    const values = emptyFormValues();
    values.place = '97104';
    values.lists.medication = ['BU'];
    values.flags.walkIn = true;
    expect(urlFromFormValues(values, 'es').toString()).toBe('zip=97104&radius=10&medication=BU&walkIn=true&lang=es');
    expect(urlFromFormValues({ ...values, place: 'Alder Falls' }).get('town')).toBe('Alder Falls');
    const near = urlFromFormValues({ ...emptyFormValues(), coordinates: { lat: 45.512345, lon: -122.654321 } });
    expect([near.get('lat'), near.get('lon'), near.get('zip')]).toEqual(['45.512', '-122.654', null]);
  });

  it.each([
    ['limit=100', 100, '100'],
    ['limit=200', 200, '200'],
    ['limit=50', 50, null],
    ['limit=500', 50, null],
    ['limit=7.5', 50, null],
  ])('keeps "show more" within the API limit (%s)', (query, limit, written) => {
    const values = formValuesFromUrl(new URLSearchParams(`zip=97104&${query}`));
    expect(values.limit).toBe(limit);
    expect(urlFromFormValues(values).get('limit')).toBe(written);
  });

  it('turns the URL into the API query, leaving out the page language; no place means no search', () => {
    expect(searchParamsFromUrl(new URLSearchParams('lang=es&medication=BU'))).toBeNull();
    expect(searchParamsFromUrl(new URLSearchParams('lang=es&town=Alder%20Falls&payment=MD,SS&hasCapacity=true'))).toEqual({
      town: 'Alder Falls',
      radius: '10',
      payment: 'MD,SS',
      hasCapacity: 'true',
    });
  });

  it('the harm-reduction search keeps the place and distance and asks for every harm-reduction service only', () => {
    const values = formValuesFromUrl(new URLSearchParams('zip=97104&radius=25&medication=BU&walkIn=true'));
    const next = harmReductionValues(values);
    expect(urlFromFormValues(next).toString()).toBe('zip=97104&radius=25&harmReduction=NALOXONE%2CSSP%2CFTS%2CDRUG_CHECK');
    expect(activeFilterCount(values)).toBe(2);
  });
});
