import { DAY_MS } from '@continuum/contracts';
/*
 * The ODMAP-style spike rule: more than N suspected overdoses in an area within 24 hours (N per
 * area). ODMAP's text says only "within a 24-hour period"; we use a rolling 24-hour window (a
 * spike is caught whenever it happens, not only within a calendar day). One spike is one episode:
 * it starts when the rolling count first exceeds N and ends when the window no longer holds more
 * than N events; an episode alerts once, so the same spike never fires twice.
 */

export interface TimedEvent {
  /** Milliseconds since the epoch. */
  at: number;
  area: string;
}

export interface ThresholdSpike {
  area: string;
  /** When the count first exceeded the threshold (the time of the event that tipped it). */
  startedAt: number;
  /** The last event inside the episode. */
  lastEventAt: number;
  /** The most events seen in any 24-hour window during the episode. */
  peakCount: number;
  threshold: number;
  /** True while the latest 24-hour window still holds more than the threshold. */
  ongoing: boolean;
}

export const WINDOW_MS = DAY_MS;

/**
 * Spike episodes per area from events (any order). `thresholdFor(area)` gives N; an area with no
 * threshold (undefined) is not monitored. `now` decides whether the last episode is still ongoing.
 */
export function thresholdSpikes(
  events: readonly TimedEvent[],
  thresholdFor: (area: string) => number | undefined,
  now: number,
): ThresholdSpike[] {
  const byArea = new Map<string, number[]>();
  for (const e of events) {
    let list = byArea.get(e.area);
    if (!list) byArea.set(e.area, (list = []));
    list.push(e.at);
  }
  const spikes: ThresholdSpike[] = [];
  for (const [area, times] of [...byArea].sort(([a], [b]) => a.localeCompare(b))) {
    const n = thresholdFor(area);
    if (n === undefined) continue;
    times.sort((a, b) => a - b);
    let start = 0;
    let episode: ThresholdSpike | null = null;
    for (let i = 0; i < times.length; i++) {
      const t = times[i]!;
      // The rolling count C(τ) = events in (τ − 24 h, τ]. It rises only at events and falls only
      // between them, so an episode (C > n) can end only between two events.
      while (times[start]! <= t - WINDOW_MS) start++;
      let tiesBefore = 0;
      for (let j = i - 1; j >= start && times[j] === t; j--) tiesBefore++;
      const justBefore = i - start - tiesBefore; // C just before t
      if (episode !== null && justBefore <= n) episode = null;
      const count = i - start + 1;
      if (count <= n) continue;
      if (episode === null) {
        episode = { area, startedAt: t, lastEventAt: t, peakCount: count, threshold: n, ongoing: false };
        spikes.push(episode);
      } else {
        episode.lastEventAt = t;
        episode.peakCount = Math.max(episode.peakCount, count);
      }
    }
    if (episode !== null) {
      const inWindow = times.filter((x) => x > now - WINDOW_MS && x <= now).length;
      episode.ongoing = inWindow > n;
    }
  }
  return spikes;
}
