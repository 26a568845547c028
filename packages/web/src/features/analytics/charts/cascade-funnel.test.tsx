import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aCascade, aStage } from '../fake-fixtures.ts';
import { CascadeFunnel } from './cascade-funnel.tsx';

describe('CascadeFunnel', () => {
  it('draws a bar per stage to scale, with the count and the shares of the previous stage and of the estimate', () => {
    render(<CascadeFunnel cascade={aCascade()} />);
    const svg = screen.getByRole('img', { name: 'Cascade of care, Whole network, Jan 2025 – Dec 2025' });
    const widths = Object.fromEntries(
      [...svg.querySelectorAll('g[data-stage]')].map((g) => [
        g.getAttribute('data-stage'),
        Number(g.querySelector('rect')!.getAttribute('width')),
      ]),
    );
    // The estimate is the widest; MOUD started (1,000) is a quarter of it (4,000).
    expect(widths.moud_started! / widths.estimated!).toBeCloseTo(0.25, 6);
    expect(widths.retained_6m! / widths.moud_started!).toBeCloseTo(0.5, 6);
    const moud = svg.querySelector('g[data-stage="moud_started"]')!;
    expect(moud.querySelectorAll('text')[1]!.textContent).toBe('1,000 · 62.5% of previous · 25.0% of estimated');
    expect(
      within(screen.getByRole('list', { hidden: true }))
        .getAllByRole('listitem', { hidden: true })
        .map((li) => li.textContent),
    ).toEqual([
      'Estimated people with OUD: 4,000',
      'Identified (positive screen or OUD diagnosis): 2,400 (60.0% of the previous stage, 60.0% of the estimated)',
      'Engaged in OUD care: 1,600 (66.7% of the previous stage, 40.0% of the estimated)',
      'Started medication for OUD: 1,000 (62.5% of the previous stage, 25.0% of the estimated)',
      'Retained on medication 6 months: 500 (50.0% of the previous stage, 12.5% of the estimated)',
      'Remission or recovery documented: fewer than 11',
    ]);
    expect(screen.getByText('120 people started medication too recently for 6 months of retention to be known.')).toBeTruthy();
  });

  it('shows a suppressed stage as "fewer than 11" with no bar to scale and no number anywhere', async () => {
    const user = userEvent.setup();
    const cascade = aCascade({
      stages: [
        aStage('estimated', 400, { percentOfEstimated: 1 }),
        aStage('identified', null, { suppressed: true }),
        aStage('engaged', 0, { percentOfEstimated: 0, percentOfPrevious: null }),
      ],
    });
    render(<CascadeFunnel cascade={cascade} />);
    const svg = screen.getByRole('img');
    const identified = svg.querySelector('g[data-stage="identified"]')!;
    expect(identified.getAttribute('data-suppressed')).toBe('true');
    expect(identified.querySelector('rect')!.getAttribute('stroke-dasharray')).toBe('3 3');
    expect(identified.querySelectorAll('text')[1]!.textContent).toBe('fewer than 11');
    await user.click(screen.getByRole('button', { name: 'Show data table' }));
    const row = within(screen.getByRole('table')).getByRole('row', { name: /Identified/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['fewer than 11', '—', '—']);
    expect(svg.querySelector('desc')!.textContent).toBe(
      'Estimated people with OUD: 400. Identified (positive screen or OUD diagnosis): fewer than 11. Engaged in OUD care: 0 (0.0% of the estimated).',
    );
  });
});
