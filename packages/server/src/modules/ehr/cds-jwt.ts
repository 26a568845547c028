import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { MINUTE_MS, type Role } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { EhrConnectionRow } from './ehr.table.ts';

/*
 * CDS Hooks 2.0 JWT bearer authentication ("Trusting CDS Clients", https://cds-hooks.hl7.org/2.0/#trusting-cds-clients):
 * the EHR signs a JWT with its private key; we find the registered client by `iss`, verify the
 * signature with its JWK Set URL or registered public keys, and check `aud` (our service URL),
 * `exp`, `iat`, `jti` (each accepted once) and `tenant` when the client is registered with tenants.
 * Nothing is written for a refused token; an accepted one writes only its `jti`.
 */

/** Asymmetric JWS algorithms (RFC 7518); the spec asks services to support ES384 and RS384. HS* and "none" are refused. */
export const CDS_JWT_ALGORITHMS = ['ES384', 'RS384', 'ES256', 'ES512', 'RS256', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA'];

/**
 * Longest accepted lifetime left on a JWT: five minutes, the bound SMART Backend Services sets for
 * client assertions (https://hl7.org/fhir/smart-app-launch/backend-services.html), which EHRs reuse
 * for CDS Hooks JWTs. It also bounds how long a `jti` is kept.
 */
export const CDS_JWT_MAX_LIFETIME_MS = 5 * MINUTE_MS;
/** Clock skew tolerated on `exp`, `iat` and `nbf`. */
const CLOCK_TOLERANCE_SECONDS = 30;

export interface CdsClient {
  connectionId: string;
  organizationId: string;
  roles: Role[];
}

/** Whether a bearer credential is a JWT (three base64url parts) rather than a Continuum API token. */
export function looksLikeJwt(credential: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(credential);
}

const refused = (reason: string) => new AppError('UNAUTHENTICATED', { message: `The CDS Hooks JWT was refused: ${reason}.` });

/** What jose's error says, as a short reason naming no value from the token. */
function reasonOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'it has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `the "${error.claim}" claim is not valid (${error.reason})`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the signature does not verify';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return "no key of the client's matches";
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'the algorithm is not allowed';
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) return "the client's JWK Set could not be read";
  if (error instanceof joseErrors.JOSEError) return 'it is not a valid JWT';
  return "the client's keys could not be read";
}

/**
 * Verifies CDS Hooks JWTs. One per app: it caches each client's remote JWK Set (jose refetches on
 * an unknown `kid`, at most every 30 s) and its local key sets.
 */
export class CdsJwtVerifier {
  private readonly keySets = new Map<string, JWTVerifyGetKey>();

  private keySet(row: EhrConnectionRow): JWTVerifyGetKey {
    const cacheKey = `${row.id}|${row.cds_jwks_url ?? ''}|${JSON.stringify(row.cds_public_keys ?? [])}`;
    let set = this.keySets.get(cacheKey);
    if (!set) {
      set = row.cds_jwks_url
        ? createRemoteJWKSet(new URL(row.cds_jwks_url), { timeoutDuration: 5000, cacheMaxAge: 10 * MINUTE_MS })
        : createLocalJWKSet({ keys: (row.cds_public_keys ?? []) as never });
      this.keySets.set(cacheKey, set);
    }
    return set;
  }

  /**
   * The client a JWT authenticates, or UNAUTHENTICATED. `audiences` are the URLs accepted as `aud`
   * (the service's own URL, and the discovery URL some EHRs use).
   */
  async verify(db: Db, clock: Clock, token: string, audiences: string[]): Promise<CdsClient> {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw refused('it is not a valid JWT');
    }
    if (typeof issuer !== 'string' || issuer.length === 0) throw refused('the "iss" claim is missing');
    const row = await db
      .selectFrom('ehr_connections')
      .selectAll()
      .where('cds_issuer', '=', issuer)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!row) throw refused('the issuer is not a registered CDS client');
    const now = clock.now();
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.keySet(row), {
        issuer,
        audience: audiences,
        algorithms: CDS_JWT_ALGORITHMS,
        currentDate: now,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['iss', 'aud', 'exp', 'iat', 'jti'],
      }));
    } catch (error) {
      throw refused(reasonOf(error));
    }
    const exp = payload.exp! * 1000;
    if (exp - now.getTime() > CDS_JWT_MAX_LIFETIME_MS) throw refused('it expires more than five minutes from now');
    if (payload.iat! * 1000 > now.getTime() + CLOCK_TOLERANCE_SECONDS * 1000) throw refused('it was issued in the future');
    if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > 200)
      throw refused('the "jti" claim is not valid');
    if (row.cds_tenants && !(typeof payload.tenant === 'string' && row.cds_tenants.includes(payload.tenant)))
      throw refused('the "tenant" claim is not one registered for the client');
    await rememberJti(db, now, issuer, payload.jti, new Date(exp));
    return { connectionId: row.id, organizationId: row.organization_id, roles: row.roles };
  }
}

/** Records a `jti` until its JWT expires; a second use is a replay and refused. Forgets expired ones. */
async function rememberJti(db: Db, now: Date, issuer: string, jti: string, expiresAt: Date): Promise<void> {
  const inserted = await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('cds_jwt_ids')
      .where('expires_at', '<', new Date(now.getTime() - CLOCK_TOLERANCE_SECONDS * 1000))
      .execute();
    return trx
      .insertInto('cds_jwt_ids')
      .values({ issuer, jti, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(['issuer', 'jti']).doNothing())
      .returning('jti')
      .executeTakeFirst();
  });
  if (!inserted) throw refused('its "jti" was already used (replay)');
}
