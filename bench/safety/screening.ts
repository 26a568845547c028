import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { csvHeader, generateDispensings, toCsvLine } from '../../packages/server/src/modules/safety/dispensing-extract.ts';

/*
 * Population screening: a generated PDMP-style dispensing extract written to a file, and
 * `continuum safety screen` run over it as a separate process (as an operator runs it).
 */

export async function writeExtract(file: string, people: number, rows: number): Promise<number> {
  const out = fs.createWriteStream(file, { highWaterMark: 4 << 20 });
  let buf = csvHeader;
  for (const r of generateDispensings({ people, rows, seed: 42 })) {
    buf += toCsvLine(r);
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return (await fs.promises.stat(file)).size;
}

export interface ScreenOutput {
  elapsedMs: number;
  rowsPerSecond: number;
  peakRssMb: number;
  cpuSeconds: number;
  rows: number;
  people: number;
  flaggedPeople: number;
  byRule: Record<string, number>;
}

export async function runScreen(
  file: string,
  outDir: string,
  threads: number,
  log: (l: string) => void,
): Promise<{ wallMs: number; output: ScreenOutput }> {
  const bin = path.join(import.meta.dirname, '../../packages/server/bin/continuum.js');
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [bin, 'safety', 'screen', file, '--out', outDir, '--json', '--progress', 'lines', '--threads', String(threads)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => log(`  ${d.toString().trimEnd()}`));
  const [code] = (await once(child, 'exit')) as [number];
  const wallMs = performance.now() - t0;
  if (code !== 0) throw new Error(`continuum safety screen exited with ${code}`);
  return { wallMs, output: JSON.parse(stdout) as ScreenOutput };
}
