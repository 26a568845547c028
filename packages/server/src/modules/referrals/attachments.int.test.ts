import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/test-app.ts';
import { attachmentsDir } from './attachments.ts';
import { call, goodReferral, multipartBody, PDF_TINY, referralNetwork, signedConsent, type ReferralNetwork } from './referral.fixtures.ts';

let t: TestApp;
let n: ReferralNetwork;
let referralId: string;
let consentId: string;
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'continuum-attachments-test-'));

beforeAll(async () => {
  t = await buildTestApp({ CONTINUUM_FILES_DIR: filesDir });
  n = await referralNetwork(t);
  consentId = await signedConsent(t, n, [n.otp.id]);
  referralId = (await call(t, n.edClinician, 'POST', '/api/referrals', goodReferral(n), 201)).id;
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

const upload = (who: ReferralNetwork['edClinician'], file: Parameters<typeof multipartBody>[0], fields: Record<string, string> = {}) => {
  const body = multipartBody(file, fields);
  return t.app.inject({
    method: 'POST',
    url: `/api/referrals/${referralId}/attachments`,
    headers: { ...who.headers, 'content-type': body.contentType },
    payload: body.payload,
  });
};

describe('referral attachments', () => {
  let attachmentId: string;

  it('stores an allowed file under a random name outside the web root, and marks the required document present', async () => {
    const res = await upload(
      n.edClinician,
      { name: '../discharge summary.pdf', type: 'application/octet-stream', bytes: PDF_TINY },
      { documentKey: 'discharge' },
    );
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      fileName: 'discharge summary.pdf',
      contentType: 'application/pdf',
      size: PDF_TINY.length,
      documentKey: 'discharge',
      uploadedByName: 'Dana ED',
    });
    attachmentId = a.id;
    const stored = fs.readdirSync(attachmentsDir(filesDir));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^[0-9a-f]{48}$/);
    const detail = await call(t, n.edClinician, 'GET', `/api/referrals/${referralId}`, undefined, 200);
    expect(detail.missingDocuments).toEqual([]);
    expect(detail.attachments.map((x: { id: string }) => x.id)).toEqual([attachmentId]);
  });

  it('refuses a type not on the allow-list, judged by content, and stores nothing', async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, ...Buffer.alloc(40)]);
    const res = await upload(n.edClinician, { name: 'notes.pdf', type: 'application/pdf', bytes: zip });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(fs.readdirSync(attachmentsDir(filesDir))).toHaveLength(1);
  });

  it('takes files larger than the JSON body limit, up to 10 MB', async () => {
    const res = await upload(n.edClinician, { name: 'long-notes.txt', type: 'text/plain', bytes: Buffer.alloc(3 * 1024 * 1024, 0x62) });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ contentType: 'text/plain', size: 3 * 1024 * 1024, documentKey: null });
  });

  it('refuses a file over 10 MB', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x61);
    const res = await upload(n.edClinician, { name: 'big.txt', type: 'text/plain', bytes: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(fs.readdirSync(attachmentsDir(filesDir))).toHaveLength(2);
  });

  it('the receiver downloads it through the chokepoint; a third organization gets 404', async () => {
    const ok = await t.app.inject({
      method: 'GET',
      url: `/api/referrals/${referralId}/attachments/${attachmentId}`,
      headers: n.otpClinician.headers,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('application/pdf');
    expect(ok.headers['content-disposition']).toContain('attachment;');
    expect(ok.rawPayload.equals(PDF_TINY)).toBe(true);
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/referrals/${referralId}/attachments/${attachmentId}`,
      headers: n.otherClinician.headers,
    });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('ATTACHMENT_NOT_FOUND');
    const upOther = await upload(n.otherClinician, { name: 'x.txt', type: 'text/plain', bytes: Buffer.from('hello') });
    expect(upOther.statusCode).toBe(404);
  });

  it('once the consent is revoked, the receiver can no longer read the referral or its files', async () => {
    await call(t, n.edClinician, 'POST', `/api/consents/${consentId}/revoke`, { method: 'written' }, 200);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/referrals/${referralId}/attachments/${attachmentId}`,
      headers: n.otpClinician.headers,
    });
    expect(res.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/referrals/${referralId}`, headers: n.otpClinician.headers })).statusCode).toBe(
      404,
    );
    // The sender still holds its own record.
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/referrals/${referralId}/attachments/${attachmentId}`,
          headers: n.edClinician.headers,
        })
      ).statusCode,
    ).toBe(200);
  });
});
