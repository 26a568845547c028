import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization } from '../../test-support/factories.ts';
import { buildTestApp, signedInAs, type TestApp } from '../../test-support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('GET /api/organizations (pickers)', () => {
  it('lists active organizations by name for any signed-in staff member, with a name filter', async () => {
    const housing = await createTestOrganization(t.db, t.clock, { name: 'Anchor House', type: 'recovery_housing' });
    const closed = await createTestOrganization(t.db, t.clock, { name: 'Anchor Closed Clinic' });
    await t.db.updateTable('organizations').set({ active: false }).where('id', '=', closed.id).execute();
    const partner = await signedInAs(t, ['partner_staff']);
    const res = await t.app.inject({ method: 'GET', url: '/api/organizations?q=anchor', headers: { cookie: partner.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([{ id: housing.id, name: 'Anchor House', type: 'recovery_housing' }]);
    const typed = await t.app.inject({
      method: 'GET',
      url: '/api/organizations?type=recovery_housing',
      headers: { cookie: partner.cookie },
    });
    expect(typed.json().items.map((o: { id: string }) => o.id)).toEqual([housing.id]);
  });

  it('requires sign-in', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/organizations' })).statusCode).toBe(401);
  });
});
