import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRecordFile, type LinkRecord } from '../records.ts';
import { CLK_BYTES } from './dice-kernel.ts';
import { createEncoder } from './encode.ts';
import { dedupeEncodings, linkEncodings } from './link.ts';
import { dice } from './popcount.ts';
import { encodeRecords } from './records.ts';
import { shippedSchema } from './schema.ts';

/**
 * Accuracy in privacy-preserving mode on FEBRL (data/febrl, with ground truth in the record ids:
 * rec-N-org and rec-N-dup-k are the same person). The record id is used only to score.
 */

const data = (name: string) => fileURLToPath(new URL(`../data/febrl/${name}`, import.meta.url));
const entity = (id: string) => id.split('-')[1]!;
const secret = Buffer.from('febrl accuracy test secret, 32 bytes or more');
const otherSecret = Buffer.from('another network entirely, also 32 bytes long');

let a: LinkRecord[];
let b: LinkRecord[];
beforeAll(async () => {
  a = await readRecordFile(data('dataset4a.csv'));
  b = await readRecordFile(data('dataset4b.csv'));
});

function scores(tp: number, predicted: number, truth: number) {
  const precision = tp / predicted;
  const recall = tp / truth;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

describe('PPRL accuracy on FEBRL', () => {
  it('FEBRL4 (4a vs 4b, 5,000 true links): F1 ≥ 0.99 at Dice 0.7 with the greedy one-to-one solve', async () => {
    const encoder = createEncoder(shippedSchema('febrl'), secret);
    const ea = encodeRecords(a, encoder);
    const eb = encodeRecords(b, encoder);
    const { matches, stats } = await linkEncodings(ea, eb, { threshold: 0.7 });
    expect(stats).toMatchObject({ blocking: 'none', compared: 25_000_000 });
    let tp = 0;
    for (let k = 0; k < matches.l.length; k++) if (entity(ea.ids[matches.l[k]!]!) === entity(eb.ids[matches.r[k]!]!)) tp++;
    const s = scores(tp, matches.l.length, 5000);
    // Measured: precision 1.000, recall 0.997, F1 0.999 (docs/pprl.md); clkhash reports P 1.000, R 0.992 at 0.8.
    expect(s.precision).toBeGreaterThanOrEqual(0.999);
    expect(s.f1).toBeGreaterThanOrEqual(0.99);
  });

  it('FEBRL4 with the registry-shaped default schema (names, birth date, ZIP, SSN last four): F1 ≥ 0.97 at Dice 0.6', async () => {
    const encoder = createEncoder(shippedSchema('default'), secret);
    const ea = encodeRecords(a, encoder);
    const eb = encodeRecords(b, encoder);
    const { matches } = await linkEncodings(ea, eb, { threshold: 0.6 });
    let tp = 0;
    for (let k = 0; k < matches.l.length; k++) if (entity(ea.ids[matches.l[k]!]!) === entity(eb.ids[matches.r[k]!]!)) tp++;
    expect(scores(tp, matches.l.length, 5000).f1).toBeGreaterThanOrEqual(0.97);
  });

  it('encodings under another secret do not link: true pairs score like strangers and nothing passes the threshold', async () => {
    const schema = shippedSchema('febrl');
    const ea = encodeRecords(a.slice(0, 1000), createEncoder(schema, secret));
    const eb = encodeRecords(b, createEncoder(schema, otherSecret));
    const byEntity = new Map(eb.ids.map((id, j) => [entity(id), j]));
    let sum = 0;
    let n = 0;
    let max = 0;
    for (let i = 0; i < ea.ids.length; i++) {
      const j = byEntity.get(entity(ea.ids[i]!));
      if (j === undefined) continue;
      const d = dice(ea.filters.subarray(i * CLK_BYTES, (i + 1) * CLK_BYTES), eb.filters.subarray(j * CLK_BYTES, (j + 1) * CLK_BYTES));
      sum += d;
      max = Math.max(max, d);
      n++;
    }
    // About half the bits are set, so two unrelated filters have a Dice near 0.5.
    expect(n).toBe(1000);
    expect(sum / n).toBeGreaterThan(0.45);
    expect(sum / n).toBeLessThan(0.55);
    expect(max).toBeLessThan(0.65);
    const { matches } = await linkEncodings(ea, eb, { threshold: 0.7 });
    expect(matches.l.length).toBe(0);
  });

  it('FEBRL3 deduplication (5,000 records, 6,538 true pairs, the hardest): clusters at Dice 0.75 reach pairwise F1 ≥ 0.98', async () => {
    const records = await readRecordFile(data('dataset3.csv'));
    const e = encodeRecords(records, createEncoder(shippedSchema('febrl'), secret));
    const { clusters } = await dedupeEncodings(e);
    const members = new Map<number, number[]>();
    clusters.clusterOf.forEach((c, i) => members.set(c, [...(members.get(c) ?? []), i]));
    let tp = 0;
    let predicted = 0;
    for (const m of members.values())
      for (let x = 0; x < m.length; x++)
        for (let y = x + 1; y < m.length; y++) {
          predicted++;
          if (entity(e.ids[m[x]!]!) === entity(e.ids[m[y]!]!)) tp++;
        }
    const s = scores(tp, predicted, 6538);
    // Measured: precision 0.999, recall 0.969, F1 0.984 (docs/pprl.md).
    expect(s.precision).toBeGreaterThanOrEqual(0.99);
    expect(s.f1).toBeGreaterThanOrEqual(0.98);
  });

  it('MinHash LSH blocking on FEBRL4 keeps ≥ 97% of the true pairs while comparing under 5% of all pairs', async () => {
    const encoder = createEncoder(shippedSchema('febrl'), secret);
    const ea = encodeRecords(a, encoder);
    const eb = encodeRecords(b, encoder);
    const { matches, stats } = await linkEncodings(ea, eb, { threshold: 0.7, blocking: 'lsh' });
    expect(stats.blocking).toBe('lsh');
    expect(stats.compared).toBeLessThan(0.05 * 25_000_000);
    let tp = 0;
    for (let k = 0; k < matches.l.length; k++) if (entity(ea.ids[matches.l[k]!]!) === entity(eb.ids[matches.r[k]!]!)) tp++;
    expect(tp / 5000).toBeGreaterThanOrEqual(0.97);
    expect(tp / matches.l.length).toBeGreaterThanOrEqual(0.999);
  });
});
