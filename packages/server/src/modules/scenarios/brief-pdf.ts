/**
 * The printable brief of a finished run, for a coalition meeting: the caveats and plain-language summary
 * first, the scenarios side by side (median and 90% interval), deaths by month as a fan chart drawn with
 * pdfkit's vector graphics, and where the starting point came from. Built from the stored run, so it
 * holds what the page shows and nothing more (observed counts are not printed).
 */
import PDFDocument from 'pdfkit';
import type { ScenarioInterval, ScenarioRunDetail, ScenarioSummary } from '@continuum/contracts';
import type { AccessContext } from '../../core/access-context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { readScenarioRun } from './run-read.ts';

const INK = '#1f2933';
const MUTED = '#616e7c';
const LINES = ['#3e4c59', '#1d4f91', '#1b7a3c', '#b45309', '#6b3fa0'];
const whole = (n: number) => Math.round(n).toLocaleString('en-US');
const span = (i: ScenarioInterval, f: (n: number) => string = whole) =>
  `${f(i.median)} (${f(i.low)}${i.low < 0 || i.high < 0 ? ' to ' : '–'}${f(i.high)})`;
const dollars = (n: number) => `$${whole(n)}`;
// The standard PDF fonts have no glyphs beyond Windows-1252: map the few typographic characters we use.
const pdfText = (s: string) => s.replace(/[≈≥≤]/g, (c) => ({ '≈': '~', '≥': '>=', '≤': '<=' })[c] ?? c);

const rows: [string, (s: ScenarioSummary, today: boolean) => string][] = [
  ['Overdose deaths', (s) => span(s.totals.fatalOverdoses)],
  ['Deaths averted', (s, t) => (t ? '—' : span(s.totals.deathsAverted))],
  ['Non-fatal overdoses averted', (s, t) => (t ? '—' : span(s.totals.nonFatalAverted))],
  ['People in MOUD at the end', (s) => span(s.totals.inMoudAtEnd)],
  ['Added cost', (s, t) => (t ? '—' : span(s.totals.incrementalCost, dollars))],
  ['Cost per death averted', (s, t) => (t || s.costPerDeathAverted === null ? '—' : dollars(s.costPerDeathAverted))],
];

export function renderScenarioBrief(run: ScenarioRunDetail, options: { compress?: boolean } = {}): Promise<Buffer> {
  const result = run.result!;
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: 54, bottom: 54, left: 54, right: 54 },
    compress: options.compress ?? true,
    info: { Title: pdfText(`Scenario brief: ${run.name}`), Author: 'Continuum', Subject: 'What-if scenarios (a model, not a forecast)' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 108;
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .fillColor(INK)
    .text(pdfText(`Scenario brief: ${run.name}`));
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(MUTED)
    .text(
      pdfText(
        `${run.input.scenarios.length} scenario(s) against today over ${run.input.years} years; ${result.draws} draws, seed ${result.seed}; ` +
          `computed ${run.finishedAt?.slice(0, 10) ?? ''}.`,
      ),
    );
  doc.moveDown();
  doc.fontSize(10).fillColor(INK);
  for (const line of run.summary ?? []) doc.text(pdfText(`• ${line}`), { width, paragraphGap: 3 });
  doc.moveDown();

  // The comparison table.
  const all = [result.baseline, ...result.scenarios];
  const first = 170;
  const column = (width - first) / all.length;
  doc.font('Helvetica-Bold').fontSize(9);
  let y = doc.y;
  doc.text(`Over ${run.input.years} years: median (90% interval)`, 54, y, { width: first - 6 });
  all.forEach((s, i) => doc.text(pdfText(s.name), 54 + first + i * column, y, { width: column - 6 }));
  doc.font('Helvetica').fontSize(9);
  for (const [label, cell] of rows) {
    y = doc.y + 4;
    doc.text(label, 54, y, { width: first - 6 });
    all.forEach((s, i) => doc.text(cell(s, i === 0), 54 + first + i * column, y, { width: column - 6 }));
  }
  doc.moveDown(2);

  // Deaths by month: each line's median with its 90% band.
  const top = doc.y;
  const height = 170;
  const months = result.months;
  const max = Math.max(1, ...all.flatMap((s) => s.monthly.fatalOverdoses.map((p) => p.high)));
  const px = (m: number) => 54 + 40 + ((m - 0.5) / months) * (width - 40);
  const py = (v: number) => top + height - (v / max) * height;
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor(INK)
    .text('Overdose deaths by month (shaded: 90% interval)', 54, top - 14);
  doc.font('Helvetica').fontSize(8).fillColor(MUTED);
  for (const v of [0, max / 2, max]) doc.text(v.toFixed(1), 54, py(v) - 4, { width: 34, align: 'right' });
  all.forEach((s, k) => {
    const points = s.monthly.fatalOverdoses;
    const c = LINES[k % LINES.length]!;
    doc.save().fillColor(c).fillOpacity(0.15);
    doc.moveTo(px(points[0]!.month), py(points[0]!.high));
    for (const p of points) doc.lineTo(px(p.month), py(p.high));
    for (const p of [...points].reverse()) doc.lineTo(px(p.month), py(p.low));
    doc.closePath().fill().restore();
    doc.save().strokeColor(c).lineWidth(1.5);
    doc.moveTo(px(points[0]!.month), py(points[0]!.median));
    for (const p of points) doc.lineTo(px(p.month), py(p.median));
    doc.stroke().restore();
    doc
      .fillColor(c)
      .fontSize(8)
      .text(pdfText(s.name), 54 + 40 + k * 100, top + height + 8, { width: 96, lineBreak: false });
  });
  doc.x = 54;
  doc.y = top + height + 28;

  const c = run.community!;
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text('Where the starting point came from');
  doc.font('Helvetica').fontSize(9);
  const fitted = Object.entries(run.calibration?.fitted ?? {});
  for (const line of [
    `${whole(c.population)} people; ${whole(c.oudEstimate)} with OUD (${c.oudEstimateSource === 'estimates' ? 'the stored OUD estimates' : 'a national prevalence'}).`,
    c.observedMonths
      ? `Calibrated to ${c.observedMonths.from}–${c.observedMonths.to}: ${fitted.length === 0 ? 'nothing fitted' : fitted.map(([k, v]) => `${k} ${v.toPrecision(3)}`).join(', ')}.`
      : 'No observed months.',
    ...c.notes,
    'Model, levers and evidence: docs/scenarios.md.',
  ])
    doc.text(pdfText(`• ${line}`), { width });
  doc.end();
  return done;
}

/** The brief of a stored run; a run still computing has none. */
export async function scenarioBriefPdf(db: DbOrTrx, access: AccessContext, id: string): Promise<Buffer> {
  const run = await readScenarioRun(db, access, id);
  if (!run.result || !run.community) throw new AppError('CONFLICT', { message: 'The run has not finished.' });
  return renderScenarioBrief(run);
}
