import { describe, expect, it } from 'vitest';
import { isQuiet, shouldAlertQuiet, volumeSeries } from './status.ts';

const now = new Date('2026-12-07T12:00:00Z');
const at = (iso: string) => new Date(iso);

describe('feed status', () => {
  it.each([
    ['a message 10 minutes ago, window 60', at('2026-12-07T11:50:00Z'), 60, false],
    ['a message 61 minutes ago, window 60', at('2026-12-07T10:59:00Z'), 60, true],
    ['exactly at the window', at('2026-12-07T11:00:00Z'), 60, false],
    ['never a message, set up 2 hours ago, window 60', null, 60, true],
    ['never a message, set up 2 hours ago, window 240', null, 240, false],
  ])('%s → quiet %s', (_name, lastMessageAt, quietAfterMinutes, expected) => {
    expect(isQuiet({ lastMessageAt, createdAt: at('2026-12-07T10:00:00Z'), quietAfterMinutes }, now)).toBe(expected);
  });

  it('alerts once per quiet spell: not again until a message clears the mark', () => {
    const source = { lastMessageAt: at('2026-12-07T09:00:00Z'), createdAt: at('2026-12-01T00:00:00Z'), quietAfterMinutes: 60 };
    expect(shouldAlertQuiet({ ...source, quietAlertedAt: null }, now)).toBe(true);
    expect(shouldAlertQuiet({ ...source, quietAlertedAt: at('2026-12-07T10:05:00Z') }, now)).toBe(false);
  });

  it('fills the last 14 days oldest first, with zeros', () => {
    const series = volumeSeries([{ day: '2026-12-06', received: 5, accepted: 3, rejected: 1, duplicates: 1 }], now);
    expect(series).toHaveLength(14);
    expect(series[0]!.day).toBe('2026-11-24');
    expect(series[13]).toEqual({ day: '2026-12-07', received: 0, accepted: 0, rejected: 0, duplicates: 0 });
    expect(series[12]).toEqual({ day: '2026-12-06', received: 5, accepted: 3, rejected: 1, duplicates: 1 });
  });
});
