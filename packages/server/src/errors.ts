import type { ErrorCode, FieldError } from '@continuum/contracts';

/** The one HTTP status for each error code. */
export const errorStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  HEADERS_TOO_LARGE: 431,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  SESSION_EXPIRED: 401,
  CSRF_TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  ORGANIZATION_NOT_SELECTED: 403,
  NOT_A_MEMBER: 403,
  TOKEN_SCOPE_VIOLATION: 403,
  CONFLICT: 409,
  PASSWORD_POLICY_VIOLATION: 422,
  NOT_READY: 503,
  INTERNAL: 500,
  ORGANIZATION_NOT_FOUND: 404,
  LOCATION_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  MEMBERSHIP_NOT_FOUND: 404,
  API_TOKEN_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  LAST_NETWORK_ADMIN: 409,
  PERSON_NOT_FOUND: 404,
  POSSIBLE_DUPLICATE: 409,
  CONSENT_NOT_FOUND: 404,
  CONSENT_STATE_INVALID: 409,
  ACCESS_RESTRICTED: 403,
  BREAK_GLASS_NOT_FOUND: 404,
  MERGE_NOT_FOUND: 404,
  MERGE_INVALID: 409,
  IDENTIFIER_TAKEN: 409,
  NOTIFICATION_NOT_FOUND: 404,
  WEBHOOK_NOT_FOUND: 404,
  DIRECTORY_ORGANIZATION_NOT_FOUND: 404,
  DIRECTORY_LOCATION_NOT_FOUND: 404,
  DIRECTORY_SERVICE_NOT_FOUND: 404,
  PLACE_NOT_FOUND: 400,
  HSDS_INVALID: 400,
  REFERRAL_NOT_FOUND: 404,
  PATHWAY_NOT_FOUND: 404,
  CONSENT_REQUIRED: 409,
  PATHWAY_NOT_AVAILABLE: 409,
  REFERRAL_TRANSITION_INVALID: 409,
  ATTACHMENT_NOT_FOUND: 404,
  WORKLIST_TASK_NOT_FOUND: 404,
  WORKLIST_TASK_CLOSED: 409,
  LINK_NOT_FOUND: 404,
  LINK_STATE_INVALID: 409,
};

const defaultMessages: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'The request has invalid fields.',
  UNAUTHENTICATED: 'Sign in to continue.',
  FORBIDDEN: 'You do not have permission to do this.',
  NOT_FOUND: 'Not found.',
  INTERNAL: 'Something went wrong on our side.',
};

export interface AppErrorOptions {
  message?: string;
  fields?: FieldError[];
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * The one error type thrown by domain and data code. Messages must never contain identifiers or
 * PHI: they reach logs and screens.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: FieldError[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.message ?? defaultMessages[code] ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorStatus[code];
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function validationError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { fields: [{ path, message }] });
}
