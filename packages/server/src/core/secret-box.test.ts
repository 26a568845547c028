import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../test-support/test-app.ts';
import { isSealed, parseSecretKey, secretBox, secretBoxFromKey, SecretKeyError } from './secret-box.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-secret-box-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('secret box', () => {
  const box = secretBoxFromKey(randomBytes(32));

  it('seals to a value that is not the plaintext and opens it again where it was bound', () => {
    const sealed = box.seal('client-secret-value', 'ehr_connections.smart_client_secret:1');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('client-secret-value');
    expect(sealed.startsWith(`enc:v1:${box.keyId}:`)).toBe(true);
    expect(box.open(sealed, 'ehr_connections.smart_client_secret:1')).toBe('client-secret-value');
    // A fresh IV each time: the same secret never seals to the same text.
    expect(box.seal('client-secret-value', 'x')).not.toBe(box.seal('client-secret-value', 'x'));
  });

  it('refuses a value sealed under another key, naming both key ids', () => {
    const other = secretBoxFromKey(randomBytes(32));
    const sealed = other.seal('s', 'here');
    expect(() => box.open(sealed, 'here')).toThrow(SecretKeyError);
    expect(() => box.open(sealed, 'here')).toThrow(`sealed with key ${other.keyId}, but this server's key is ${box.keyId}`);
  });

  it('refuses a value moved to another row, an altered value and a plaintext value', () => {
    const sealed = box.seal('s', 'row:1');
    expect(() => box.open(sealed, 'row:2')).toThrow('failed its integrity check');
    const parts = sealed.split(':');
    parts[4] = Buffer.from('t').toString('base64url');
    expect(() => box.open(parts.join(':'), 'row:1')).toThrow('failed its integrity check');
    expect(() => box.open('plain-secret', 'row:1')).toThrow('not sealed');
  });

  it.each([
    ['64 hex digits', 'ab'.repeat(32), true],
    ['base64 of 32 bytes', randomBytes(32).toString('base64'), true],
    ['base64url of 32 bytes', randomBytes(32).toString('base64url'), true],
    ['too short', 'ab'.repeat(16), false],
    ['a passphrase', 'correct horse battery staple', false],
  ])('reads a key written as %s: %s', (_label, text, ok) => {
    expect(parseSecretKey(text) !== null).toBe(ok);
  });

  it('makes the key file with mode 0600 on first use and reads the same key after', () => {
    const file = path.join(dir, 'data', 'secret.key');
    const config = testConfig({ CONTINUUM_SECRET_KEY_FILE: file });
    const first = secretBox(config);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const sealed = first.seal('s', 'b');
    // Another process with the same file: the same key.
    const again = secretBoxFromKey(parseSecretKey(fs.readFileSync(file, 'utf8'))!);
    expect(again.open(sealed, 'b')).toBe('s');
  });

  it('takes the key from CONTINUUM_SECRET_KEY when set, and refuses a malformed one at start', () => {
    const key = randomBytes(32);
    const box2 = secretBox(testConfig({ CONTINUUM_SECRET_KEY: key.toString('hex') }));
    expect(box2.keyId).toBe(secretBoxFromKey(key).keyId);
    expect(() => testConfig({ CONTINUUM_SECRET_KEY: 'short' })).toThrow('CONTINUUM_SECRET_KEY: must be 32 bytes');
  });
});
