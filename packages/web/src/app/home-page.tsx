import { organizationTypeLabels, roleLabels } from '@continuum/contracts';
import { Link } from 'react-router-dom';
import { Alert } from '../ui/alert.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { visibleNavSections } from './nav-config.ts';
import { activeMembership, useSession } from './session-provider.tsx';

export function HomePage() {
  const session = useSession();
  const membership = activeMembership(session);
  const sections = visibleNavSections(session.roles).filter((section) => section.path !== '/');
  const firstName = session.user.displayName.split(' ')[0] ?? session.user.displayName;

  return (
    <>
      <PageHeading
        title={`Welcome, ${firstName}`}
        description="Continuum links the community's care partners so no one falls through the cracks."
      />
      {membership ? (
        <section className="card" aria-labelledby="home-organization">
          <h2 id="home-organization">You are working in {membership.organizationName}</h2>
          <dl className="details">
            <div>
              <dt>Organization type</dt>
              <dd>{organizationTypeLabels[membership.organizationType]}</dd>
            </div>
            <div>
              <dt>Your roles here</dt>
              <dd>
                {session.roles.length > 0 ? (
                  <ul className="tag-list">
                    {session.roles.map((role) => (
                      <li key={role} className="tag">
                        {roleLabels[role]}
                      </li>
                    ))}
                  </ul>
                ) : (
                  'No roles yet'
                )}
              </dd>
            </div>
          </dl>
        </section>
      ) : (
        <Alert tone="warning" title="No organization selected">
          {session.memberships.length > 0
            ? 'Choose the organization you are working for at the top of the page.'
            : 'Your account is not a member of any organization yet. Ask an administrator to add you.'}
        </Alert>
      )}
      {sections.length > 0 ? (
        <section aria-labelledby="home-sections" className="home-sections">
          <h2 id="home-sections">What you can do</h2>
          <ul className="card-grid">
            {sections.map((section) => (
              <li key={section.id} className="card card-link">
                <Link to={section.path}>{section.label}</Link>
                <p>{section.description}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : membership ? (
        <p className="muted">More of Continuum will appear here as your organization's services come online.</p>
      ) : null}
    </>
  );
}
