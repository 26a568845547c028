import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import { MINUTE_MS, smartDefaultScopes } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { isSealed, secretBox, SecretKeyError } from '../../core/secret-box.ts';
import { openLaunchSession } from '../identity/index.ts';
import { readContext, resolveImportPeople, visiblePeople } from '../registry/index.ts';
import { clientSecretBinding, normalizeBaseUrl } from './connections.ts';
import type { EhrConnectionRow } from './ehr.table.ts';
import { medicalRecordNumbers } from './patient-identifiers.ts';
import { prefillBinding } from './launch-prefill.ts';
import { patientPrefill } from './patient-prefill.ts';

/*
 * SMART App Launch 2.x (https://hl7.org/fhir/smart-app-launch/app-launch.html) with Continuum as
 * the app: EHR launch (`iss` + `launch`) and standalone launch (`iss` alone), authorization code
 * with PKCE S256, through openid-client. After the token exchange: the `patient` from the token
 * response is read from the EHR's FHIR server, found in the registry by the EHR's record numbers
 * (through the chokepoint, as the user), the id token's `fhirUser` is mapped to a Continuum user
 * (ehr_user_links), and the normal Continuum session opens for that user.
 */

export const launchTargets = ['person', 'safety', 'referral'] as const;
export type LaunchTarget = (typeof launchTargets)[number];

/** How long a started launch waits for its callback. */
const LAUNCH_TTL_MS = 10 * MINUTE_MS;
/** Launches are kept a day for troubleshooting, then removed with anything they held. */
const LAUNCH_KEEP_MS = 24 * 60 * MINUTE_MS;

const hashState = (state: string) => createHash('sha256').update(state).digest('hex');
const launchRefused = (message: string) => new AppError('UNAUTHENTICATED', { message });

export function redirectUri(config: Config): string {
  return `${config.mail.publicUrl}/launch/callback`;
}

/** The page the launch ends on for a person (null: none found, offer to register, from the EHR's details when the launch kept them). */
export function targetPath(target: LaunchTarget, personId: string | null, launchId: string | null = null): string {
  if (personId === null) return `/people/new?from=ehr-launch${launchId ? `&launch=${encodeURIComponent(launchId)}` : ''}`;
  if (target === 'referral') return `/referrals/new?personId=${encodeURIComponent(personId)}`;
  if (target === 'safety') return `/people/${encodeURIComponent(personId)}#safety-heading`;
  return `/people/${encodeURIComponent(personId)}`;
}

/** The scopes to ask for: the connection's, without the bare `launch` scope in a standalone launch. */
export function launchScopes(configured: string | null, ehrLaunch: boolean): string {
  const scopes = (configured ?? smartDefaultScopes).split(/\s+/).filter((s) => s.length > 0);
  return (ehrLaunch ? scopes : scopes.filter((s) => s !== 'launch')).join(' ');
}

