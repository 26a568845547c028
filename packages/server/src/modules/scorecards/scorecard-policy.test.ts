import { describe, expect, it } from 'vitest';
import type { Role } from '@continuum/contracts';
import { systemAccess, type AccessContext } from '../../core/access-context.ts';
import { requireScorecardRead, requireTargetManager, scorecardScope } from './scorecard-policy.ts';

const ORG = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const user = (roles: Role[], organizationId: string | null = ORG): AccessContext => ({
  actor: { type: 'user', userId: 'u', sessionId: 's' },
  organizationId,
  roles,
  requestId: null,
});
const allows = (fn: () => unknown) => {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
};

describe('scorecard policy', () => {
  it.each([
    { name: 'network administrator', access: user(['network_admin']), scope: { all: true }, other: true, targets: true },
    { name: 'analyst', access: user(['analyst']), scope: { all: true }, other: true, targets: false },
    { name: 'privacy officer', access: user(['privacy_officer']), scope: { all: true }, other: true, targets: false },
    {
      name: 'organization administrator',
      access: user(['org_admin']),
      scope: { all: false, organizationId: ORG },
      other: false,
      targets: false,
    },
    { name: 'clinician', access: user(['clinician']), scope: { all: false, organizationId: ORG }, other: false, targets: false },
    { name: 'partner staff', access: user(['partner_staff']), scope: { all: false, organizationId: ORG }, other: false, targets: false },
    { name: 'no organization selected', access: user(['clinician'], null), scope: null, other: false, targets: false },
    {
      name: 'anonymous',
      access: { actor: { type: 'anonymous' }, organizationId: null, roles: [], requestId: null } as AccessContext,
      scope: null,
      other: false,
      targets: false,
    },
    { name: 'a job', access: systemAccess('test'), scope: { all: true }, other: true, targets: true },
  ])('$name', ({ access, scope, other, targets }) => {
    expect(scorecardScope(access)).toEqual(scope);
    expect(allows(() => requireScorecardRead(access, ORG))).toBe(scope !== null);
    expect(allows(() => requireScorecardRead(access, OTHER))).toBe(other);
    expect(allows(() => requireTargetManager(access))).toBe(targets);
  });
});
