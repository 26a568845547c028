import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../clock.ts';
import { anonymousAccess, type AccessContext } from '../../core/access-context.ts';
import type { Db } from '../../db/database.ts';
import { createTestMemberAccess, createTestOrganization } from '../../test-support/factories.ts';
import { createTestDatabase } from '../../test-support/test-database.ts';
import { listVerificationReminders } from './capacity.ts';
import { createDirectoryOrganization, getDirectoryOrganization, listDirectoryOrganizations } from './directory-organizations.ts';
import { listDirectoryLocations } from './directory-locations.ts';
import { listDirectoryServices } from './directory-services.ts';

/* The signed-in directory's reads check the caller in the domain function: any signed-in caller reads, nobody else. */

let db: Db;
let close: () => Promise<void>;
const clock = manualClock();
let staff: AccessContext;
let listingId: string;

beforeAll(async () => {
  const opened = await createTestDatabase();
  db = opened.db;
  close = opened.close;
  const member = await createTestOrganization(db, clock);
  staff = await createTestMemberAccess(db, clock, member.id, ['org_admin']);
  listingId = (await createDirectoryOrganization(db, clock, staff, { name: 'Harbor Clinic', memberOrganizationId: member.id })).id;
});
afterAll(async () => close?.());

const reads: [string, (a: AccessContext) => Promise<unknown>][] = [
  ['list organizations', (a) => listDirectoryOrganizations(db, clock, a, { limit: 10, offset: 0 })],
  ['one organization', (a) => getDirectoryOrganization(db, a, listingId)],
  ['its locations', (a) => listDirectoryLocations(db, a, listingId)],
  ['its services', (a) => listDirectoryServices(db, a, listingId, { staleHours: 24, now: clock.now() })],
  ['verification reminders', (a) => listVerificationReminders(db, a)],
];

describe('directory reads', () => {
  it.each(reads)('%s: refused to an anonymous caller, answered to staff', async (_name, read) => {
    await expect(read(anonymousAccess(null))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(read(staff)).resolves.toBeDefined();
  });
});
