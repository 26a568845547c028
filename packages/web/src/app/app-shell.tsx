import { useState, type MouseEvent } from 'react';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { visibleNavSections } from './nav-config.ts';
import { OrganizationSwitcher } from './organization-switcher.tsx';
import { InboxLink } from '../features/inbox/index.ts';
import { activeMembership, useSession, useSessionContext } from './session-provider.tsx';
import { Button } from '../ui/button.tsx';

function focusMain(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById('main');
  if (main) {
    event.preventDefault();
    main.focus();
  }
}

/** The signed-in frame: header (organization, person, sign out), role-aware navigation, and the page. */
export function AppShell() {
  const session = useSession();
  const { logout } = useSessionContext();
  const [isMenuOpen, setMenuOpen] = useState(false);
  const [isSigningOut, setSigningOut] = useState(false);
  const sections = visibleNavSections(session.roles);
  const membership = activeMembership(session);

  async function signOut() {
    setSigningOut(true);
    try {
      await logout();
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={focusMain}>
        Skip to main content
      </a>
      <header className="app-header">
        <div className="app-header-start">
          <button
            type="button"
            className="menu-button"
            aria-expanded={isMenuOpen}
            aria-controls="app-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span className="menu-icon" aria-hidden="true" />
            Menu
          </button>
          <Link to="/" className="brand">
            Continuum
          </Link>
        </div>
        <div className="app-header-end">
          {session.memberships.length > 1 ? (
            <OrganizationSwitcher />
          ) : membership ? (
            <p className="header-organization">{membership.organizationName}</p>
          ) : null}
          <InboxLink />
          <Link to="/account" className="header-user" title="Your account">
            <span className="visually-hidden">Signed in as </span>
            {session.user.displayName}
          </Link>
          <Button size="small" onClick={() => void signOut()} isPending={isSigningOut} pendingLabel="Signing out…">
            Sign out
          </Button>
        </div>
      </header>
      <div className="app-body">
        <nav id="app-nav" aria-label="Main" className={isMenuOpen ? 'app-nav is-open' : 'app-nav'}>
          <ul className="nav-list">
            {sections.map((section) => (
              <li key={section.id}>
                <NavLink
                  to={section.path}
                  end={section.path === '/' || Boolean(section.children)}
                  className="nav-link"
                  onClick={() => setMenuOpen(false)}
                >
                  {section.label}
                </NavLink>
                {section.children ? (
                  <ul className="nav-sublist">
                    {section.children.map((child) => (
                      <li key={child.path}>
                        <NavLink to={child.path} className="nav-link nav-sublink" onClick={() => setMenuOpen(false)}>
                          {child.label}
                        </NavLink>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="app-main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
