import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization, createTestPerson } from '../../test-support/factories.ts';
import { buildTestApp, type TestApp } from '../../test-support/test-app.ts';
import { systemAccess, type AccessContext } from '../../core/access-context.ts';
import { peopleForSystemWork } from './system-people.ts';

let t: TestApp;
let org: { id: string };
beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrganization(t.db, t.clock);
  for (let i = 0; i < 3; i++) await createTestPerson(t.db, t.clock, org.id, { givenName: `Person${i}` });
});
afterAll(async () => t?.close());

describe('peopleForSystemWork', () => {
  it('lists people for a system context', async () => {
    const people = await peopleForSystemWork(t.db, systemAccess('test'), { limit: 2 });
    expect(people).toHaveLength(2);
    expect(people[0]).toMatchObject({ registeredByOrganizationId: org.id });
    expect(people[0]!.name).toMatch(/^Person\d /);
    expect(await peopleForSystemWork(t.db, systemAccess('test'), { limit: 10, demoOnly: true })).toEqual([]);
  });

  it('refuses anyone else, even a clinician of the registering organization', async () => {
    const clinician: AccessContext = {
      actor: { type: 'user', userId: '00000000-0000-4000-8000-000000000001', sessionId: 's' },
      organizationId: org.id,
      roles: ['clinician'],
      requestId: null,
    };
    await expect(peopleForSystemWork(t.db, clinician, { limit: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
