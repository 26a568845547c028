import type { Role } from '@continuum/contracts';
import { describe, expect, it } from 'vitest';
import { canEditListing } from './listing-permissions.ts';

const own = 'org-own';
const other = 'org-other';

describe('canEditListing', () => {
  it.each([
    [['network_admin'], other, own, true],
    [['network_admin'], own, null, true],
    [['org_admin'], own, own, true],
    [['clinician'], own, own, true],
    [['care_navigator'], own, own, true],
    [['partner_staff'], own, own, true],
    [['analyst'], own, own, false],
    [['privacy_officer'], own, own, false],
    [['org_admin'], own, other, false],
    [['org_admin'], own, null, false],
    [[], own, own, false],
  ] as [Role[], string, string | null, boolean][])(
    'roles %j in %s, listing of %s → %s',
    (roles, activeOrganizationId, memberOrganizationId, expected) => {
      expect(canEditListing({ roles, activeOrganizationId }, memberOrganizationId)).toBe(expected);
    },
  );
});
