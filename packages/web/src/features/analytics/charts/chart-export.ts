import { createContext, useContext } from 'react';
import {
  cascadeStageLabels,
  csvField,
  type CascadeResponse,
  type ChartResponse,
  type MeasureDefinition,
  type MeasureResult,
} from '@continuum/contracts';
import { SUPPRESSED_TEXT } from './chart-scale.ts';

/*
 * Exports from the dashboard: CSV of each measure's series and of the cascade (small cells written
 * as "fewer than 11", never a number), the chart as SVG (the element serialized) and as PNG (the
 * SVG drawn onto a canvas in the browser).
 */

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const round = (v: number | null, digits = 4) => (v === null ? null : Number(v.toFixed(digits)));

/** One measure's monthly series, with its chart's centre and limits when a chart is given. */
export function measureSeriesCsv(
  definition: Pick<MeasureDefinition, 'id' | 'name' | 'kind'>,
  result: MeasureResult,
  chart?: ChartResponse | null,
): string {
  const byMonth = new Map((chart?.points ?? []).map((p) => [p.month, p]));
  const rows: (string | number | null)[][] = [
    ['measure', 'month', 'numerator', 'denominator', 'value', 'suppressed', 'center', 'lcl', 'ucl', 'rules'],
  ];
  for (const m of result.months) {
    const p = byMonth.get(m.month);
    rows.push([
      definition.id,
      m.month,
      m.suppressed ? SUPPRESSED_TEXT : m.numerator,
      m.suppressed ? SUPPRESSED_TEXT : m.denominator,
      m.suppressed ? SUPPRESSED_TEXT : round(m.value),
      m.suppressed ? 'yes' : 'no',
      round(p?.center ?? null),
      round(p?.lcl ?? null),
      round(p?.ucl ?? null),
      p ? p.rules.join(' ') : null,
    ]);
  }
  return toCsv(rows);
}

/** A chart's points: value, centre, limits and the rules each point takes part in. */
/** What a chart draws: a learning measure's chart, or another series charted by the same rules (partner scorecards). */
export type ChartData = Omit<ChartResponse, 'measureId' | 'scope' | 'computedAt'> & { measureId: string };

export function chartCsv(chart: ChartData): string {
  const rows: (string | number | null)[][] = [
    ['measure', 'chart', 'month', 'numerator', 'denominator', 'value', 'suppressed', 'in_baseline', 'center', 'lcl', 'ucl', 'rules'],
  ];
  for (const p of chart.points) {
    rows.push([
      chart.measureId,
      chart.chart,
      p.month,
      p.suppressed ? SUPPRESSED_TEXT : p.numerator,
      p.suppressed ? SUPPRESSED_TEXT : p.denominator,
      p.suppressed ? SUPPRESSED_TEXT : round(p.value),
      p.suppressed ? 'yes' : 'no',
      p.inBaseline ? 'yes' : 'no',
      round(p.center),
      round(p.lcl),
      round(p.ucl),
      p.rules.join(' '),
    ]);
  }
  return toCsv(rows);
}

/** The cascade: one row per stage (and per stratum value when stratified). */
export function cascadeCsv(cascade: CascadeResponse): string {
  const rows: (string | number | null)[][] = [
    [
      'period_from',
      'period_to',
      'scope',
      'stratum',
      'stratum_value',
      'stage',
      'label',
      'count',
      'percent_of_estimated',
      'percent_of_previous',
    ],
  ];
  const scope = cascade.scope.organizationName ?? 'Whole network';
  const add = (stratum: string, value: string, stages: CascadeResponse['stages']) => {
    for (const s of stages) {
      rows.push([
        cascade.period.from,
        cascade.period.to,
        scope,
        stratum,
        value,
        s.id,
        cascadeStageLabels[s.id],
        s.suppressed ? SUPPRESSED_TEXT : s.count,
        s.suppressed ? null : round(s.percentOfEstimated),
        s.suppressed ? null : round(s.percentOfPrevious),
      ]);
    }
  };
  add('all', 'all', cascade.stages);
  for (const s of cascade.strata) add(cascade.stratum ?? '', s.value, s.stages);
  return toCsv(rows);
}

/** The chart as a standalone SVG document. */
export function serializeSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const viewBox = copy.getAttribute('viewBox')?.split(/\s+/).map(Number);
  if (viewBox && viewBox.length === 4) {
    copy.setAttribute('width', String(viewBox[2]));
    copy.setAttribute('height', String(viewBox[3]));
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

/** Draws SVG text onto a canvas at `scale` and returns a PNG (browser only). */
export async function rasterizeSvg(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw images.');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The image could not be made.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a blob through a temporary link. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export interface ChartExporter {
  download(fileName: string, blob: Blob): void;
  rasterize(svgText: string, width: number, height: number): Promise<Blob>;
}

export const browserExporter: ChartExporter = { download: downloadBlob, rasterize: (text, w, h) => rasterizeSvg(text, w, h) };

/** The browser's download and canvas by default; component tests provide one that keeps what was saved. */
export const ChartExporterContext = createContext<ChartExporter>(browserExporter);

export function useChartExporter(): ChartExporter {
  return useContext(ChartExporterContext);
}

/** A file-name-safe slug. */
export function fileSlug(...parts: string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
