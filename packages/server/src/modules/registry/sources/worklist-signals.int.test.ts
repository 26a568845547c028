import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CareEventInput } from '@continuum/contracts';
import { createTestOrganization, createTestPerson } from '../../../test-support/factories.ts';
import { buildTestApp, type TestApp } from '../../../test-support/test-app.ts';
import { systemAccess } from '../../../core/access-context.ts';
import { writeCareEvents } from '../care-events.ts';
import { readWorklistSignals } from './worklist-signals.ts';

let t: TestApp;
let jail: { id: string };
let otp: { id: string };
let peer: { id: string };

const at = (iso: string) => new Date(iso).toISOString();

async function write(organizationId: string, personId: string, events: CareEventInput[]) {
  await t.db.transaction().execute((trx) =>
    writeCareEvents(
      trx,
      t.clock,
      systemAccess('test'),
      { organizationId, source: 'test' },
      events.map((event) => ({ personId, event })),
    ),
  );
}

async function consentFor(personId: string, recipientId: string, kinds: string[]) {
  await t.db
    .insertInto('consents')
    .values({
      person_id: personId,
      person_name: 'Avery Testperson',
      type: 'standard',
      status: 'signed',
      disclosers: JSON.stringify({ type: 'any_network_provider' }),
      recipients: JSON.stringify({ type: 'organizations', organizationIds: [recipientId] }),
      purposes: ['care_coordination'],
      kinds: kinds as never,
      information_description: 'My medications',
      language: 'en',
      expires_on: '2027-12-31',
      expiry_event: null,
      signed_at: t.clock.now(),
      created_by_organization_id: recipientId,
      created_at: t.clock.now(),
      updated_at: t.clock.now(),
    })
    .execute();
}

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(new Date('2026-11-20T12:00:00Z'));
  jail = await createTestOrganization(t.db, t.clock, { name: 'Harbor County Jail', type: 'corrections' });
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
  peer = await createTestOrganization(t.db, t.clock, { name: 'Harbor Peer Recovery', type: 'peer_recovery' });
});
afterAll(async () => t?.close());

