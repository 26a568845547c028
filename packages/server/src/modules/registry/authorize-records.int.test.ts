import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization, createTestPerson, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, type TestApp } from '../../test-support/test-app.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { authorizeRecords, type RecordToRead } from './chokepoint.ts';
import { readContext } from './people.ts';

let t: TestApp;
let ed: { id: string };
let otp: { id: string };
let stranger: { id: string };
let personId: string;
const access = (organizationId: string, userId: string): AccessContext => ({
  actor: { type: 'user', userId, sessionId: 's' },
  organizationId,
  roles: ['clinician'],
  requestId: null,
});
let edUser: string;
let strangerUser: string;

beforeAll(async () => {
  t = await buildTestApp();
  ed = await createTestOrganization(t.db, t.clock, { name: 'Harbor General ED', type: 'emergency_department' });
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
  stranger = await createTestOrganization(t.db, t.clock, { name: 'Faraway Clinic', type: 'primary_care' });
  edUser = (await createTestUser(t.db, t.clock, { organizationId: ed.id, roles: ['clinician'] })).id;
  strangerUser = (await createTestUser(t.db, t.clock, { organizationId: stranger.id, roles: ['clinician'] })).id;
  personId = (await createTestPerson(t.db, t.clock, ed.id)).id;
});
afterAll(async () => t?.close());

const records = (): RecordToRead[] => [
  { personId, kind: 'referrals', sensitivity: 'normal', sourceOrganizationId: ed.id, ref: { type: 'referral', id: 'r-own' } },
  { personId, kind: 'referrals', sensitivity: 'part2', sourceOrganizationId: otp.id, ref: { type: 'referral', id: 'r-otp' } },
];

describe('authorizeRecords', () => {
  it('keeps what the caller may see and counts what they may not', async () => {
    const result = await t.db.transaction().execute((trx) => authorizeRecords(trx, readContext(access(ed.id, edUser), t.clock), records()));
    expect(result.permitted.map((r) => [r.ref.id, r.basis, r.person.id])).toEqual([['r-own', 'own_organization', personId]]);
    expect(result.restricted).toEqual([{ kind: 'referrals', count: 1 }]);
  });

  it('leaves out every record of a person the caller may not see, without a marker', async () => {
    const result = await t.db
      .transaction()
      .execute((trx) => authorizeRecords(trx, readContext(access(stranger.id, strangerUser), t.clock), records()));
    expect(result).toEqual({ permitted: [], restricted: [] });
  });
});
