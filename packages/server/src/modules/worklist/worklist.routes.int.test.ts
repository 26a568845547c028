import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  part2Notice,
  type WorklistChangeResult,
  type WorklistPage,
  type WorklistTaskDetail,
  type WorklistTaskKind,
} from '@continuum/contracts';
import { createTestOrganization, createTestPerson } from '../../test-support/factories.ts';
import { buildTestApp, signedInAs, type TestApp } from '../../test-support/test-app.ts';
import { systemAccess } from '../../core/access-context.ts';
import { createWorklistTask } from './tasks.ts';

let t: TestApp;
let peer: { id: string };
let otp: { id: string };
let jail: { id: string };
let navigator: Awaited<ReturnType<typeof signedInAs>>;
let colleague: Awaited<ReturnType<typeof signedInAs>>;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let partner: Awaited<ReturnType<typeof signedInAs>>;
let stranger: Awaited<ReturnType<typeof signedInAs>>;
let jailNavigator: Awaited<ReturnType<typeof signedInAs>>;
let personId: string;

async function task(
  kind: WorklistTaskKind,
  dueAt: string,
  options: { organizationId?: string; signalOrganizationId?: string; assignee?: string; person?: string } = {},
) {
  return (
    await t.db.transaction().execute((trx) =>
      createWorklistTask(trx, t.clock, systemAccess('test'), {
        kind,
        personId: options.person ?? personId,
        organizationId: options.organizationId ?? peer.id,
        assigneeUserId: options.assignee ?? null,
        dueAt: new Date(dueAt),
        reason: `Reason for ${kind}`,
        dedupeKey: null,
        signal: {
          organizationId: options.signalOrganizationId ?? options.organizationId ?? peer.id,
          occurredAt: new Date('2026-11-19T08:00:00Z'),
        },
      }),
    )
  ).id;
}

const get = (who: { headers: Record<string, string> }, url: string) => t.app.inject({ method: 'GET', url, headers: who.headers });
const post = (who: { headers: Record<string, string> }, url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
const list = async (who: { headers: Record<string, string> }, query = '') => {
  const res = await get(who, `/api/worklist/tasks${query}`);
  expect(res.statusCode).toBe(200);
  return res.json<WorklistPage>();
};

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-20T12:00:00Z'));
  peer = await createTestOrganization(t.db, t.clock, { name: 'Harbor Peer Recovery', type: 'peer_recovery' });
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
  jail = await createTestOrganization(t.db, t.clock, { name: 'Harbor County Jail', type: 'corrections' });
  navigator = await signedInAs(t, ['care_navigator'], { organizationId: peer.id });
  colleague = await signedInAs(t, ['care_navigator'], { organizationId: peer.id });
  admin = await signedInAs(t, ['org_admin'], { organizationId: peer.id });
  partner = await signedInAs(t, ['partner_staff'], { organizationId: peer.id });
  stranger = await signedInAs(t, ['care_navigator'], { organizationId: otp.id });
  jailNavigator = await signedInAs(t, ['care_navigator'], { organizationId: jail.id });
  personId = (
    await createTestPerson(t.db, t.clock, peer.id, {
      givenName: 'Jordan',
      phone: '555-0142',
      address: { line1: '8 Pier St', city: 'Port Harbor', postalCode: '97101' },
    })
  ).id;
});
afterAll(async () => t?.close());

