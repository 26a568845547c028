import { useState, type MouseEvent, type ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import { usePortal } from './portal-context.tsx';

function focusMain(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById('main');
  if (main) {
    event.preventDefault();
    main.focus();
  }
}

/** "I need help today": an urgent task for the person's navigator, and what happens next in words. */
function HelpTodayButton() {
  const { api, strings } = usePortal();
  const [answer, setAnswer] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function ask() {
    setBusy(true);
    try {
      const result = await api.askForHelp();
      setAnswer(result.created ? strings.helpSent : strings.helpAlready);
    } catch {
      setAnswer(strings.helpFailed);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="portal-help-today">
      <button type="button" className="button button-danger portal-help-button" onClick={ask} disabled={busy}>
        {strings.helpButton}
      </button>
      <p role="status">{answer}</p>
    </div>
  );
}

/**
 * The portal's frame, apart from the staff app's navigation: a language switch, "Help now" on every
 * page (911, 988, the locator, naloxone) and, once signed in, "I need help today" and sign-out.
 */
export function PortalLayout({ children }: { children: ReactNode }) {
  const { api, state, lang, strings, setLang, signedOut } = usePortal();
  const other = lang === 'en' ? 'es' : 'en';
  const signedIn = state.status === 'signed-in';
  async function signOut(everywhere: boolean) {
    try {
      await (everywhere ? api.logoutEverywhere() : api.logout());
    } finally {
      signedOut();
    }
  }
  return (
    <div className="portal">
      <a className="skip-link" href="#main" onClick={focusMain}>
        {strings.skipToContent}
      </a>
      <header className="portal-header">
        <span className="portal-brand">{strings.brand}</span>
        <button
          type="button"
          className="portal-language"
          lang={other}
          aria-label={strings.switchLanguageName}
          onClick={() => setLang(other)}
        >
          {strings.switchLanguage}
        </button>
      </header>
      {signedIn && (
        <nav className="portal-nav" aria-label={strings.nav}>
          <NavLink to="/portal" end>
            {strings.home}
          </NavLink>
          <NavLink to="/portal/consents">{strings.consents}</NavLink>
          <NavLink to="/portal/who-saw-my-record">{strings.disclosures}</NavLink>
        </nav>
      )}
      <aside className="portal-crisis" aria-label={strings.helpTitle}>
        <h2>{strings.helpTitle}</h2>
        <ul>
          <li>
            {strings.helpEmergency} <a href="tel:911">911</a>
          </li>
          <li>
            {strings.helpCrisis} <a href="tel:988">988</a>
          </li>
          <li>
            <a href={`/find?lang=${lang}`}>{strings.helpFind}</a>
          </li>
          <li>
            <a href={`/find?harmReduction=NALOXONE&lang=${lang}`}>{strings.helpNaloxone}</a>
          </li>
        </ul>
        {signedIn && <HelpTodayButton />}
      </aside>
      <main id="main" className="portal-main" tabIndex={-1}>
        {children}
      </main>
      {signedIn && (
        <footer className="portal-footer">
          <button type="button" className="button button-secondary" onClick={() => signOut(false)}>
            {strings.signOut}
          </button>
          <button type="button" className="button button-secondary" onClick={() => signOut(true)}>
            {strings.signOutEverywhere}
          </button>
        </footer>
      )}
    </div>
  );
}
