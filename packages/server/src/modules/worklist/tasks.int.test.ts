import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization, createTestPerson, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, type TestApp } from '../../test-support/test-app.ts';
import { systemAccess } from '../../core/access-context.ts';
import { createWorklistTask } from './tasks.ts';

let t: TestApp;
let peer: { id: string };
let navigatorId: string;
let personId: string;

beforeAll(async () => {
  t = await buildTestApp();
  peer = await createTestOrganization(t.db, t.clock, { name: 'Harbor Peer Recovery', type: 'peer_recovery' });
  navigatorId = (await createTestUser(t.db, t.clock, { organizationId: peer.id, roles: ['care_navigator'] })).id;
  personId = (await createTestPerson(t.db, t.clock, peer.id)).id;
});
afterAll(async () => t?.close());

describe('createWorklistTask', () => {
  it('creates one task per dedupe key and tells the team without naming the person', async () => {
    const task = {
      kind: 'post_overdose' as const,
      personId,
      organizationId: peer.id,
      dueAt: new Date('2026-11-26T12:00:00Z'),
      reason: 'Overdose reported by EMS',
      dedupeKey: 'post_overdose:test-1',
    };
    const first = await t.db.transaction().execute((trx) => createWorklistTask(trx, t.clock, systemAccess('test'), task));
    const second = await t.db.transaction().execute((trx) => createWorklistTask(trx, t.clock, systemAccess('test'), task));
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const rows = await t.db.selectFrom('worklist_tasks').selectAll().where('dedupe_key', '=', 'post_overdose:test-1').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'open', kind: 'post_overdose', organization_id: peer.id });
    const inbox = await t.db.selectFrom('notifications').select(['title', 'body', 'link']).where('user_id', '=', navigatorId).execute();
    expect(inbox).toEqual([
      {
        title: 'New outreach task: Post-overdose outreach',
        body: expect.stringContaining('Due 2026-11-26 12:00 UTC'),
        link: `/worklist/${first.id}`,
      },
    ]);
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', first.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['worklist.task.create']);
  });
});
