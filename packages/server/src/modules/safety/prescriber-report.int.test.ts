import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CareEventInput, PrescriberReport, Role } from '@continuum/contracts';
import { createTestOrganization, createTestPerson, createTestUser } from '../../test-support/factories.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from '../../test-support/test-app.ts';
import { systemAccess } from '../../core/access-context.ts';
import { writeCareEvents, type CareEventWrite } from '../registry/care-events.ts';

/*
 * GET /api/safety/prescriber-report over care events in a real database. Twelve people get 90 MME/day
 * from the ED's prescriber (a cell large enough to show), two get 30 MME/day from an outside
 * prescriber, and a Part 2 program's dispensing is left out of the aggregate.
 */

let t: TestApp;
let ed: { id: string };
let otp: { id: string };
let prescriberId: string;
let otherEdClinician: SignedIn;
const as = new Map<Role, SignedIn>();
let prescriber: SignedIn;
let otherOrgAdmin: SignedIn;

const fill = (quantity: number, data: Record<string, string>): CareEventInput => ({
  type: 'opioid_dispense',
  occurredAt: '2026-01-05T10:00:00.000Z',
  data: { rxnormCode: '1049621', quantity, daysSupply: 30, pharmacy: 'Harbor Pharmacy', ...data },
});

beforeAll(async () => {
  t = await buildTestApp();
  ed = await createTestOrganization(t.db, t.clock, { name: 'Harbor General ED', type: 'emergency_department' });
  otp = await createTestOrganization(t.db, t.clock, { name: 'Tidewater Treatment', type: 'opioid_treatment_program' });
  const other = await createTestOrganization(t.db, t.clock, { name: 'Bayside Primary Care', type: 'primary_care' });
  const p = await createTestUser(t.db, t.clock, { organizationId: ed.id, roles: ['clinician'], displayName: 'Dr. Robin Ellis' });
  prescriberId = p.id;
  prescriber = await signIn(t.app, p.email);
  otherEdClinician = await signIn(t.app, (await createTestUser(t.db, t.clock, { organizationId: ed.id, roles: ['clinician'] })).email);
  for (const role of ['network_admin', 'analyst', 'org_admin', 'care_navigator', 'partner_staff'] as const) {
    as.set(role, await signIn(t.app, (await createTestUser(t.db, t.clock, { organizationId: ed.id, roles: [role] })).email));
  }
  otherOrgAdmin = await signIn(t.app, (await createTestUser(t.db, t.clock, { organizationId: other.id, roles: ['org_admin'] })).email);

  const system = { ...systemAccess('test fixture'), organizationId: ed.id };
  const items: CareEventWrite[] = [];
  for (let i = 0; i < 12; i++)
    items.push({
      personId: (await createTestPerson(t.db, t.clock, ed.id)).id,
      event: fill(360, { prescriberUserId: prescriberId, prescriber: 'Dr. Robin Ellis' }),
    });
  for (let i = 0; i < 2; i++)
    items.push({ personId: (await createTestPerson(t.db, t.clock, ed.id)).id, event: fill(120, { prescriber: 'Dr. Outside' }) });
  await t.db.transaction().execute((trx) => writeCareEvents(trx, t.clock, system, { organizationId: ed.id, source: 'test' }, items));
  // A Part 2 program's record: not used for the aggregate without consent.
  const otpPerson = (await createTestPerson(t.db, t.clock, otp.id)).id;
  await t.db
    .transaction()
    .execute((trx) =>
      writeCareEvents(
        trx,
        t.clock,
        { ...systemAccess('test fixture'), organizationId: otp.id },
        { organizationId: otp.id, source: 'test' },
        [{ personId: otpPerson, event: fill(360, { prescriberUserId: prescriberId }) }],
      ),
    );
});
afterAll(() => t.close());

const get = (who: SignedIn, query = '') =>
  t.app.inject({ method: 'GET', url: `/api/safety/prescriber-report${query}`, headers: who.headers });

