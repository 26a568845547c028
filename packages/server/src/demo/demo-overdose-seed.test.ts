import { describe, expect, it } from 'vitest';
import { earsSeries } from '../modules/overdose/ears.ts';
import { thresholdSpikes } from '../modules/overdose/threshold.ts';
import { demoThreshold, generateOverdoseYear } from './demo-overdose-seed.ts';
import { generateRegion } from './synthetic-region.ts';
import { DAY_MS, addDays } from '@continuum/contracts';

const region = generateRegion(7);
const end = new Date('2026-11-23T12:00:00Z');

describe('generateOverdoseYear', () => {
  it('is deterministic from the seed and keeps a modest volume inside the year', () => {
    const a = generateOverdoseYear(7, region.areas, end);
    const b = generateOverdoseYear(7, region.areas, end);
    expect(a).toEqual(b);
    expect(a.events.length).toBeGreaterThan(350);
    expect(a.events.length).toBeLessThan(750);
    expect(a.naloxone.length).toBeGreaterThan(100);
    const first = a.events[0]!.occurredAt.getTime();
    expect(first).toBeGreaterThanOrEqual(end.getTime() - 365 * DAY_MS);
    expect(a.events.at(-1)!.occurredAt.getTime()).toBeLessThanOrEqual(end.getTime());
    expect(generateOverdoseYear(8, region.areas, end).events.length).not.toBe(a.events.length);
  });

  it('injects two spikes that the detectors catch', () => {
    const year = generateOverdoseYear(7, region.areas, end);
    expect(year.spikes).toHaveLength(2);
    const byId = new Map(region.areas.map((a) => [a.id, a]));
    const [cluster, rise] = year.spikes;
    const spikes = thresholdSpikes(
      year.events.map((e) => ({ at: e.occurredAt.getTime(), area: e.areaId })),
      (area) => demoThreshold(byId.get(area)!),
      end.getTime(),
    );
    expect(
      spikes.some(
        (s) => s.area === cluster!.areaId && new Date(s.startedAt).toISOString().slice(0, 10) <= cluster!.day && s.peakCount >= 8,
      ),
    ).toBe(true);
    // The suburban rise: daily counts of that area, EARS alarms on the injected day.
    const start = Date.parse(`${addDays(end, -364).toISOString().slice(0, 10)}T00:00:00Z`);
    const counts = new Array<number>(365).fill(0);
    for (const e of year.events) if (e.areaId === rise!.areaId) counts[Math.floor((e.occurredAt.getTime() - start) / DAY_MS)]!++;
    const day = Math.round((Date.parse(`${rise!.day}T00:00:00Z`) - start) / DAY_MS);
    const p = earsSeries(counts, { minSigma: 1 })[day]!;
    expect(p.c1Alarm || p.c2Alarm || p.c3Alarm).toBe(true);
  });
});
