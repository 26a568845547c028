/**
 * List pages keep their filters and page in the URL, so Back, reload and shared links show the same
 * list. These helpers turn a submitted filter form into search params and move between pages.
 */
export function filtersFromForm(form: HTMLFormElement, names: readonly string[]): URLSearchParams {
  const data = new FormData(form);
  const params = new URLSearchParams();
  for (const name of names) {
    const value = data.get(name);
    if (typeof value === 'string' && value.trim()) params.set(name, value.trim());
  }
  return params;
}

export function withOffset(params: URLSearchParams, offset: number): URLSearchParams {
  const next = new URLSearchParams(params);
  if (offset > 0) next.set('offset', String(offset));
  else next.delete('offset');
  return next;
}

export function offsetFrom(params: URLSearchParams): number {
  return Math.max(0, Math.floor(Number(params.get('offset'))) || 0);
}
