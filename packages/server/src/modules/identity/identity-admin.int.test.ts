import type { Role } from '@continuum/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../clock.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { systemAccess } from '../../core/access-context.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { testConfig } from '../../test-support/test-app.ts';
import { createTestMemberAccess, createTestOrganization, createTestUser } from '../../test-support/factories.ts';
import { createTestDatabase } from '../../test-support/test-database.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import {
  createMembership,
  createUser,
  deleteMembership,
  listMemberships,
  listUsers,
  readUser,
  updateMembership,
  updateUser,
} from './users.ts';

/*
 * The identity administration functions check the caller's roles themselves (ARCHITECTURE.md, "Roles are
 * checked in domain functions"), so the HTTP routes, the CLI and jobs get the same answer. Each call here is
 * made straight to the domain function with an access context that must be refused, and changes nothing.
 */

let db: Db;
let close: () => Promise<void>;
const clock = manualClock();
const config = testConfig();
let home: string;
let other: string;
let colleague: { id: string; membershipId: string };
let outsider: { id: string; membershipId: string };
let tokenId: string;
const access = new Map<string, AccessContext>();

beforeAll(async () => {
  const opened = await createTestDatabase();
  db = opened.db;
  close = opened.close;
  home = (await createTestOrganization(db, clock, { name: 'Harbor Clinic' })).id;
  other = (await createTestOrganization(db, clock, { name: 'Northside Recovery' })).id;
  colleague = await createTestUser(db, clock, { organizationId: home, roles: ['clinician'] });
  outsider = await createTestUser(db, clock, { organizationId: other, roles: ['clinician'] });
  const roles: [string, string, Role[]][] = [
    ['network admin', home, ['network_admin']],
    ['org admin', home, ['org_admin']],
    ['clinician', home, ['clinician']],
    ['privacy officer', home, ['privacy_officer']],
  ];
  for (const [name, org, r] of roles) access.set(name, await createTestMemberAccess(db, clock, org, r));
  tokenId = (await createApiToken(db, clock, access.get('network admin')!, other, { name: 'EHR', roles: ['clinician'] }, config)).token.id;
});
afterAll(async () => close?.());

const newUser = (organizationId: string) => ({
  email: `new-${Math.random().toString(36).slice(2, 8)}@test.continuum.example`,
  displayName: 'New Person',
  password: 'a-long-test-passphrase-2',
  organizationId,
  roles: ['clinician' as Role],
});

const calls: { name: string; call: (a: AccessContext) => Promise<unknown>; orgAdminMay?: boolean }[] = [
  { name: 'list users', call: (a) => listUsers(db, a, { limit: 10, offset: 0 }), orgAdminMay: true },
  { name: 'create a user', call: (a) => createUser(db, clock, a, newUser(other)) },
  { name: 'read a user', call: (a) => readUser(db, a, outsider.id) },
  { name: 'update a user', call: (a) => updateUser(db, clock, a, outsider.id, { displayName: 'Changed' }) },
  { name: 'list memberships', call: (a) => listMemberships(db, a, other) },
  {
    name: 'add a membership',
    call: (a) => createMembership(db, clock, a, { userId: colleague.id, organizationId: other, roles: ['clinician'] }),
  },
  { name: 'change a membership', call: (a) => updateMembership(db, clock, a, outsider.membershipId, ['care_navigator']) },
  { name: 'remove a membership', call: (a) => deleteMembership(db, clock, a, outsider.membershipId) },
  { name: 'list API tokens', call: (a) => listApiTokens(db, a, other) },
  { name: 'issue an API token', call: (a) => createApiToken(db, clock, a, other, { name: 'x', roles: ['clinician'] }, config) },
  { name: 'revoke an API token', call: (a) => revokeApiToken(db, clock, a, tokenId) },
];

async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe('identity administration refuses a wrong role or organization in the domain function', () => {
  const cases = calls.flatMap((c) =>
    ['clinician', 'privacy officer', 'org admin', 'system']
      .filter((who) => !(who === 'org admin' && c.orgAdminMay))
      .map((who) => ({ ...c, who })),
  );
  it.each(cases)('$who may not $name (of another organization)', async ({ who, call }) => {
    const caller = who === 'system' ? systemAccess('test') : access.get(who)!;
    // An organization administrator manages only their own organization; the others manage nothing.
    expect(await refusal(call(caller))).toBe('FORBIDDEN');
  });

  it('an organization administrator manages the people of their own organization', async () => {
    const admin = access.get('org admin')!;
    const listed = await listUsers(db, admin, { limit: 100, offset: 0 });
    expect(listed.items.map((u) => u.id)).toContain(colleague.id);
    expect(listed.items.map((u) => u.id)).not.toContain(outsider.id);
    expect((await readUser(db, admin, colleague.id)).id).toBe(colleague.id);
    expect((await createUser(db, clock, admin, newUser(home))).memberships[0]!.organizationId).toBe(home);
  });

  it('a refused call changes nothing', async () => {
    await refusal(updateUser(db, clock, access.get('org admin')!, outsider.id, { displayName: 'Changed' }));
    await refusal(deleteMembership(db, clock, access.get('clinician')!, outsider.membershipId));
    const seen = await readUser(db, access.get('network admin')!, outsider.id);
    expect(seen.displayName).toBe('Test User');
    expect(seen.memberships.map((m) => m.id)).toEqual([outsider.membershipId]);
  });
});
