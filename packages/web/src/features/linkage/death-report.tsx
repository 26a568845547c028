import { linkageSourceLabels } from '@continuum/contracts';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { Alert } from '../../ui/alert.tsx';
import { useLinkageApi } from './api-context.tsx';
import { count, percent } from './linkage-format.ts';
import { SimpleTable } from './linkage-table.tsx';

/** The 90-day report (docs/linkage.md, "The 90-day report"): by source and by combination of sources, small cells hidden. */
export function DeathReportSection({ jobId }: { jobId: string }) {
  const api = useLinkageApi();
  const report = useApiData(() => api.getReport(jobId), [jobId]);
  const r = report.data;
  return (
    <section aria-labelledby="linkage-report">
      <h2 id="linkage-report">Where people who died touched care in the 90 days before death</h2>
      {report.error !== undefined && report.error !== null && <Alert tone="error">{describeError(report.error)}</Alert>}
      {r && (
        <>
          <p>People in the death records: {count(r.decedents)}. Counts of 1–10 are not shown (&lt;11).</p>
          <SimpleTable
            caption="By source"
            columns={[
              { header: 'Source', cell: (s) => linkageSourceLabels[s.source] },
              { header: 'People', cell: (s) => (s.suppressed ? '<11' : s.people) },
              { header: 'Percent', cell: (s) => percent(s.percent) },
            ]}
            rows={r.bySource}
            rowKey={(s) => s.source}
          />
          <SimpleTable
            caption="By combination of sources"
            columns={[
              {
                header: 'Sources',
                cell: (c) => (c.sources.length === 0 ? 'None' : c.sources.map((s) => linkageSourceLabels[s]).join(' + ')),
              },
              { header: 'People', cell: (c) => (c.suppressed ? 'suppressed' : c.people) },
              { header: 'Percent', cell: (c) => percent(c.percent) },
            ]}
            rows={r.combinations}
            rowKey={(c) => c.sources.join('+') || 'none'}
          />
        </>
      )}
    </section>
  );
}
