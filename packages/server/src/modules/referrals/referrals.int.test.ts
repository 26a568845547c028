import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization } from '../../test-support/factories.ts';
import { systemAccess } from '../../core/access-context.ts';
import { insertPathway } from './pathways.ts';
import { buildTestApp, type TestApp } from '../../test-support/test-app.ts';
import { call, goodReferral, referralNetwork, signedConsent, type ReferralNetwork } from './referral.fixtures.ts';
import { HOUR_MS } from '@continuum/contracts';

let t: TestApp;
let n: ReferralNetwork;

beforeAll(async () => {
  // Long sessions: the test moves the clock by days.
  t = await buildTestApp({ CONTINUUM_SESSION_IDLE_MINUTES: '1440', CONTINUUM_SESSION_MAX_HOURS: '168' });
  n = await referralNetwork(t);
});
afterAll(async () => t?.close());

const countReferrals = async () =>
  Number(
    (
      await t.db
        .selectFrom('referrals')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('pathways', () => {
  it('the receiver’s administrator creates and versions a pathway; others may not', async () => {
    const created = await call(t, n.otpAdmin, 'GET', `/api/referral-pathways/${n.pathway.id}`, undefined, 200);
    expect(created).toMatchObject({
      version: 1,
      name: 'ED to buprenorphine',
      receiverOrganizationName: 'Tidewater Treatment',
      active: true,
      ackHours: 24,
      services: [{ name: 'Buprenorphine clinic', kind: 'moud' }],
    });
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/referral-pathways',
      headers: n.edClinician.headers,
      payload: n.pathwayInput,
    });
    expect(denied.statusCode).toBe(403);
    const v2 = await call(
      t,
      n.otpAdmin,
      'PUT',
      `/api/referral-pathways/${n.pathway.id}`,
      { ...n.pathwayInput, ackHours: 12, name: 'ED to buprenorphine (same day)' },
      200,
    );
    expect(v2).toMatchObject({ version: 2, ackHours: 12 });
    expect(v2.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const v1 = await call(t, n.edClinician, 'GET', `/api/referral-pathways/${n.pathway.id}/versions/1`, undefined, 200);
    expect(v1).toMatchObject({ version: 1, ackHours: 24, canRefer: true, canEdit: false });
    const list = await call(t, n.edClinician, 'GET', '/api/referral-pathways?canRefer=true', undefined, 200);
    expect(list.items.map((p: { id: string; version: number }) => [p.id, p.version])).toEqual([[n.pathway.id, 2]]);
    expect((await call(t, n.otherClinician, 'GET', '/api/referral-pathways?canRefer=true', undefined, 200)).items).toEqual([]);
    // Back to the first terms for the rest of the tests.
    await call(t, n.otpAdmin, 'PUT', `/api/referral-pathways/${n.pathway.id}`, n.pathwayInput, 200);
  });

  it('refuses services that are not the receiver’s', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/referral-pathways',
      headers: n.otpAdmin.headers,
      payload: { ...n.pathwayInput, serviceIds: ['00000000-0000-4000-8000-000000000001'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('body.serviceIds.0');
  });
});

describe('sending a referral', () => {
  it('needs a consent that covers the receiver: CONSENT_REQUIRED, nothing created', async () => {
    const before = await countReferrals();
    const res = await t.app.inject({ method: 'POST', url: '/api/referrals', headers: n.edClinician.headers, payload: goodReferral(n) });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CONSENT_REQUIRED');
    expect(await countReferrals()).toBe(before);
    // A consent naming another organization does not cover it either.
    const elsewhere = await createTestOrganization(t.db, t.clock, { name: 'Elsewhere Recovery', type: 'peer_recovery' });
    await signedConsent(t, n, [elsewhere.id]);
    const again = await t.app.inject({ method: 'POST', url: '/api/referrals', headers: n.edClinician.headers, payload: goodReferral(n) });
    expect(again.json().error).toMatchObject({
      code: 'CONSENT_REQUIRED',
      details: { fields: [{ path: 'body.consentId', message: 'WRONG_RECIPIENT' }] },
    });
    expect(await countReferrals()).toBe(before);
    // Until a consent names it, the receiver cannot see the person at all.
    expect((await call(t, n.otpClinician, 'GET', `/api/people/${n.person.id}`)).error.code).toBe('PERSON_NOT_FOUND');
  });

  it('enforces the pathway’s required fields and criteria, naming the field', async () => {
    await signedConsent(t, n, [n.otp.id]);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/referrals',
      headers: n.edClinician.headers,
      payload: goodReferral(n, { answers: {}, criteriaConfirmed: ['oud'] }),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'body.answers.last_use',
      'body.criteriaConfirmed',
    ]);
    const notOnPathway = await t.app.inject({
      method: 'POST',
      url: '/api/referrals',
      headers: n.otherClinician.headers,
      payload: goodReferral(n),
    });
    // The other organization cannot see the person at all.
    expect(notOnPathway.statusCode).toBe(404);
  });

  it('sends with a covering consent; the receiver is notified and can open the person', async () => {
    const sent = await call(t, n.edClinician, 'POST', '/api/referrals', goodReferral(n), 201);
    expect(sent).toMatchObject({
      status: 'requested',
      side: 'sender',
      serviceKind: 'moud',
      urgency: 'urgent',
      senderName: 'Dana ED',
      allowedEvents: ['cancel'],
      missingDocuments: [{ key: 'discharge' }],
    });
    expect(sent.ackDueAt).toBe('2026-01-16T12:00:00.000Z');
    expect(sent.firstContactDueAt).toBe('2026-01-18T12:00:00.000Z');
    expect(sent.history).toHaveLength(1);

    const inbox = await call(t, n.otpClinician, 'GET', '/api/notifications', undefined, 200);
    const received = inbox.items.find((x: { kind: string }) => x.kind === 'referral.received');
    expect(received).toMatchObject({ link: `/referrals/${sent.id}`, title: 'A new referral has arrived' });
    expect(JSON.stringify(received)).not.toContain('Avery');

    const person = await call(t, n.otpClinician, 'GET', `/api/people/${n.person.id}`, undefined, 200);
    expect(person.id).toBe(n.person.id);
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', sent.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['referral.create']);
  });
});

