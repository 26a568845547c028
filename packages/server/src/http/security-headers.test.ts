import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './security-headers.ts';

const dev = { production: false, frameAncestors: [] };
const prod = { production: true, frameAncestors: [] };
const embedded = { production: true, frameAncestors: ['https://ehr.example.org'] };

describe('Content-Security-Policy', () => {
  it('allows no inline or eval script anywhere, and frames from no one by default', () => {
    for (const path of ['/', '/find', '/api/people', '/api/docs/', '/launch']) {
      const csp = contentSecurityPolicy(prod, path);
      const script = csp.split('; ').find((d) => d.startsWith('script-src '));
      expect(script).toBe("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
    }
  });

  it.each([
    ['/find', "style-src 'self'"],
    ['/api/docs', "style-src 'self' 'unsafe-inline'"],
    ['/api/docs/static/index.css', "style-src 'self' 'unsafe-inline'"],
    ['/api/docsx', "style-src 'self'"],
  ])('%s: %s', (path, style) => {
    expect(contentSecurityPolicy(dev, path).split('; ')).toContain(style);
  });

  it('lets the configured EHR origins frame the app, and then sends no X-Frame-Options', () => {
    expect(contentSecurityPolicy(embedded, '/launch')).toContain('frame-ancestors https://ehr.example.org');
    expect(securityHeaders(embedded, '/launch')['x-frame-options']).toBeUndefined();
    expect(securityHeaders(prod, '/launch')['x-frame-options']).toBe('DENY');
  });

  it('fetches only from its own origin, and from the basemap’s when CONTINUUM_MAP_STYLE_URL names one', () => {
    expect(contentSecurityPolicy(prod, '/gaps').split('; ')).toContain("connect-src 'self'");
    const withBasemap = contentSecurityPolicy({ ...prod, mapOrigins: ['https://tiles.example.org'] }, '/gaps').split('; ');
    expect(withBasemap).toContain("connect-src 'self' https://tiles.example.org");
    expect(withBasemap).toContain("img-src 'self' data: blob: https://tiles.example.org");
  });

  it('upgrades insecure requests in production only', () => {
    expect(contentSecurityPolicy(prod, '/')).toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy(dev, '/')).not.toContain('upgrade-insecure-requests');
  });
});

describe('the other headers', () => {
  it('sends HSTS in production only', () => {
    expect(securityHeaders(prod, '/')['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(securityHeaders(dev, '/')['strict-transport-security']).toBeUndefined();
  });

  it('always sends nosniff, no referrer and the same-origin policies', () => {
    expect(securityHeaders(dev, '/api/x')).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
  });
});
