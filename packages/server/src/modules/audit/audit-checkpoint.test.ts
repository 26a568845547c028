import { describe, expect, it } from 'vitest';
import { activeCheckpoints, checkpointLine, parseCheckpoints, type Checkpoint } from './audit-checkpoint.ts';
import { keyringFromKey } from './audit-key.ts';

const keyring = keyringFromKey(Buffer.alloc(32, 3), null);
const body = (count: number, kind: Checkpoint['kind'] = 'anchor') => ({
  kind,
  at: `2026-12-07T10:0${count}:00.000Z`,
  lastId: String(count),
  lastHash: String(count).repeat(64).slice(0, 64),
  count,
});

describe('checkpoint lines', () => {
  it('read back what was signed', () => {
    const text = [1, 2].map((n) => checkpointLine(body(n), keyring)).join('\n') + '\n';
    expect(parseCheckpoints(text, keyring.keys)).toEqual({ ok: true, checkpoints: [1, 2].map((n) => ({ ...body(n), keyVersion: 1 })) });
  });

  it.each([
    ['a moved count', (line: string) => line.replace('"count":2', '"count":1')],
    ['a moved head', (line: string) => line.replace('"lastId":"2"', '"lastId":"1"')],
    ['no signature', (line: string) => line.replace(/,"sig":"[0-9a-f]+"/, '')],
    ['a line that is not JSON', () => '{"kind":'],
  ])('name the first line with %s', (_label, tamper) => {
    const lines = [1, 2, 3].map((n) => checkpointLine(body(n), keyring));
    lines[1] = tamper(lines[1]!);
    expect(parseCheckpoints(lines.join('\n'), keyring.keys)).toEqual({ ok: false, line: 2 });
  });

  it('do not open under another key', () => {
    const other = keyringFromKey(Buffer.alloc(32, 4), null);
    expect(parseCheckpoints(checkpointLine(body(1), other), keyring.keys)).toEqual({ ok: false, line: 1 });
  });

  it('count from the newest restore on', () => {
    const all = [body(1), body(2), body(1, 'restore'), body(2)].map((b) => ({ ...b, keyVersion: 1 }));
    expect(activeCheckpoints(all)).toEqual(all.slice(2));
    expect(activeCheckpoints(all.slice(0, 2))).toEqual(all.slice(0, 2));
  });
});
