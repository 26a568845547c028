import { z } from 'zod';
import { organizationTypeSchema, roleSchema } from './roles.ts';
import { pageOf, pageQuerySchema, webAddressSchema } from './common.ts';

const name = z.string().trim().min(1).max(200);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

// ── Organizations ────────────────────────────────────────────────────────────
export const organizationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: organizationTypeSchema,
  description: z.string().nullable(),
  website: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organization = z.infer<typeof organizationSchema>;

export const createOrganizationSchema = z.strictObject({
  name,
  type: organizationTypeSchema,
  description: optionalText(2000),
  website: webAddressSchema.nullable().optional(),
  phone: optionalText(40),
  email: z.email().max(254).nullable().optional(),
});
export type CreateOrganization = z.infer<typeof createOrganizationSchema>;

export const updateOrganizationSchema = createOrganizationSchema.partial().extend({ active: z.boolean().optional() }).strict();
export type UpdateOrganization = z.infer<typeof updateOrganizationSchema>;

export const organizationListQuerySchema = pageQuerySchema.extend({
  type: organizationTypeSchema.optional(),
});
export const organizationPageSchema = pageOf(organizationSchema);

// ── Locations ────────────────────────────────────────────────────────────────
export const locationSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  name: z.string(),
  address1: z.string(),
  address2: z.string().nullable(),
  city: z.string(),
  region: z.string(),
  postalCode: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Location = z.infer<typeof locationSchema>;

export const createLocationSchema = z.strictObject({
  name,
  address1: z.string().trim().min(1).max(200),
  address2: optionalText(200),
  city: z.string().trim().min(1).max(100),
  region: z.string().trim().min(2).max(50),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}(-\d{4})?$/, 'Expected a 5-digit postal code'),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
});
export type CreateLocation = z.infer<typeof createLocationSchema>;
export const updateLocationSchema = createLocationSchema.partial().extend({ active: z.boolean().optional() }).strict();
export type UpdateLocation = z.infer<typeof updateLocationSchema>;
/** An organization's locations, a page at a time (`listPageQuerySchema`). */
export const locationListSchema = pageOf(locationSchema);

// ── Users ────────────────────────────────────────────────────────────────────
export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  status: z.enum(['active', 'disabled']),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  memberships: z.array(z.object({ id: z.uuid(), organizationId: z.uuid(), organizationName: z.string(), roles: z.array(roleSchema) })),
});
export type User = z.infer<typeof userSchema>;

export const createUserSchema = z.strictObject({
  email: z.email().max(254),
  displayName: name,
  password: z.string().min(1).max(1024),
  organizationId: z.uuid().describe('Organization of the first membership'),
  roles: z.array(roleSchema).min(1).max(7),
});
export type CreateUser = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.strictObject({
  displayName: name.optional(),
  status: z.enum(['active', 'disabled']).optional(),
  unlock: z.literal(true).optional().describe('Clear a login lockout'),
});
export type UpdateUser = z.infer<typeof updateUserSchema>;
export const userListQuerySchema = pageQuerySchema.extend({ organizationId: z.uuid().optional() });
export const userPageSchema = pageOf(userSchema);

// ── Memberships ──────────────────────────────────────────────────────────────
export const membershipSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  organizationId: z.uuid(),
  userEmail: z.string(),
  userDisplayName: z.string(),
  roles: z.array(roleSchema),
  /** Person-level roles the member asked to grant themselves, waiting for a second administrator (not in effect). */
  pendingRoles: z.array(roleSchema),
  createdAt: z.string(),
});
export type Membership = z.infer<typeof membershipSchema>;
export const createMembershipSchema = z.strictObject({
  userId: z.uuid(),
  organizationId: z.uuid(),
  roles: z.array(roleSchema).min(1).max(7),
});
export type CreateMembership = z.infer<typeof createMembershipSchema>;
export const updateMembershipSchema = z.strictObject({ roles: z.array(roleSchema).min(1).max(7) });
export type UpdateMembership = z.infer<typeof updateMembershipSchema>;
export const membershipListSchema = z.object({ items: z.array(membershipSchema) });

// ── API tokens ───────────────────────────────────────────────────────────────
/** Roles a system-to-system token may carry; administrative and privacy roles stay with people. */
export const tokenRoles = ['clinician', 'care_navigator', 'partner_staff', 'analyst'] as const;
export const apiTokenSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('First characters of the token, to recognise it'),
  roles: z.array(roleSchema),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** A token with a person-level role waits for a second administrator; it does not authenticate until approved. */
  awaitingApproval: z.boolean(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;
export const createApiTokenSchema = z.strictObject({
  name,
  roles: z.array(z.enum(tokenRoles)).min(1).max(4),
  expiresInDays: z.number().int().min(1).max(730).nullable().optional(),
});
export type CreateApiToken = z.infer<typeof createApiTokenSchema>;
export const createdApiTokenSchema = z.object({
  token: apiTokenSchema,
  secret: z.string().describe('Shown once; send as "Authorization: Bearer <secret>"'),
});
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;
export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });

// ── Grants an administrator makes to themselves ───────────────────────────────
/**
 * Person-level access an administrator grants to themselves (a clinical role on their own membership, an
 * API token with a person-level role) waits for a second administrator (docs/privacy.md).
 */
export const accessGrantSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['membership', 'api_token']),
  organizationId: z.uuid(),
  organizationName: z.string(),
  /** Whose membership (for a membership grant). */
  membershipId: z.uuid().nullable(),
  userDisplayName: z.string().nullable(),
  apiTokenId: z.uuid().nullable(),
  apiTokenName: z.string().nullable(),
  roles: z.array(roleSchema),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedByUserId: z.uuid(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type AccessGrant = z.infer<typeof accessGrantSchema>;
export const accessGrantListQuerySchema = z.strictObject({ status: z.enum(['pending', 'decided']).default('pending') });
export const accessGrantListSchema = z.object({ items: z.array(accessGrantSchema) });

// ── Audit ────────────────────────────────────────────────────────────────────
export const auditEntrySchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actorUserId: z.uuid().nullable(),
  actorTokenId: z.uuid().nullable(),
  actorLabel: z.string().describe('e.g. "user", "api-token", "system: demo seed"'),
  organizationId: z.uuid().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditListQuerySchema = pageQuerySchema.extend({
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
});
export const auditPageSchema = pageOf(auditEntrySchema);
export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.string().nullable(),
  reason: z.string().nullable(),
  /** When the newest checkpoint (the head anchored outside the database) the chain was compared with was written; null: none yet. */
  lastCheckpointAt: z.string().nullable(),
  /** Entries committed but not chained yet by the audit sequencer (not broken: each holds its own seal); usually none or a few. */
  pending: z.number().int(),
  /** When the oldest of them was written; null: none pending. */
  pendingSince: z.string().nullable(),
});
export type AuditVerify = z.infer<typeof auditVerifySchema>;

// ── The network's organizations, for pickers (any signed-in staff) ─────────
export const networkOrganizationSchema = z.object({ id: z.uuid(), name: z.string(), type: organizationTypeSchema });
export type NetworkOrganization = z.infer<typeof networkOrganizationSchema>;
export const networkOrganizationListSchema = z.object({ items: z.array(networkOrganizationSchema) });
export const networkOrganizationQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  type: organizationTypeSchema.optional(),
});
