import type { MouseEvent, ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { LocatorLanguageState } from './use-locator-language.ts';

function focusMain(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById('main');
  if (main) {
    event.preventDefault();
    main.focus();
  }
}

/**
 * The public frame: no sign-in, a language switch, and the urgent-help numbers on every page so a
 * person in crisis never has to search for them.
 */
export function LocatorLayout({ language, children }: { language: LocatorLanguageState; children: ReactNode }) {
  const { lang, strings, otherLanguageSearch } = language;
  const location = useLocation();
  const otherLang = lang === 'en' ? 'es' : 'en';
  return (
    <div className="locator" lang={lang}>
      <a className="skip-link" href="#main" onClick={focusMain}>
        {strings.skipToContent}
      </a>
      <header className="locator-header">
        <Link to={`/find?lang=${lang}`} className="brand">
          {strings.brand}
        </Link>
        <Link
          to={`${location.pathname}${otherLanguageSearch}`}
          className="locator-language"
          lang={otherLang}
          hrefLang={otherLang}
          aria-label={strings.switchLanguageName}
        >
          {strings.switchLanguage}
        </Link>
      </header>
      <aside className="locator-crisis" aria-label={strings.crisisRegion}>
        <p className="locator-crisis-title">{strings.crisisTitle}</p>
        <p>
          {strings.crisisText} <a href="tel:911">911</a>. {strings.naloxoneNote}
        </p>
        <p>
          {strings.crisisLine} <a href="tel:988">988</a>
        </p>
        <p className="locator-helpline">
          {strings.helpline} <a href="tel:+18006624357">1-800-662-4357</a>
        </p>
      </aside>
      <main id="main" className="locator-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="locator-footer">
        <p>{strings.footerNote}</p>
        <p>
          <Link to="/login">{strings.staffSignIn}</Link>
        </p>
      </footer>
    </div>
  );
}
