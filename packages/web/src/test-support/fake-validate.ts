import { ApiError } from '../api/api-error.ts';

/** Anything with Zod's `safeParse` (a contract schema). */
export interface Validator<T> {
  safeParse(
    data: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/**
 * Validates like the server for the fakes: the contract schema, and on failure VALIDATION_FAILED (400)
 * with each field path prefixed by where it came from (`body`, `querystring`).
 */
export function validateLikeServer<T>(schema: Validator<T>, input: unknown, prefix: 'body' | 'querystring' = 'body'): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ApiError('VALIDATION_FAILED', 'The request has invalid fields.', {
    status: 400,
    fields: result.error.issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)].join('.'), message: issue.message })),
  });
}
