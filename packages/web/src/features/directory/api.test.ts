// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error.ts';
import { createHttpApiClient } from '../../api/client.ts';
import { startLocalServer, type ReceivedRequest } from '../../test-support/local-server.ts';

const serviceId = '00000000-0000-4000-8000-000000000010';
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function recordingServer(answer: (url: string) => Response) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const baseUrl = await startLocalServer((request: ReceivedRequest) => {
    calls.push({ method: request.method, url: request.path, body: request.body ? JSON.parse(request.body) : undefined });
    return answer(request.path);
  });
  return { calls, client: createHttpApiClient({ baseUrl }) };
}

describe('directory and locator client', () => {
  it('sends the locator query as given, without empty values, and parses the answer', async () => {
    const { calls, client } = await recordingServer(() =>
      json(200, {
        place: { label: 'Alder Falls', latitude: 45.5, longitude: -122.6, source: 'network' },
        radiusMiles: 10,
        total: 0,
        items: [],
      }),
    );
    const result = await client.searchLocator({ town: 'Alder Falls', radius: '10', medication: 'BU,METH', payment: '' });
    expect(calls).toEqual([
      { method: 'GET', url: '/api/public/locator/search?town=Alder+Falls&radius=10&medication=BU%2CMETH', body: undefined },
    ]);
    expect(result.place.label).toBe('Alder Falls');
  });

  it('reports an unknown place as PLACE_NOT_FOUND with the field it names', async () => {
    const { client } = await recordingServer(() =>
      json(400, {
        error: {
          code: 'PLACE_NOT_FOUND',
          message: 'Unknown ZIP code.',
          details: { fields: [{ path: 'querystring.zip', message: 'Unknown ZIP code' }] },
        },
      }),
    );
    const error = await client.searchLocator({ zip: '00000' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('PLACE_NOT_FOUND');
    expect((error as ApiError).fields).toEqual([{ path: 'querystring.zip', message: 'Unknown ZIP code' }]);
  });

  it('replaces weekly hours with PUT and updates capacity with POST to the contract paths', async () => {
    const { calls, client } = await recordingServer(() => json(500, { error: { code: 'INTERNAL', message: 'x' } }));
    await client
      .replaceServiceSchedules(serviceId, { items: [{ dayOfWeek: 1, opensAt: '08:00', closesAt: '17:00' }] })
      .catch(() => undefined);
    await client
      .updateServiceCapacity(serviceId, { unit: 'bed', status: 'waitlist', available: 0, waitlistDays: 5 })
      .catch(() => undefined);
    await client.verifyDirectoryOrganization(serviceId).catch(() => undefined);
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      `PUT /api/directory/services/${serviceId}/schedules`,
      `POST /api/directory/services/${serviceId}/capacity`,
      `POST /api/directory/organizations/${serviceId}/verify`,
    ]);
    expect(calls[1]?.body).toEqual({ unit: 'bed', status: 'waitlist', available: 0, waitlistDays: 5 });
  });
});
