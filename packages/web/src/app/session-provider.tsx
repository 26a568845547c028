import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { LoginRequest, Role, Session } from '@continuum/contracts';
import { useApi } from '../api/api-context.tsx';

export type SessionState =
  | { status: 'loading' }
  | { status: 'unavailable'; error: unknown }
  /** `reason` says why nobody is signed in, so the login page can explain an expired session. */
  | { status: 'signed-out'; reason: 'initial' | 'signed-out' | 'expired' }
  | { status: 'signed-in'; session: Session };

interface SessionContextValue {
  state: SessionState;
  /** Signs in; throws the ApiError for the login page to explain. */
  login: (credentials: LoginRequest) => Promise<Session>;
  logout: () => Promise<void>;
  switchOrganization: (organizationId: string) => Promise<Session>;
  /** Asks the server for the session again (after a failed start, or to pick up role changes). */
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApi();
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const session = await client.getSession();
      setState(session ? { status: 'signed-in', session } : { status: 'signed-out', reason: 'initial' });
    } catch (error) {
      setState({ status: 'unavailable', error });
    }
  }, [client]);

  useEffect(() => {
    let isCurrent = true;
    client.getSession().then(
      (session) => {
        if (isCurrent) setState(session ? { status: 'signed-in', session } : { status: 'signed-out', reason: 'initial' });
      },
      (error: unknown) => {
        if (isCurrent) setState({ status: 'unavailable', error });
      },
    );
    const unsubscribe = client.onSessionLost(() => setState({ status: 'signed-out', reason: 'expired' }));
    return () => {
      isCurrent = false;
      unsubscribe();
    };
  }, [client]);

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      refresh,
      async login(credentials) {
        const session = await client.login(credentials);
        setState({ status: 'signed-in', session });
        return session;
      },
      async logout() {
        try {
          await client.logout();
        } finally {
          setState({ status: 'signed-out', reason: 'signed-out' });
        }
      },
      async switchOrganization(organizationId) {
        const session = await client.switchOrganization(organizationId);
        setState({ status: 'signed-in', session });
        return session;
      },
    }),
    [client, state, refresh],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionContext must be used inside <SessionProvider>');
  return value;
}

/** The signed-in session; only for components rendered behind <RequireSession>. */
export function useSession(): Session {
  const { state } = useSessionContext();
  if (state.status !== 'signed-in') throw new Error('useSession needs a signed-in session');
  return state.session;
}

export function hasRole(session: Session, ...roles: Role[]): boolean {
  return roles.some((role) => session.roles.includes(role));
}

export function activeMembership(session: Session) {
  return session.memberships.find((membership) => membership.organizationId === session.activeOrganizationId);
}
