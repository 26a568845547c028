import type { ReactNode } from 'react';
import { Navigate, NavLink, Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { PathwayDetailPage, PathwayListPage, PathwayNewPage } from './pathway-pages.tsx';
import { ReferralComposerPage } from './referral-composer-page.tsx';
import { ReferralDetailPage } from './referral-detail-page.tsx';
import { ReferralList } from './referral-list.tsx';
import type { ReferralsApi } from './api.ts';
import { ReferralsApiProvider } from './api-context.tsx';
import './referrals.css';

function Tabs({ handlesReferrals }: { handlesReferrals: boolean }) {
  const tabs = [
    ...(handlesReferrals
      ? [
          { to: '/referrals/inbox', label: 'Inbox' },
          { to: '/referrals/sent', label: 'My referrals' },
        ]
      : []),
    { to: '/referrals/pathways', label: 'Pathways' },
  ];
  return (
    <nav className="referral-tabs" aria-label="Referrals">
      <ul>
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink to={tab.to} end={tab.to !== '/referrals/pathways'}>
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function InboxPage() {
  return (
    <>
      <PageHeading
        title="Referral inbox"
        description="Referrals to your organization, the nearest deadline first. Acknowledge, accept, schedule and close the loop so the sender knows the person got care."
      />
      <ReferralList box="inbox" />
    </>
  );
}

function SentPage() {
  return (
    <>
      <PageHeading
        title="My referrals"
        description="Referrals your organization sent, with their live status. Start a new one from the person’s page."
      />
      <ReferralList box="sent" />
    </>
  );
}

function OnlyReferralRoles({ allowed, children }: { allowed: boolean; children: ReactNode }) {
  if (allowed) return children;
  return (
    <>
      <PageHeading title="Not available to your roles" />
      <p>Clinicians, care navigators and partner staff send and receive referrals. Administrators manage the pathways.</p>
    </>
  );
}

/** Routes under /referrals; the caller has already checked the section's roles. `api` replaces the HTTP client in tests. */
export function ReferralRoutes({ api }: { api?: ReferralsApi }) {
  const session = useSession();
  const handles = hasRole(session, 'clinician', 'care_navigator', 'partner_staff');
  return (
    <ReferralsApiProvider api={api}>
      <Tabs handlesReferrals={handles} />
      <Routes>
        <Route index element={<Navigate to={handles ? '/referrals/inbox' : '/referrals/pathways'} replace />} />
        <Route
          path="inbox"
          element={
            <OnlyReferralRoles allowed={handles}>
              <InboxPage />
            </OnlyReferralRoles>
          }
        />
        <Route
          path="sent"
          element={
            <OnlyReferralRoles allowed={handles}>
              <SentPage />
            </OnlyReferralRoles>
          }
        />
        <Route
          path="new"
          element={
            <OnlyReferralRoles allowed={handles}>
              <ReferralComposerPage />
            </OnlyReferralRoles>
          }
        />
        <Route path="pathways" element={<PathwayListPage />} />
        <Route path="pathways/new" element={<PathwayNewPage />} />
        <Route path="pathways/:pathwayId" element={<PathwayDetailPage />} />
        <Route
          path=":referralId"
          element={
            <OnlyReferralRoles allowed={handles}>
              <ReferralDetailPage />
            </OnlyReferralRoles>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </ReferralsApiProvider>
  );
}
