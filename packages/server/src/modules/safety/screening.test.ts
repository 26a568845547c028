import { describe, expect, it } from 'vitest';
import { generateDispensings } from './dispensing-extract.ts';
import { drugKnowledge } from './drug-knowledge.ts';
import { defaultSafetyOptions } from './rule-definitions.ts';
import { DispensingColumns, mergeSnapshots } from './screening-columns.ts';
import { evaluateSnapshot, overlapDays } from './screening-evaluate.ts';
import { resolveDrug } from './screening-rows.ts';
import { screenDispensings } from './screening.ts';
import { type DispensingRow, type PersonFlags } from './screening-model.ts';

const k = drugKnowledge();

async function flagsOf(rows: Iterable<DispensingRow>) {
  const flags: PersonFlags[] = [];
  const result = await screenDispensings(k, rows, defaultSafetyOptions, { onFlagged: (f) => flags.push(f) });
  return { result, flags: flags.sort((a, b) => a.personId.localeCompare(b.personId)) };
}

/** A deterministic shuffle. */
function shuffled<T>(xs: T[]): T[] {
  const out = [...xs];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const fill = (personId: string, fillDate: string, o: Partial<DispensingRow> = {}): DispensingRow => ({
  personId,
  fillDate,
  rxcui: '1049621',
  quantity: 120,
  daysSupply: 30,
  prescriberId: 'D1',
  pharmacyId: 'PH1',
  ...o,
});

describe('population screening core', () => {
  it('gives the same result whatever the row order (including a person with many rows)', async () => {
    const rows = [...generateDispensings({ people: 500, rows: 3000, seed: 11 })];
    for (let i = 0; i < 60; i++)
      rows.push(
        fill('many', `2026-0${1 + (i % 9)}-${String(1 + (i % 27)).padStart(2, '0')}`, {
          prescriberId: `D${i}`,
          pharmacyId: `PH${i}`,
          daysSupply: 3,
          quantity: 12,
        }),
      );
    const inOrder = await flagsOf(rows);
    const mixed = await flagsOf(shuffled(rows));
    expect(mixed.flags).toEqual(inOrder.flags);
    expect(mixed.result.summary).toEqual(inOrder.result.summary);
    expect(inOrder.flags.find((f) => f.personId === 'many')?.rules).toContain('MULTIPLE_PRESCRIBERS_AND_PHARMACIES');
  });

  it('merging parts gives the same result as one pass', async () => {
    const rows = [...generateDispensings({ people: 400, rows: 2000, seed: 5 })];
    const whole = new DispensingColumns(k);
    for (const r of rows) whole.add(r);
    const a = new DispensingColumns(k);
    const b = new DispensingColumns(k);
    rows.forEach((r, i) => (i % 3 === 0 ? a : b).add(r));
    const flags = (snap: ReturnType<DispensingColumns['snapshot']>) => {
      const out: PersonFlags[] = [];
      const result = evaluateSnapshot(snap, defaultSafetyOptions, { onFlagged: (f) => out.push(f) });
      return { summary: result.summary, flags: out.sort((x, y) => x.personId.localeCompare(y.personId)) };
    };
    expect(flags(mergeSnapshots([a.snapshot(), b.snapshot()]))).toEqual(flags(whole.snapshot()));
  });

  it.each([
    [
      'peak MME sums overlapping fills',
      [fill('x', '2026-03-01'), fill('x', '2026-03-20')],
      { peakMmePerDay: 60, rules: ['MME_AT_LEAST_50', 'OFFER_NALOXONE'] },
    ],
    [
      '100 tablets of 5 mg oxycodone for 15 days is 50 MME/day: flagged at 50',
      [fill('x', '2026-03-01', { quantity: 100, daysSupply: 15 })],
      { peakMmePerDay: 50, rules: ['MME_AT_LEAST_50', 'OFFER_NALOXONE'] },
    ],
    [
      'naloxone dispensed silences OFFER_NALOXONE',
      [fill('x', '2026-03-01', { quantity: 360 }), fill('x', '2026-03-02', { rxcui: '1725064', quantity: 2, daysSupply: 30 })],
      { rules: ['MME_AT_LEAST_90'] },
    ],
    [
      'a fentanyl 25 mcg/hr patch, 10 for 30 days, is 60 MME',
      [fill('x', '2026-03-01', { rxcui: '245134', quantity: 10 })],
      { peakMmePerDay: 60 },
    ],
  ] as [string, DispensingRow[], Partial<PersonFlags>][])('%s', async (_n, rows, expected) => {
    const { flags } = await flagsOf(rows);
    expect(flags[0]).toMatchObject(expected);
  });

  it('49.9 MME/day is not flagged', async () => {
    const { result } = await flagsOf([fill('x', '2026-03-01', { quantity: 99.8, daysSupply: 15 })]);
    expect(result.summary.flaggedPeople).toBe(0);
  });

  it('buprenorphine fills do not count toward multiple prescribers and pharmacies', async () => {
    const rows = [1, 2, 3, 4, 5].map((i) =>
      fill('x', `2026-03-0${i}`, { rxcui: '904870', prescriberId: `D${i}`, pharmacyId: `P${i}`, quantity: 4 }),
    );
    const { result } = await flagsOf(rows);
    expect(result.summary.byRule.MULTIPLE_PRESCRIBERS_AND_PHARMACIES).toBe(0);
  });

  it('resolves drugs by RxNorm code or by name and strength', () => {
    expect(resolveDrug(k, '1049621', undefined, undefined, false)).toMatchObject({ kind: 1, mmePerUnit: 7.5 });
    expect(resolveDrug(k, '892489', undefined, undefined, false).mmePerUnit).toBeNaN();
    expect(resolveDrug(k, undefined, 'Hydromorphone HCl tablet', '2 MG', false)).toMatchObject({ kind: 1, mmePerUnit: 10 });
    expect(resolveDrug(k, undefined, 'Fentanyl transdermal patch', '25 MCG/HR', false).mmePerUnit).toBe(180);
    expect(resolveDrug(k, undefined, 'Fentanyl buccal tablet', '100 MCG', false).mmePerUnit).toBeNaN();
    expect(resolveDrug(k, undefined, 'Buprenorphine/naloxone sublingual film', '8 MG', false).kind).toBe(2);
    expect(resolveDrug(k, undefined, 'Methadone HCl', '10 MG', true).kind).toBe(2);
    expect(resolveDrug(k, undefined, 'Methadone HCl', '10 MG', false)).toMatchObject({ kind: 1, mmePerUnit: 47 });
    expect(resolveDrug(k, undefined, 'Lorazepam', '1 MG', false).kind).toBe(3);
    expect(resolveDrug(k, undefined, 'Naloxone nasal spray', '4 MG', false).kind).toBe(5);
    expect(resolveDrug(k, undefined, 'Amoxicillin', '500 MG', false).kind).toBe(0);
  });

  it('counts overlap days of [start, end) intervals', () => {
    expect(overlapDays([[0, 30]], [[19, 49]])).toBe(11);
    expect(
      overlapDays(
        [
          [0, 10],
          [5, 20],
        ],
        [
          [15, 30],
          [40, 50],
        ],
      ),
    ).toBe(5);
    expect(overlapDays([[0, 10]], [[10, 20]])).toBe(0);
  });
});