describe('the closed loop', () => {
  let id: string;
  beforeAll(async () => {
    id = (await call(t, n.edClinician, 'POST', '/api/referrals', goodReferral(n), 201)).id;
  });
  const act = (who: ReferralNetwork['edClinician'], body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/referrals/${id}/transitions`, headers: who.headers, payload: body });

  it('only the receiver acts on a received referral', async () => {
    const bySender = await act(n.edClinician, { event: 'receive' });
    expect(bySender.statusCode).toBe(409);
    expect(bySender.json().error.code).toBe('REFERRAL_TRANSITION_INVALID');
    const byNavigator = await act(n.edNavigator, { event: 'accept' });
    expect(byNavigator.statusCode).toBe(409);
  });

  it('a third organization sees nothing', async () => {
    for (const url of [`/api/referrals/${id}`, `/api/people/${n.person.id}`]) {
      expect((await t.app.inject({ method: 'GET', url, headers: n.otherClinician.headers })).statusCode).toBe(404);
    }
    expect((await act(n.otherClinician, { event: 'receive' })).statusCode).toBe(404);
    const lists = await call(t, n.otherClinician, 'GET', '/api/referrals?box=inbox', undefined, 200);
    expect(lists.total).toBe(0);
  });

  it('acknowledge → accept → schedule → attend → complete, each recorded with who, when and why', async () => {
    expect((await act(n.otpClinician, { event: 'receive' })).json()).toMatchObject({
      status: 'received',
      acknowledgedAt: '2026-01-15T12:00:00.000Z',
      side: 'receiver',
    });
    t.clock.advance(HOUR_MS);
    expect((await act(n.otpClinician, { event: 'accept', note: 'Intake will call today' })).json().status).toBe('accepted');
    const noTime = await act(n.otpClinician, { event: 'schedule' });
    expect(noTime.statusCode).toBe(400);
    expect(noTime.json().error.details.fields[0].path).toBe('body.appointmentAt');
    expect((await act(n.otpClinician, { event: 'schedule', appointmentAt: '2026-01-17T17:00:00.000Z' })).json()).toMatchObject({
      status: 'scheduled',
      appointmentAt: '2026-01-17T17:00:00.000Z',
    });
    const handoff = await call(
      t,
      n.edClinician,
      'PUT',
      `/api/referrals/${id}/handoff`,
      { mode: 'phone', at: '2026-01-15T13:30:00.000Z', senderStaffName: 'Dana ED', receiverStaffName: 'Oli OTP' },
      200,
    );
    expect(handoff.handoff).toMatchObject({
      mode: 'phone',
      senderStaffName: 'Dana ED',
      receiverStaffName: 'Oli OTP',
      recordedByName: 'Dana ED',
    });
    expect((await act(n.otpClinician, { event: 'attend' })).json().status).toBe('in_progress');
    const noOutcome = await act(n.otpClinician, { event: 'complete' });
    expect(noOutcome.json().error.details.fields[0].path).toBe('body.outcome');
    const done = (await act(n.otpClinician, { event: 'complete', outcome: 'Started buprenorphine, continuing weekly' })).json();
    expect(done).toMatchObject({
      status: 'completed',
      outcome: 'Started buprenorphine, continuing weekly',
      allowedEvents: [],
      overdue: null,
      nextDeadlineAt: null,
    });
    expect(done.history.map((h: { event: string; toState: string; byName: string }) => [h.event, h.toState, h.byName])).toEqual([
      ['create', 'requested', 'Dana ED'],
      ['receive', 'received', 'Oli OTP'],
      ['accept', 'accepted', 'Oli OTP'],
      ['schedule', 'scheduled', 'Oli OTP'],
      ['attend', 'in_progress', 'Oli OTP'],
      ['complete', 'completed', 'Oli OTP'],
    ]);
    expect(done.history[2].note).toBe('Intake will call today');

    const seen = await call(t, n.edClinician, 'GET', `/api/referrals/${id}`, undefined, 200);
    expect(seen.status).toBe('completed');
    const updates = (await call(t, n.edClinician, 'GET', '/api/notifications', undefined, 200)).items.filter(
      (x: { kind: string; link: string }) => x.kind === 'referral.updated' && x.link === `/referrals/${id}`,
    );
    expect(updates.length).toBe(5);
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'referral.create',
      'referral.receive',
      'referral.accept',
      'referral.schedule',
      'referral.handoff',
      'referral.attend',
      'referral.complete',
    ]);
  });

  it('writes the referral to the person’s timeline as care events', async () => {
    // Read through the registry writer's table (the test is allowed to look at what was written).
    const events = await t.db
      .selectFrom('person_events')
      .select(['type', 'data', 'source', 'organization_id'])
      .where('source', '=', 'referrals')
      .where(sql`data->>'referralId'`, '=', id)
      .orderBy('occurred_at')
      .orderBy('created_at')
      .execute();
    expect(events.map((e) => [e.type, (e.data as { status?: string }).status ?? null])).toEqual([
      ['referral', 'requested'],
      ['referral', 'received'],
      ['referral', 'accepted'],
      ['referral', 'scheduled'],
      ['referral', 'in_progress'],
      ['appointment_attended', null],
      ['referral', 'completed'],
    ]);
    expect(events.every((e) => (e.data as { serviceKind: string }).serviceKind === 'moud')).toBe(true);
    expect(events[0]!.organization_id).toBe(n.ed.id);
    expect(events[1]!.organization_id).toBe(n.otp.id);
  });
});

describe('suggestions', () => {
  it('ranks services on pathways open to the caller, with score parts and whether a consent covers sending', async () => {
    const far = await (
      await import('../directory/directory.fixtures.ts')
    ).createFixtureService(t.db, t.clock, {
      name: 'Far methadone program',
      at: { latitude: 46.2, longitude: -122.68 },
      codes: ['METH', 'OTP'],
      memberOrganizationId: n.otp.id,
    });
    await call(
      t,
      n.otpAdmin,
      'PUT',
      `/api/referral-pathways/${n.pathway.id}`,
      { ...n.pathwayInput, serviceIds: [n.bup.service.id, far.service.id] },
      200,
    );
    const res = await call(
      t,
      n.edClinician,
      'GET',
      `/api/referrals/suggestions?personId=${n.person.id}&codes=BU&payment=MD`,
      undefined,
      200,
    );
    expect(res.items.map((s: { serviceName: string }) => s.serviceName)).toEqual(['Buprenorphine clinic', 'Far methadone program']);
    expect(res.items[0]).toMatchObject({
      consentCovers: true,
      organizationName: 'Tidewater Treatment',
      parts: { pathwayFit: 1, eligibility: 1, payment: 1 },
      capacity: { status: 'accepting' },
    });
    expect(res.items[1].parts.pathwayFit).toBe(0);
    expect((await call(t, n.otherClinician, 'GET', `/api/referrals/suggestions?personId=${n.person.id}`)).error.code).toBe(
      'PERSON_NOT_FOUND',
    );
    await call(t, n.otpAdmin, 'PUT', `/api/referral-pathways/${n.pathway.id}`, n.pathwayInput, 200);
  });
});

describe('other endings', () => {
  it('the sender may cancel with a reason', async () => {
    const { id } = await call(t, n.edClinician, 'POST', '/api/referrals', goodReferral(n), 201);
    const noReason = await t.app.inject({
      method: 'POST',
      url: `/api/referrals/${id}/transitions`,
      headers: n.edClinician.headers,
      payload: { event: 'cancel' },
    });
    expect(noReason.statusCode).toBe(400);
    const cancelled = await call(
      t,
      n.edClinician,
      'POST',
      `/api/referrals/${id}/transitions`,
      { event: 'cancel', reason: 'Person chose a clinic closer to home' },
      200,
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', statusReason: 'Person chose a clinic closer to home' });
  });

  it('a no-show closes the referral, records the missed appointment and gives the sender a no_show task', async () => {
    const { id } = await call(t, n.edClinician, 'POST', '/api/referrals', goodReferral(n), 201);
    for (const body of [{ event: 'accept' }, { event: 'schedule', appointmentAt: '2026-01-16T17:00:00.000Z' }])
      await call(t, n.otpClinician, 'POST', `/api/referrals/${id}/transitions`, body, 200);
    const badReason = await t.app.inject({
      method: 'POST',
      url: `/api/referrals/${id}/transitions`,
      headers: n.otpClinician.headers,
      payload: { event: 'fail', reason: 'forgot' },
    });
    expect(badReason.statusCode).toBe(400);
    const failed = await call(t, n.otpClinician, 'POST', `/api/referrals/${id}/transitions`, { event: 'fail', reason: 'no_show' }, 200);
    expect(failed).toMatchObject({ status: 'failed', statusReason: 'no_show' });
    const task = await t.db.selectFrom('worklist_tasks').selectAll().where('dedupe_key', '=', `no_show:${id}`).executeTakeFirstOrThrow();
    expect(task).toMatchObject({
      kind: 'no_show',
      organization_id: n.ed.id,
      person_id: n.person.id,
      source_type: 'referral',
      source_id: id,
      status: 'open',
    });
    const missed = await t.db
      .selectFrom('person_events')
      .select(['type'])
      .where('type', '=', 'appointment_missed')
      .where(sql`data->>'referralId'`, '=', id)
      .execute();
    expect(missed).toHaveLength(1);
  });

  it('lists: the receiver’s inbox sorted by deadline with filters, the sender’s sent list', async () => {
    const inbox = await call(t, n.otpClinician, 'GET', '/api/referrals?box=inbox&status=open', undefined, 200);
    const deadlines = inbox.items.map((i: { nextDeadlineAt: string }) => i.nextDeadlineAt);
    expect(deadlines).toEqual([...deadlines].sort());
    expect(
      inbox.items.every(
        (i: { side: string; status: string }) => i.side === 'receiver' && !['completed', 'cancelled', 'failed'].includes(i.status),
      ),
    ).toBe(true);
    expect(inbox.items[0].person.id).toBe(n.person.id);
    // The stored deadline the list walks in order is the one the rules compute, for every referral.
    const stored = await t.db
      .selectFrom('referrals')
      .select(['id', 'next_deadline_at'])
      .where('receiver_organization_id', '=', n.otp.id)
      .execute();
    const all = await call(t, n.otpClinician, 'GET', '/api/referrals?box=inbox&limit=200', undefined, 200);
    for (const item of all.items as { id: string; nextDeadlineAt: string | null }[]) {
      expect(stored.find((r) => r.id === item.id)!.next_deadline_at?.toISOString() ?? null, item.id).toBe(item.nextDeadlineAt);
    }
    const sent = await call(t, n.edClinician, 'GET', '/api/referrals?box=sent&status=closed', undefined, 200);
    expect(sent.items.map((i: { status: string }) => i.status).sort()).toEqual(['cancelled', 'completed', 'failed']);
    const edInbox = await call(t, n.edClinician, 'GET', '/api/referrals?box=inbox', undefined, 200);
    expect(edInbox.total).toBe(0);
    // Past the first referral's acknowledgment deadline (sent at 12:00 yesterday, 24 hours).
    t.clock.advance(23 * HOUR_MS + 60_000);
    const overdue = await call(t, n.otpClinician, 'GET', '/api/referrals?box=inbox&overdue=true', undefined, 200);
    expect(overdue.items.length).toBeGreaterThan(0);
    expect(overdue.items.every((i: { overdue: string | null }) => i.overdue !== null)).toBe(true);
  });
});

describe('OpenAPI', () => {
  it('documents the referral and FHIR endpoints', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/referral-pathways',
        '/api/referral-pathways/{id}',
        '/api/referral-pathways/{id}/versions/{version}',
        '/api/referrals',
        '/api/referrals/suggestions',
        '/api/referrals/{id}',
        '/api/referrals/{id}/transitions',
        '/api/referrals/{id}/handoff',
        '/api/referrals/{id}/attachments',
        '/api/referrals/{id}/attachments/{attachmentId}',
        '/fhir/R4/ServiceRequest',
        '/fhir/R4/Task/{id}',
        '/fhir/R4/metadata',
      ]),
    );
  });
});

describe('a referral from a Part 2 program', () => {
  it('reaches the receiver with the 42 CFR 2.32 notice and the consent’s scope; the sender sees its own record plainly', async () => {
    const clinic = await (
      await import('../directory/directory.fixtures.ts')
    ).createFixtureService(t.db, t.clock, {
      name: 'Faraway primary care',
      at: { latitude: 45.5, longitude: -122.6 },
      codes: ['PRIMARY'],
      memberOrganizationId: n.other.id,
    });
    const pathwayId = await t.db.transaction().execute((trx) =>
      insertPathway(trx, t.clock, systemAccess('test'), {
        ...n.pathwayInput,
        name: 'Treatment program to primary care',
        referrerOrganizationTypes: ['opioid_treatment_program'],
        receiverOrganizationId: n.other.id,
        serviceIds: [clinic.service.id],
        inclusionCriteria: [],
        exclusionCriteria: [],
        requiredFields: [],
        requiredDocuments: [],
        referrerOrganizationIds: [],
        warmHandoffExpected: false,
        activeUntil: null,
        description: null,
      }),
    );
    const consent = await call(
      t,
      n.edClinician,
      'POST',
      `/api/people/${n.person.id}/consents`,
      {
        type: 'standard',
        disclosers: { type: 'organizations', organizationIds: [n.otp.id] },
        recipients: { type: 'organizations', organizationIds: [n.other.id] },
        purposes: ['treatment'],
        kinds: ['referrals'],
        informationDescription: 'My referral from the treatment program to primary care',
        expiresOn: '2026-12-31',
      },
      201,
    );
    await call(
      t,
      n.edClinician,
      'POST',
      `/api/consents/${consent.id}/sign`,
      { signerName: 'Avery Testperson', signatureMethod: 'attested', acknowledged: true },
      200,
    );
    const sent = await call(
      t,
      n.otpClinician,
      'POST',
      '/api/referrals',
      { personId: n.person.id, pathwayId, serviceId: clinic.service.id, reason: 'Primary care for ongoing health needs' },
      201,
    );
    expect(sent).toMatchObject({ side: 'sender', redisclosureNotice: null, consentScopes: [] });
    const received = await call(t, n.otherClinician, 'GET', `/api/referrals/${sent.id}`, undefined, 200);
    expect(received.redisclosureNotice).toContain('42 CFR part 2');
    expect(received.consentScopes).toEqual([{ consentId: consent.id, summary: expect.stringContaining('referrals and appointments') }]);
    const row = await t.db.selectFrom('referrals').select('sensitivity').where('id', '=', sent.id).executeTakeFirstOrThrow();
    expect(row.sensitivity).toBe('part2');
  });
});