describe('readWorklistSignals', () => {
  it('returns people with a recent signal, with the events the rules need, and leaves the rest out', async () => {
    const released = (await createTestPerson(t.db, t.clock, jail.id)).id;
    const quiet = (await createTestPerson(t.db, t.clock, jail.id)).id;
    const inCare = (await createTestPerson(t.db, t.clock, otp.id)).id;
    const lapsed = (await createTestPerson(t.db, t.clock, otp.id)).id;
    await write(jail.id, released, [
      { type: 'custody_booking', occurredAt: at('2026-10-01T10:00:00Z'), data: {} },
      { type: 'custody_release', occurredAt: at('2026-11-15T10:00:00Z'), data: {} },
    ]);
    await write(otp.id, released, [{ type: 'note', occurredAt: at('2026-11-16T10:00:00Z'), data: {} }]);
    await write(jail.id, quiet, [{ type: 'custody_release', occurredAt: at('2026-09-01T10:00:00Z'), data: {} }]);
    await write(otp.id, inCare, [
      { type: 'moud_dispense', occurredAt: at('2026-11-18T10:00:00Z'), data: { medication: 'buprenorphine', daysSupply: 7 } },
    ]);
    await write(otp.id, lapsed, [
      { type: 'moud_dispense', occurredAt: at('2026-11-01T10:00:00Z'), data: { medication: 'buprenorphine', daysSupply: 7 } },
    ]);

    const people = await t.db.transaction().execute((trx) => readWorklistSignals(trx, t.clock));
    const byId = new Map(people.map((p) => [p.personId, p]));
    expect(byId.has(quiet)).toBe(false);
    expect(byId.has(inCare)).toBe(false);
    // The note is not a signal type; the booking is context (it can put a release in question).
    expect(byId.get(released)!.events.map((e) => [e.type, e.organizationId])).toEqual([
      ['custody_booking', jail.id],
      ['custody_release', jail.id],
    ]);
    expect(byId.get(lapsed)!.events).toEqual([
      expect.objectContaining({
        type: 'moud_dispense',
        organizationId: otp.id,
        sensitivity: 'part2',
        data: { medication: 'buprenorphine', daysSupply: 7 },
      }),
    ]);
  });

  it("gives each navigator what their organization may see: a Part 2 program's records only under consent", async () => {
    const personId = (await createTestPerson(t.db, t.clock, jail.id)).id;
    await write(jail.id, personId, [{ type: 'custody_release', occurredAt: at('2026-11-16T10:00:00Z'), data: {} }]);
    await write(otp.id, personId, [
      { type: 'moud_dispense', occurredAt: at('2026-10-20T10:00:00Z'), data: { medication: 'methadone', daysSupply: 1 } },
    ]);
    await t.db
      .insertInto('care_team_members')
      .values({
        person_id: personId,
        organization_id: peer.id,
        user_id: null,
        role: 'peer_support',
        since: '2026-11-01',
        until: null,
        created_at: t.clock.now(),
      })
      .execute();
    await t.db
      .insertInto('care_team_members')
      .values({
        person_id: personId,
        organization_id: otp.id,
        user_id: null,
        role: 'opioid_treatment_program',
        since: '2026-10-01',
        until: null,
        created_at: t.clock.now(),
      })
      .execute();
    await t.db
      .insertInto('care_team_members')
      .values({
        person_id: personId,
        organization_id: jail.id,
        user_id: null,
        role: 'care_navigator',
        since: '2026-01-01',
        until: '2026-06-30',
        created_at: t.clock.now(),
      })
      .execute();

    const before = (await t.db.transaction().execute((trx) => readWorklistSignals(trx, t.clock))).find((p) => p.personId === personId)!;
    // Only the open navigator link (the OTP is on the team, but not as navigator; the jail's link ended).
    expect(before.navigators).toEqual([{ organizationId: peer.id, userId: null, since: '2026-11-01', readable: [`notes:${jail.id}`] }]);

    await consentFor(personId, peer.id, ['medications']);
    const after = (await t.db.transaction().execute((trx) => readWorklistSignals(trx, t.clock))).find((p) => p.personId === personId)!;
    expect(after.navigators[0]!.readable.sort()).toEqual([`medications:${otp.id}`, `notes:${jail.id}`].sort());
  });

  it('includes the events of records merged into a person, under the survivor', async () => {
    const survivor = (await createTestPerson(t.db, t.clock, jail.id)).id;
    const merged = (await createTestPerson(t.db, t.clock, jail.id)).id;
    await write(jail.id, merged, [{ type: 'overdose', occurredAt: at('2026-11-20T08:00:00Z'), data: { fatal: false } }]);
    await t.db.updateTable('people').set({ merged_into_id: survivor }).where('id', '=', merged).execute();
    const people = await t.db.transaction().execute((trx) => readWorklistSignals(trx, t.clock));
    expect(people.some((p) => p.personId === merged)).toBe(false);
    expect(people.find((p) => p.personId === survivor)!.events.map((e) => e.type)).toEqual(['overdose']);
  });

  it('writes one audit entry per run, with counts only', async () => {
    const before = await t.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'registry.worklist-signals.read')
      .executeTakeFirstOrThrow();
    const people = await t.db.transaction().execute((trx) => readWorklistSignals(trx, t.clock));
    const entries = await t.db
      .selectFrom('audit_events')
      .select(['details', 'actor_type'])
      .where('action', '=', 'registry.worklist-signals.read')
      .orderBy('id', 'desc')
      .execute();
    expect(entries.length).toBe(Number(before.n) + 1);
    expect(entries[0]!.actor_type).toBe('system');
    expect(entries[0]!.details).toEqual({ purpose: 'operations', people: people.length, events: expect.any(Number) });
  });
});
