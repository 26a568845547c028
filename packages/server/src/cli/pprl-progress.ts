import cliProgress from 'cli-progress';
import type { CliIo } from './cli-io.ts';

export interface StageProgress {
  update(stage: string, done: number, total: number): void;
  stop(): void;
}

/**
 * Progress for `link encode` and `link clks` on stderr: a bar on a terminal, otherwise a plain line
 * at most every 5 seconds (logs and CI stay readable). Counts only, never a record's content.
 */
export function stageProgress(
  io: Pick<CliIo, 'stderr'>,
  verb: string,
  { isTty = process.stderr.isTTY === true, now = Date.now }: { isTty?: boolean; now?: () => number } = {},
): StageProgress {
  const started = now();
  if (isTty) {
    let bar: cliProgress.SingleBar | null = null;
    let current = '';
    return {
      update(stage, done, total) {
        if (stage !== current) {
          bar?.stop();
          current = stage;
          bar = new cliProgress.SingleBar(
            {
              format: `${verb} ${stage} |{bar}| {percentage}% | {value}/{total} | ETA {eta_formatted}`,
              stream: process.stderr,
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(Math.max(1, total), 0);
        }
        bar?.setTotal(Math.max(1, total));
        bar?.update(done);
      },
      stop: () => bar?.stop(),
    };
  }
  let last = started;
  return {
    update(stage, done, total) {
      const t = now();
      if (t - last < 5000) return;
      last = t;
      const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
      io.stderr(
        `${verb}: ${stage} ${pct}% (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}, ${(t - started) / 1000} s)\n`,
      );
    },
    stop: () => {},
  };
}
