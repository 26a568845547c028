import { describe, expect, it } from 'vitest';
import { thresholdSpikes, WINDOW_MS } from './threshold.ts';
import { HOUR_MS } from '@continuum/contracts';

const H = HOUR_MS;
const T0 = Date.UTC(2026, 5, 1, 0, 0, 0);
const ev = (area: string, ...hours: number[]) => hours.map((h) => ({ area, at: T0 + h * H }));
const three = () => 3;

describe('ODMAP-style threshold spikes (more than N within a rolling 24 hours)', () => {
  it('fires when the count in any 24-hour window exceeds N, not at N', () => {
    expect(thresholdSpikes(ev('A', 1, 5, 9), three, T0 + 30 * H)).toEqual([]);
    const spikes = thresholdSpikes(ev('A', 1, 5, 9, 20), three, T0 + 21 * H);
    expect(spikes).toEqual([{ area: 'A', startedAt: T0 + 20 * H, lastEventAt: T0 + 20 * H, peakCount: 4, threshold: 3, ongoing: true }]);
  });

  it('uses a rolling window, not calendar days: 4 events across midnight are a spike', () => {
    const spikes = thresholdSpikes(ev('A', 20, 22, 25, 27), three, T0 + 28 * H);
    expect(spikes).toHaveLength(1);
  });

  it('an event exactly 24 hours older has left the window', () => {
    expect(thresholdSpikes(ev('A', 0, 1, 2, 24), three, T0 + 25 * H)).toEqual([]);
    expect(thresholdSpikes(ev('A', 0.5, 1, 2, 24), three, T0 + 25 * H)).toHaveLength(1);
  });

  it('one spike fires once however many events keep it above the threshold', () => {
    const spikes = thresholdSpikes(ev('A', 1, 2, 3, 4, 5, 6, 20, 23), three, T0 + 30 * H);
    expect(spikes).toHaveLength(1);
    expect(spikes[0]).toMatchObject({ startedAt: T0 + 4 * H, lastEventAt: T0 + 23 * H, peakCount: 8 });
  });

  it('a new spike after the window dropped back to N or fewer is a second alert', () => {
    const spikes = thresholdSpikes([...ev('A', 1, 2, 3, 4), ...ev('A', 60, 61, 62, 63)], three, T0 + 64 * H);
    expect(spikes.map((s) => s.startedAt)).toEqual([T0 + 4 * H, T0 + 63 * H]);
    expect(spikes.map((s) => s.ongoing)).toEqual([false, true]);
  });

  it('thresholds are per area, and an area without one is not monitored', () => {
    const thresholds = new Map([
      ['A', 1],
      ['B', 5],
    ]);
    const events = [...ev('A', 1, 2), ...ev('B', 1, 2, 3), ...ev('C', 1, 2, 3, 4, 5, 6)];
    const spikes = thresholdSpikes(events, (a) => thresholds.get(a), T0 + 48 * H);
    expect(spikes.map((s) => s.area)).toEqual(['A']);
    expect(spikes[0]!.ongoing).toBe(false);
  });

  it('events at the same instant count together', () => {
    const same = Array.from({ length: 4 }, () => ({ area: 'A', at: T0 }));
    expect(thresholdSpikes(same, three, T0 + WINDOW_MS - 1)).toEqual([
      { area: 'A', startedAt: T0, lastEventAt: T0, peakCount: 4, threshold: 3, ongoing: true },
    ]);
  });
});
