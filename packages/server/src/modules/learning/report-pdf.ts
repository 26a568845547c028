// Longer than 300 lines: the report's page layout and its hand-drawn vector charts.
import PDFDocument from 'pdfkit';
import {
  cascadeStageLabels,
  strataDimensionLabels,
  type Annotation,
  type CascadeResponse,
  type CascadeStage,
  type ChartPoint,
  type LearningScopeQuery,
  type MeasureDefinition,
  type MeasureKind,
  type MeasureResult,
  type MeasureResultsResponse,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { listAnnotations } from './annotations.ts';
import { buildChart, type ChartOutput } from './chart.ts';
import { measureDefinitions } from './definitions.ts';
import { readCascade, readResults, strataOptions } from './read.ts';
import { targets } from './settings.ts';

/*
 * The printable report for funders and partners: the cascade and every measure with its value,
 * target and a small chart, drawn with pdfkit's vector graphics. It is built from the same
 * suppressed reads as the dashboard (read.ts), so a count of 1–10 people never reaches the page:
 * it is printed as "fewer than 11".
 */

export const SUPPRESSED_TEXT = 'fewer than 11';

export interface LearningReport {
  cascade: CascadeResponse;
  results: MeasureResultsResponse;
  definitions: MeasureDefinition[];
  charts: Map<string, ChartOutput>;
  annotations: Annotation[];
  /** "Sex: Female" when the report is of one stratum value, "by sex" when stratified, else null. */
  stratumTitle: string | null;
  generatedAt: Date;
}

/** Reads what the report shows: the suppressed cascade and measures, default charts, annotations. */
export async function loadLearningReport(db: DbOrTrx, clock: Clock, query: LearningScopeQuery): Promise<LearningReport> {
  const [cascade, results, t, annotations, strata] = await Promise.all([
    readCascade(db, query),
    readResults(db, query),
    targets(db),
    listAnnotations(db, { organizationId: query.organizationId }),
    query.stratum ? strataOptions(db) : Promise.resolve(null),
  ]);
  let stratumTitle: string | null = null;
  if (query.stratum) {
    const dimension = strata?.dimensions.find((d) => d.id === query.stratum);
    const dimensionLabel = dimension?.label ?? strataDimensionLabels[query.stratum];
    stratumTitle = query.stratumValue
      ? `${dimensionLabel}: ${dimension?.values.find((v) => v.value === query.stratumValue)?.label ?? query.stratumValue}`
      : `by ${dimensionLabel.toLowerCase()}`;
  }
  const definitions = measureDefinitions.map((d) => ({ ...d, target: t[d.id] ?? null }));
  const charts = new Map<string, ChartOutput>();
  for (const def of definitions) {
    const result = results.results.find((r) => r.measureId === def.id);
    if (!result) continue;
    charts.set(
      def.id,
      buildChart({
        months: result.months,
        kind: def.kind,
        chart: undefined,
        defaultChart: def.defaultChart,
        baselineFrom: results.period.from,
        baselineTo: results.period.to,
      }),
    );
  }
  return { cascade, results, definitions, charts, annotations, stratumTitle, generatedAt: clock.now() };
}

// ---------------------------------------------------------------------------------------------
// Text

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const monthName = (month: string) => `${monthNames[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** The standard PDF fonts speak Windows-1252: spell out the few characters outside it. */
export function pdfText(text: string): string {
  return text
    .replaceAll('′', "'")
    .replaceAll('σ', 'sigma ')
    .replaceAll('≥', '>=')
    .replaceAll('≤', '<=')
    .replaceAll('→', '->')
    .replaceAll('p̄', 'p-bar')
    .replace(/[^\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026]/g, '');
}

export function formatValue(value: number | null, kind: MeasureKind, unit?: string): string {
  if (value === null) return '-';
  if (kind === 'proportion') return `${(value * 100).toFixed(1)}%`;
  if (kind === 'time') return `${value.toFixed(1)} days`;
  const n = Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(1);
  return unit && unit !== 'rate' ? `${n} ${unit}` : n;
}

export function resultText(def: MeasureDefinition, result: MeasureResult): string {
  if (result.suppressed) return SUPPRESSED_TEXT;
  if (result.rate === null) return 'nothing to measure';
  const value = formatValue(result.rate, def.kind, def.unit);
  return def.kind === 'proportion' && result.numerator !== null && result.denominator !== null
    ? `${value} (${result.numerator.toLocaleString('en-US')} of ${result.denominator.toLocaleString('en-US')})`
    : value;
}

export function stageCountText(stage: CascadeStage): string {
  if (stage.suppressed) return SUPPRESSED_TEXT;
  if (stage.count === null) return 'not available';
  return stage.count.toLocaleString('en-US');
}

const stageShortLabels: Record<CascadeStage['id'], string> = {
  estimated: 'estimated',
  identified: 'identified',
  engaged: 'engaged',
  moud_started: 'started MOUD',
  retained_6m: 'retained 6 months',
  recovery: 'recovery documented',
};

const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);

// ---------------------------------------------------------------------------------------------
// Drawing

const INK = '#1f2933';
const MUTED = '#616e7c';
const LINE = '#1d4f91';
const SIGNAL = '#b42318';
const LIMIT = '#9b2c2c';
const TARGET = '#1b7a3c';
const ANNOTATION = '#6b3fa0';

type Doc = PDFKit.PDFDocument;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function drawCascade(doc: Doc, stages: readonly CascadeStage[]): void {
  // Columns across the 504 pt between US Letter margins: label, bar, people, % previous, % estimated.
  const left = doc.page.margins.left;
  const col = { label: 0, bar: 190, people: 308, previous: 372, estimated: 436 };
  const labelWidth = 185;
  const barMax = 110;
  const max = Math.max(1, ...stages.map((s) => (s.suppressed ? 0 : (s.count ?? 0))));
  doc.font('Helvetica-Bold').fontSize(8.5).fillColor(MUTED);
  const headY = doc.y;
  doc.text('Stage', left + col.label, headY, { width: labelWidth });
  doc.text('People', left + col.people, headY, { width: 62 });
  doc.text('% of previous', left + col.previous, headY, { width: 62 });
  doc.text('% of estimated', left + col.estimated, headY, { width: 68 });
  let y = headY + 16;
  doc.font('Helvetica').fontSize(8.5);
  for (const stage of stages) {
    const shown = !stage.suppressed && stage.count !== null;
    doc
      .fillColor(INK)
      .text(pdfText(cascadeStageLabels[stage.id] ?? stage.label), left + col.label, y, { width: labelWidth, height: 22, ellipsis: true });
    if (shown) {
      doc.rect(left + col.bar, y - 1, Math.max(1, (stage.count! / max) * barMax), 11).fill(stage.id === 'estimated' ? '#9fb3c8' : LINE);
    } else {
      doc
        .rect(left + col.bar, y - 1, 40, 11)
        .dash(2, { space: 2 })
        .strokeColor(MUTED)
        .stroke()
        .undash();
    }
    doc.fillColor(INK).text(stageCountText(stage), left + col.people, y, { width: 62 });
    doc.text(shown && stage.id !== 'estimated' ? pct(stage.percentOfPrevious) : '-', left + col.previous, y, { width: 62 });
    doc.text(shown && stage.id !== 'estimated' ? pct(stage.percentOfEstimated) : '-', left + col.estimated, y, { width: 68 });
    y += 24;
  }
  doc.x = left;
  doc.y = y + 4;
}

/** A small chart: monthly values, centre line, limits, target, annotations; special causes in red. */
function drawChart(doc: Doc, points: readonly ChartPoint[], def: MeasureDefinition, annotations: readonly Annotation[]): void {
  const left = doc.page.margins.left + 40;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right - 50;
  const height = 90;
  const top = doc.y + 4;
  const bottom = top + height;
  const values: number[] = [];
  for (const p of points) for (const v of [p.value, p.center, p.lcl, p.ucl]) if (v !== null && !p.suppressed) values.push(v);
  if (def.target !== null) values.push(def.target);
  let min = values.length > 0 ? Math.min(...values) : 0;
  let max = values.length > 0 ? Math.max(...values) : 1;
  if (def.kind === 'proportion') {
    min = Math.max(0, min - 0.05);
    max = Math.min(1, max + 0.05);
  } else {
    min = Math.max(0, min - (max - min) * 0.1);
    max = max + (max - min) * 0.1;
  }
  if (max <= min) max = min + 1;
  const band = width / Math.max(points.length, 1);
  const x = (i: number) => left + (i + 0.5) * band;
  const y = (v: number) => bottom - ((v - min) / (max - min)) * height;

  doc.save();
  doc.lineWidth(0.5).strokeColor('#cbd2d9').rect(left, top, width, height).stroke();
  doc.font('Helvetica').fontSize(7).fillColor(MUTED);
  doc.text(formatValue(max, def.kind), doc.page.margins.left - 5, top - 3, { width: 42, align: 'right' });
  doc.text(formatValue(min, def.kind), doc.page.margins.left - 5, bottom - 6, { width: 42, align: 'right' });
  if (points.length > 0) {
    doc.text(pdfText(monthName(points[0]!.month)), left, bottom + 3, { width: 120 });
    doc.text(pdfText(monthName(points[points.length - 1]!.month)), left + width - 120, bottom + 3, { width: 120, align: 'right' });
  }
  if (def.target !== null && def.target >= min && def.target <= max) {
    doc
      .lineWidth(1)
      .strokeColor(TARGET)
      .dash(4, { space: 3 })
      .moveTo(left, y(def.target))
      .lineTo(left + width, y(def.target))
      .stroke()
      .undash();
    doc
      .fillColor(TARGET)
      .text(`Target ${formatValue(def.target, def.kind)}`, left + width - 100, y(def.target) - 9, { width: 98, align: 'right' });
  }
  const steps = (pick: (p: ChartPoint) => number | null) => {
    points.forEach((p, i) => {
      const v = pick(p);
      if (v === null || p.suppressed) return;
      doc.moveTo(x(i) - band / 2, y(v)).lineTo(x(i) + band / 2, y(v));
    });
  };
  doc.lineWidth(0.75).strokeColor(LIMIT).dash(1.5, { space: 1.5 });
  steps((p) => p.ucl);
  steps((p) => p.lcl);
  doc.stroke().undash();
  doc.lineWidth(1).strokeColor(MUTED);
  steps((p) => p.center);
  doc.stroke();
  let open = false;
  doc.lineWidth(1.5).strokeColor(LINE);
  points.forEach((p, i) => {
    if (p.suppressed || p.value === null) {
      open = false;
      return;
    }
    if (open) doc.lineTo(x(i), y(p.value));
    else doc.moveTo(x(i), y(p.value));
    open = true;
  });
  doc.stroke();
  points.forEach((p, i) => {
    if (p.suppressed) {
      doc
        .fillColor(MUTED)
        .fontSize(7)
        .text('*', x(i) - 2, bottom - 9, { width: 6, lineBreak: false });
      return;
    }
    if (p.value === null) return;
    doc.circle(x(i), y(p.value), p.rules.length > 0 ? 2.8 : 1.8).fill(p.rules.length > 0 ? SIGNAL : LINE);
  });
  const months = points.map((p) => p.month);
  for (const a of annotations) {
    const i = months.indexOf(a.date.slice(0, 7));
    if (i < 0) continue;
    const ax = left + i * band + (Number(a.date.slice(8, 10)) / 31) * band;
    doc.lineWidth(0.75).strokeColor(ANNOTATION).dash(1, { space: 2 }).moveTo(ax, top).lineTo(ax, bottom).stroke().undash();
    doc
      .fillColor(ANNOTATION)
      .fontSize(6.5)
      .text(pdfText(a.text.slice(0, 40)), ax + 2, top + 2, { width: 110, lineBreak: false });
  }
  doc.restore();
  doc.x = doc.page.margins.left;
  doc.y = bottom + 14;
}

const chartNames: Record<string, string> = {
  run: 'Run chart (median)',
  p: 'p-chart',
  p_laney: "Laney p'-chart",
  xmr: 'XmR chart (individuals)',
};

function monthSpan(months: readonly string[]): string {
  if (months.length === 0) return '';
  return months.length === 1 ? monthName(months[0]!) : `${monthName(months[0]!)} – ${monthName(months[months.length - 1]!)}`;
}

/** The report as PDF bytes. `compress: false` leaves the content streams readable (tests). */
export function renderLearningReport(report: LearningReport, options: { compress?: boolean } = {}): Promise<Buffer> {
  const { cascade, results } = report;
  const scopeName = `${results.scope.organizationName ?? 'Whole network'}${report.stratumTitle ? `, ${report.stratumTitle}` : ''}`;
  const period = `${monthName(results.period.from)} – ${monthName(results.period.to)}`;
  const generated = report.generatedAt.toISOString().slice(0, 10);
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: 72, bottom: 54, left: 54, right: 54 },
    compress: options.compress ?? true,
    bufferPages: true,
    info: {
      Title: pdfText(`Cascade of care and quality measures: ${scopeName}, ${period}`),
      Author: 'Continuum',
      Subject: 'OUD cascade of care and quality measures',
      CreationDate: report.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).fillColor(INK).text('Cascade of care and quality measures');
  doc
    .font('Helvetica')
    .fontSize(11)
    .fillColor(MUTED)
    .text(pdfText(`${scopeName} · ${period}`));
  doc
    .fontSize(9)
    .text(
      pdfText(
        `Generated ${generated}${results.computedAt ? `, from results computed ${results.computedAt.slice(0, 10)}` : '; nothing has been computed for this period yet'}. Aggregates only: a count of 1 to 10 people is shown as "${SUPPRESSED_TEXT}", and a second cell is hidden where the first could be worked out from a total.`,
      ),
    );
  doc.moveDown();

  doc.font('Helvetica-Bold').fontSize(13).fillColor(INK).text('The OUD cascade of care');
  doc.moveDown(0.3);
  if (cascade.stages.length === 0) doc.font('Helvetica').fontSize(9).text('No cascade has been computed for this period.');
  else drawCascade(doc, cascade.stages);
  if (cascade.strata.length > 0) {
    doc.font('Helvetica').fontSize(8).fillColor(INK);
    for (const st of cascade.strata) {
      const stages = st.stages.filter((x) => x.id !== 'estimated').map((x) => `${stageShortLabels[x.id]} ${stageCountText(x)}`);
      doc.text(pdfText(`${st.label}: ${stages.join(', ')}.`));
    }
  }
  if (cascade.estimate) {
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(MUTED)
      .text(
        pdfText(
          `Estimated people with OUD: ${cascade.estimate.count.toLocaleString('en-US')}${cascade.estimate.low !== null && cascade.estimate.high !== null ? ` (range ${cascade.estimate.low.toLocaleString('en-US')}–${cascade.estimate.high.toLocaleString('en-US')})` : ''}, from each area's prevalence estimate or count.`,
        ),
      );
  }
  doc.moveDown();

  doc.font('Helvetica-Bold').fontSize(13).fillColor(INK).text('Measures');
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor(MUTED)
    .text(
      'Red points take part in a special cause (IHI run-chart or Shewhart rules); * marks a month with fewer than 11 people, not charted. Dashed green: the target.',
    );
  doc.moveDown(0.5);
  for (const def of report.definitions) {
    const result = results.results.find((r) => r.measureId === def.id);
    const chart = report.charts.get(def.id);
    if (!result || !chart) continue;
    ensureSpace(doc, 175);
    doc.font('Helvetica-Bold').fontSize(10.5).fillColor(INK).text(pdfText(def.name));
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(INK)
      .text(
        pdfText(
          `This period: ${resultText(def, result)}    Target: ${def.target === null ? 'none set' : formatValue(def.target, def.kind, def.unit)}`,
        ),
      );
    doc
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(
        pdfText(
          `${def.source}. ${chartNames[chart.chart] ?? chart.chart}${chart.center !== null ? `, centre ${formatValue(chart.center, def.kind)}` : ''}.`,
        ),
      );
    if (result.strata.length > 0) {
      const parts = result.strata.map(
        (st) =>
          `${st.label} ${st.suppressed ? SUPPRESSED_TEXT : resultText(def, { ...result, numerator: st.numerator, denominator: st.denominator, rate: st.rate, suppressed: false })}`,
      );
      doc
        .fontSize(8)
        .fillColor(INK)
        .text(pdfText(`${report.stratumTitle ? report.stratumTitle.replace(/^by /, 'By ') : 'By stratum'}: ${parts.join('; ')}.`));
    }
    const annotations = report.annotations.filter((a) => a.measureId === null || a.measureId === def.id);
    drawChart(doc, chart.points, def, annotations);
    const signals = chart.signals.map((s) => `${s.label} (${monthSpan(s.months)})`);
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(signals.length > 0 ? SIGNAL : MUTED)
      .text(pdfText(signals.length > 0 ? `Special causes: ${signals.join('; ')}.` : 'No special cause found.'));
    doc.moveDown(0.8);
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7.5).fillColor(MUTED);
    doc.text(pdfText(`Continuum · ${scopeName} · ${period} · generated ${generated}`), doc.page.margins.left, 30, {
      width: 400,
      lineBreak: false,
    });
    doc.text(`Page ${i + 1} of ${range.count}`, doc.page.width - doc.page.margins.right - 100, doc.page.height - 36, {
      width: 100,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

/** A file name for the download: scope and period, no identifiers beyond the organization's own name. */
export function reportFileName(results: MeasureResultsResponse): string {
  const scope = (results.scope.organizationName ?? 'network')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `continuum-report-${scope}-${results.period.from}-${results.period.to}.pdf`;
}
