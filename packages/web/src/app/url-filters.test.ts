import { describe, expect, it } from 'vitest';
import { filtersFromForm, offsetFrom, withOffset } from './url-filters.ts';

describe('url filters', () => {
  it('keeps only the named, non-empty, trimmed fields of a form', () => {
    const form = document.createElement('form');
    form.innerHTML =
      '<input name="q" value="  harbor "><select name="type"><option value="" selected></option></select><input name="other" value="x">';
    expect(filtersFromForm(form, ['q', 'type']).toString()).toBe('q=harbor');
  });

  it.each([
    ['', 0],
    ['offset=50', 50],
    ['offset=-5', 0],
    ['offset=abc', 0],
  ])('reads the offset of "%s" as %d', (search, offset) => {
    expect(offsetFrom(new URLSearchParams(search))).toBe(offset);
  });

  it('drops the offset for the first page', () => {
    expect(withOffset(new URLSearchParams('q=a&offset=25'), 0).toString()).toBe('q=a');
    expect(withOffset(new URLSearchParams('q=a'), 25).toString()).toBe('q=a&offset=25');
  });
});
