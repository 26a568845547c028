import { errorBodySchema, type ErrorCode, type FieldError } from '@continuum/contracts';

/** Codes the server answers with, plus two the client raises itself when no usable answer came back. */
export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

/** A failed API call: branch on `code`, show `message`, and put `fields` next to the form fields they name. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly fields: readonly FieldError[];
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ApiErrorCode,
    message: string,
    options: { status?: number; fields?: readonly FieldError[]; requestId?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.code = code;
    this.status = options.status ?? 0;
    this.fields = options.fields ?? [];
    this.requestId = options.requestId;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** Builds an ApiError from a non-2xx response body, tolerating bodies that are not the contract shape. */
export function apiErrorFromBody(status: number, body: unknown, retryAfterHeader?: string | null): ApiError {
  const parsed = errorBodySchema.safeParse(body);
  const headerSeconds = retryAfterHeader ? Number(retryAfterHeader) : Number.NaN;
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(code, message, {
      status,
      fields: details?.fields ?? [],
      ...(details?.requestId ? { requestId: details.requestId } : {}),
      ...(details?.retryAfterSeconds !== undefined
        ? { retryAfterSeconds: details.retryAfterSeconds }
        : Number.isFinite(headerSeconds)
          ? { retryAfterSeconds: headerSeconds }
          : {}),
    });
  }
  return new ApiError(status >= 500 ? 'INTERNAL' : 'UNEXPECTED_RESPONSE', `The server answered with status ${status}.`, {
    status,
  });
}

/**
 * Turns server field paths ("body.name", "body.roles.0", "querystring.q") into form field names ("name",
 * "roles", "q"). The first message for a field wins.
 */
export function fieldErrorMap(fields: readonly FieldError[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const field of fields) {
    const segments = field.path.split('.');
    const name = ['body', 'query', 'querystring', 'params'].includes(segments[0] ?? '') ? segments[1] : segments[0];
    if (name && map[name] === undefined) map[name] = field.message;
  }
  return map;
}

/** A user-facing sentence for an error of any kind (thrown ApiError, network failure, bug). */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'NETWORK_ERROR':
        return 'Cannot reach the Continuum server. Check your connection and try again.';
      case 'FORBIDDEN':
        return 'You do not have permission to do this in the active organization.';
      case 'VALIDATION_FAILED':
        return error.fields.length > 0 ? 'Some fields need attention.' : error.message;
      case 'RATE_LIMITED':
        return error.retryAfterSeconds
          ? `Too many requests. Wait ${Math.ceil(error.retryAfterSeconds)} seconds and try again.`
          : 'Too many requests. Wait a moment and try again.';
      case 'INTERNAL':
        return error.requestId
          ? `Something went wrong on the server (reference ${error.requestId}). Try again.`
          : 'Something went wrong on the server. Try again.';
      default:
        return error.message;
    }
  }
  return 'Something unexpected went wrong. Reload the page and try again.';
}
