import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aChart, anAnnotation, aRunChart } from '../fake-fixtures.ts';
import { SpcChart } from './spc-chart.tsx';

const pointsOf = (svg: Element) => [...svg.querySelectorAll('[data-part="points"] > g')];
const titles = (svg: Element) => [...svg.querySelectorAll('[data-part="points"] title')].map((t) => t.textContent ?? '');

describe('SpcChart: run chart', () => {
  it('draws each month, the median, the shift marks, and a suppressed month as "fewer than 11"', () => {
    render(<SpcChart chart={aRunChart()} measureName="ED-to-MOUD conversion" kind="proportion" />);
    const svg = screen.getByRole('img', { name: 'ED-to-MOUD conversion: Run chart' });
    // 11 drawn points (one month suppressed), each marked S for the shift it belongs to.
    expect(pointsOf(svg)).toHaveLength(11);
    expect(pointsOf(svg).map((g) => g.getAttribute('data-signal'))).toEqual(Array(11).fill('S'));
    expect(svg.querySelector('[data-state="suppressed"] title')?.textContent).toBe('Mar 2025: fewer than 11 (baseline)');
    expect(titles(svg)[0]).toBe('Jan 2025: 40.0% (40 of 100) (baseline) — Shift');
    expect(svg.querySelector('[data-part="centre"]')?.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+ L/);
    // The description says it in words.
    const desc = svg.querySelector('desc')?.textContent ?? '';
    expect(desc).toContain('Centre line (median) 49.5%');
    expect(desc).toContain('Special causes: Shift (Jan 2025 – Dec 2025)');
    expect(desc).toContain('1 month with fewer than 11 people not charted');
    expect(desc).toContain('Target 70.0%');
    // The legend names the rule and its months; the target line is drawn.
    expect(within(screen.getByRole('list', { name: 'Special causes' })).getByText('S — Shift')).toBeTruthy();
    expect(svg.querySelector('[data-part="target"] text')?.textContent).toBe('Target 70%');
    // No limits on a run chart.
    expect(svg.querySelector('[data-part="ucl"]')?.getAttribute('d')).toBe('');
  });

  it('marks points the reader judged astronomical, with the letter A and in the legend', () => {
    render(<SpcChart chart={aRunChart()} measureName="Conversion" kind="proportion" astronomical={['2025-10']} />);
    const svg = screen.getByRole('img', { name: 'Conversion: Run chart' });
    const october = pointsOf(svg).find((g) => g.querySelector('title')?.textContent?.startsWith('Oct 2025'));
    expect(october?.getAttribute('data-signal')).toBe('SA');
    expect(october?.querySelector('title')?.textContent).toContain('Astronomical point (judged by the reader)');
    expect(
      within(screen.getByRole('list', { name: 'Special causes' })).getByText('A — Astronomical point (judged by the reader)'),
    ).toBeTruthy();
  });

  it('shows the data table on demand, with suppressed cells in words and never as a number', async () => {
    const user = userEvent.setup();
    render(<SpcChart chart={aRunChart()} measureName="Conversion" kind="proportion" />);
    expect(screen.queryByRole('table')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Show data table' }));
    const table = screen.getByRole('table', { name: 'Conversion: Run chart: data' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(13);
    const march = rows.find((r) => r.textContent?.startsWith('Mar 2025'))!;
    expect(
      within(march)
        .getAllByRole('cell')
        .slice(0, 3)
        .map((c) => c.textContent),
    ).toEqual(['fewer than 11', 'fewer than 11', 'fewer than 11']);
    const january = rows.find((r) => r.textContent?.startsWith('Jan 2025'))!;
    expect(
      within(january)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['40.0%', '40', '100', '49.5%', '—', '—', 'Shift']);
    expect(screen.getByRole('button', { name: 'Hide data table' }).getAttribute('aria-expanded')).toBe('true');
  });
});

describe('SpcChart: p-chart', () => {
  // Varying subgroup sizes give each month its own limits; June is beyond the upper limit.
  const sizes = [50, 200, 80, 120, 60, 150];
  const pBar = 0.3;
  const limits = sizes.map((n) => {
    const s = 3 * Math.sqrt((pBar * (1 - pBar)) / n);
    return { lcl: pBar - s, ucl: pBar + s };
  });
  const values = [0.28, 0.31, 0.3, 0.29, 0.33, 0.45];
  const chart = aChart({
    chart: 'p',
    center: pBar,
    points: values.map((value, i) => ({
      value,
      numerator: Math.round(value * sizes[i]!),
      denominator: sizes[i]!,
      ...limits[i]!,
      rules: i === 5 ? ['beyond_limits'] : [],
    })),
  });

  it('draws per-point limits as steps and marks the point beyond them with L', () => {
    render(<SpcChart chart={chart} measureName="Follow-up within 7 days" kind="proportion" />);
    const svg = screen.getByRole('img', { name: 'Follow-up within 7 days: p-chart' });
    const ucl = svg.querySelector('[data-part="ucl"]')!.getAttribute('d')!;
    const levels = [...ucl.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => m[1]);
    // Two coordinates per month (a horizontal step), six different heights for six subgroup sizes.
    expect(levels).toHaveLength(12);
    expect(new Set(levels).size).toBe(6);
    const signals = pointsOf(svg).map((g) => g.getAttribute('data-signal'));
    expect(signals).toEqual([null, null, null, null, null, 'L']);
    expect(titles(svg)[5]).toBe('Jun 2025: 45.0% (68 of 150) (baseline) — Point beyond the control limits');
    expect(screen.getByText(/Control limits \(3σ\)/)).toBeTruthy();
  });

  it('names the Laney adjustment and σz when the server switched to p′', () => {
    render(<SpcChart chart={{ ...chart, chart: 'p_laney', sigmaZ: 2.4, overdispersed: true }} measureName="Follow-up" kind="proportion" />);
    expect(screen.getByRole('img', { name: 'Follow-up: Laney p′-chart' }).querySelector('desc')?.textContent).toContain('σz = 2.40');
    expect(screen.getByText('(switched to Laney p′: the baseline is overdispersed)')).toBeTruthy();
  });
});

describe('SpcChart: XmR', () => {
  // Naloxone kits per month; the jump into May is a moving range above its limit.
  const values = [100, 104, 98, 102, 160, 158];
  const chart = aChart({
    measureId: 'naloxone_kits',
    chart: 'xmr',
    center: 101,
    baseline: { from: '2025-01', to: '2025-04' },
    points: values.map((value, i) => ({
      value,
      center: 101,
      lcl: 85,
      ucl: 117,
      inBaseline: i < 4,
      rules: i === 4 ? ['beyond_limits', 'moving_range'] : i === 5 ? ['beyond_limits'] : [],
    })),
  });

  it('draws the X chart and the mR chart with the moving ranges between consecutive months', () => {
    render(<SpcChart chart={chart} measureName="Naloxone kits distributed" kind="count" />);
    const x = screen.getByRole('img', { name: 'Naloxone kits distributed: XmR chart' });
    const mr = screen.getByRole('img', { name: 'Naloxone kits distributed: moving range (mR) chart' });
    expect(pointsOf(x).map((g) => g.getAttribute('data-signal'))).toEqual([null, null, null, null, 'L', 'L']);
    // mR: |104−100|, |98−104|, |102−98|, |160−102|, |158−160|; the first month has none.
    expect(titles(mr)).toEqual([
      'Feb 2025: moving range 4',
      'Mar 2025: moving range 6',
      'Apr 2025: moving range 4',
      'May 2025: moving range 58 — Moving range above its limit',
      'Jun 2025: moving range 2',
    ]);
    expect(pointsOf(mr).map((g) => g.getAttribute('data-signal'))).toEqual([null, null, null, 'M', null]);
    // Mean moving range of the baseline (4 + 6 + 4) / 3, limit 3.267 × that.
    expect(mr.querySelector('desc')?.textContent).toBe(
      'Moving ranges between consecutive months. Mean moving range 4.7, upper limit 15.2.',
    );
    // The centre is frozen after the baseline: solid within it, dashed after.
    expect(x.querySelector('[data-part="centre"]')!.getAttribute('d')!.split('L')).toHaveLength(4);
    expect(x.querySelector('[data-part="centre-frozen"]')!.getAttribute('d')!.split('L')).toHaveLength(3);
    expect(x.querySelector('desc')?.textContent).toContain('from the baseline Jan 2025 – Apr 2025, limits frozen after it');
  });
});

describe('SpcChart: too few months for a centre line', () => {
  it('draws the months as context (hollow, joined by a thin line) and says why there is no centre line', () => {
    const chart = aChart({
      chart: 'run',
      points: [0.4, 0.5, 0.45].map((value) => ({ value, numerator: Math.round(value * 40), denominator: 40, center: null })),
    });
    render(<SpcChart chart={chart} measureName="Conversion" kind="proportion" />);
    const svg = screen.getByRole('img', { name: 'Conversion: Run chart' });
    expect(pointsOf(svg).map((g) => g.getAttribute('data-state'))).toEqual(['context', 'context', 'context']);
    expect(svg.querySelector('[data-part="context-values"]')!.getAttribute('d')!.split('L')).toHaveLength(3);
    expect(svg.querySelector('[data-part="values"]')!.getAttribute('d')).toBe('');
    expect(svg.querySelector('desc')!.textContent).toContain('Too few months to draw a centre line.');
  });
});

describe('SpcChart: annotations', () => {
  it('draws each annotation as a vertical marker with its label, inside the month of its date', () => {
    const chart = aChart({
      chart: 'run',
      center: 0.5,
      points: [0.4, 0.5, 0.6].map((value) => ({ value, center: 0.5 })),
      annotations: [
        anAnnotation({ date: '2025-02-15', text: 'Peer navigator in the ED' }),
        anAnnotation({ id: '00000000-0000-4000-8000-00000000a002', date: '2024-12-01', text: 'Outside the period' }),
      ],
    });
    render(<SpcChart chart={chart} measureName="Conversion" kind="proportion" />);
    const svg = screen.getByRole('img', { name: 'Conversion: Run chart' });
    const markers = svg.querySelectorAll('[data-part="annotation"]');
    expect(markers).toHaveLength(1);
    expect(markers[0]!.querySelector('text')?.textContent).toBe('Peer navigator in the ED');
    // February is the middle band of three (x from 64 + 212 to 64 + 424); the 15th is near its middle.
    const x = Number(markers[0]!.querySelector('line')!.getAttribute('x1'));
    expect(x).toBeGreaterThan(64 + 212 + 80);
    expect(x).toBeLessThan(64 + 424 - 80);
    expect(svg.querySelector('desc')?.textContent).toContain('Annotations: 2025-02-15 Peer navigator in the ED');
  });
});
