import { randomUUID } from 'node:crypto';
import { smartDefaultScopes, type CreateEhrConnection, type EhrConnection } from '@continuum/contracts';
import { createEhrConnectionSchema } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError, validationError } from '../../errors.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { authorizeAdmin } from '../../core/admin-authorize.ts';
import { isSealed, secretBox, type SecretBox } from '../../core/secret-box.ts';
import { recordAudit } from '../audit/index.ts';
import type { EhrConnectionRow } from './ehr.table.ts';
import { findOrganization } from '../organizations/index.ts';
import { membersAmong } from '../identity/index.ts';

/** EHR connections, administered by network administrators; every change audited. */

export const connectionNotFound = () => new AppError('NOT_FOUND', { message: 'No such EHR connection.' });

export function connectionFromRow(r: EhrConnectionRow, userLinkCount: number): EhrConnection {
  return {
    id: r.id,
    name: r.name,
    organizationId: r.organization_id,
    roles: r.roles,
    identifierSystem: r.identifier_system,
    cds: r.cds_issuer
      ? { issuer: r.cds_issuer, jwksUrl: r.cds_jwks_url, publicKeyCount: r.cds_public_keys?.length ?? 0, tenants: r.cds_tenants }
      : null,
    smart:
      r.smart_fhir_base_url && r.smart_client_id
        ? {
            fhirBaseUrl: r.smart_fhir_base_url,
            clientId: r.smart_client_id,
            confidential: r.smart_client_secret !== null,
            scopes: r.smart_scopes ?? smartDefaultScopes,
          }
        : null,
    active: r.active,
    userLinkCount,
    createdAt: r.created_at.toISOString(),
  };
}

/** Where a connection's client secret is bound when sealed: it opens only in its own row and column. */
export const clientSecretBinding = (connectionId: string) => `ehr_connections.smart_client_secret:${connectionId}`;

/**
 * Seals client secrets stored before secrets were sealed (run at start and by `continuum db migrate`;
 * a sealed value is left as it is). Returns how many were sealed.
 */
export async function sealStoredEhrSecrets(db: Db, box: SecretBox): Promise<number> {
  const rows = await db
    .selectFrom('ehr_connections')
    .select(['id', 'smart_client_secret'])
    .where('smart_client_secret', 'is not', null)
    .execute();
  let sealed = 0;
  for (const row of rows) {
    if (row.smart_client_secret === null || isSealed(row.smart_client_secret)) continue;
    const result = await db
      .updateTable('ehr_connections')
      .set({ smart_client_secret: box.seal(row.smart_client_secret, clientSecretBinding(row.id)) })
      .where('id', '=', row.id)
      // Only if still the plaintext read above: two servers starting together seal it once.
      .where('smart_client_secret', '=', row.smart_client_secret)
      .executeTakeFirst();
    sealed += Number(result.numUpdatedRows);
  }
  return sealed;
}

/** A FHIR base URL without its trailing slash, so an EHR's `iss` matches however it is written. */
export function normalizeBaseUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Production key and FHIR URLs must be https (the keys and tokens travel over them). */
function requireHttps(config: Config, path: string, url: string | undefined) {
  if (url !== undefined && config.env === 'production' && !url.startsWith('https://')) throw validationError(path, 'must be an https URL');
}

