import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { isLocatorLanguage, locatorStrings, type LocatorLanguage, type LocatorStrings } from './locator-strings.ts';

export interface LocatorLanguageState {
  lang: LocatorLanguage;
  strings: LocatorStrings;
  /** The same URL in the other language. */
  otherLanguageSearch: string;
}

function browserLanguage(): LocatorLanguage {
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/**
 * The locator's language: `lang` in the URL (so a link keeps it), else the browser's. Sets the
 * document's `lang` while the locator is shown, so screen readers pronounce Spanish as Spanish.
 */
export function useLocatorLanguage(): LocatorLanguageState {
  const [searchParams] = useSearchParams();
  const requested = searchParams.get('lang');
  const lang: LocatorLanguage = isLocatorLanguage(requested) ? requested : browserLanguage();

  useEffect(() => {
    const root = document.documentElement;
    const previous = root.lang;
    root.lang = lang;
    return () => {
      root.lang = previous;
    };
  }, [lang]);

  const other = new URLSearchParams(searchParams);
  other.set('lang', lang === 'en' ? 'es' : 'en');
  return { lang, strings: locatorStrings[lang], otherLanguageSearch: `?${other.toString()}` };
}
