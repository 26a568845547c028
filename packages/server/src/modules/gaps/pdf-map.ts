/**
 * The gaps map drawn into a PDF with pdfkit's vector graphics (no browser, no tiles): each area's
 * boundary filled by its class of access relative to the region, deserts with a dashed black edge,
 * and the legend. Used by the printable map and by the one-page brief.
 */
import type PDFDocument from 'pdfkit';
import { relativeAccessClass, relativeAccessColours, relativeAccessLabels } from '@continuum/contracts';
import type { GapsRunMapData } from './run-export.ts';

type Doc = InstanceType<typeof PDFDocument>;
type Ring = [number, number][];
const NO_FIGURE = '#cccccc';

function polygonsOf(geometry: { type: string; coordinates: unknown }): Ring[][] {
  return (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Ring[][];
}

/**
 * A projection of longitude/latitude into the box, keeping the shapes' proportions: equirectangular
 * with longitude scaled by the cosine of the middle latitude (true enough at a county's or region's scale).
 */
export function fitProjection(
  rings: readonly Ring[],
  box: { x: number; y: number; width: number; height: number },
): (p: [number, number]) => [number, number] {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings)
    for (const [lon, lat] of ring) {
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
  if (!Number.isFinite(west)) return () => [box.x, box.y];
  const k = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = Math.max(1e-9, (east - west) * k);
  const spanY = Math.max(1e-9, north - south);
  const scale = Math.min(box.width / spanX, box.height / spanY);
  const offsetX = box.x + (box.width - spanX * scale) / 2;
  const offsetY = box.y + (box.height - spanY * scale) / 2;
  return ([lon, lat]) => [offsetX + (lon - west) * k * scale, offsetY + (north - lat) * scale];
}

/** Draws the areas into the box; returns how many areas had a shape to draw. */
export function drawGapsMap(doc: Doc, data: GapsRunMapData, box: { x: number; y: number; width: number; height: number }): number {
  const results = new Map(data.run.results.map((r) => [r.areaId, r]));
  const features = data.boundaries.features;
  const project = fitProjection(
    features.flatMap((f) => polygonsOf(f.geometry).flat()),
    box,
  );
  const trace = (polygons: Ring[][]) => {
    for (const rings of polygons)
      for (const ring of rings) {
        ring.forEach((point, i) => {
          const [x, y] = project(point);
          if (i === 0) doc.moveTo(x, y);
          else doc.lineTo(x, y);
        });
        doc.closePath();
      }
  };
  for (const f of features) {
    const r = results.get(f.id);
    const klass = relativeAccessClass(r?.relativeAccess ?? null);
    doc.save();
    trace(polygonsOf(f.geometry));
    doc
      .lineWidth(0.4)
      .fillColor(klass === null ? NO_FIGURE : relativeAccessColours[klass]!)
      .strokeColor('#444444')
      .fillAndStroke('#444444', 'even-odd');
    doc.restore();
  }
  for (const f of features) {
    const r = results.get(f.id);
    if (!r || !(r.distanceDesert || r.capacityDesert)) continue;
    doc.save();
    trace(polygonsOf(f.geometry));
    doc.lineWidth(1.6).dash(3, { space: 1.5 }).strokeColor('#000000').stroke();
    doc.restore();
  }
  return features.length;
}

/** The legend: the five classes, no figure, and the desert outline; returns the y below it. */
export function drawGapsLegend(doc: Doc, x: number, y: number): number {
  doc.font('Helvetica-Bold').fontSize(8).fillColor('#1f2933').text('Access relative to the region', x, y);
  let at = doc.y + 3;
  const swatch = (colour: string | null, label: string) => {
    doc.save();
    if (colour) doc.rect(x, at, 14, 9).fillAndStroke(colour, '#444444');
    else doc.rect(x, at, 14, 9).lineWidth(1.4).dash(3, { space: 1.5 }).stroke('#000000');
    doc.restore();
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#1f2933')
      .text(label, x + 19, at + 1, { lineBreak: false });
    at += 13;
  };
  relativeAccessColours.forEach((c, i) => swatch(c, relativeAccessLabels[i]!));
  swatch(NO_FIGURE, 'no figure');
  swatch(null, 'desert (dashed edge)');
  return at;
}
