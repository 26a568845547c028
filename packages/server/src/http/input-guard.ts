import type { FastifyInstance } from 'fastify';
import { validationError } from '../errors.ts';

const MAX_DEPTH = 64;

/**
 * The path of the first string holding a NUL character (U+0000), e.g. `body.address.line1`, or null.
 * Objects nested deeper than MAX_DEPTH are not walked (the route's schema refuses them anyway).
 */
export function firstNulPath(value: unknown, at: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? at : null;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  if (Buffer.isBuffer(value)) return null;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key.includes('\u0000')) return `${at}.${key.replaceAll('\u0000', '\\0')}`;
    const found = firstNulPath(child, `${at}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses a NUL character anywhere in the query, the path parameters or a parsed body, before the
 * route's schema runs, as 400 VALIDATION_FAILED naming the field. PostgreSQL cannot store U+0000 in
 * text, so without this such a value reached the database and failed as a 500. One hook for every
 * route, so no text field can forget it.
 */
export function registerInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const found =
      firstNulPath(request.params, 'params') ?? firstNulPath(request.query, 'querystring') ?? firstNulPath(request.body, 'body');
    if (found) throw validationError(found, 'Must not contain a NUL character');
  });
}
