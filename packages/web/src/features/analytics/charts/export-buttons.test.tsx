import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aCascade, aChart, aDefinition, aResult, aRunChart } from '../fake-fixtures.ts';
import { CascadeFunnel } from './cascade-funnel.tsx';
import { cascadeCsv, ChartExporterContext, measureSeriesCsv, type ChartExporter } from './chart-export.ts';
import { SpcChart } from './spc-chart.tsx';

/** jsdom's Blob has no text(); FileReader reads it. */
function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(blob);
  });
}

/** Keeps what would have been downloaded; rasterizing records the SVG it was given. */
function recordingExporter() {
  const saved: { name: string; type: string; text: Promise<string> }[] = [];
  const rasterized: string[] = [];
  const exporter: ChartExporter = {
    download: (name, blob) => saved.push({ name, type: blob.type, text: blobText(blob) }),
    rasterize: (svgText) => {
      rasterized.push(svgText);
      return Promise.resolve(new Blob(['png'], { type: 'image/png' }));
    },
  };
  return { exporter, saved, rasterized };
}

describe('exports', () => {
  it('downloads a chart as CSV, SVG and PNG', async () => {
    const user = userEvent.setup();
    const { exporter, saved, rasterized } = recordingExporter();
    render(
      <ChartExporterContext.Provider value={exporter}>
        <SpcChart chart={aRunChart()} measureName="Conversion" kind="proportion" />
      </ChartExporterContext.Provider>,
    );
    await user.click(screen.getByRole('button', { name: 'Download Conversion chart as CSV' }));
    await user.click(screen.getByRole('button', { name: 'Download Conversion chart as SVG' }));
    await user.click(screen.getByRole('button', { name: 'Download Conversion chart as PNG' }));
    expect(saved.map((s) => [s.name, s.type])).toEqual([
      ['ed-moud-conversion-7-run-2025-01-2025-12.csv', 'text/csv;charset=utf-8'],
      ['ed-moud-conversion-7-run-2025-01-2025-12.svg', 'image/svg+xml'],
      ['ed-moud-conversion-7-run-2025-01-2025-12.png', 'image/png'],
    ]);
    const csv = (await saved[0]!.text).split('\r\n');
    expect(csv[0]).toBe('measure,chart,month,numerator,denominator,value,suppressed,in_baseline,center,lcl,ucl,rules');
    expect(csv[1]).toBe('ed_moud_conversion_7,run,2025-01,40,100,0.4,no,yes,0.495,,,shift');
    expect(csv[3]).toBe('ed_moud_conversion_7,run,2025-03,fewer than 11,fewer than 11,fewer than 11,yes,yes,,,,');
    const svg = await saved[1]!.text;
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('width="720" height="300"');
    expect(svg).toContain('<title');
    expect(svg).toContain('Mar 2025: fewer than 11');
    // The PNG is drawn from the same serialized SVG.
    expect(rasterized).toEqual([svg]);
  });

  it('writes the cascade and a measure series as CSV with small cells in words', async () => {
    expect(cascadeCsv(aCascade()).split('\r\n').slice(0, 2)).toEqual([
      'period_from,period_to,scope,stratum,stratum_value,stage,label,count,percent_of_estimated,percent_of_previous',
      '2025-01,2025-12,Whole network,all,all,estimated,Estimated people with OUD,4000,1,',
    ]);
    expect(cascadeCsv(aCascade())).toContain('recovery,Remission or recovery documented,fewer than 11,,');
    const result = aResult('fua_7', {
      months: [
        { month: '2025-01', numerator: null, denominator: null, value: null, suppressed: true },
        { month: '2025-02', numerator: 30, denominator: 60, value: 0.5, suppressed: false },
      ],
    });
    const chart = aChart({
      measureId: 'fua_7',
      chart: 'p',
      from: '2025-01',
      center: 0.5,
      points: [
        { value: null, suppressed: true },
        { value: 0.5, numerator: 30, denominator: 60, lcl: 0.3, ucl: 0.7 },
      ],
    });
    expect(
      measureSeriesCsv(aDefinition({ id: 'fua_7', name: 'FUA 7' }), result, chart)
        .split('\r\n')
        .slice(1, 3),
    ).toEqual(['fua_7,2025-01,fewer than 11,fewer than 11,fewer than 11,yes,,,,', 'fua_7,2025-02,30,60,0.5,no,0.5,0.3,0.7,']);
  });

  it('downloads the cascade funnel as CSV and SVG', async () => {
    const user = userEvent.setup();
    const { exporter, saved } = recordingExporter();
    render(
      <ChartExporterContext.Provider value={exporter}>
        <CascadeFunnel cascade={aCascade()} />
      </ChartExporterContext.Provider>,
    );
    await user.click(screen.getByRole('button', { name: 'Download cascade as CSV' }));
    await user.click(screen.getByRole('button', { name: 'Download cascade as SVG' }));
    expect(saved.map((s) => s.name)).toEqual(['cascade-whole-network-2025-01-2025-12.csv', 'cascade-whole-network-2025-01-2025-12.svg']);
    expect(await saved[1]!.text).toContain('Remission or recovery documented: fewer than 11');
  });
});