describe('GET /api/worklist/tasks', () => {
  it("lists the team's tasks soonest due first (overdue on top), mine, and filters by kind, status and overdue", async () => {
    const later = await task('no_show', '2026-11-22T12:00:00Z');
    const overdue = await task('post_overdose', '2026-11-20T08:00:00Z', { assignee: navigator.user.id });
    const soon = await task('custody_release_no_moud', '2026-11-21T09:00:00Z');
    const team = await list(navigator, '?scope=team&limit=50');
    const ids = team.items.map((i) => i.id);
    expect(ids.indexOf(overdue)).toBeLessThan(ids.indexOf(soon));
    expect(ids.indexOf(soon)).toBeLessThan(ids.indexOf(later));
    const first = team.items.find((i) => i.id === overdue)!;
    expect(first).toMatchObject({
      kind: 'post_overdose',
      status: 'open',
      overdue: true,
      restricted: false,
      reason: 'Reason for post_overdose',
      assignee: { id: navigator.user.id },
    });
    expect(first.person).toMatchObject({ id: personId, givenName: 'Jordan' });

    expect((await list(navigator, '?scope=mine')).items.map((i) => i.id)).toEqual([overdue]);
    expect((await list(colleague, '?scope=mine')).items).toEqual([]);
    expect((await list(navigator, '?kind=no_show')).items.map((i) => i.id)).toEqual([later]);
    expect((await list(navigator, '?overdue=true')).items.map((i) => i.id)).toEqual([overdue]);
    expect((await list(navigator, `?personId=${personId}&limit=2`)).hasMore).toBe(true);
    // Another organization's navigator sees none of them.
    expect((await list(stranger)).items.filter((i) => [later, overdue, soon].includes(i.id))).toEqual([]);
  });

  it('is for care navigators, clinicians and organization administrators; the query is validated', async () => {
    expect((await get(partner, '/api/worklist/tasks')).statusCode).toBe(403);
    const bad = await get(navigator, '/api/worklist/tasks?kind=everything');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].path).toContain('kind');
    expect((await t.app.inject({ method: 'GET', url: '/api/worklist/tasks' })).statusCode).toBe(401);
  });

  it("shows a task whose signal is a Part 2 program's record without consent as restricted, and in full under consent with the 2.32 notice", async () => {
    const someone = (await createTestPerson(t.db, t.clock, peer.id)).id;
    const gap = await task('moud_gap', '2026-11-21T00:00:00Z', { signalOrganizationId: otp.id, person: someone });
    const row = (await list(navigator, `?personId=${someone}`)).items[0]!;
    expect(row).toMatchObject({ id: gap, kind: 'moud_gap', restricted: true, person: null, reason: null });
    const hidden = (await get(navigator, `/api/worklist/tasks/${gap}`)).json<WorklistTaskDetail>();
    expect(hidden).toMatchObject({ restricted: true, person: null, contact: null, attempts: [], redisclosureNotice: null });

    await t.db
      .insertInto('consents')
      .values({
        person_id: someone,
        person_name: 'Avery Testperson',
        type: 'standard',
        status: 'signed',
        disclosers: JSON.stringify({ type: 'organizations', organizationIds: [otp.id] }),
        recipients: JSON.stringify({ type: 'organizations', organizationIds: [peer.id] }),
        purposes: ['care_coordination'],
        kinds: ['medications'],
        information_description: 'My medications',
        language: 'en',
        expires_on: '2027-12-31',
        expiry_event: null,
        signed_at: t.clock.now(),
        created_by_organization_id: peer.id,
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      })
      .execute();
    const shown = (await get(navigator, `/api/worklist/tasks/${gap}`)).json<WorklistTaskDetail>();
    expect(shown).toMatchObject({ restricted: false, reason: 'Reason for moud_gap', redisclosureNotice: part2Notice.en.full });
    const disclosures = await t.db
      .selectFrom('disclosures')
      .select(['kinds', 'source_organization_id', 'basis'])
      .where('person_id', '=', someone)
      .where('source_organization_id', '=', otp.id)
      .execute();
    expect(disclosures).toContainEqual({ kinds: ['medications'], source_organization_id: otp.id, basis: 'consent' });
  });
});

