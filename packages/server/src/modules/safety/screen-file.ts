import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { parse } from 'csv-parse/sync';
import { ExtractError, readCsvDispensings, readNdjsonDispensings } from './dispensing-extract.ts';
import type { DrugKnowledge } from './drug-knowledge.ts';
import type { SafetyOptions } from './rule-definitions.ts';
import { evaluateSnapshot } from './screening-evaluate.ts';
import { mergeSnapshots, type ColumnsSnapshot } from './screening-columns.ts';
import { screenDispensings } from './screening.ts';
import { type PersonFlags, type ScreeningResult } from './screening-model.ts';
import type { ParserMessage, ParserTask } from './screening-worker.ts';

/**
 * Screens an extract file. Large files are parsed by several threads, each over one byte range
 * cut at a line end (csv-parse is the slow part); the columns they build are merged and evaluated
 * once. Small files, or `threads: 1`, stream in this thread.
 */

export interface ScreenFileOptions {
  format: 'csv' | 'ndjson';
  threads: number;
  options: SafetyOptions;
  onProgress?: (rows: number, bytes: number) => void;
  /** A row that could not be used: where it is and which column is at fault (never its values). */
  onRejected?: (where: string, field: string, message: string) => void;
  onFlagged?: (flags: PersonFlags) => void;
  /** Files smaller than this per thread use fewer threads (default 8 MiB). */
  minBytesPerThread?: number;
}

const MIN_BYTES_PER_THREAD = 8 << 20;

async function firstLine(file: string): Promise<{ line: string; end: number }> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fd.read(buf, 0, buf.length, 0);
    const nl = buf.subarray(0, bytesRead).indexOf(10);
    if (nl < 0) throw new ExtractError('the first line (the header) is longer than 64 KiB or the file has one line');
    return { line: buf.subarray(0, nl).toString('utf8'), end: nl + 1 };
  } finally {
    await fd.close();
  }
}

async function lineStartAfter(file: string, pos: number): Promise<number> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fd.read(buf, 0, buf.length, pos);
    const nl = buf.subarray(0, bytesRead).indexOf(10);
    return nl < 0 ? pos + bytesRead : pos + nl + 1;
  } finally {
    await fd.close();
  }
}

export async function screenExtractFile(k: DrugKnowledge, file: string, o: ScreenFileOptions): Promise<ScreeningResult> {
  const size = (await fs.promises.stat(file)).size;
  const threads = Math.max(1, Math.min(o.threads, Math.floor(size / (o.minBytesPerThread ?? MIN_BYTES_PER_THREAD))));
  if (threads <= 1) {
    let bytes = 0;
    const input = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    const onBytes = (p: { bytes: number }) => {
      bytes = p.bytes;
    };
    const rows = o.format === 'csv' ? readCsvDispensings(input, onBytes) : readNdjsonDispensings(input, onBytes);
    return screenDispensings(k, rows, o.options, {
      onProgress: (n) => o.onProgress?.(n, bytes),
      onRejected: (row, error) => o.onRejected?.(`row ${row}`, error.field, error.message),
      ...(o.onFlagged ? { onFlagged: o.onFlagged } : {}),
    });
  }

  let header: string[] | null = null;
  let start = 0;
  if (o.format === 'csv') {
    const first = await firstLine(file);
    header = (parse(first.line, { trim: true }) as string[][])[0] ?? [];
    start = first.end;
  }
  const bounds = [start];
  for (let i = 1; i < threads; i++) bounds.push(await lineStartAfter(file, start + Math.floor(((size - start) * i) / threads)));
  bounds.push(size);

  const rowsByPart = new Array<number>(threads).fill(0);
  const bytesByPart = new Array<number>(threads).fill(0);
  const snapshots = await Promise.all(
    Array.from({ length: threads }, (_, part) => {
      const task: ParserTask = { file, start: bounds[part]!, end: bounds[part + 1]!, format: o.format, header, part };
      return new Promise<ColumnsSnapshot>((resolve, reject) => {
        const worker = new Worker(new URL('./screening-worker.js', import.meta.url), { workerData: task });
        worker.on('message', (m: ParserMessage) => {
          if (m.type === 'progress') {
            rowsByPart[part] = m.rows;
            bytesByPart[part] = m.bytes;
            o.onProgress?.(
              rowsByPart.reduce((a, b) => a + b, 0),
              (header ? start : 0) + bytesByPart.reduce((a, b) => a + b, 0),
            );
          } else if (m.type === 'rejected') o.onRejected?.(`part ${m.part + 1} row ${m.row}`, m.field, m.message);
          else if (m.type === 'done') resolve(m.snapshot);
          else reject(m.extract ? new ExtractError(m.message) : new Error(m.message));
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`parser thread exited with code ${code}`));
        });
      });
    }),
  );
  return evaluateSnapshot(mergeSnapshots(snapshots), o.options, o.onFlagged ? { onFlagged: o.onFlagged } : {});
}
