import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvHeader, generateDispensings, toCsvLine } from './dispensing-extract.ts';
import { drugKnowledge } from './drug-knowledge.ts';
import { defaultSafetyOptions } from './rule-definitions.ts';
import { screenExtractFile } from './screen-file.ts';
import type { PersonFlags, ScreeningResult } from './screening-model.ts';

/*
 * The screening's results frozen: a generated population (shuffled, so rows arrive out of order)
 * plus rows written the awkward ways a real extract writes them (quoted fields with commas and
 * doubled quotes, a CRLF line end, spaces around values, blank lines, rows the screening rejects).
 * The expected digest and counts were taken from the implementation before the screening was made
 * faster; any change to parsing, grouping or the rules that changes a single flag, figure,
 * prescriber rate or rejected row changes them.
 */

const awkward = [
  '"P90000001","2026-03-01","1049621","","","120","30","D900","PH900",""',
  'P90000001 , 2026-03-10 ,197321, , ,60,30, D901 ,PH901,',
  'P90000002,2026-04-01,,"Oxycodone HCl tablet, extended release","10 MG",90,30,D902,PH902,',
  'P90000002,2026-04-05,,"Clonazepam ""Klonopin"" tablet",0.5 MG,60,30,D903,PH903,',
  'P90000003,2026-05-01,,Methadone HCl oral concentrate,10 MG/ML,270,30,D904,PH904,1',
  'P90000003,2026-05-02,,Methadone HCl oral concentrate,10 MG/ML,270,30,D904,PH904,true',
  'P90000004,2026-06-01,245134,,,10,30,D905,PH905,\r',
  '',
  'P90000004,2026-06-15,1049593,,,60,30,D905,PH905,',
  'P90000005,2026-02-30,1049621,,,10,5,D906,PH906,',
  'P90000005,2026-02-01,1049621,,,0,5,D906,PH906,',
  'P90000005,2026-02-01,1049621,,,10,400,D906,PH906,',
  ',2026-02-01,1049621,,,10,5,D906,PH906,',
  'P90000006,2026-02-01,,,,10,5,D906,PH906,',
  'P90000007,2026-02-01,197873,,,90,30,,PH906,',
  'P90000008,2026-01-01,197873,,,90,30,D907,PH907',
  'P90000008,2026-01-20,,Levorphanol tartrate,2 MG,90,30,D907,PH907,,extra',
];

function shuffled<T>(xs: T[]): T[] {
  let seed = 19;
  for (let i = xs.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

let dir: string;
let csv: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-golden-'));
  csv = path.join(dir, 'x.csv');
  const lines = [...generateDispensings({ people: 6000, rows: 40_000, seed: 5 })].map((r) => toCsvLine(r).trimEnd());
  shuffled(lines);
  // The awkward rows near the middle and at the end, so that both parser threads see some.
  const mid = lines.length >> 1;
  lines.splice(mid, 0, ...awkward);
  lines.push(...awkward.map((l) => l.replace('P9000000', 'P9100000')));
  fs.writeFileSync(csv, `${csvHeader}${lines.join('\n')}\n`);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function screen(threads: number) {
  const flagged: PersonFlags[] = [];
  const rejected: string[] = [];
  const result: ScreeningResult = await screenExtractFile(drugKnowledge(), csv, {
    format: 'csv',
    threads,
    options: defaultSafetyOptions,
    minBytesPerThread: 1,
    onFlagged: (f) => flagged.push(f),
    onRejected: (_where, field, message) => rejected.push(`${field} ${message}`),
  });
  flagged.sort((a, b) => a.personId.localeCompare(b.personId));
  const prescribers = [...result.prescribers].sort((a, b) => a.prescriberId.localeCompare(b.prescriberId));
  const digest = createHash('sha256')
    .update(JSON.stringify({ flagged, prescribers, summary: result.summary }))
    .digest('hex');
  return { result, flagged, rejected: rejected.sort(), digest };
}

describe('population screening results, frozen', () => {
  for (const threads of [1, 2]) {
    it(`gives the frozen flags, summary and prescriber rates on ${threads} thread(s)`, async () => {
      const { result, flagged, rejected, digest } = await screen(threads);
      expect(result.summary).toMatchObject({
        rows: 40_032,
        rejectedRows: 12,
        people: 6010,
        peopleWithOpioids: 5713,
        peopleWithMoud: 297,
        flaggedPeople: 1252,
        byRule: {
          MME_AT_LEAST_90: 365,
          MME_AT_LEAST_50: 381,
          OPIOID_WITH_BENZODIAZEPINE: 581,
          OFFER_NALOXONE: 1085,
          MULTIPLE_PRESCRIBERS_AND_PHARMACIES: 67,
          MME_NOT_COMPUTABLE: 36,
        },
        firstFill: '2025-10-31',
        lastFill: '2026-10-31',
      });
      // The quoted, spaced and OTP rows read as they should: a quoted name with a comma, a
      // benzodiazepine in a spaced row, methadone from a program (MOUD: no flag), a name with no factor.
      expect(
        flagged
          .filter((f) => f.personId.startsWith('P9000'))
          .map((f) => [f.personId, f.rules, f.peakMmePerDay, f.benzodiazepineOverlapDays]),
      ).toEqual([
        ['P90000001', ['OPIOID_WITH_BENZODIAZEPINE', 'OFFER_NALOXONE'], 30, 21],
        ['P90000002', ['OPIOID_WITH_BENZODIAZEPINE', 'OFFER_NALOXONE'], 45, 26],
        ['P90000004', ['MME_AT_LEAST_90', 'OFFER_NALOXONE'], 240, 0],
        ['P90000008', ['MME_NOT_COMPUTABLE'], 0, 0],
      ]);
      expect(flagged.find((f) => f.personId === 'P90000008')?.notComputable).toEqual([
        'levorphanol tartrate 2 MG Oral Tablet',
        'Levorphanol tartrate',
      ]);
      expect(rejected).toEqual(
        [
          'days_supply must be a whole number from 1 to 366',
          'fill_date must be a date (YYYY-MM-DD)',
          'person_id is empty',
          'prescriber_id is empty',
          'quantity must be a number above 0',
          'rxcui or drug_name is required',
        ].flatMap((r) => [r, r]),
      );
      expect(digest).toBe('9ab308ced1acb67bb92d292a6beab8843fa62997ffa892f58aff464a646b32e3');
    });
  }
});
