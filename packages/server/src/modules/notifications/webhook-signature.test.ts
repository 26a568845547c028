import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature.ts';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"kind":"referral.received","id":"1"}';
  it('signs "<t>.<body>" with HMAC-SHA256', () => {
    const header = signWebhook(secret, body, 1_700_000_000);
    const mac = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(header).toBe(`t=1700000000,v1=${mac}`);
  });
  it('verifies, and refuses a changed body, another secret, an old timestamp or a malformed header', () => {
    const header = signWebhook(secret, body, 1_700_000_000);
    expect(verifyWebhook(secret, body, header, 1_700_000_100)).toBe(true);
    expect(verifyWebhook(secret, `${body} `, header, 1_700_000_100)).toBe(false);
    expect(verifyWebhook('other', body, header, 1_700_000_100)).toBe(false);
    expect(verifyWebhook(secret, body, header, 1_700_000_000 + 301)).toBe(false);
    expect(verifyWebhook(secret, body, 'v1=abc', 1_700_000_000)).toBe(false);
  });
});
