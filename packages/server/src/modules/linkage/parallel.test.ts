import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { linkRecords } from './link.ts';
import { readRecordFile } from './records.ts';

const data = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

describe('comparisons on a worker thread', () => {
  it('give the same model, scores and clusters as one thread', async () => {
    const records = await readRecordFile(path.join(data, 'febrl', 'dataset3.csv'));
    const one = await linkRecords(records, { threads: 1 });
    const two = await linkRecords(records, { threads: 2, minParallelPairs: 0 });
    expect(one.stats.threads).toBe(1);
    expect(two.stats.threads).toBe(2);
    expect(two.model.lambda).toBe(one.model.lambda);
    expect([...two.pairs.codes]).toEqual([...one.pairs.codes]);
    expect([...two.pairs.weight]).toEqual([...one.pairs.weight]);
    expect([...two.clusters.clusterOf]).toEqual([...one.clusters.clusterOf]);
  }, 120_000);
});
