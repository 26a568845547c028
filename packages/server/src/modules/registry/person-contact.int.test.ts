import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization, createTestPerson, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, type TestApp } from '../../test-support/test-app.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { readContext } from './people.ts';
import { readPersonContact } from './person-contact.ts';

let t: TestApp;
const access = (organizationId: string, userId: string): AccessContext => ({
  actor: { type: 'user', userId, sessionId: 's' },
  organizationId,
  roles: ['care_navigator'],
  requestId: null,
});

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('readPersonContact', () => {
  it('gives phone, email, language and the current address to a caller who may see the person, and records the disclosure', async () => {
    const ed = await createTestOrganization(t.db, t.clock, { type: 'emergency_department' });
    const peer = await createTestOrganization(t.db, t.clock, { type: 'peer_recovery' });
    const stranger = await createTestOrganization(t.db, t.clock, { type: 'primary_care' });
    const peerUser = (await createTestUser(t.db, t.clock, { organizationId: peer.id, roles: ['care_navigator'] })).id;
    const strangerUser = (await createTestUser(t.db, t.clock, { organizationId: stranger.id, roles: ['care_navigator'] })).id;
    const { id } = await createTestPerson(t.db, t.clock, ed.id, {
      phone: '555-0100',
      email: 'avery@example.org',
      language: 'Spanish',
      address: { line1: '12 Harbor Way', city: 'Port Harbor', postalCode: '97101' },
    });
    await t.db
      .insertInto('care_team_members')
      .values({
        person_id: id,
        organization_id: peer.id,
        user_id: null,
        role: 'peer_support',
        since: '2026-01-01',
        until: null,
        created_at: t.clock.now(),
      })
      .execute();

    const contact = await t.db
      .transaction()
      .execute((trx) => readPersonContact(trx, readContext(access(peer.id, peerUser), t.clock, 'care_coordination'), id));
    expect(contact).toEqual({
      phone: '555-0100',
      email: 'avery@example.org',
      language: 'Spanish',
      address: '12 Harbor Way, Port Harbor 97101',
    });
    const disclosures = await t.db
      .selectFrom('disclosures')
      .select(['recipient_organization_id', 'kinds', 'purpose'])
      .where('person_id', '=', id)
      .execute();
    expect(disclosures).toEqual([{ recipient_organization_id: peer.id, kinds: ['demographics'], purpose: 'care_coordination' }]);

    const hidden = await t.db
      .transaction()
      .execute((trx) => readPersonContact(trx, readContext(access(stranger.id, strangerUser), t.clock), id));
    expect(hidden).toBeNull();
  });
});
