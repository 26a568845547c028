import type { AppDeps } from '../app-deps.ts';
import type { AccessContext } from '../core/access-context.ts';
import type { SessionRow } from '../modules/identity/index.ts';
import type { PortalAccountRow, PortalSessionRow } from '../modules/portal/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    /** Who is acting; set for every request by the authenticate hook. */
    access: AccessContext;
    /** The cookie session behind `access`, when there is one. */
    session: SessionRow | null;
    /** The person's portal session behind `access` (portal routes only). */
    portalSession: { session: PortalSessionRow; account: PortalAccountRow } | null;
  }
  interface FastifyContextConfig {
    /** Public by design (locator, health, login): no authentication required. */
    public?: boolean;
    /** Session routes (logout, switch organization) refuse API tokens. */
    sessionOnly?: boolean;
    /** Answered without a session when the request carries no credentials at all (the session check: 204, not 401). */
    optionalSession?: boolean;
    /** The person's portal: authenticated by the portal cookie alone, as a person principal (docs/portal.md). */
    portal?: boolean;
  }
}
