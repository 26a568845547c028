import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

/*
 * Security headers on every response (OWASP Secure Headers Project, https://owasp.org/www-project-secure-headers/):
 *
 * - Content-Security-Policy: scripts, styles, fonts and fetches from the app's own origin only, no
 *   inline script and no eval (the Vite build has no inline script: index.html loads one module);
 *   images also from data: and blob: (the favicon, chart PNG export); no plugins; forms and <base>
 *   to the own origin; fetches and images also from the basemap's origin when CONTINUUM_MAP_STYLE_URL
 *   names one (the maps draw without one by default). The API documentation (Swagger UI) is the one page that also allows inline
 *   styles, never inline scripts.
 * - frame-ancestors 'none' (and X-Frame-Options: DENY for old browsers): nothing frames the app,
 *   unless CONTINUUM_FRAME_ANCESTORS names origins, e.g. an EHR that embeds the SMART launch.
 * - Strict-Transport-Security in production only (a development server on http://localhost must
 *   not pin HTTPS for the host); upgrade-insecure-requests likewise.
 * - nosniff, no referrer, a cross-origin opener and resource policy of same-origin, and a
 *   permissions policy that allows geolocation to the app itself (the locator's "near me") only.
 */

export interface SecurityHeaderOptions {
  production: boolean;
  frameAncestors: readonly string[];
  /** The basemap's origin (CONTINUUM_MAP_STYLE_URL), which the maps fetch style, tiles and sprites from; none by default. */
  mapOrigins?: readonly string[];
}

const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

export function contentSecurityPolicy(options: SecurityHeaderOptions, path: string): string {
  const docs = path === '/api/docs' || path.startsWith('/api/docs/');
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    "script-src-attr 'none'",
    docs ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    ["img-src 'self' data: blob:", ...(options.mapOrigins ?? [])].join(' '),
    "font-src 'self'",
    ["connect-src 'self'", ...(options.mapOrigins ?? [])].join(' '),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${options.frameAncestors.length > 0 ? options.frameAncestors.join(' ') : "'none'"}`,
  ];
  if (options.production) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** The headers for one response, by the request's path (without the query). */
export function securityHeaders(options: SecurityHeaderOptions, path: string): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': contentSecurityPolicy(options, path),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'geolocation=(self), camera=(), microphone=(), payment=(), usb=()',
  };
  if (options.frameAncestors.length === 0) headers['x-frame-options'] = 'DENY';
  if (options.production) headers['strict-transport-security'] = `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`;
  return headers;
}

export function registerSecurityHeaders(app: FastifyInstance, config: Pick<Config, 'env' | 'frameAncestors' | 'map'>) {
  const options: SecurityHeaderOptions = {
    production: config.env === 'production',
    frameAncestors: config.frameAncestors,
    mapOrigins: config.map.styleUrl ? [new URL(config.map.styleUrl).origin] : [],
  };
  app.addHook('onSend', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    for (const [name, value] of Object.entries(securityHeaders(options, path))) {
      // A route that sets its own policy (none today) keeps it.
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
  });
}
