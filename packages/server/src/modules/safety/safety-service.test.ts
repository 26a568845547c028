import { describe, expect, it } from 'vitest';
import { roles, safetyCheckRoles, type Role, type TaperRequest } from '@continuum/contracts';
import { anonymousAccess, type AccessContext } from '../../core/access-context.ts';
import { AppError } from '../../errors.ts';
import { drugKnowledge } from './drug-knowledge.ts';
import { bundle, patient } from './fhir-fixtures.ts';
import { toDay } from './safety-model.ts';
import { runSafetyCheck, runTaperPlan } from './safety-service.ts';

const k = drugKnowledge();
const today = toDay('2026-01-15')!;
const userWith = (role: Role): AccessContext => ({
  actor: { type: 'user', userId: 'u', sessionId: 's' },
  organizationId: 'o',
  roles: [role],
  requestId: null,
});
const taper: TaperRequest = { ingredient: 'oxycodone', currentDailyMg: 30, dosesPerDay: 3, strengthsMg: [5] };

function codeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe('prescribing-safety domain functions refuse a wrong role', () => {
  it.each(roles.map((r) => [r, safetyCheckRoles.includes(r)] as const))('role %s allowed: %s', (role, allowed) => {
    const access = userWith(role);
    expect(codeOf(() => runSafetyCheck(access, k, bundle([patient()]), today))).toBe(allowed ? null : 'FORBIDDEN');
    expect(codeOf(() => runTaperPlan(access, k, taper, today))).toBe(allowed ? null : 'FORBIDDEN');
  });

  it('an anonymous caller is unauthenticated', () => {
    expect(codeOf(() => runSafetyCheck(anonymousAccess(null), k, bundle([patient()]), today))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => runTaperPlan(anonymousAccess(null), k, taper, today))).toBe('UNAUTHENTICATED');
  });

  it('a taper that cannot be planned is a validation error on the body', () => {
    expect(codeOf(() => runTaperPlan(userWith('clinician'), k, { ...taper, percent: 60 }, today))).toBe('VALIDATION_FAILED');
  });
});
