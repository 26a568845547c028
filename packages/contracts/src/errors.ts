import { z } from 'zod';
import { registryErrorCodes } from './consent.ts';
import { notificationErrorCodes } from './notifications.ts';
import { referralErrorCodes } from './referrals.ts';
import { worklistErrorCodes } from './worklist.ts';
import { personIndexErrorCodes } from './person-index.ts';

/**
 * The closed set of error codes the API answers with. Clients branch on `code`, never on the
 * message. Each code is documented, with when it is thrown, in `docs/errors.md`; the HTTP status
 * for each lives in one map on the server (`errorStatus`).
 */
export const platformErrorCodes = [
  'VALIDATION_FAILED',
  'MALFORMED_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'HEADERS_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'SESSION_EXPIRED',
  'CSRF_TOKEN_INVALID',
  'FORBIDDEN',
  'ORGANIZATION_NOT_SELECTED',
  'NOT_A_MEMBER',
  'TOKEN_SCOPE_VIOLATION',
  'CONFLICT',
  'PASSWORD_POLICY_VIOLATION',
  'NOT_READY',
  'INTERNAL',
] as const;

export const adminErrorCodes = [
  'ORGANIZATION_NOT_FOUND',
  'LOCATION_NOT_FOUND',
  'USER_NOT_FOUND',
  'MEMBERSHIP_NOT_FOUND',
  'API_TOKEN_NOT_FOUND',
  'EMAIL_TAKEN',
  'LAST_NETWORK_ADMIN',
] as const;

export const directoryErrorCodes = [
  'DIRECTORY_ORGANIZATION_NOT_FOUND',
  'DIRECTORY_LOCATION_NOT_FOUND',
  'DIRECTORY_SERVICE_NOT_FOUND',
  'PLACE_NOT_FOUND',
  'HSDS_INVALID',
] as const;

export const errorCodes = [
  ...platformErrorCodes,
  ...adminErrorCodes,
  ...registryErrorCodes,
  ...directoryErrorCodes,
  ...notificationErrorCodes,
  ...referralErrorCodes,
  ...worklistErrorCodes,
  ...personIndexErrorCodes,
] as const;
export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const fieldErrorSchema = z.object({
  path: z.string().describe('Dotted path of the offending field, e.g. "body.email"'),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    details: z
      .object({
        fields: z.array(fieldErrorSchema).optional(),
        requestId: z.string().optional(),
        retryAfterSeconds: z.number().optional(),
      })
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
