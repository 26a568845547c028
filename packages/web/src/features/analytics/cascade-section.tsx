import { cascadeStageIds, cascadeStageLabels, strataDimensionLabels, type CascadeResponse } from '@continuum/contracts';
import { Table } from '../../ui/table.tsx';
import { CascadeFunnel, stageCountText } from './charts/cascade-funnel.tsx';
import { monthLabel } from './charts/chart-scale.ts';

/** The cascade for the scope and period, and per stratum value when stratified. */
export function CascadeSection({ cascade, requested }: { cascade: CascadeResponse; requested?: { from: string; to: string } | undefined }) {
  const differs = requested !== undefined && (requested.from !== cascade.period.from || requested.to !== cascade.period.to);
  return (
    <section aria-labelledby="cascade-heading" className="analytics-section">
      <h2 id="cascade-heading">Cascade of care</h2>
      {cascade.computedAt === null ? <p className="muted">Nothing has been computed for this period yet.</p> : null}
      {differs && cascade.computedAt !== null ? (
        <p className="field-hint">
          The cascade is computed for whole periods; the closest to the months asked for is {monthLabel(cascade.period.from)} –{' '}
          {monthLabel(cascade.period.to)}.
        </p>
      ) : null}
      {cascade.estimate ? (
        <p className="field-hint">
          Estimated people with OUD: {cascade.estimate.count.toLocaleString('en-US')}
          {cascade.estimate.low !== null && cascade.estimate.high !== null
            ? ` (range ${cascade.estimate.low.toLocaleString('en-US')}–${cascade.estimate.high.toLocaleString('en-US')})`
            : ''}
          , from the areas' prevalence estimates or counts.
        </p>
      ) : null}
      <CascadeFunnel cascade={cascade} />
      {cascade.stratum && cascade.strata.length > 0 ? (
        <Table caption={`Cascade by ${strataDimensionLabels[cascade.stratum].toLowerCase()}`} narrowLayout="scroll">
          <thead>
            <tr>
              <th scope="col">{strataDimensionLabels[cascade.stratum]}</th>
              {cascadeStageIds.map((id) => (
                <th scope="col" key={id}>
                  {cascadeStageLabels[id]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cascade.strata.map((s) => (
              <tr key={s.value}>
                <th scope="row">{s.label}</th>
                {cascadeStageIds.map((id) => {
                  const stage = s.stages.find((st) => st.id === id);
                  return <td key={id}>{stage ? stageCountText(stage) : '—'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}
