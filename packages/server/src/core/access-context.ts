import type { Role } from '@continuum/contracts';

export type Actor =
  | { type: 'user'; userId: string; sessionId: string }
  | { type: 'token'; tokenId: string }
  /** An EHR connection authenticated by its signed CDS Hooks JWT (modules/ehr). */
  | { type: 'client'; clientId: string }
  /**
   * A person in care signed in to their portal (modules/portal): no organization, no roles; the
   * registry's decision lets them see exactly their own record (docs/decisions, person principal).
   */
  | { type: 'person'; personId: string; accountId: string; sessionId: string }
  | { type: 'system'; reason: string }
  | { type: 'anonymous' };

/**
 * Who is acting, for which organization, with which roles. Built once per request (or per job, via
 * `systemAccess`) and passed explicitly to every module function that needs it.
 */
export interface AccessContext {
  readonly actor: Actor;
  readonly organizationId: string | null;
  readonly roles: readonly Role[];
  readonly requestId: string | null;
}

/** A privileged context for jobs, seeds and CLI commands; the reason is written to the audit trail. */
export function systemAccess(reason: string, requestId: string | null = null): AccessContext {
  return { actor: { type: 'system', reason }, organizationId: null, roles: [], requestId };
}

export function anonymousAccess(requestId: string | null): AccessContext {
  return { actor: { type: 'anonymous' }, organizationId: null, roles: [], requestId };
}

export function hasRole(access: AccessContext, role: Role): boolean {
  return access.roles.includes(role);
}

export function isNetworkAdmin(access: AccessContext): boolean {
  return hasRole(access, 'network_admin');
}

/** The person in care behind a portal request, or null for every other caller. */
export function actorPersonId(access: AccessContext): string | null {
  return access.actor.type === 'person' ? access.actor.personId : null;
}

/** The signed-in person behind a request, or null for an API token, a job or an anonymous caller. */
export function actorUserId(access: AccessContext): string | null {
  return access.actor.type === 'user' ? access.actor.userId : null;
}
