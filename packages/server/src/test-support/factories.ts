import { randomUUID } from 'node:crypto';
import type { OrganizationType, RegisterPerson, Role } from '@continuum/contracts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { AccessContext } from '../core/access-context.ts';
import { hashPassword } from '../modules/identity/passwords.ts';
import { registerPerson } from '../modules/registry/people.ts';

export const TEST_PASSWORD = 'a-long-test-passphrase';
let passwordHash: Promise<string> | undefined;

/** An organization row with overridable fields. */
export async function createTestOrganization(db: Db, clock: Clock, overrides: { name?: string; type?: OrganizationType } = {}) {
  const now = clock.now();
  return db
    .insertInto('organizations')
    .values({
      name: overrides.name ?? `Test Organization ${randomUUID().slice(0, 8)}`,
      type: overrides.type ?? 'primary_care',
      description: null,
      website: null,
      phone: null,
      email: null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A user with one membership; the password is TEST_PASSWORD unless given. */
export async function createTestUser(
  db: Db,
  clock: Clock,
  options: { organizationId: string; roles: Role[]; email?: string; password?: string; displayName?: string },
) {
  const now = clock.now();
  const hash = options.password ? await hashPassword(options.password) : await (passwordHash ??= hashPassword(TEST_PASSWORD));
  const user = await db
    .insertInto('users')
    .values({
      email: options.email ?? `user-${randomUUID().slice(0, 8)}@test.continuum.example`,
      display_name: options.displayName ?? 'Test User',
      password_hash: hash,
      status: 'active',
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const membership = await db
    .insertInto('memberships')
    .values({ user_id: user.id, organization_id: options.organizationId, roles: options.roles, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...user, membershipId: membership.id };
}

/** The access context of a new signed-in member of `organizationId` with these roles (a real user, so the audit trail names them). */
export async function createTestMemberAccess(db: Db, clock: Clock, organizationId: string, roles: Role[]): Promise<AccessContext> {
  const user = await createTestUser(db, clock, { organizationId, roles });
  return { actor: { type: 'user', userId: user.id, sessionId: 'test-session' }, organizationId, roles, requestId: null };
}

/**
 * A person registered by `organizationId` through the registry (so the registering organization
 * is on record as in any real registration). Fields default to a made-up adult.
 */
export async function createTestPerson(
  db: Db,
  clock: Clock,
  organizationId: string,
  overrides: Partial<RegisterPerson> = {},
): Promise<{ id: string }> {
  const access: AccessContext = { actor: { type: 'system', reason: 'test fixture' }, organizationId, roles: [], requestId: null };
  const input: RegisterPerson = {
    givenName: 'Avery',
    familyName: `Testperson${randomUUID().slice(0, 6)}`,
    birthDate: '1988-06-15',
    sex: 'unknown',
    confirmNoDuplicate: true,
    ...overrides,
  };
  return registerPerson(db, clock, { access, purpose: 'treatment', channel: 'api', now: clock.now() }, input);
}

/** A Part 2 program's note on a person's timeline (a visit on 1 June 2026), written straight to the table. */
export async function createTestPart2Note(db: Db, personId: string, organizationId: string): Promise<void> {
  const at = new Date('2026-06-01T09:00:00Z');
  await db
    .insertInto('person_events')
    .values({
      person_id: personId,
      organization_id: organizationId,
      kind: 'sud_treatment',
      type: 'note',
      sensitivity: 'part2',
      occurred_at: at,
      title: 'Program visit',
      detail: null,
      external_id: null,
      created_by_user_id: null,
      created_at: at,
    })
    .execute();
}

/**
 * Test setup: approves every API token waiting for a second administrator, as another administrator
 * would (identity/access-grants.ts), so that tokens minted to set up a test authenticate.
 */
export async function approvePendingTokens(db: Db): Promise<void> {
  await db.updateTable('api_tokens').set({ awaiting_approval: false }).where('awaiting_approval', '=', true).execute();
  await db
    .updateTable('access_grants')
    .set({ status: 'approved' })
    .where('kind', '=', 'api_token')
    .where('status', '=', 'pending')
    .execute();
}
