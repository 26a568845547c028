import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

/*
 * Secrets Continuum must keep and use later (an EHR connection's SMART client secret, a launch's
 * PKCE verifier and the EHR patient it carries until the user registers them) are stored sealed
 * with AES-256-GCM (NIST SP 800-38D) under a key that never enters the database: the
 * CONTINUUM_SECRET_KEY variable, or the key file `<data dir>/secret.key` made with mode 0600 on first
 * start. A database dump or backup alone does not reveal them.
 *
 * Sealed form: `enc:v1:<key id>:<iv>:<ciphertext>:<tag>` (base64url). The key id (the first 8 hex
 * digits of SHA-256 of the key) lets a server holding another key say so plainly instead of failing
 * deep in a decryption. Each value is bound (additional authenticated data) to where it is stored,
 * e.g. `ehr_connections.smart_client_secret:<id>`, so a sealed value copied to another row or column
 * does not open.
 */

const PREFIX = 'enc:v1:';
const KEY_BYTES = 32;
/** 96-bit IVs, as SP 800-38D recommends for GCM; random per value. */
const IV_BYTES = 12;

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

export interface SecretBox {
  /** The key's id: the first 8 hex digits of its SHA-256 (not secret). */
  readonly keyId: string;
  seal(plain: string, boundTo: string): string;
  /** Opens a sealed value; throws SecretKeyError when it was sealed under another key, bound elsewhere or altered. */
  open(sealed: string, boundTo: string): string;
}

export const isSealed = (value: string) => value.startsWith(PREFIX);

/** Reads a key written as 64 hex digits or as base64/base64url of 32 bytes; null when it is neither. */
export function parseSecretKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return key.length === KEY_BYTES ? key : null;
  }
  return null;
}

export function secretBoxFromKey(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) throw new SecretKeyError(`The secret key must be ${KEY_BYTES} bytes.`);
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
  return {
    keyId,
    seal(plain, boundTo) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(boundTo, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, ciphertext, cipher.getAuthTag()].map((b) => b.toString('base64url'));
      return `${PREFIX}${keyId}:${parts.join(':')}`;
    },
    open(sealed, boundTo) {
      if (!isSealed(sealed)) throw new SecretKeyError('The stored value is not sealed; run `continuum db migrate` to seal stored secrets.');
      const [sealedKeyId, iv, ciphertext, tag] = sealed.slice(PREFIX.length).split(':');
      if (!sealedKeyId || iv === undefined || ciphertext === undefined || tag === undefined)
        throw new SecretKeyError('The stored secret is damaged.');
      if (sealedKeyId !== keyId)
        throw new SecretKeyError(
          `A stored secret was sealed with key ${sealedKeyId}, but this server's key is ${keyId}: set CONTINUUM_SECRET_KEY (or restore the key file) to the key it was sealed with.`,
        );
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(boundTo, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretKeyError('A stored secret failed its integrity check: it was altered or belongs to another record.');
      }
    },
  };
}

/** Reads the key file, or creates it (0600, in a folder made 0700 if missing) when it does not exist yet. */
export function keyFromFile(file: string): Buffer {
  try {
    const key = parseSecretKey(fs.readFileSync(file, 'utf8'));
    if (!key) throw new SecretKeyError(`The secret key file ${file} does not hold a 32-byte key (64 hex digits or base64).`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  try {
    // `wx`: never overwrite a key another process wrote first.
    fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return keyFromFile(file);
    throw error;
  }
}

const boxes = new Map<string, SecretBox>();

/** The server's secret box from its configuration (the key is read, or the key file made, once per process). */
export function secretBox(config: Config): SecretBox {
  const source = config.secretKey;
  const cacheKey = source.kind === 'env' ? `env:${source.key}` : `file:${source.path}`;
  let box = boxes.get(cacheKey);
  if (!box) {
    const key = source.kind === 'env' ? parseSecretKey(source.key) : keyFromFile(source.path);
    if (!key) throw new SecretKeyError('CONTINUUM_SECRET_KEY must be 32 bytes written as 64 hex digits or base64.');
    box = secretBoxFromKey(key);
    boxes.set(cacheKey, box);
  }
  return box;
}
