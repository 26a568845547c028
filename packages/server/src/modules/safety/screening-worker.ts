import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parseCsvDispensings, readNdjsonDispensings } from './dispensing-extract.ts';
import { drugKnowledge } from './drug-knowledge.ts';
import { DispensingColumns } from './screening-columns.ts';
import { type DispensingRow } from './screening-model.ts';

/** Parses one byte range of an extract into columns and sends them back (transferred, not copied). */
export interface ParserTask {
  file: string;
  start: number;
  /** Exclusive. */
  end: number;
  format: 'csv' | 'ndjson';
  header: string[] | null;
  part: number;
}

export type ParserMessage =
  | { type: 'progress'; rows: number; bytes: number }
  | { type: 'rejected'; part: number; row: number; field: string; message: string }
  | { type: 'done'; snapshot: ReturnType<DispensingColumns['snapshot']> }
  | { type: 'failed'; message: string; extract: boolean };

const task = workerData as ParserTask;
const port = parentPort!;

async function run() {
  const cols = new DispensingColumns(drugKnowledge());
  const input = fs.createReadStream(task.file, { start: task.start, end: task.end - 1, highWaterMark: 1 << 20 });
  let bytes = 0;
  const onBytes = (p: { bytes: number }) => {
    bytes = p.bytes;
  };
  let shown = 0;
  const onRow = (row: DispensingRow) => {
    const error = cols.add(row);
    if (error && shown++ < 10)
      port.postMessage({
        type: 'rejected',
        part: task.part,
        row: cols.read,
        field: error.field,
        message: error.message,
      } satisfies ParserMessage);
    if (cols.read % 100_000 === 0) port.postMessage({ type: 'progress', rows: cols.read, bytes } satisfies ParserMessage);
  };
  if (task.format === 'csv') await parseCsvDispensings(input, onRow, onBytes, task.header ?? undefined);
  else for await (const row of readNdjsonDispensings(input, onBytes)) onRow(row);
  port.postMessage({ type: 'progress', rows: cols.read, bytes } satisfies ParserMessage);
  const snapshot = cols.snapshot();
  const buffers = [
    snapshot.person,
    snapshot.day,
    snapshot.supply,
    snapshot.drug,
    snapshot.mme,
    snapshot.prescriber,
    snapshot.pharmacy,
  ].flatMap((chunks) => chunks.map((a: Int32Array | Float32Array) => a.buffer as ArrayBuffer));
  port.postMessage({ type: 'done', snapshot } satisfies ParserMessage, buffers);
}

run().catch((error: unknown) => {
  port.postMessage({
    type: 'failed',
    message: error instanceof Error ? error.message : 'unknown error',
    extract: error instanceof Error && error.name === 'ExtractError',
  } satisfies ParserMessage);
});