/** The EHR's authorization server, from its SMART configuration (`{iss}/.well-known/smart-configuration`) and OpenID discovery. */
async function authorizationServer(row: EhrConnectionRow, config: Config): Promise<oidc.Configuration> {
  const base = row.smart_fhir_base_url!;
  const insecure = base.startsWith('http://') && config.env !== 'production';
  let issuer: unknown;
  try {
    const response = await fetch(`${base}/.well-known/smart-configuration`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
    issuer = response.ok ? ((await response.json()) as { issuer?: unknown }).issuer : undefined;
  } catch {
    issuer = undefined;
  }
  if (typeof issuer !== 'string')
    throw new AppError('NOT_FOUND', { message: 'The EHR publishes no SMART configuration with an OpenID issuer.' });
  const secret = clientSecret(row, config);
  return oidc.discovery(
    new URL(issuer),
    row.smart_client_id!,
    secret ?? undefined,
    secret ? oidc.ClientSecretPost(secret) : oidc.None(),
    insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
  );
}

/** The connection's client secret, unsealed; a server holding another key gets a page saying so, not a failed sign-in at the EHR. */
function clientSecret(row: EhrConnectionRow, config: Config): string | null {
  if (row.smart_client_secret === null) return null;
  try {
    return secretBox(config).open(row.smart_client_secret, clientSecretBinding(row.id));
  } catch (error) {
    if (!(error instanceof SecretKeyError)) throw error;
    throw new AppError('INTERNAL', {
      message: `Continuum cannot read this EHR connection's stored client secret. ${error.message}`,
      cause: error,
    });
  }
}

const verifierBinding = (stateHash: string) => `smart_launches.code_verifier:${stateHash}`;

async function smartConnection(db: Db, iss: string): Promise<EhrConnectionRow> {
  const row = await db
    .selectFrom('ehr_connections')
    .selectAll()
    .where('smart_fhir_base_url', '=', normalizeBaseUrl(iss))
    .where('active', '=', true)
    .executeTakeFirst();
  if (!row?.smart_client_id) throw new AppError('NOT_FOUND', { message: 'This EHR is not registered to launch Continuum.' });
  return row;
}

/** Starts a launch: the authorization URL to send the browser to. */
export async function startLaunch(
  db: Db,
  clock: Clock,
  input: { iss: string; launch?: string | undefined; target: LaunchTarget },
  config: Config,
): Promise<URL> {
  const row = await smartConnection(db, input.iss);
  const server = await authorizationServer(row, config);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const now = clock.now();
  await db
    .deleteFrom('smart_launches')
    .where('expires_at', '<', new Date(now.getTime() - LAUNCH_KEEP_MS))
    .execute();
  await db
    .insertInto('smart_launches')
    .values({
      state_hash: hashState(state),
      connection_id: row.id,
      code_verifier: secretBox(config).seal(verifier, verifierBinding(hashState(state))),
      nonce,
      target: input.target,
      created_at: now,
      expires_at: new Date(now.getTime() + LAUNCH_TTL_MS),
    })
    .execute();
  return oidc.buildAuthorizationUrl(server, {
    redirect_uri: redirectUri(config),
    scope: launchScopes(row.smart_scopes, input.launch !== undefined),
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    aud: row.smart_fhir_base_url!,
    ...(input.launch !== undefined ? { launch: input.launch } : {}),
  });
}

/** The Continuum user mapped to an EHR user: `fhirUser` as sent, or its relative form ("Practitioner/123"). */
async function mappedUser(db: Db, connectionId: string, fhirUser: string): Promise<string | null> {
  const relative = /([A-Za-z]+\/[^/]+)$/.exec(fhirUser)?.[1] ?? fhirUser;
  const row = await db
    .selectFrom('ehr_user_links')
    .select('user_id')
    .where('connection_id', '=', connectionId)
    .where('fhir_user', 'in', [...new Set([fhirUser, relative])])
    .executeTakeFirst();
  return row?.user_id ?? null;
}

async function fetchPatient(base: string, accessToken: string, patientId: string): Promise<unknown> {
  const response = await fetch(`${base}/Patient/${encodeURIComponent(patientId)}`, {
    headers: { accept: 'application/fhir+json', authorization: `Bearer ${accessToken}` },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new AppError('NOT_FOUND', { message: `The EHR's FHIR server did not return the patient (${response.status}).` });
  return response.json();
}

function targetFrom(appContext: unknown, fallback: LaunchTarget): LaunchTarget {
  if (typeof appContext !== 'string') return fallback;
  try {
    const t = (JSON.parse(appContext) as { target?: unknown }).target;
    return (launchTargets as readonly unknown[]).includes(t) ? (t as LaunchTarget) : fallback;
  } catch {
    return fallback;
  }
}

export interface CompletedLaunch {
  token: string;
  cookieExpiresAt: Date;
  redirectTo: string;
}

/** Finishes a launch at the callback: token exchange, patient, user mapping, session. */
export async function completeLaunch(
  db: Db,
  clock: Clock,
  access: AccessContext,
  callbackUrl: URL,
  config: Config,
): Promise<CompletedLaunch> {
  const state = callbackUrl.searchParams.get('state');
  if (!state) throw launchRefused('The launch has no state; start it again from the EHR.');
  const now = clock.now();
  const launch = await db
    .updateTable('smart_launches')
    .set({ used_at: now })
    .where('state_hash', '=', hashState(state))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
  if (!launch) throw launchRefused('The launch has expired or was already used; start it again from the EHR.');
  const row = await db.selectFrom('ehr_connections').selectAll().where('id', '=', launch.connection_id).executeTakeFirstOrThrow();
  const server = await authorizationServer(row, config);
  let tokens;
  try {
    tokens = await oidc.authorizationCodeGrant(server, callbackUrl, {
      // A launch started before verifiers were sealed still completes.
      pkceCodeVerifier: isSealed(launch.code_verifier)
        ? secretBox(config).open(launch.code_verifier, verifierBinding(launch.state_hash))
        : launch.code_verifier,
      expectedState: state,
      expectedNonce: launch.nonce,
      idTokenExpected: true,
    });
  } catch {
    throw launchRefused('The EHR’s authorization server did not complete the sign-in.');
  }
  const fhirUser = tokens.claims()?.fhirUser;
  if (typeof fhirUser !== 'string' || fhirUser.length === 0)
    throw launchRefused('The EHR did not say who you are (no fhirUser in the ID token).');
  const userId = await mappedUser(db, row.id, fhirUser);
  if (!userId)
    throw new AppError('FORBIDDEN', {
      message: 'Your EHR account is not linked to a Continuum account. Ask a Continuum administrator to link it, then launch again.',
    });
  const patientId = typeof tokens.patient === 'string' ? tokens.patient : null;
  const patient = patientId ? await fetchPatient(row.smart_fhir_base_url!, tokens.access_token, patientId) : null;
  const mrns = medicalRecordNumbers(patient, row.identifier_system);
  const target = targetFrom(tokens.appContext, launch.target as LaunchTarget);
  return db.transaction().execute(async (trx) => {
    const session = await openLaunchSession(trx, clock, access, userId, row.organization_id, config, {
      connectionId: row.id,
      patientInContext: patientId !== null,
    });
    let personId: string | null = null;
    if (mrns.length > 0) {
      const found = (
        await resolveImportPeople(
          trx,
          row.organization_id,
          mrns.map((value) => ({ identifier: { kind: 'mrn' as const, value } })),
        )
      ).find((id): id is string => id !== null);
      if (found) {
        const userAccess: AccessContext = {
          actor: { type: 'user', userId, sessionId: session.sessionId },
          organizationId: row.organization_id,
          roles: session.roles,
          requestId: access.requestId,
        };
        const visible = await visiblePeople(trx, readContext(userAccess, clock, 'treatment', 'web'), [found]);
        personId = visible[0]?.id ?? null;
      }
    }
    // Not known to the network: keep the EHR's details (sealed, for this session only) for the registration form.
    const prefill = personId === null ? patientPrefill(patient, row.identifier_system, row.name) : null;
    if (prefill)
      await trx
        .updateTable('smart_launches')
        .set({ session_id: session.sessionId, patient_prefill: secretBox(config).seal(JSON.stringify(prefill), prefillBinding(launch.id)) })
        .where('id', '=', launch.id)
        .execute();
    return {
      token: session.token,
      cookieExpiresAt: session.cookieExpiresAt,
      redirectTo: targetPath(target, personId, prefill ? launch.id : null),
    };
  });
}
