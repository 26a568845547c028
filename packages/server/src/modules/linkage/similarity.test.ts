import { DuckDBInstance } from '@duckdb/node-api';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readRecordFile } from './records.ts';
import { damerauLevenshtein, jaro, jaroWinkler, withinOneEdit } from './similarity.ts';

const data = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

describe('Jaro-Winkler', () => {
  it.each([
    ['martha', 'marhta', 0.9611],
    ['dwayne', 'duane', 0.84],
    ['dixon', 'dicksonx', 0.8133],
    ['joshua', 'jhoshua', 0.9071],
    ['abc', 'abc', 1],
    ['abc', 'xyz', 0],
    ['', 'abc', 0],
  ])('%s / %s', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 4);
    expect(jaroWinkler(b, a)).toBeCloseTo(expected, 4);
  });

  it('jaro without the prefix boost', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
  });

  it("agrees with DuckDB's jaro_winkler_similarity on FEBRL name pairs (Splink's thresholds are defined on it)", async () => {
    const records = await readRecordFile(path.join(data, 'febrl', 'dataset3.csv'));
    const names = records.flatMap((r) => [r.given, r.family]).filter((x) => x !== '');
    const pairs: [string, string][] = [];
    for (let i = 0; i + 1 < names.length && pairs.length < 4000; i += 2) pairs.push([names[i]!, names[(i * 7 + 3) % names.length]!]);
    // Near duplicates too: FEBRL's own corrupted pairs share a record number.
    for (let i = 0; i + 1 < records.length && pairs.length < 6000; i++) {
      if (records[i]!.given && records[i + 1]!.given)
        pairs.push([records[i]!.given, `${records[i]!.given.slice(0, -1)}${records[i + 1]!.given.slice(0, 1)}`]);
    }
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run('create table p (i integer, a varchar, b varchar)');
    const appender = await connection.createAppender('p');
    pairs.forEach(([a, b], i) => {
      appender.appendInteger(i);
      appender.appendVarchar(a);
      appender.appendVarchar(b);
      appender.endRow();
    });
    appender.closeSync();
    const reader = await connection.runAndReadAll('select i, jaro_winkler_similarity(a, b) as s from p order by i');
    const rows = reader.getRowObjects() as { i: number; s: number }[];
    connection.closeSync();
    instance.closeSync();
    let worst = 0;
    for (const { i, s } of rows) worst = Math.max(worst, Math.abs(jaroWinkler(pairs[i]![0], pairs[i]![1]) - s));
    expect(rows).toHaveLength(pairs.length);
    expect(worst).toBeLessThan(1e-12);
  });
});

describe('edit distances', () => {
  it.each([
    ['smith', 'smith', 0],
    ['smith', 'smyth', 1],
    ['smith', 'simth', 1],
    ['smith', 'smit', 1],
    ['smith', 'xsmith', 1],
    ['smith', 'smiht', 1],
    ['smith', 'msiht', 2],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('Damerau-Levenshtein %s / %s = %i', (a, b, d) => {
    expect(damerauLevenshtein(a, b)).toBe(d);
    expect(damerauLevenshtein(b, a)).toBe(d);
    expect(withinOneEdit(a, b)).toBe(d <= 1);
  });

  it('stops early above the bound', () => {
    expect(damerauLevenshtein('abcdefgh', 'zyxwvuts', 2)).toBe(3);
  });
});
