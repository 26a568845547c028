import type { ScorecardMeasureResult } from '@continuum/contracts';
import { describeError } from '../../../api/api-error.ts';
import { useApiData } from '../../../api/use-api-data.ts';
import { Alert } from '../../../ui/alert.tsx';
import { Badge } from '../../../ui/badge.tsx';
import { Button } from '../../../ui/button.tsx';
import { Table } from '../../../ui/table.tsx';
import { SpcChart } from '../../analytics/index.ts';
import { useScorecardsApi } from './api-context.tsx';
import { chartDataOf, formatScorecardValue, SUPPRESSED, targetText, valueText, verdictText } from './scorecard-format.ts';

interface Props {
  organizationId: string;
  quarter: string;
  pathwayId: string | undefined;
}

function Distribution({ m }: { m: ScorecardMeasureResult }) {
  const d = m.distribution;
  if (!d) return null;
  if (d.median === null) return <span>{m.suppressed ? SUPPRESSED : '—'}</span>;
  const f = (v: number | null) => formatScorecardValue(v, m.kind, m.unit);
  return (
    <span>
      25th–75th percentile {f(d.p25)} – {f(d.p75)}; 90th {f(d.p90)}. {d.bins.map((b) => `${b.label}: ${b.count ?? '1–10'}`).join('; ')}
    </span>
  );
}

/** One partner's scorecard: the measures against their targets, the spread of the times, the run charts, print and CSV. */
export function ScorecardView({ organizationId, quarter, pathwayId }: Props) {
  const api = useScorecardsApi();
  const query = { quarter, ...(pathwayId ? { pathwayId } : {}) };
  const card = useApiData(() => api.getScorecard(organizationId, query), [organizationId, quarter, pathwayId]);
  if (card.error) return <Alert tone="error">{describeError(card.error)}</Alert>;
  const c = card.data;
  if (!c) return <p>Loading the scorecard…</p>;
  const title = `${c.organizationName}${c.pathwayName ? ` — ${c.pathwayName}` : ''}, ${c.quarter}`;
  return (
    <section className="scorecard" aria-labelledby="scorecard-title">
      <div className="scorecard-head">
        <h2 id="scorecard-title">{title}</h2>
        <p>
          Referrals sent {c.from} to {c.to}; run charts {c.chartFrom} to {c.chartTo}. Counts of 1–10 referrals are not shown.
        </p>
        <div className="scorecard-actions">
          <Button variant="secondary" onClick={() => window.print()}>
            Print scorecard
          </Button>
          <a className="button button-secondary" href={api.scorecardCsvHref(organizationId, query)} download>
            Download CSV
          </a>
        </div>
      </div>
      <Table caption={`Measures for ${c.quarter}`}>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">This quarter</th>
            <th scope="col">Target</th>
            <th scope="col">Against target</th>
            <th scope="col">Spread</th>
          </tr>
        </thead>
        <tbody>
          {c.measures.map((m) => (
            <tr key={m.measure}>
              <th scope="row">{m.name}</th>
              <td>{valueText(m)}</td>
              <td>{targetText(m)}</td>
              <td>
                {m.meetsTarget === null ? '—' : <Badge tone={m.meetsTarget ? 'positive' : 'warning'}>{verdictText(m.meetsTarget)}</Badge>}
              </td>
              <td>
                <Distribution m={m} />
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      <h3>Run charts</h3>
      <div className="scorecard-charts">
        {c.measures.map((m) => (
          <SpcChart
            key={m.measure}
            chart={chartDataOf(m, c.chartFrom, c.chartTo)}
            measureName={`${m.name}${m.kind === 'time' ? ` (${m.unit}, monthly median)` : ''}`}
            kind={m.kind === 'time' ? 'count' : m.kind}
            fileBase={`scorecard-${c.quarter}-${m.measure}`}
          />
        ))}
      </div>
    </section>
  );
}