describe('GET /api/safety/prescriber-report', () => {
  it('network administrators see every prescriber; small cells are suppressed; Part 2 records are left out', async () => {
    const res = await get(as.get('network_admin')!);
    expect(res.statusCode).toBe(200);
    const report = res.json<PrescriberReport>();
    expect(report.scope).toBe('network');
    expect(report.rowsRead).toBe(14);
    expect(report.network.peopleWithOpioids).toBe(14);
    expect(report.network.rules.find((c) => c.rule === 'MME_AT_LEAST_90')).toEqual({
      rule: 'MME_AT_LEAST_90',
      count: 12,
      rate: 0.8571,
      suppressed: false,
    });
    expect(report.prescribers.map((p) => [p.label, p.people, p.peopleSuppressed])).toEqual([
      ['Dr. Robin Ellis', 12, false],
      ['Dr. Outside', null, true],
    ]);
    const ellis = report.prescribers[0]!;
    expect(ellis.userId).toBe(prescriberId);
    expect(ellis.rules.find((c) => c.rule === 'OFFER_NALOXONE')).toEqual({ rule: 'OFFER_NALOXONE', count: 12, rate: 1, suppressed: false });
  });

  it('analysts see the same aggregates', async () => {
    const report = (await get(as.get('analyst')!)).json<PrescriberReport>();
    expect(report.scope).toBe('network');
    expect(report.prescribers).toHaveLength(2);
  });

  it("an organization administrator sees their organization's prescribers only", async () => {
    expect((await get(as.get('org_admin')!)).json<PrescriberReport>().prescribers.map((p) => p.label)).toEqual(['Dr. Robin Ellis']);
    expect((await get(otherOrgAdmin)).json<PrescriberReport>().prescribers).toEqual([]);
  });

  it('a prescriber sees their own row beside the network; another clinician has no row', async () => {
    const own = (await get(prescriber)).json<PrescriberReport>();
    expect(own.scope).toBe('self');
    expect(own.prescribers.map((p) => [p.label, p.self, p.people])).toEqual([['Dr. Robin Ellis', true, 12]]);
    const other = (await get(otherEdClinician)).json<PrescriberReport>();
    expect(other.prescribers).toEqual([]);
    expect(other.network.peopleWithOpioids).toBe(14);
  });

  it('counts fills in the last `days` days only, and refuses a window under 30 days naming the field', async () => {
    // On 2026-02-04 the last 30 days start on 2026-01-06, the day after the fills; the last 31 include them.
    t.clock.set(new Date('2026-02-04T12:00:00.000Z'));
    try {
      const admin = await signIn(t.app, (await createTestUser(t.db, t.clock, { organizationId: ed.id, roles: ['network_admin'] })).email);
      const thirty = (await get(admin, '?days=30')).json<PrescriberReport>();
      expect([thirty.from, thirty.to, thirty.rowsRead]).toEqual(['2026-01-06', '2026-02-04', 0]);
      expect((await get(admin, '?days=31')).json<PrescriberReport>().rowsRead).toBe(14);
      const bad = await get(admin, '?days=10');
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json().error.details)).toContain('days');
    } finally {
      t.clock.set(new Date('2026-01-15T12:00:00.000Z'));
    }
  });

  it('refuses care navigators and partner staff, and anonymous callers', async () => {
    expect((await get(as.get('care_navigator')!)).statusCode).toBe(403);
    expect((await get(as.get('partner_staff')!)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/safety/prescriber-report' })).statusCode).toBe(401);
  });

  it('audits each run once, with counts and no person-level values', async () => {
    const before = await t.db.selectFrom('audit_events').select('id').where('action', '=', 'safety.aggregate-read').execute();
    await get(as.get('analyst')!);
    const after = await t.db
      .selectFrom('audit_events')
      .select(['details'])
      .where('action', '=', 'safety.aggregate-read')
      .orderBy('id', 'desc')
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect(after[0]!.details).toMatchObject({ purpose: 'prescriber-report:network', rows: 14, part2Excluded: 1 });
  });
});
