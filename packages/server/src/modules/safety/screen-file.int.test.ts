import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvHeader, generateDispensings, toCsvLine } from './dispensing-extract.ts';
import { drugKnowledge } from './drug-knowledge.ts';
import { defaultSafetyOptions } from './rule-definitions.ts';
import { screenExtractFile } from './screen-file.ts';
import type { PersonFlags } from './screening-model.ts';

let dir: string;
let csv: string;
let ndjson: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-screen-'));
  csv = path.join(dir, 'x.csv');
  ndjson = path.join(dir, 'x.ndjson');
  let text = csvHeader;
  let nd = '';
  for (const r of generateDispensings({ people: 3000, rows: 15_000, seed: 3 })) {
    text += toCsvLine(r);
    nd += `${JSON.stringify({ person_id: r.personId, fill_date: r.fillDate, rxcui: r.rxcui, drug_name: r.drugName, strength: r.strength, quantity: r.quantity, days_supply: r.daysSupply, prescriber_id: r.prescriberId, pharmacy_id: r.pharmacyId, otp: r.otp })}\n`;
  }
  // One bad row near the end, so that it falls in the second part.
  fs.writeFileSync(csv, `${text}P9,2026-13-01,1049621,,,10,5,D,PH,\n`);
  fs.writeFileSync(ndjson, nd);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function screen(file: string, format: 'csv' | 'ndjson', threads: number) {
  const flagged: PersonFlags[] = [];
  const rejected: string[] = [];
  const result = await screenExtractFile(drugKnowledge(), file, {
    format,
    threads,
    options: defaultSafetyOptions,
    minBytesPerThread: 1,
    onFlagged: (f) => flagged.push(f),
    onRejected: (where, field) => rejected.push(`${where} ${field}`),
  });
  flagged.sort((a, b) => a.personId.localeCompare(b.personId));
  return { result, flagged, rejected };
}

describe('screening a file on parser threads', () => {
  it('gives the same flags, summary and prescriber rates as one thread', async () => {
    const one = await screen(csv, 'csv', 1);
    const two = await screen(csv, 'csv', 2);
    expect(one.result.summary).toMatchObject({ rows: 15_001, rejectedRows: 1, people: 3000 });
    expect(two.result.summary).toEqual(one.result.summary);
    expect(two.flagged).toEqual(one.flagged);
    const byId = (r: typeof one.result) => [...r.prescribers].sort((a, b) => a.prescriberId.localeCompare(b.prescriberId));
    expect(byId(two.result)).toEqual(byId(one.result));
    expect(one.rejected).toEqual(['row 15001 fill_date']);
    expect(two.rejected).toEqual([expect.stringMatching(/^part 2 row \d+ fill_date$/)]);
  });

  it('NDJSON on threads matches CSV', async () => {
    const nd = await screen(ndjson, 'ndjson', 2);
    const one = await screen(csv, 'csv', 1);
    expect(nd.flagged).toEqual(one.flagged);
  });
});
