/**
 * The printable outputs of a gaps run: the map of one category on a page, and the one-page "needs and
 * gaps" brief for a grant application (headline figures, the map, the worst-served areas with why, the
 * sources and method). Built from the stored run like the scenarios brief (pdfkit, vector graphics),
 * so they hold what the page shows and nothing more: suppressed overdose counts are never printed.
 */
import PDFDocument from 'pdfkit';
import { gapCategoryLabels, gapReasonLabels } from '@continuum/contracts';
import type { AccessContext } from '../../core/access-context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { drawGapsLegend, drawGapsMap } from './pdf-map.ts';
import { gapsRunMapData, type GapsRunMapData } from './run-export.ts';
import type { GapCategory } from '@continuum/contracts';

const INK = '#1f2933';
const MUTED = '#616e7c';
const MARGIN = 54;
const whole = (n: number) => Math.round(n).toLocaleString('en-US');
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'none');
// The standard PDF fonts have no glyphs beyond Windows-1252.
const pdfText = (s: string) => s.replace(/[≈≥≤]/g, (c) => ({ '≈': '~', '≥': '>=', '≤': '<=' })[c] ?? c);

function newDocument(title: string, compress: boolean) {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    compress,
    info: { Title: pdfText(title), Author: 'Continuum', Subject: 'Needs and gaps (spatial accessibility, E2SFCA)' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** The headline figures of one category, as sentences (also the brief's opening). */
export function briefHeadlines({ run, category }: GapsRunMapData): string[] {
  const s = run.summary.find((x) => x.category === category);
  const label = gapCategoryLabels[category].en.toLowerCase();
  const unit = run.unit === 'minutes' ? 'minutes' : 'miles';
  const deserts = run.results.filter((r) => r.distanceDesert);
  const capacity = run.results.filter((r) => r.capacityDesert);
  const people = (rs: typeof deserts) => whole(rs.reduce((sum, r) => sum + r.population, 0));
  const shortfall = run.results.reduce((sum, r) => sum + r.shortfall, 0);
  return [
    `${s?.supplyPoints ?? 0} ${label} service locations serve ${run.results.length} areas.`,
    `${deserts.length} areas (${people(deserts)} residents) are more than ${run.desertDistance} ${unit} from any ${label} service.`,
    `${capacity.length} areas (${people(capacity)} residents) have services in reach with no openings or too little stated capacity.`,
    `About ${whole(shortfall)} people with opioid use disorder live beyond what the region's own level of access would serve.`,
  ];
}

function heading(doc: PDFKit.PDFDocument, data: GapsRunMapData, title: string) {
  const { run, category } = data;
  doc
    .font('Helvetica-Bold')
    .fontSize(17)
    .fillColor(INK)
    .text(pdfText(`${title}: ${gapCategoryLabels[category].en}`));
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      `Analysis of ${day(run.createdAt)}; ${run.inputs.areas} areas; ${run.routing === 'osrm' ? 'driving minutes (OSRM)' : 'straight-line miles'}.`,
    );
  doc.moveDown(0.6);
}

function sources(doc: PDFKit.PDFDocument, data: GapsRunMapData, width: number) {
  const i = data.run.inputs;
  doc.font('Helvetica-Bold').fontSize(9).fillColor(INK).text('Sources and method', MARGIN, doc.y, { width });
  doc.font('Helvetica').fontSize(7.5).fillColor(MUTED);
  for (const line of [
    `Services and capacity from the network's directory (changed ${day(i.directoryUpdatedAt)}; capacity reported ${day(i.capacityUpdatedAt)}). ` +
      `OUD estimates for ${i.areasWithEstimate} of ${i.areas} areas (updated ${day(i.estimatesUpdatedAt)}); the rest from the region's prevalence or population.`,
    `Overdoses ${day(i.overdosesFrom)} to ${day(i.overdosesTo)}; counts of 1–10, and any that would reveal one, are not shown.`,
    'Spatial accessibility by the enhanced two-step floating catchment area method (Luo & Qi 2009): supply per person with need within ' +
      `travel zones of ${data.run.zones.map((z) => `${z.upTo} ${data.run.unit} (weight ${z.weight})`).join(', ')}; relative access 1 = as well served as the region.`,
    'Produced with Continuum from the stored analysis run; the same figures are in the CSV and GeoJSON exports.',
  ])
    doc.text(pdfText(line), { width, paragraphGap: 2 });
}

/** One category's map on a page, with the legend and the sources. */
export function renderGapsMapPdf(data: GapsRunMapData, options: { compress?: boolean } = {}): Promise<Buffer> {
  const { doc, done } = newDocument(`Needs and gaps map: ${gapCategoryLabels[data.category].en}`, options.compress ?? true);
  const width = doc.page.width - 2 * MARGIN;
  heading(doc, data, 'Needs and gaps map');
  const top = doc.y;
  const drawn = drawGapsMap(doc, data, { x: MARGIN, y: top, width: width - 130, height: 440 });
  drawGapsLegend(doc, MARGIN + width - 120, top);
  doc.x = MARGIN;
  doc.y = top + 452;
  if (drawn === 0) doc.font('Helvetica').fontSize(9).fillColor(MUTED).text('No area of this run has an imported boundary to draw.');
  sources(doc, data, width);
  doc.end();
  return done;
}

/** The one-page brief for a grant application. */
export function renderGapsBrief(data: GapsRunMapData, options: { compress?: boolean } = {}): Promise<Buffer> {
  const { run } = data;
  const { doc, done } = newDocument(`Needs and gaps: ${gapCategoryLabels[data.category].en}`, options.compress ?? true);
  const width = doc.page.width - 2 * MARGIN;
  heading(doc, data, 'Needs and gaps');
  doc.font('Helvetica').fontSize(9.5).fillColor(INK);
  for (const line of briefHeadlines(data)) doc.text(pdfText(`• ${line}`), { width, paragraphGap: 2 });
  doc.moveDown(0.6);

  const top = doc.y;
  drawGapsMap(doc, data, { x: MARGIN, y: top, width: width - 130, height: 230 });
  drawGapsLegend(doc, MARGIN + width - 120, top);
  doc.x = MARGIN;
  doc.y = top + 240;

  doc.font('Helvetica-Bold').fontSize(9).fillColor(INK).text('The worst-served areas, and why', MARGIN, doc.y, { width });
  const columns: [string, number][] = [
    ['Area', 110],
    ['Residents', 52],
    ['With OUD', 48],
    ['Relative access', 52],
    ['Nearest', 42],
    ['Why', width - 304],
  ];
  const row = (cells: string[], bold: boolean) => {
    const y = doc.y + 2;
    let x = MARGIN;
    let bottom = y;
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(7.5)
      .fillColor(INK);
    cells.forEach((cell, k) => {
      doc.text(pdfText(cell), x, y, { width: columns[k]![1] - 4 });
      bottom = Math.max(bottom, doc.y);
      x += columns[k]![1];
    });
    doc.y = bottom;
  };
  row(
    columns.map(([c]) => c),
    true,
  );
  for (const r of run.results.slice(0, 8))
    row(
      [
        r.areaName,
        whole(r.population),
        whole(r.demand),
        r.relativeAccess === null ? '—' : r.relativeAccess.toFixed(2),
        r.nearest === null ? `over ${run.desertDistance}` : r.nearest.toFixed(1),
        r.reasons.map((code) => gapReasonLabels[code].en).join('; ') || '—',
      ],
      false,
    );
  doc.moveDown(0.8);
  sources(doc, data, width);
  doc.end();
  return done;
}

export async function gapsMapPdf(db: DbOrTrx, access: AccessContext, id: string, query: { category?: GapCategory }): Promise<Buffer> {
  return renderGapsMapPdf(await gapsRunMapData(db, access, id, query));
}

export async function gapsBriefPdf(db: DbOrTrx, access: AccessContext, id: string, query: { category?: GapCategory }): Promise<Buffer> {
  return renderGapsBrief(await gapsRunMapData(db, access, id, query));
}
