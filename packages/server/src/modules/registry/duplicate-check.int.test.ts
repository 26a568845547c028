import type { Role } from '@continuum/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { createTestMemberAccess, createTestOrganization, createTestPerson } from '../../test-support/factories.ts';
import { createTestDatabase } from '../../test-support/test-database.ts';
import { checkDuplicates, readContext } from './people.ts';

/* The duplicate check is part of registering a person, so the domain function refuses a role that may not register. */

let db: Db;
let close: () => Promise<void>;
const clock = manualClock();
let organizationId: string;

beforeAll(async () => {
  const opened = await createTestDatabase();
  db = opened.db;
  close = opened.close;
  organizationId = (await createTestOrganization(db, clock)).id;
  await createTestPerson(db, clock, organizationId, { givenName: 'Rowan', familyName: 'Ashdown', birthDate: '1984-05-06' });
});
afterAll(async () => close?.());

const input = { givenName: 'Rowan', familyName: 'Ashdown', birthDate: '1984-05-06' };

describe('checkDuplicates', () => {
  it.each<[Role, boolean]>([
    ['clinician', true],
    ['care_navigator', true],
    ['partner_staff', true],
    ['analyst', false],
    ['org_admin', false],
    ['privacy_officer', false],
  ])('%s may check: %s', async (role, allowed) => {
    const access = await createTestMemberAccess(db, clock, organizationId, [role]);
    const check = checkDuplicates(db, readContext(access, clock), input);
    if (allowed) expect((await check).candidates).toHaveLength(1);
    else await expect(check).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
