import { z } from 'zod';
import { roleSchema, organizationTypeSchema } from './roles.ts';

export const loginRequestSchema = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionMembershipSchema = z.object({
  organizationId: z.uuid(),
  organizationName: z.string(),
  organizationType: organizationTypeSchema,
  roles: z.array(roleSchema),
});
export type SessionMembership = z.infer<typeof sessionMembershipSchema>;

/** What the web app learns about the signed-in user. `csrfToken` must be echoed in `x-csrf-token` on writes. */
export const sessionSchema = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), displayName: z.string() }),
  memberships: z.array(sessionMembershipSchema),
  activeOrganizationId: z.uuid().nullable(),
  roles: z.array(roleSchema).describe('Roles in the active organization'),
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

export const switchOrganizationRequestSchema = z.strictObject({ organizationId: z.uuid() });
export type SwitchOrganizationRequest = z.infer<typeof switchOrganizationRequestSchema>;

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/** The password policy, shared so the web app can explain it before submission. */
export const passwordPolicy = {
  minLength: 12,
  maxLength: 256,
  description: 'At least 12 characters; not a commonly used password; must not contain your email name.',
} as const;

export const SESSION_COOKIE = 'continuum_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Who the API takes the caller to be: for integrations checking their token. */
export const whoAmISchema = z.object({
  actorType: z.enum(['user', 'token']),
  userId: z.uuid().nullable(),
  tokenId: z.uuid().nullable(),
  organizationId: z.uuid().nullable(),
  roles: z.array(roleSchema),
});
export type WhoAmI = z.infer<typeof whoAmISchema>;
