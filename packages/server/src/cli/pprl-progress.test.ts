import { describe, expect, it } from 'vitest';
import { stageProgress } from './pprl-progress.ts';

describe('link encode / link clks progress off a terminal', () => {
  it('writes a line with the stage, percentage and counts at most every 5 seconds', () => {
    let t = 0;
    let err = '';
    const progress = stageProgress({ stderr: (s) => (err += s) }, 'clks', { isTty: false, now: () => t });
    t = 1000;
    progress.update('comparing', 1_000_000, 25_000_000);
    expect(err).toBe('');
    t = 6000;
    progress.update('comparing', 12_500_000, 25_000_000);
    t = 8000;
    progress.update('comparing', 20_000_000, 25_000_000);
    t = 11_500;
    progress.update('solving', 1, 1);
    progress.stop();
    expect(err.trim().split('\n')).toEqual(['clks: comparing 50% (12,500,000 of 25,000,000, 6 s)', 'clks: solving 100% (1 of 1, 11.5 s)']);
  });
});
