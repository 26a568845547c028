import { describe, expect, it } from 'vitest';
import type { Role } from '@continuum/contracts';
import { systemAccess, type AccessContext } from '../../core/access-context.ts';
import { mayManageNetwork, networkReadScope } from './network-policy.ts';

const ORG = '00000000-0000-4000-8000-000000000001';
const user = (roles: Role[], organizationId: string | null = ORG): AccessContext => ({
  actor: { type: 'user', userId: 'u', sessionId: 's' },
  organizationId,
  roles,
  requestId: null,
});

describe('network policy', () => {
  it.each([
    { name: 'network administrator', access: user(['network_admin']), manage: true, scope: { all: true } },
    { name: 'analyst', access: user(['analyst']), manage: false, scope: { all: true } },
    { name: 'privacy officer', access: user(['privacy_officer']), manage: false, scope: { all: true } },
    { name: 'organization administrator', access: user(['org_admin']), manage: false, scope: { all: false, organizationId: ORG } },
    { name: 'clinician', access: user(['clinician']), manage: false, scope: { all: false, organizationId: ORG } },
    { name: 'partner staff', access: user(['partner_staff']), manage: false, scope: { all: false, organizationId: ORG } },
    { name: 'no organization selected', access: user(['clinician'], null), manage: false, scope: null },
    {
      name: 'anonymous',
      access: { actor: { type: 'anonymous' }, organizationId: null, roles: [], requestId: null } as AccessContext,
      manage: false,
      scope: null,
    },
    { name: 'a job', access: systemAccess('test'), manage: true, scope: { all: true } },
  ])('$name', ({ access, manage, scope }) => {
    expect(mayManageNetwork(access)).toBe(manage);
    expect(networkReadScope(access)).toEqual(scope);
  });
});
