// Longer than 300 lines: pathway versions, their checks and their presentation share one row shape.
import { sql } from 'kysely';
import type { OrganizationType, Pathway, PathwayDetail, pathwayInputSchema, ReferralServiceKind } from '@continuum/contracts';
import type { z } from 'zod';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findServices, servicesOfMember } from '../directory/index.ts';
import { actorUserId, isNetworkAdmin, type AccessContext } from '../../core/access-context.ts';
import { mayReferOn, pathwayActiveOn, serviceKindOf, type PathwayTerms } from './referral-rules.ts';
import type { PathwayVersionRow } from './referrals.table.ts';
import { localDay } from '@continuum/contracts';
import { findOrganization, knownOrganizationIds, organizationNames } from '../organizations/index.ts';
import { userDisplayNameOf, userDisplayNames } from '../identity/index.ts';

/*
 * Pathways: the agreements between partners. Each save is a new version (referrals keep the
 * version they were sent under); network administrators manage every pathway, an organization
 * administrator those leading to their own organization.
 */

type PathwayInput = z.output<typeof pathwayInputSchema>;

export const pathwayNotFound = () => new AppError('PATHWAY_NOT_FOUND', { message: 'No such pathway.' });

export function mayManagePathway(access: AccessContext, receiverOrganizationId: string): boolean {
  if (access.actor.type === 'system') return true;
  if (isNetworkAdmin(access)) return true;
  return access.roles.includes('org_admin') && access.organizationId === receiverOrganizationId;
}

export function termsOf(v: PathwayVersionRow): PathwayTerms {
  return {
    referrerOrganizationTypes: v.referrer_organization_types,
    referrerOrganizationIds: v.referrer_organization_ids,
    receiverOrganizationId: v.receiver_organization_id,
    serviceIds: v.service_ids,
    activeFrom: v.active_from,
    activeUntil: v.active_until,
  };
}

async function checkInput(trx: DbOrTrx, input: PathwayInput): Promise<void> {
  const receiver = await findOrganization(trx, input.receiverOrganizationId);
  if (!receiver)
    throw new AppError('VALIDATION_FAILED', {
      message: 'No such receiving organization.',
      fields: [{ path: 'body.receiverOrganizationId', message: 'No such organization' }],
    });
  const found = await servicesOfMember(trx, input.serviceIds, input.receiverOrganizationId);
  const bad = input.serviceIds.findIndex((id) => !found.has(id));
  if (bad >= 0)
    throw new AppError('VALIDATION_FAILED', {
      message: 'A service is not a directory service of the receiving organization.',
      fields: [{ path: `body.serviceIds.${bad}`, message: 'Not a directory service of the receiving organization' }],
    });
  if (input.referrerOrganizationIds.length > 0) {
    const known = await knownOrganizationIds(trx, input.referrerOrganizationIds);
    const missing = input.referrerOrganizationIds.findIndex((id) => !known.has(id));
    if (missing >= 0)
      throw new AppError('VALIDATION_FAILED', {
        message: 'No such referring organization.',
        fields: [{ path: `body.referrerOrganizationIds.${missing}`, message: 'No such organization' }],
      });
  }
  const keys = [...input.inclusionCriteria, ...input.exclusionCriteria].map((c) => c.key);
  const fieldKeys = input.requiredFields.map((f) => f.key);
  if (new Set(keys).size !== keys.length)
    throw new AppError('VALIDATION_FAILED', {
      message: 'Criterion keys must be unique.',
      fields: [{ path: 'body.inclusionCriteria', message: 'Criterion keys must be unique' }],
    });
  if (new Set(fieldKeys).size !== fieldKeys.length)
    throw new AppError('VALIDATION_FAILED', {
      message: 'Field keys must be unique.',
      fields: [{ path: 'body.requiredFields', message: 'Field keys must be unique' }],
    });
  const choice = input.requiredFields.findIndex((f) => f.type === 'choice' && (f.options ?? []).length === 0);
  if (choice >= 0)
    throw new AppError('VALIDATION_FAILED', {
      message: 'A choice field needs options.',
      fields: [{ path: `body.requiredFields.${choice}.options`, message: 'A choice field needs options' }],
    });
}

