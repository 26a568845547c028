import { useEffect, useState } from 'react';
import { purposeLabels, recordKindLabels, type PortalDisclosureList } from '@continuum/contracts';
import { usePortal } from './portal-context.tsx';
import { portalDate } from './portal-format.ts';

/** Who saw my record: the last three years, in plain words, with a CSV download. */
export function PortalDisclosuresPage() {
  const { api, lang, strings } = usePortal();
  const [list, setList] = useState<PortalDisclosureList | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api.disclosures().then(setList, () => setFailed(true));
  }, [api]);
  return (
    <section className="portal-card">
      <h1>{strings.disclosures}</h1>
      <p>{strings.disclosuresIntro}</p>
      <p>
        <a href={`/api/portal/disclosures.csv?lang=${lang}`} download>
          {strings.download}
        </a>
      </p>
      {failed && <p role="alert">{strings.loadFailed}</p>}
      {list === null && !failed && <p>{strings.loading}</p>}
      {list?.items.length === 0 && <p>{strings.noDisclosures}</p>}
      {list && list.items.length > 0 && (
        <ul className="portal-disclosures">
          {list.items.map((d, i) => (
            <li key={`${d.occurredAt}-${i}`}>
              <dl>
                <dt>{strings.when}</dt>
                <dd>{portalDate(d.occurredAt, lang)}</dd>
                <dt>{strings.who}</dt>
                <dd>{d.organizationName ?? '—'}</dd>
                <dt>{strings.fromWhom}</dt>
                <dd>{d.fromOrganizationName ?? '—'}</dd>
                <dt>{strings.what}</dt>
                <dd>{d.kinds.map((k) => recordKindLabels[k][lang]).join(', ')}</dd>
                <dt>{strings.why}</dt>
                <dd>
                  {purposeLabels[d.purpose][lang]}
                  {d.emergency ? ` — ${strings.emergency}` : ''}
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
