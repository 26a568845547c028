// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error.ts';
import { createHttpApiClient } from '../../api/client.ts';
import { json, startLocalServer, type ReceivedRequest } from '../../test-support/local-server.ts';
import { disclosuresCsvPath } from '../consent/api.ts';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Records the requests and answers like the registry and directory endpoints. */
function aServer() {
  const requests: string[] = [];
  const answer = (request: ReceivedRequest): Response => {
    const url = request.path;
    requests.push(`${request.method} ${url}`);
    if (url.startsWith('/api/organizations')) {
      return json(200, { items: [{ id: uuid(1), name: 'Anchor House Recovery Residences', type: 'recovery_housing' }] });
    }
    if (url === '/api/people' && request.method === 'POST') return json(201, { id: uuid(7) });
    if (url.startsWith(`/api/people/${uuid(7)}/timeline`)) {
      return json(200, {
        personId: uuid(7),
        purpose: 'payment',
        entries: [],
        restricted: [{ kind: 'notes', count: 2, reason: 'WRONG_PURPOSE', message: 'Consent needed' }],
        redisclosureNotice: null,
        consentScopes: [],
      });
    }
    return json(404, { error: { code: 'PERSON_NOT_FOUND', message: 'Person not found.' } });
  };
  return { requests, start: async () => createHttpApiClient({ baseUrl: await startLocalServer(answer) }) };
}

describe('people and consent client', () => {
  it("offers the network's organizations by name", async () => {
    const server = aServer();
    const client = await server.start();
    expect(await client.searchNetworkOrganizations('Anchor House')).toEqual([{ id: uuid(1), name: 'Anchor House Recovery Residences' }]);
    expect(server.requests).toEqual(['GET /api/organizations?q=Anchor+House']);
  });

  it('registers, reads a timeline for a purpose, and reports a person it may not see as not found', async () => {
    const server = aServer();
    const client = await server.start();
    expect(
      await client.registerPerson({
        givenName: 'Avery',
        familyName: 'Chen',
        birthDate: '1985-01-02',
        sex: 'unknown',
        confirmNoDuplicate: true,
      }),
    ).toEqual({ id: uuid(7) });
    const timeline = await client.getTimeline(uuid(7), 'payment');
    expect(timeline.restricted[0]?.reason).toBe('WRONG_PURPOSE');
    expect(server.requests).toContain(`GET /api/people/${uuid(7)}/timeline?purpose=payment`);

    const failure = await client.getPerson(uuid(8)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe('PERSON_NOT_FOUND');
  });

  it('builds the CSV address of the accounting of disclosures with its dates', () => {
    expect(disclosuresCsvPath(uuid(7))).toBe(`/api/people/${uuid(7)}/disclosures.csv`);
    expect(disclosuresCsvPath(uuid(7), { from: '2024-01-01', to: '2026-03-04' })).toBe(
      `/api/people/${uuid(7)}/disclosures.csv?from=2024-01-01&to=2026-03-04`,
    );
  });
});
