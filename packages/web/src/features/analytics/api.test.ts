// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error.ts';
import { createHttpTransport } from '../../api/request.ts';
import { json, startLocalServer } from '../../test-support/local-server.ts';
import { createLearningHttpApi } from './api.ts';
import { aChart, anAnnotation } from './fake-fixtures.ts';

/** Records each request and answers like the server: writes need the CSRF token. */
async function aServer(csrfToken: string | null = 'csrf-1') {
  const requests: { method: string; url: string; csrf: string | null; body: unknown }[] = [];
  const baseUrl = await startLocalServer(({ method, path: url, headers, body }) => {
    requests.push({ method, url, csrf: headers.get('x-csrf-token'), body: body ? JSON.parse(body) : undefined });
    if (method !== 'GET' && headers.get('x-csrf-token') !== 'csrf-1')
      return json(403, { error: { code: 'CSRF_TOKEN_INVALID', message: 'Missing or invalid CSRF token.' } });
    if (url.startsWith('/api/learning/measures/ed_moud_conversion_7/chart'))
      return json(200, aChart({ chart: 'p', points: [{ value: 0.5, numerator: 5, denominator: 10 }] }));
    if (url.startsWith('/api/learning/measures/fua_7/people'))
      return json(403, { error: { code: 'FORBIDDEN', message: 'Only clinicians and care navigators see the people behind a number.' } });
    if (url === '/api/learning/annotations' && method === 'POST') return json(201, anAnnotation());
    if (url.startsWith('/api/learning/annotations/') && method === 'DELETE') return json(200, { ok: true });
    if (url === '/api/learning/cascade') return json(200, { unexpected: true });
    return json(404, { error: { code: 'NOT_FOUND', message: 'Not found.' } });
  });
  const transport = createHttpTransport({ baseUrl });
  transport.setCsrfToken(csrfToken);
  return { api: createLearningHttpApi(transport.request), requests };
}

describe('createLearningHttpApi', () => {
  it('asks for a chart with the scope, period and baseline in the query string, parsed with the contract', async () => {
    const server = await aServer();
    const { api } = server;
    const chart = await api.getChart('ed_moud_conversion_7', {
      organizationId: undefined,
      from: '2025-01',
      to: '2025-12',
      baselineFrom: '2025-01',
      baselineTo: '2025-06',
      chart: 'p',
    });
    expect(chart.points[0]).toMatchObject({ value: 0.5, numerator: 5, denominator: 10 });
    expect(server.requests).toEqual([
      {
        method: 'GET',
        url: '/api/learning/measures/ed_moud_conversion_7/chart?from=2025-01&to=2025-12&baselineFrom=2025-01&baselineTo=2025-06&chart=p',
        csrf: null,
        body: undefined,
      },
    ]);
  });

  it('sends writes with the CSRF token and a JSON body', async () => {
    const server = await aServer();
    const { api } = server;
    await api.createAnnotation({
      measureId: 'ed_moud_conversion_7',
      organizationId: null,
      date: '2025-06-15',
      kind: 'change',
      text: 'ED bridge clinic opened',
    });
    await api.deleteAnnotation('00000000-0000-4000-8000-00000000a001');
    expect(server.requests.map((r) => [r.method, r.url, r.csrf, r.body])).toEqual([
      [
        'POST',
        '/api/learning/annotations',
        'csrf-1',
        { measureId: 'ed_moud_conversion_7', organizationId: null, date: '2025-06-15', kind: 'change', text: 'ED bridge clinic opened' },
      ],
      ['DELETE', '/api/learning/annotations/00000000-0000-4000-8000-00000000a001', 'csrf-1', {}],
    ]);
  });

  it('turns error bodies and unexpected shapes into ApiErrors', async () => {
    const { api } = await aServer();
    await expect(api.drillDown('fua_7', { month: '2025-03' })).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
    await expect(api.getCascade({})).rejects.toBeInstanceOf(ApiError);
    await expect(api.getCascade({})).rejects.toMatchObject({ code: 'UNEXPECTED_RESPONSE' });
  });

  it('builds the report link from the defined values only', async () => {
    const { api } = await aServer(null);
    expect(api.reportPdfPath({ organizationId: 'a1', from: '2025-01', stratum: 'sex', stratumValue: undefined })).toBe(
      '/api/learning/report.pdf?organizationId=a1&from=2025-01&stratum=sex',
    );
  });
});
