import { useEffect, useState } from 'react';
import { careTeamRoleLabels, portalOutreachWords, portalReferralStatusWords, type PortalCare } from '@continuum/contracts';
import { portalCareStrings } from './portal-care-strings.ts';
import { usePortal } from './portal-context.tsx';
import { portalDate } from './portal-format.ts';

/** My care: visits (each with a calendar file), referrals and where each stands, the care team, planned calls. */
export function PortalCarePage() {
  const { api, lang, strings } = usePortal();
  const words = portalCareStrings[lang];
  const [care, setCare] = useState<PortalCare | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api.care().then(setCare, () => setFailed(true));
  }, [api]);
  const time = (iso: string) =>
    new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
  return (
    <section className="portal-card">
      <h1>{words.title}</h1>
      <p>{words.intro}</p>
      {failed && <p role="alert">{strings.loadFailed}</p>}
      {care === null && !failed && <p>{strings.loading}</p>}
      {care && (
        <>
          <h2>{words.visits}</h2>
          {care.appointments.length === 0 && <p>{words.noVisits}</p>}
          <ul>
            {care.appointments.map((a) => (
              <li key={a.id}>
                <strong>{time(a.at)}</strong> — {a.organizationName}
                {a.place ? `, ${a.place}` : ''}
                {a.phone ? ` (${words.phone}: ${a.phone})` : ''}{' '}
                <a href={`/api/portal/appointments/${a.id}/calendar.ics?lang=${lang}`} download>
                  {words.addToCalendar}
                </a>
              </li>
            ))}
          </ul>
          <h2>{words.referrals}</h2>
          {care.referrals.length === 0 && <p>{words.noReferrals}</p>}
          <ul>
            {care.referrals.map((r) => (
              <li key={r.id}>
                <strong>{r.toOrganizationName}</strong> ({r.serviceName}): {portalReferralStatusWords[r.status][lang]}
              </li>
            ))}
          </ul>
          <h2>{words.team}</h2>
          {care.careTeam.length === 0 && <p>{words.noTeam}</p>}
          <ul>
            {care.careTeam.map((m, i) => (
              <li key={`${m.organizationName}-${m.role}-${i}`}>
                <strong>{m.organizationName}</strong>
                {m.staffName ? ` — ${m.staffName}` : ''} ({careTeamRoleLabels[m.role]})
                {m.phone && (
                  <>
                    {' '}
                    <a href={`tel:${m.phone}`}>{m.phone}</a>
                  </>
                )}
                {m.email && (
                  <>
                    {' '}
                    <a href={`mailto:${m.email}`}>{m.email}</a>
                  </>
                )}
              </li>
            ))}
          </ul>
          <h2>{words.outreach}</h2>
          {care.outreach.length === 0 && <p>{words.noOutreach}</p>}
          <ul>
            {care.outreach.map((o, i) => (
              <li key={`${o.plannedOn}-${i}`}>
                {portalDate(o.plannedOn, lang)}: {portalOutreachWords[o.kind][lang]} ({o.organizationName})
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