export async function listEhrConnections(db: Db, access: AccessContext): Promise<EhrConnection[]> {
  authorizeAdmin(access, 'ehr-connection.read');
  const rows = await db.selectFrom('ehr_connections').selectAll().orderBy('name').orderBy('id').execute();
  const counts = await db
    .selectFrom('ehr_user_links')
    .select(['connection_id', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('connection_id')
    .execute();
  const byId = new Map(counts.map((c) => [c.connection_id, Number(c.n)]));
  return rows.map((r) => connectionFromRow(r, byId.get(r.id) ?? 0));
}

export async function createEhrConnection(
  db: Db,
  clock: Clock,
  access: AccessContext,
  body: CreateEhrConnection,
  config: Config,
): Promise<EhrConnection> {
  authorizeAdmin(access, 'ehr-connection.write');
  const input = createEhrConnectionSchema.parse(body);
  requireHttps(config, 'body.cds.jwksUrl', input.cds?.jwksUrl);
  requireHttps(config, 'body.smart.fhirBaseUrl', input.smart?.fhirBaseUrl);
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const org = await findOrganization(trx, input.organizationId);
    if (!org) throw new AppError('ORGANIZATION_NOT_FOUND');
    const fhirBaseUrl = input.smart ? normalizeBaseUrl(input.smart.fhirBaseUrl) : null;
    await assertUnique(trx, input.cds?.issuer ?? null, fhirBaseUrl);
    const id = randomUUID();
    const clientSecret = input.smart?.clientSecret;
    const row = await trx
      .insertInto('ehr_connections')
      .values({
        id,
        name: input.name,
        organization_id: input.organizationId,
        roles: input.roles,
        identifier_system: input.identifierSystem ?? null,
        cds_issuer: input.cds?.issuer ?? null,
        cds_jwks_url: input.cds?.jwksUrl ?? null,
        cds_public_keys: input.cds?.publicKeys ? JSON.stringify(input.cds.publicKeys) : null,
        cds_tenants: input.cds?.tenants ?? null,
        smart_fhir_base_url: fhirBaseUrl,
        smart_client_id: input.smart?.clientId ?? null,
        smart_client_secret: clientSecret ? secretBox(config).seal(clientSecret, clientSecretBinding(id)) : null,
        smart_scopes: input.smart?.scopes ?? null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, access, {
      action: 'ehr-connection.create',
      entityType: 'ehr_connection',
      entityId: row.id,
      organizationId: row.organization_id,
      details: { roles: input.roles, cds: input.cds !== undefined, smart: input.smart !== undefined },
    });
    return connectionFromRow(row, 0);
  });
}

async function assertUnique(trx: DbOrTrx, issuer: string | null, fhirBaseUrl: string | null) {
  if (issuer) {
    const taken = await trx.selectFrom('ehr_connections').select('id').where('cds_issuer', '=', issuer).executeTakeFirst();
    if (taken) throw new AppError('CONFLICT', { message: 'Another EHR connection already uses this CDS issuer.' });
  }
  if (fhirBaseUrl) {
    const taken = await trx.selectFrom('ehr_connections').select('id').where('smart_fhir_base_url', '=', fhirBaseUrl).executeTakeFirst();
    if (taken) throw new AppError('CONFLICT', { message: 'Another EHR connection already uses this FHIR base URL.' });
  }
}

export async function setEhrConnectionActive(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  active: boolean,
): Promise<EhrConnection> {
  authorizeAdmin(access, 'ehr-connection.write');
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('ehr_connections')
      .set({ active, updated_at: clock.now() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw connectionNotFound();
    await recordAudit(trx, clock, access, {
      action: active ? 'ehr-connection.activate' : 'ehr-connection.deactivate',
      entityType: 'ehr_connection',
      entityId: id,
      organizationId: row.organization_id,
    });
    const links = await trx.selectFrom('ehr_user_links').select('id').where('connection_id', '=', id).execute();
    return connectionFromRow(row, links.length);
  });
}

export async function listEhrUserLinks(db: Db, access: AccessContext, connectionId: string) {
  authorizeAdmin(access, 'ehr-connection.read');
  const conn = await db.selectFrom('ehr_connections').select('id').where('id', '=', connectionId).executeTakeFirst();
  if (!conn) throw connectionNotFound();
  const rows = await db.selectFrom('ehr_user_links').selectAll().where('connection_id', '=', connectionId).orderBy('fhir_user').execute();
  return rows.map((r) => ({ id: r.id, fhirUser: r.fhir_user, userId: r.user_id, createdAt: r.created_at.toISOString() }));
}

/** Maps an EHR user (`fhirUser`) to a Continuum user, who must be a member of the connection's organization. */
export async function linkEhrUser(
  db: Db,
  clock: Clock,
  access: AccessContext,
  connectionId: string,
  input: { fhirUser: string; userId: string },
) {
  authorizeAdmin(access, 'ehr-connection.write');
  return db.transaction().execute(async (trx) => {
    const conn = await trx
      .selectFrom('ehr_connections')
      .select(['id', 'organization_id'])
      .where('id', '=', connectionId)
      .executeTakeFirst();
    if (!conn) throw connectionNotFound();
    const member = await membersAmong(trx, conn.organization_id, [input.userId]);
    if (member.size === 0) throw validationError('body.userId', "must be a member of the connection's organization");
    const taken = await trx
      .selectFrom('ehr_user_links')
      .select('id')
      .where('connection_id', '=', connectionId)
      .where('fhir_user', '=', input.fhirUser)
      .executeTakeFirst();
    if (taken) throw new AppError('CONFLICT', { message: 'This EHR user is already mapped.' });
    const row = await trx
      .insertInto('ehr_user_links')
      .values({ connection_id: connectionId, fhir_user: input.fhirUser, user_id: input.userId, created_at: clock.now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, access, {
      action: 'ehr-connection.link-user',
      entityType: 'ehr_user_link',
      entityId: row.id,
      organizationId: conn.organization_id,
    });
    return { id: row.id, fhirUser: row.fhir_user, userId: row.user_id, createdAt: row.created_at.toISOString() };
  });
}
