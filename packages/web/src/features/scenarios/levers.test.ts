import { describe, expect, it } from 'vitest';
import { scenarioLeversSchema } from '@continuum/contracts';
import { emptyLevers, fieldValue, leverDefinitions } from './levers.ts';

const lever = (id: string) => leverDefinitions.find((l) => l.id === id)!;

describe('the lever definitions', () => {
  it('cover every lever of the contract once', () => {
    const ids = leverDefinitions.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    const contractKeys = Object.keys(scenarioLeversSchema.shape).flatMap((k) =>
      k === 'extraSlots' ? ['extraSlots.buprenorphine', 'extraSlots.methadone', 'extraSlots.naltrexone'] : [k],
    );
    expect([...ids].sort()).toEqual([...contractKeys].sort());
  });

  it.each([
    ['extraSlots.methadone', '40', { extraSlots: { buprenorphine: 0, methadone: 40, naltrexone: 0 } }],
    ['extraSlots.methadone', '40.6', { extraSlots: { buprenorphine: 0, methadone: 41, naltrexone: 0 } }],
    ['extraSlots.naltrexone', '', { extraSlots: { buprenorphine: 0, methadone: 0, naltrexone: 0 } }],
    ['extraSlots.buprenorphine', '99999', { extraSlots: { buprenorphine: 2000, methadone: 0, naltrexone: 0 } }],
    ['edInduction', '40', { edInduction: 0.4 }],
    ['edInduction', '', { edInduction: null }],
    ['edInduction', '150', { edInduction: 1 }],
    ['retentionImprovement', '', { retentionImprovement: 0 }],
    ['retentionImprovement', '95', { retentionImprovement: 0.9 }],
    ['naloxoneKitsPerYear', '12000.4', { naloxoneKitsPerYear: 12000 }],
    ['naloxoneKitsPerYear', '', { naloxoneKitsPerYear: null }],
    ['ftsUptake', '25', { ftsUptake: 0.25 }],
    ['prescribingReduction', '-5', { prescribingReduction: 0 }],
    ['waitWeeks', '1.5', { waitWeeks: 1.5 }],
    ['waitWeeks', '', { waitWeeks: null }],
  ])('%s typed as "%s" stores %j', (id, raw, expected) => {
    const l = lever(id);
    const value = fieldValue(l, raw);
    expect(value).not.toBeUndefined();
    const changed = l.parse(value!, emptyLevers());
    expect(changed).toEqual(expected);
    // What a lever stores is valid for the contract.
    expect(scenarioLeversSchema.safeParse({ ...emptyLevers(), ...changed }).success).toBe(true);
  });

  it('ignores a value that is not a number', () => {
    expect(fieldValue(lever('waitWeeks'), 'abc')).toBeUndefined();
  });
});
