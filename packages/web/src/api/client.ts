import { createAdminHttpApi, type AdminApi } from '../features/admin/api.ts';
import { createConsentHttpApi, type ConsentApi } from '../features/consent/api.ts';
import { createDirectoryHttpApi, type DirectoryApi } from '../features/directory/api.ts';
import { createInboxHttpApi, type InboxApi } from '../features/inbox/api.ts';
import { createLocatorHttpApi, type LocatorApi } from '../features/locator/api.ts';
import { createOrganizationsHttpApi, type OrganizationsApi } from '../features/organizations/api.ts';
import { createPeopleHttpApi, type PeopleApi } from '../features/people/api.ts';
import { createSafetyHttpApi, type SafetyApi } from '../features/safety/api.ts';
import { createWorklistHttpApi, type WorklistApi } from '../features/worklist/api.ts';
import { createHttpTransport, type ApiRequest, type HttpTransportOptions } from './request.ts';
import { createSessionHttpApi, type SessionApi } from './session-api.ts';

/**
 * What the app shell and most pages ask of the server: the session and the feature clients that are
 * used across the app, as one object. Components depend on this interface only, so tests hand them a
 * fake (`test-support/fake-api-client.ts`, built from each feature's `fake-api.ts`) instead of a network.
 * Referrals, analytics and overdose response provide their own client in their routes (`api-context.tsx`
 * beside their `api.ts`), built over the same `request()`.
 */
export interface ApiClient
  extends SessionApi, AdminApi, OrganizationsApi, PeopleApi, ConsentApi, InboxApi, DirectoryApi, LocatorApi, WorklistApi, SafetyApi {}

export type HttpApiClientOptions = HttpTransportOptions;

/** The real client, plus the `request()` it is built on (for the feature clients provided by context). */
export function createHttpApiClient(options: HttpApiClientOptions = {}): ApiClient & { request: ApiRequest } {
  const transport = createHttpTransport(options);
  const { request } = transport;
  return {
    ...createSessionHttpApi(transport),
    ...createAdminHttpApi(request),
    ...createOrganizationsHttpApi(request),
    ...createPeopleHttpApi(request),
    ...createConsentHttpApi(request),
    ...createInboxHttpApi(request),
    ...createDirectoryHttpApi(request),
    ...createLocatorHttpApi(request),
    ...createWorklistHttpApi(request),
    ...createSafetyHttpApi(request),
    request,
  };
}