function versionValues(pathwayId: string, version: number, input: PathwayInput, access: AccessContext, now: Date) {
  return {
    pathway_id: pathwayId,
    version,
    name: input.name,
    description: input.description ?? null,
    referrer_organization_types: input.referrerOrganizationTypes,
    referrer_organization_ids: input.referrerOrganizationIds,
    receiver_organization_id: input.receiverOrganizationId,
    service_ids: input.serviceIds,
    inclusion_criteria: JSON.stringify(input.inclusionCriteria),
    exclusion_criteria: JSON.stringify(input.exclusionCriteria),
    required_fields: JSON.stringify(input.requiredFields),
    required_documents: JSON.stringify(input.requiredDocuments),
    ack_hours: input.ackHours,
    first_contact_days: input.firstContactDays,
    warm_handoff_expected: input.warmHandoffExpected,
    receiver_contact: JSON.stringify(input.receiverContact),
    active_from: input.activeFrom,
    active_until: input.activeUntil ?? null,
    created_at: now,
    created_by_user_id: actorUserId(access),
  };
}

/** Writes a pathway and its first version (used by the API and the demo seed). Audited. */
export async function insertPathway(trx: DbOrTrx, clock: Clock, access: AccessContext, input: PathwayInput): Promise<string> {
  const now = clock.now();
  const row = await trx
    .insertInto('referral_pathways')
    .values({ current_version: 1, receiver_organization_id: input.receiverOrganizationId, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('referral_pathway_versions')
    .values(versionValues(row.id, 1, input, access, now))
    .execute();
  await recordAudit(trx, clock, access, {
    action: 'referral.pathway.create',
    entityType: 'referral_pathway',
    entityId: row.id,
    organizationId: input.receiverOrganizationId,
    details: { version: 1, services: input.serviceIds.length },
  });
  return row.id;
}

export async function createPathway(
  db: Db,
  clock: Clock,
  access: AccessContext,
  input: PathwayInput,
  timeZone: string,
): Promise<PathwayDetail> {
  if (!mayManagePathway(access, input.receiverOrganizationId))
    throw new AppError('FORBIDDEN', {
      message: 'Only a network administrator or the receiving organization’s administrator manages its pathways.',
    });
  const id = await db.transaction().execute(async (trx) => {
    await checkInput(trx, input);
    return insertPathway(trx, clock, access, input);
  });
  return getPathway(db, clock, access, id, timeZone);
}

/** Saves a new version. The receiving organization cannot change (a different receiver is a different pathway). */
export async function savePathwayVersion(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  input: PathwayInput,
  timeZone: string,
): Promise<PathwayDetail> {
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('referral_pathways').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw pathwayNotFound();
    if (!mayManagePathway(access, current.receiver_organization_id))
      throw new AppError('FORBIDDEN', {
        message: 'Only a network administrator or the receiving organization’s administrator manages its pathways.',
      });
    if (input.receiverOrganizationId !== current.receiver_organization_id) {
      throw new AppError('VALIDATION_FAILED', {
        message: 'The receiving organization of a pathway cannot change; create a new pathway.',
        fields: [{ path: 'body.receiverOrganizationId', message: 'Cannot change' }],
      });
    }
    await checkInput(trx, input);
    const now = clock.now();
    const version = current.current_version + 1;
    await trx
      .insertInto('referral_pathway_versions')
      .values(versionValues(id, version, input, access, now))
      .execute();
    await trx.updateTable('referral_pathways').set({ current_version: version, updated_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, clock, access, {
      action: 'referral.pathway.version',
      entityType: 'referral_pathway',
      entityId: id,
      organizationId: current.receiver_organization_id,
      details: { version },
    });
  });
  return getPathway(db, clock, access, id, timeZone);
}

/** The caller's organization and its type (null for a system caller or no organization). */
export async function callerOrganization(db: DbOrTrx, access: AccessContext): Promise<{ id: string; type: OrganizationType } | null> {
  if (access.organizationId === null) return null;
  const org = await findOrganization(db, access.organizationId);
  return org ? { id: org.id, type: org.type } : null;
}

/** Turns version rows into the contract shape, loading names in a few queries. */
export async function toPathways(
  db: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  rows: readonly PathwayVersionRow[],
  timeZone: string,
): Promise<Pathway[]> {
  if (rows.length === 0) return [];
  const orgIds = [...new Set(rows.flatMap((r) => [r.receiver_organization_id, ...r.referrer_organization_ids]))];
  const serviceIds = [...new Set(rows.flatMap((r) => r.service_ids))];
  const userIds = [...new Set(rows.map((r) => r.created_by_user_id).filter((x): x is string => x !== null))];
  const [orgName, services, userName, caller] = await Promise.all([
    organizationNames(db, orgIds),
    findServices(db, serviceIds),
    userDisplayNames(db, userIds),
    callerOrganization(db, access),
  ]);
  const service = new Map(services.map((s) => [s.id, { id: s.id, name: s.name, kind: serviceKindOf(s.codes) as ReferralServiceKind }]));
  const today = localDay(clock.now(), timeZone);
  return rows.map((v) => ({
    id: v.pathway_id,
    version: v.version,
    name: v.name,
    description: v.description,
    referrerOrganizationTypes: v.referrer_organization_types,
    referrerOrganizationIds: v.referrer_organization_ids,
    referrerOrganizationNames: v.referrer_organization_ids.map((id) => orgName.get(id) ?? ''),
    receiverOrganizationId: v.receiver_organization_id,
    receiverOrganizationName: orgName.get(v.receiver_organization_id) ?? '',
    services: v.service_ids.map((id) => service.get(id)).filter((s) => s !== undefined),
    inclusionCriteria: v.inclusion_criteria,
    exclusionCriteria: v.exclusion_criteria,
    requiredFields: v.required_fields,
    requiredDocuments: v.required_documents,
    ackHours: v.ack_hours,
    firstContactDays: v.first_contact_days,
    warmHandoffExpected: v.warm_handoff_expected,
    receiverContact: v.receiver_contact,
    activeFrom: v.active_from,
    activeUntil: v.active_until,
    active: pathwayActiveOn(termsOf(v), today),
    canRefer: caller !== null && mayReferOn(termsOf(v), caller),
    canEdit: mayManagePathway(access, v.receiver_organization_id),
    createdAt: v.created_at.toISOString(),
    createdByName: v.created_by_user_id ? (userName.get(v.created_by_user_id) ?? null) : null,
  }));
}

export async function loadPathwayVersion(db: DbOrTrx, id: string, version?: number): Promise<PathwayVersionRow> {
  let q = db.selectFrom('referral_pathway_versions as v').selectAll('v').where('v.pathway_id', '=', id);
  q =
    version === undefined
      ? q.innerJoin('referral_pathways as p', (j) => j.onRef('p.id', '=', 'v.pathway_id').onRef('p.current_version', '=', 'v.version'))
      : q.where('v.version', '=', version);
  const row = await q.executeTakeFirst();
  if (!row) throw pathwayNotFound();
  return row;
}

export async function getPathway(
  db: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  id: string,
  timeZone: string,
  version?: number,
): Promise<PathwayDetail> {
  const row = await loadPathwayVersion(db, id, version);
  const [pathway] = await toPathways(db, clock, access, [row], timeZone);
  const versions = await db
    .selectFrom('referral_pathway_versions as v')
    .select(['v.version', 'v.created_at', 'v.active_from', 'v.active_until'])
    .select(userDisplayNameOf('v.created_by_user_id').as('display_name'))
    .where('v.pathway_id', '=', id)
    .orderBy('v.version', 'desc')
    .execute();
  return {
    ...pathway!,
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: v.created_at.toISOString(),
      createdByName: v.display_name,
      activeFrom: v.active_from,
      activeUntil: v.active_until,
    })),
  };
}

export async function listPathways(
  db: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  query: {
    active?: 'true' | 'false' | undefined;
    receiverOrganizationId?: string | undefined;
    canRefer?: 'true' | 'false' | undefined;
    q?: string | undefined;
  },
  timeZone: string,
): Promise<Pathway[]> {
  let q = db
    .selectFrom('referral_pathway_versions as v')
    .innerJoin('referral_pathways as p', (j) => j.onRef('p.id', '=', 'v.pathway_id').onRef('p.current_version', '=', 'v.version'))
    .selectAll('v')
    .orderBy('v.name')
    .limit(500);
  if (query.receiverOrganizationId) q = q.where('v.receiver_organization_id', '=', query.receiverOrganizationId);
  if (query.q) q = q.where(sql<boolean>`v.name ilike ${'%' + query.q.replace(/[%_\\]/g, '\\$&') + '%'}`);
  let items = await toPathways(db, clock, access, await q.execute(), timeZone);
  if (query.active) items = items.filter((p) => p.active === (query.active === 'true'));
  if (query.canRefer) items = items.filter((p) => p.canRefer === (query.canRefer === 'true'));
  return items;
}
