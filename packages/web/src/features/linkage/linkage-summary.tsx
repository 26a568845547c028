import type { LinkageSummary } from '@continuum/contracts';
import { count, pct } from './linkage-format.ts';
import { SimpleTable } from './linkage-table.tsx';

type Histogram = LinkageSummary['histogram'];

/** A finished job's summary: people, the model's expected precision and recall, cluster sizes, the weight histogram, m and u. */
export function Summary({ summary }: { summary: LinkageSummary }) {
  return (
    <section aria-labelledby="linkage-summary">
      <h2 id="linkage-summary">Summary</h2>
      <p>
        {summary.records} records, {count(summary.people)} people. Estimated precision {pct(summary.estimatedPrecision)}, estimated recall{' '}
        {pct(summary.estimatedRecall)} (expected from the model's match probabilities).
      </p>
      <SimpleTable
        caption="People by number of records"
        columns={[
          { header: 'Records', cell: (c) => c.size },
          { header: 'People', cell: (c) => count(c.people) },
        ]}
        rows={summary.clusterSizes}
        rowKey={(c) => c.size}
      />
      <WeightHistogram histogram={summary.histogram} />
      <SimpleTable
        caption="Estimated m and u per comparison level"
        columns={[
          { header: 'Comparison', cell: (r) => r.name },
          { header: 'Level', cell: (r) => r.level },
          { header: 'm', cell: (r) => r.m.toPrecision(3) },
          { header: 'u', cell: (r) => r.u.toPrecision(3) },
        ]}
        rows={summary.comparisons.flatMap((c) => c.levels.map((l) => ({ name: c.name, ...l })))}
        rowKey={(r) => `${r.name}-${r.level}`}
      />
    </section>
  );
}

const BAR = 16;

/** Match weights of the scored pairs in bins of 2; suppressed bins (1–10 pairs) drawn grey with no height. */
function WeightHistogram({ histogram }: { histogram: Histogram }) {
  const max = Math.max(1, ...histogram.map((h) => h.pairs.value ?? 0));
  return (
    <figure>
      <svg role="img" aria-label="Match-weight histogram" width={histogram.length * BAR} height={120}>
        {histogram.map((h, i) => {
          const height = ((h.pairs.value ?? 0) / max) * 100;
          return (
            <rect key={h.from} x={i * BAR} y={110 - height} width={BAR - 2} height={height} fill={h.pairs.suppressed ? '#bbb' : '#2b6cb0'}>
              <title>{`weight ${h.from} to ${h.to}: ${count(h.pairs)} pairs`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption>Match weight of scored pairs (grey: fewer than 11, not shown)</figcaption>
    </figure>
  );
}
