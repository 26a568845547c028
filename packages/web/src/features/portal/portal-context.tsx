import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import type { PortalLanguage, PortalSession } from '@continuum/contracts';
import { createHttpTransport } from '../../api/request.ts';
import { createPortalHttpApi, type PortalApi } from './api.ts';
import { portalStrings, type PortalStrings } from './portal-strings.ts';

export type PortalState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason: 'initial' | 'signed-out' | 'expired' }
  | { status: 'signed-in'; session: PortalSession };

interface PortalContextValue {
  api: PortalApi;
  state: PortalState;
  lang: PortalLanguage;
  strings: PortalStrings;
  setLang: (lang: PortalLanguage) => void;
  signedIn: (session: PortalSession) => void;
  signedOut: () => void;
}

const PortalContext = createContext<PortalContextValue | null>(null);

/** The language asked for in the link (`?lang=es`), else the browser's. */
function askedLanguage(search: string): PortalLanguage | null {
  const asked = new URLSearchParams(search).get('lang');
  return asked === 'es' || asked === 'en' ? asked : null;
}
const browserLanguage = (): PortalLanguage => (navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en');

/**
 * The portal's own client and session, apart from the staff app's: its own transport (its own CSRF
 * token), its own cookie on the server. Sets the document's language while the portal is shown.
 */
export function PortalProvider({ children, api: given }: { children: ReactNode; api?: PortalApi }) {
  const api = useMemo(() => given ?? createPortalHttpApi(createHttpTransport()), [given]);
  const [state, setState] = useState<PortalState>({ status: 'loading' });
  const { search } = useLocation();
  // The language asked for in the link or chosen with the switch; else the account's once signed in; else the browser's.
  const [chosen, setLang] = useState<PortalLanguage | null>(() => askedLanguage(search));
  const lang = chosen ?? (state.status === 'signed-in' ? state.session.language : browserLanguage());

  useEffect(() => {
    let current = true;
    api.getSession().then(
      (session) => {
        if (!current) return;
        setState(session ? { status: 'signed-in', session } : { status: 'signed-out', reason: 'initial' });
      },
      () => current && setState({ status: 'signed-out', reason: 'initial' }),
    );
    const unsubscribe = api.onSessionLost(() => setState({ status: 'signed-out', reason: 'expired' }));
    return () => {
      current = false;
      unsubscribe();
    };
  }, [api]);

  useEffect(() => {
    const root = document.documentElement;
    const previous = root.lang;
    root.lang = lang;
    return () => {
      root.lang = previous;
    };
  }, [lang]);

  const signedIn = useCallback((session: PortalSession) => setState({ status: 'signed-in', session }), []);
  const signedOut = useCallback(() => setState({ status: 'signed-out', reason: 'signed-out' }), []);
  const value = useMemo(
    () => ({ api, state, lang, strings: portalStrings[lang] as PortalStrings, setLang, signedIn, signedOut }),
    [api, state, lang, setLang, signedIn, signedOut],
  );
  return <PortalContext.Provider value={value}>{children}</PortalContext.Provider>;
}

export function usePortal(): PortalContextValue {
  const value = useContext(PortalContext);
  if (!value) throw new Error('usePortal outside PortalProvider');
  return value;
}