describe('GET /api/worklist/tasks/:id', () => {
  it("gives the person's summary and contact details, why, and the signal; another organization gets not found", async () => {
    const id = await task('custody_release_no_moud', '2026-11-21T12:00:00Z');
    const res = await get(navigator, `/api/worklist/tasks/${id}`);
    expect(res.statusCode).toBe(200);
    const detail = res.json<WorklistTaskDetail>();
    expect(detail).toMatchObject({
      person: { id: personId, givenName: 'Jordan' },
      contact: { phone: '555-0142', address: '8 Pier St, Port Harbor 97101' },
      reason: 'Reason for custody_release_no_moud',
      signal: { organizationId: peer.id, organizationName: 'Harbor Peer Recovery', occurredAt: '2026-11-19T08:00:00.000Z' },
      attempts: [],
    });
    expect(detail.assignableUsers.map((u) => u.id).sort()).toEqual([navigator.user.id, colleague.user.id].sort());
    const other = await get(stranger, `/api/worklist/tasks/${id}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('WORKLIST_TASK_NOT_FOUND');
    expect(other.body).not.toContain(personId);
  });
});

describe('changes', () => {
  it('assigns to a care navigator of the owning organization (who is told), never to anyone else', async () => {
    const id = await task('no_show', '2026-11-21T12:00:00Z');
    const wrong = await post(admin, `/api/worklist/tasks/${id}/assign`, { userId: stranger.user.id });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.fields).toEqual([{ path: 'body.userId', message: expect.any(String) }]);
    expect(
      (await t.db.selectFrom('worklist_tasks').select('assignee_user_id').where('id', '=', id).executeTakeFirstOrThrow()).assignee_user_id,
    ).toBeNull();

    const ok = await post(admin, `/api/worklist/tasks/${id}/assign`, { userId: colleague.user.id });
    expect(ok.statusCode).toBe(200);
    // The administrator sees no person-level data, but the assignment is made.
    expect(ok.json<WorklistChangeResult>().task).toMatchObject({ id, assignee: { id: colleague.user.id }, restricted: true, person: null });
    const inbox = await t.db
      .selectFrom('notifications')
      .select(['title', 'body'])
      .where('user_id', '=', colleague.user.id)
      .where('link', '=', `/worklist/${id}`)
      .where('title', 'like', 'Outreach task assigned%')
      .execute();
    expect(inbox).toEqual([{ title: 'Outreach task assigned to you: Missed appointment', body: expect.not.stringContaining('Jordan') }]);
    expect((await list(colleague, '?scope=mine')).items.map((i) => i.id)).toContain(id);
    const audit = await t.db.selectFrom('audit_events').select(['action', 'details']).where('entity_id', '=', id).orderBy('id').execute();
    expect(audit.at(-1)).toEqual({ action: 'worklist.task.assign', details: { assigned: true } });
  });

  it('snoozes until a future time with a reason; the task leaves the open list and comes back when the time comes', async () => {
    const id = await task('moud_gap', '2026-11-20T10:00:00Z');
    const past = await post(navigator, `/api/worklist/tasks/${id}/snooze`, { until: '2026-11-20T11:00:00Z', reason: 'Call back' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details.fields[0].path).toBe('body.until');
    const noReason = await post(navigator, `/api/worklist/tasks/${id}/snooze`, { until: '2026-11-21T11:00:00Z', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details.fields[0].path).toBe('body.reason');

    const ok = await post(navigator, `/api/worklist/tasks/${id}/snooze`, {
      until: '2026-11-20T12:30:00Z',
      reason: 'Person asked to talk after their court hearing',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<WorklistChangeResult>().task).toMatchObject({
      status: 'snoozed',
      snoozedUntil: '2026-11-20T12:30:00.000Z',
      snoozeReason: 'Person asked to talk after their court hearing',
    });
    expect((await list(navigator, '?status=open&limit=100')).items.map((i) => i.id)).not.toContain(id);
    expect((await list(navigator, '?status=snoozed&limit=100')).items.map((i) => i.id)).toContain(id);
    // (Within the session's idle time.)
    t.clock.set(new Date('2026-11-20T12:30:00Z'));
    try {
      expect((await list(navigator, '?status=open&limit=100')).items.find((i) => i.id === id)).toMatchObject({ status: 'open' });
    } finally {
      t.clock.set(new Date('2026-11-20T12:00:00Z'));
    }
  });

  it('logs a contact attempt on the task and on the person timeline (method and result, not the note)', async () => {
    const id = await task('post_overdose', '2026-11-21T12:00:00Z');
    const future = await post(navigator, `/api/worklist/tasks/${id}/attempts`, {
      method: 'phone',
      result: 'no_answer',
      attemptedAt: '2026-11-21T12:00:00Z',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.fields[0].path).toBe('body.attemptedAt');
    const badMethod = await post(navigator, `/api/worklist/tasks/${id}/attempts`, { method: 'pigeon', result: 'no_answer' });
    expect(badMethod.statusCode).toBe(400);

    const res = await post(navigator, `/api/worklist/tasks/${id}/attempts`, {
      method: 'phone',
      result: 'left_message',
      note: 'Left a voicemail; the user may call back',
      attemptedAt: '2026-11-20T11:30:00Z',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<WorklistChangeResult>().languageFlags.map((f) => f.term)).toEqual(['user']);
    const detail = (await get(navigator, `/api/worklist/tasks/${id}`)).json<WorklistTaskDetail>();
    expect(detail.attempts).toEqual([
      {
        id: expect.any(String),
        method: 'phone',
        result: 'left_message',
        note: 'Left a voicemail; the user may call back',
        attemptedAt: '2026-11-20T11:30:00.000Z',
        user: { id: navigator.user.id, name: expect.any(String) },
      },
    ]);
    const notes = await t.db
      .selectFrom('person_events')
      .select(['type', 'title', 'detail', 'organization_id', 'source'])
      .where('person_id', '=', personId)
      .where('source', '=', 'worklist')
      .execute();
    expect(notes).toContainEqual({
      type: 'note',
      title: 'Outreach contact attempt',
      detail: 'Phone call: left a message',
      organization_id: peer.id,
      source: 'worklist',
    });
    expect(JSON.stringify(notes)).not.toContain('voicemail');
  });

  it('an administrator without a reading role cannot log outreach for a person they may not see', async () => {
    const id = await task('post_overdose', '2026-11-21T12:00:00Z');
    const res = await post(admin, `/api/worklist/tasks/${id}/attempts`, { method: 'phone', result: 'reached' });
    expect(res.statusCode).toBe(403);
    expect(await t.db.selectFrom('worklist_contact_attempts').select('id').where('task_id', '=', id).execute()).toEqual([]);
  });

  it('completes with an outcome and a note, flags stigmatizing words without refusing them, and then the task is closed', async () => {
    const id = await task('post_overdose', '2026-11-21T12:00:00Z');
    const noOutcome = await post(navigator, `/api/worklist/tasks/${id}/complete`, { note: 'done' });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.json().error.details.fields[0].path).toBe('body.outcome');

    const res = await post(navigator, `/api/worklist/tasks/${id}/complete`, {
      outcome: 'accepted_naloxone',
      note: 'Met at the shelter; he has been clean for a week and took a naloxone kit',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<WorklistChangeResult>();
    expect(body.task).toMatchObject({
      status: 'done',
      outcome: 'accepted_naloxone',
      overdue: false,
      completedAt: '2026-11-20T12:00:00.000Z',
    });
    expect(body.languageFlags).toEqual([
      expect.objectContaining({ term: 'been clean', suggestions: expect.arrayContaining(['in recovery']) }),
    ]);
    const row = await t.db
      .selectFrom('worklist_tasks')
      .select(['outcome_note', 'completed_by_user_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      outcome_note: 'Met at the shelter; he has been clean for a week and took a naloxone kit',
      completed_by_user_id: navigator.user.id,
    });
    expect((await list(navigator, '?status=done&limit=100')).items.map((i) => i.id)).toContain(id);

    for (const [path, payload] of [
      ['complete', { outcome: 'reached' }],
      ['snooze', { until: '2026-11-21T11:00:00Z', reason: 'later' }],
      ['assign', { userId: null }],
      ['attempts', { method: 'phone', result: 'reached' }],
    ] as const) {
      const again = await post(navigator, `/api/worklist/tasks/${id}/${path}`, payload);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('WORKLIST_TASK_CLOSED');
    }
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['worklist.task.create', 'worklist.task.complete']);
  });

  it("a navigator of another organization changes nothing on a task that is not their organization's", async () => {
    const id = await task('no_show', '2026-11-21T12:00:00Z', { organizationId: jail.id });
    const res = await post(navigator, `/api/worklist/tasks/${id}/complete`, { outcome: 'reached' });
    expect(res.statusCode).toBe(404);
    expect((await t.db.selectFrom('worklist_tasks').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('open');
    expect((await post(jailNavigator, `/api/worklist/tasks/${id}/complete`, { outcome: 'not_needed' })).statusCode).toBe(200);
  });
});

describe('POST /api/worklist/tasks (by hand)', () => {
  it('makes a task for a person the caller may see, assigned to the caller, with language flags on the reason', async () => {
    const res = await post(navigator, '/api/worklist/tasks', {
      personId,
      dueAt: '2026-11-21T09:00:00Z',
      reason: 'Check in after court; family worried he relapsed',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<WorklistChangeResult>();
    expect(body.task).toMatchObject({
      kind: 'manual',
      status: 'open',
      organizationId: peer.id,
      assignee: { id: navigator.user.id },
      person: { id: personId },
      restricted: false,
    });
    expect(body.languageFlags.map((f) => f.term)).toEqual(['relapsed']);
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', body.task.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['worklist.task.create']);
  });

  it('refuses a person the caller may not see (not found), a due time a year out, and an assignee from elsewhere; creates nothing', async () => {
    const elsewhere = (await createTestPerson(t.db, t.clock, otp.id)).id;
    const before = await t.db
      .selectFrom('worklist_tasks')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const hidden = await post(navigator, '/api/worklist/tasks', { personId: elsewhere, dueAt: '2026-11-21T09:00:00Z', reason: 'Check in' });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('PERSON_NOT_FOUND');
    const late = await post(navigator, '/api/worklist/tasks', { personId, dueAt: '2028-01-01T00:00:00Z', reason: 'Check in' });
    expect(late.json().error.details.fields[0].path).toBe('body.dueAt');
    const wrong = await post(navigator, '/api/worklist/tasks', {
      personId,
      dueAt: '2026-11-21T09:00:00Z',
      reason: 'Check in',
      assigneeUserId: stranger.user.id,
    });
    expect(wrong.json().error.details.fields[0].path).toBe('body.assigneeUserId');
    const empty = await post(navigator, '/api/worklist/tasks', { personId, dueAt: '2026-11-21T09:00:00Z', reason: '' });
    expect(empty.json().error.details.fields[0].path).toBe('body.reason');
    const after = await t.db
      .selectFrom('worklist_tasks')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('OpenAPI', () => {
  it('documents the worklist endpoints', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/worklist/tasks', '/api/worklist/tasks/{id}', '/api/worklist/tasks/{id}/attempts']));
  });
});
