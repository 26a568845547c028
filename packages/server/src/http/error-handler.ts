import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorBody, ErrorCode, FieldError } from '@continuum/contracts';
import { AppError, errorStatus } from '../errors.ts';
import { safeError } from '../logging.ts';

function send(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  extra: { fields?: FieldError[]; retryAfterSeconds?: number | undefined } = {},
) {
  const body: ErrorBody = {
    error: {
      code,
      message,
      details: {
        requestId: String(reply.request.id),
        ...(extra.fields ? { fields: extra.fields } : {}),
        ...(extra.retryAfterSeconds !== undefined ? { retryAfterSeconds: extra.retryAfterSeconds } : {}),
      },
    },
  };
  if (extra.retryAfterSeconds !== undefined) reply.header('retry-after', String(extra.retryAfterSeconds));
  return reply.status(errorStatus[code]).type('application/json; charset=utf-8').send(body);
}

// Fastify's own client-error codes, each mapped to ours. Everything else is a 500.
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_REQUEST',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_REQUEST',
  FST_ERR_CTP_INVALID_TYPE: 'MALFORMED_REQUEST',
  FST_ERR_BAD_URL: 'MALFORMED_REQUEST',
  FST_ERR_ASYNC_CONSTRAINT: 'MALFORMED_REQUEST',
};

const fastifyMessages: Partial<Record<ErrorCode, string>> = {
  MALFORMED_REQUEST: 'The request body is not valid JSON.',
  PAYLOAD_TOO_LARGE: 'The request body is too large.',
  UNSUPPORTED_MEDIA_TYPE: 'Send the request body as application/json.',
};

function zodPath(instancePath: string, context: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  return [context, ...parts].join('.');
}

/**
 * One handler for every error: AppError by its code, request validation as VALIDATION_FAILED
 * naming each field, Fastify's parser errors as 4xx, anything else a bare 500 with the request id.
 * Messages never include submitted values.
 */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: { name: error.name, code: error.code } }, 'application error');
      return send(reply, error.code, error.message, {
        ...(error.fields ? { fields: error.fields } : {}),
        retryAfterSeconds: error.retryAfterSeconds,
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext ?? 'body';
      const fields = error.validation.map((v) => {
        const keys = (v.params as { keys?: unknown } | undefined)?.keys;
        const base = zodPath(v.instancePath, context);
        if (v.keyword === 'unrecognized_keys' && Array.isArray(keys) && keys.length > 0) {
          return { path: `${base}.${String(keys[0])}`, message: `Unknown field${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}` };
        }
        return { path: base, message: v.message ?? 'Invalid value' };
      });
      return send(reply, 'VALIDATION_FAILED', `Invalid request: ${fields.map((f) => f.path).join(', ')}`, { fields });
    }
    if (isResponseSerializationError(error)) {
      request.log.error(
        { err: { name: 'ResponseSerializationError', method: error.method, url: error.url } },
        'response failed its schema',
      );
      return send(reply, 'INTERNAL', 'Something went wrong on our side.');
    }
    const fe = error as FastifyError;
    const mapped = fe.code ? fastifyCodes[fe.code] : undefined;
    if (mapped) return send(reply, mapped, fastifyMessages[mapped] ?? 'The request could not be read.');
    if (fe.statusCode === 429) return send(reply, 'RATE_LIMITED', 'Too many requests. Try again shortly.');
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(reply, 'MALFORMED_REQUEST', 'The request could not be read.');
    }
    request.log.error({ err: safeError(error) }, 'unhandled error');
    return send(reply, 'INTERNAL', 'Something went wrong on our side.');
  });
}

/**
 * Errors the router raises before a route is chosen: a path that is not valid percent-encoding
 * (FST_ERR_BAD_URL) and a path segment over the router's 100-character limit for a parameter
 * (FST_ERR_MAX_PARAM_LENGTH). Fastify's default answered these in its own shape, echoing the path
 * (which may hold an identifier); they answer 400 MALFORMED_REQUEST in the error shape instead.
 */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A part of the request path is too long.' : 'The request path could not be read.';
  return send(reply, 'MALFORMED_REQUEST', message);
}

export function sendNotFound(_request: FastifyRequest, reply: FastifyReply) {
  return send(reply, 'NOT_FOUND', 'No such endpoint.');
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers over the 16 KB limit, a
 * malformed request line): answered in the same error shape as every other error, then the socket
 * is closed. Fastify's default wrote its own `{error, message, statusCode}` body.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex) {
  if (!socket.writable) return socket.destroy(error);
  const code: ErrorCode = error.code === 'HPE_HEADER_OVERFLOW' ? 'HEADERS_TOO_LARGE' : 'MALFORMED_REQUEST';
  const message = code === 'HEADERS_TOO_LARGE' ? 'The request headers or query string are too large.' : 'The request could not be read.';
  const requestId = randomUUID();
  const body = JSON.stringify({ error: { code, message, details: { requestId } } } satisfies ErrorBody);
  const status = errorStatus[code];
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `x-request-id: ${requestId}\r\n` +
      'x-content-type-options: nosniff\r\n' +
      '\r\n' +
      body,
  );
}
