import { useState } from 'react';
import { Button } from '../../../ui/button.tsx';
import { serializeSvg, useChartExporter } from './chart-export.ts';

interface ExportButtonsProps {
  /** What the exports are of, for the buttons' accessible names ("Download … as CSV"). */
  label: string;
  fileBase: string;
  getSvg?: (() => SVGSVGElement | null) | undefined;
  csv?: (() => string) | undefined;
}

/** CSV, SVG and PNG downloads for one chart or table. */
export function ExportButtons({ label, fileBase, getSvg, csv }: ExportButtonsProps) {
  const exporter = useChartExporter();
  const [error, setError] = useState<string | null>(null);
  const [isDrawing, setDrawing] = useState(false);

  function svgText(): { text: string; width: number; height: number } | null {
    const svg = getSvg?.();
    if (!svg) return null;
    const box = svg.getAttribute('viewBox')?.split(/\s+/).map(Number) ?? [];
    return { text: serializeSvg(svg), width: box[2] ?? 720, height: box[3] ?? 300 };
  }

  async function png() {
    const svg = svgText();
    if (!svg) return;
    setError(null);
    setDrawing(true);
    try {
      exporter.download(`${fileBase}.png`, await exporter.rasterize(svg.text, svg.width, svg.height));
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The image could not be made.');
    } finally {
      setDrawing(false);
    }
  }

  return (
    <div className="chart-exports" role="group" aria-label={`Download ${label}`}>
      {csv ? (
        <Button
          size="small"
          aria-label={`Download ${label} as CSV`}
          onClick={() => exporter.download(`${fileBase}.csv`, new Blob([csv()], { type: 'text/csv;charset=utf-8' }))}
        >
          CSV
        </Button>
      ) : null}
      {getSvg ? (
        <>
          <Button
            size="small"
            aria-label={`Download ${label} as SVG`}
            onClick={() => {
              const svg = svgText();
              if (svg) exporter.download(`${fileBase}.svg`, new Blob([svg.text], { type: 'image/svg+xml' }));
            }}
          >
            SVG
          </Button>
          <Button size="small" aria-label={`Download ${label} as PNG`} isPending={isDrawing} pendingLabel="PNG…" onClick={() => void png()}>
            PNG
          </Button>
        </>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
