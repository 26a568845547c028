import { describe, expect, it } from 'vitest';
import { createLocationSchema, createOrganizationSchema, createUserSchema } from './admin.ts';
import { loginRequestSchema } from './auth.ts';
import { organizationTypeLabels, organizationTypes, roleLabels, roles } from './roles.ts';
import { errorCodes } from './errors.ts';

describe('contracts', () => {
  it('labels every role and organization type', () => {
    expect(Object.keys(roleLabels).sort()).toEqual([...roles].sort());
    expect(Object.keys(organizationTypeLabels).sort()).toEqual([...organizationTypes].sort());
    expect(organizationTypes).toHaveLength(20);
    expect(roles).toHaveLength(7);
  });

  it('refuses unknown fields in request bodies', () => {
    expect(createOrganizationSchema.safeParse({ name: 'x', type: 'pharmacy', extra: 1 }).success).toBe(false);
    expect(loginRequestSchema.safeParse({ email: 'a@b.org', password: 'p', remember: true }).success).toBe(false);
  });

  it('validates postal codes and coordinates of locations', () => {
    const base = { name: 'n', address1: 'a', city: 'c', region: 'XS' };
    expect(createLocationSchema.safeParse({ ...base, postalCode: '97101' }).success).toBe(true);
    expect(createLocationSchema.safeParse({ ...base, postalCode: '9710' }).success).toBe(false);
    expect(createLocationSchema.safeParse({ ...base, postalCode: '97101', latitude: 91 }).success).toBe(false);
  });

  it('requires at least one role for a new user', () => {
    const user = { email: 'a@b.org', displayName: 'A', password: 'p', organizationId: '11111111-1111-4111-8111-111111111111' };
    expect(createUserSchema.safeParse({ ...user, roles: [] }).success).toBe(false);
    expect(createUserSchema.safeParse({ ...user, roles: ['clinician'] }).success).toBe(true);
  });

  it('has unique error codes', () => {
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
  });
});
