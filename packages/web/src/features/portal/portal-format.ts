import type { PortalLanguage } from '@continuum/contracts';

/** A date the way people say it: "March 4, 2027" / "4 de marzo de 2027". */
export function portalDate(value: string, lang: PortalLanguage): string {
  const date = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
