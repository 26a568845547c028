import { useSearchParams } from 'react-router-dom';
import type { ScorecardPartnerList } from '@continuum/contracts';
import { describeError } from '../../../api/api-error.ts';
import { useApiData } from '../../../api/use-api-data.ts';
import { hasRole, useSession } from '../../../app/session-provider.tsx';
import { Alert } from '../../../ui/alert.tsx';
import { SelectField } from '../../../ui/field.tsx';
import { PageHeading } from '../../../ui/page-heading.tsx';
import { useScorecardsApi } from './api-context.tsx';
import { ScorecardView } from './scorecard-view.tsx';
import { TargetsPanel } from './targets-panel.tsx';
import './scorecards.css';

/**
 * Partner scorecards for the quarterly partner review: pick a quarter, a partner and (if wanted) one
 * of its pathways; the measures against their targets, their run charts, print and CSV.
 */
export function ScorecardsPage() {
  const api = useScorecardsApi();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const partners = useApiData(() => api.listPartners(), []);
  const list: ScorecardPartnerList | undefined = partners.data;
  const quarter = params.get('quarter') ?? list?.defaultQuarter ?? '';
  const organizationId = params.get('partner') ?? list?.items[0]?.organizationId ?? '';
  const partner = list?.items.find((p) => p.organizationId === organizationId);
  const pathwayId = params.get('pathway') ?? '';
  const choose = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'partner') next.delete('pathway');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeading
        eyebrow="Network"
        title="Partner scorecards"
        description="How each partner and pathway is doing this quarter against the network's targets, month by month, for the quarterly partner review."
      />
      {partners.error ? <Alert tone="error">{describeError(partners.error)}</Alert> : null}
      {list ? (
        <form className="scorecard-controls" aria-label="Choose a scorecard" onSubmit={(e) => e.preventDefault()}>
          <SelectField
            label="Quarter"
            value={quarter}
            onChange={(e) => choose('quarter', e.target.value)}
            options={list.quarters.map((q) => ({ value: q, label: q === list.defaultQuarter ? `${q} (last complete)` : q }))}
          />
          <SelectField
            label="Partner"
            value={organizationId}
            onChange={(e) => choose('partner', e.target.value)}
            options={list.items.map((p) => ({ value: p.organizationId, label: p.name }))}
          />
          <SelectField
            label="Pathway"
            value={pathwayId}
            onChange={(e) => choose('pathway', e.target.value)}
            options={[
              { value: '', label: 'All of the partner’s referrals' },
              ...(partner?.pathways ?? []).map((p) => ({ value: p.id, label: p.name })),
            ]}
          />
        </form>
      ) : null}
      {list && organizationId && quarter ? (
        <ScorecardView organizationId={organizationId} quarter={quarter} pathwayId={pathwayId || undefined} />
      ) : list ? (
        <p>No partner to show.</p>
      ) : null}
      {hasRole(session, 'network_admin') ? <TargetsPanel /> : null}
    </>
  );
}
