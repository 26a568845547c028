import { useId, useRef, useState } from 'react';
import { cascadeStageLabels, type CascadeResponse, type CascadeStage } from '@continuum/contracts';
import { Button } from '../../../ui/button.tsx';
import { Table } from '../../../ui/table.tsx';
import { cascadeCsv, fileSlug } from './chart-export.ts';
import { colours } from './chart-marks.ts';
import { monthLabel, SUPPRESSED_TEXT } from './chart-scale.ts';
import { ExportButtons } from './export-buttons.tsx';

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** A stage's count as people read it: the number, "fewer than 11", or "not available". */
export function stageCountText(stage: CascadeStage): string {
  if (stage.suppressed) return SUPPRESSED_TEXT;
  if (stage.count === null) return 'not available';
  return stage.count.toLocaleString('en-US');
}

/** One line per stage: count, share of the previous stage and of the estimated population. */
export function stageText(stage: CascadeStage): string {
  const label = cascadeStageLabels[stage.id] ?? stage.label;
  const count = stageCountText(stage);
  if (stage.suppressed || stage.count === null) return `${label}: ${count}`;
  const shares = [
    stage.percentOfPrevious !== null && stage.id !== 'estimated' ? `${percent(stage.percentOfPrevious)} of the previous stage` : null,
    stage.percentOfEstimated !== null && stage.id !== 'estimated' ? `${percent(stage.percentOfEstimated)} of the estimated` : null,
  ].filter(Boolean);
  return `${label}: ${count}${shares.length > 0 ? ` (${shares.join(', ')})` : ''}`;
}

interface CascadeFunnelProps {
  cascade: CascadeResponse;
  /** Stages of one stratum value instead of the whole scope. */
  stages?: readonly CascadeStage[];
  title?: string;
}

/** The OUD cascade of care as a funnel: one bar per stage, widths to scale with the largest stage. */
export function CascadeFunnel({ cascade, stages = cascade.stages, title }: CascadeFunnelProps) {
  const idPrefix = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const svgRef = useRef<SVGSVGElement>(null);
  const [isTableShown, setTableShown] = useState(false);
  const scopeName = cascade.scope.organizationName ?? 'Whole network';
  const period = `${monthLabel(cascade.period.from)} – ${monthLabel(cascade.period.to)}`;
  const heading = title ?? `Cascade of care, ${scopeName}, ${period}`;
  const max = Math.max(1, ...stages.map((s) => (s.suppressed ? 0 : (s.count ?? 0))));
  const width = 720;
  const rowHeight = 46;
  const labelWidth = 320;
  const barSpace = width - labelWidth - 20;
  const height = stages.length * rowHeight + 16;
  const description = stages.map(stageText).join('. ') + '.';

  return (
    <figure className="cascade-funnel" aria-labelledby={`${idPrefix}-caption`}>
      <figcaption id={`${idPrefix}-caption`} className="spc-chart-caption">
        {heading}
      </figcaption>
      <svg
        ref={svgRef}
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${idPrefix}-title`}
        aria-describedby={`${idPrefix}-desc`}
        fontFamily="system-ui, sans-serif"
        fontSize="12"
      >
        <title id={`${idPrefix}-title`}>{heading}</title>
        <desc id={`${idPrefix}-desc`}>{description}</desc>
        <rect x="0" y="0" width={width} height={height} fill="#ffffff" />
        {stages.map((stage, i) => {
          const y = 8 + i * rowHeight;
          const shown = !stage.suppressed && stage.count !== null;
          const barWidth = shown ? Math.max(2, (stage.count! / max) * barSpace) : 0;
          const x = labelWidth + (barSpace - barWidth) / 2;
          return (
            <g key={stage.id} data-stage={stage.id} data-suppressed={stage.suppressed ? 'true' : undefined}>
              <text x={labelWidth - 10} y={y + 16} textAnchor="end" fill={colours.ink}>
                {cascadeStageLabels[stage.id] ?? stage.label}
              </text>
              {shown ? (
                <rect x={x} y={y + 2} width={barWidth} height={22} rx="3" fill={stage.id === 'estimated' ? '#9fb3c8' : colours.line}>
                  <title>{stageText(stage)}</title>
                </rect>
              ) : (
                <rect
                  x={labelWidth + barSpace / 2 - 30}
                  y={y + 2}
                  width={60}
                  height={22}
                  rx="3"
                  fill="#ffffff"
                  stroke={colours.suppressed}
                  strokeDasharray="3 3"
                >
                  <title>{stageText(stage)}</title>
                </rect>
              )}
              <text x={labelWidth + barSpace / 2} y={y + 38} textAnchor="middle" fill={colours.muted}>
                {stageCountText(stage)}
                {shown && stage.id !== 'estimated' && stage.percentOfPrevious !== null
                  ? ` · ${percent(stage.percentOfPrevious)} of previous`
                  : ''}
                {shown && stage.id !== 'estimated' && stage.percentOfEstimated !== null
                  ? ` · ${percent(stage.percentOfEstimated)} of estimated`
                  : ''}
              </text>
            </g>
          );
        })}
      </svg>
      <ol className="cascade-stages visually-hidden">
        {stages.map((stage) => (
          <li key={stage.id}>{stageText(stage)}</li>
        ))}
      </ol>
      {stages.find((s) => s.id === 'retained_6m')?.notYetEvaluable ? (
        <p className="field-hint">
          {(() => {
            const n = stages.find((s) => s.id === 'retained_6m')!.notYetEvaluable!;
            return `${n < 11 && n > 0 ? SUPPRESSED_TEXT : n.toLocaleString('en-US')} people started medication too recently for 6 months of retention to be known.`;
          })()}
        </p>
      ) : null}
      <div className="spc-chart-actions">
        <Button size="small" variant="quiet" aria-expanded={isTableShown} onClick={() => setTableShown((v) => !v)}>
          {isTableShown ? 'Hide data table' : 'Show data table'}
        </Button>
        <ExportButtons
          label="cascade"
          fileBase={fileSlug('cascade', scopeName, cascade.period.from, cascade.period.to)}
          getSvg={() => svgRef.current}
          csv={() => cascadeCsv(cascade)}
        />
      </div>
      {isTableShown ? (
        <Table caption={`${heading}: data`} narrowLayout="scroll">
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">People</th>
              <th scope="col">% of previous stage</th>
              <th scope="col">% of estimated</th>
            </tr>
          </thead>
          <tbody>
            {stages.map((stage) => (
              <tr key={stage.id}>
                <th scope="row">{cascadeStageLabels[stage.id] ?? stage.label}</th>
                <td>{stageCountText(stage)}</td>
                <td>{stage.suppressed ? '—' : percent(stage.percentOfPrevious)}</td>
                <td>{stage.suppressed ? '—' : percent(stage.percentOfEstimated)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </figure>
  );
}
