import {
  agreementKindLabels,
  agreementStateLabels,
  csvDocument,
  type Agreement,
  type AgreementInput,
  type AgreementListQuery,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import { recordAudit } from '../audit/index.ts';
import { knownOrganizationIds, organizationNames } from '../organizations/index.ts';
import { agreementProblems, agreementState, daysBetween, lastDayExclusive } from './agreement-rules.ts';
import { requireNetworkManager, requireNetworkRead } from './network-policy.ts';

/*
 * The agreements register: network administrators register and change agreements; members read
 * those their organization is party to (network staff read all). Every change is audited with the
 * fields changed, never their values.
 */

const notFound = () => new AppError('NOT_FOUND', { message: 'No such agreement, or it does not concern your organization.' });

function today(clock: Clock): string {
  return clock.now().toISOString().slice(0, 10);
}

async function rowsToAgreements(db: DbOrTrx, ids: readonly string[], day: string): Promise<Agreement[]> {
  if (ids.length === 0) return [];
  const [rows, parties, pathways] = await Promise.all([
    db.selectFrom('network_agreements').selectAll().where('id', 'in', ids).execute(),
    db.selectFrom('network_agreement_parties').selectAll().where('agreement_id', 'in', ids).execute(),
    db.selectFrom('network_agreement_pathways').selectAll().where('agreement_id', 'in', ids).execute(),
  ]);
  const names = await organizationNames(db, [...new Set(parties.map((p) => p.organization_id))]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const dates = { status: r.status, effectiveOn: r.effective_on, endsOn: r.ends_on, terminatedOn: r.terminated_on };
    const end = lastDayExclusive(dates);
    return [
      {
        id: r.id,
        kind: r.kind,
        title: r.title,
        status: r.status,
        state: agreementState(dates, day),
        parties: parties
          .filter((p) => p.agreement_id === id)
          .map((p) => ({ organizationId: p.organization_id, organizationName: names.get(p.organization_id) ?? '—', role: p.role })),
        signatories: r.signatories,
        champions: r.champions,
        dataKinds: r.data_kinds,
        purposes: r.purposes,
        scopeNote: r.scope_note,
        effectiveOn: r.effective_on,
        endsOn: r.ends_on,
        daysToEnd: end === null ? null : daysBetween(day, end),
        pathwayIds: pathways.filter((p) => p.agreement_id === id).map((p) => p.pathway_id),
        documentRef: r.document_ref,
        notes: r.notes,
        terminatedOn: r.terminated_on,
        createdAt: r.created_at.toISOString(),
        updatedAt: r.updated_at.toISOString(),
      },
    ];
  });
}

export async function listAgreements(db: DbOrTrx, clock: Clock, access: AccessContext, query: AgreementListQuery): Promise<Agreement[]> {
  const scope = requireNetworkRead(access);
  let q = db.selectFrom('network_agreements as a').select('a.id');
  if (!scope.all) {
    const own = scope.organizationId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('network_agreement_parties as p')
          .select('p.agreement_id')
          .whereRef('p.agreement_id', '=', 'a.id')
          .where('p.organization_id', '=', own),
      ),
    );
    // A draft is the network's working copy, not yet the members'.
    q = q.where('a.status', '!=', 'draft');
  }
  if (query.kind) q = q.where('a.kind', '=', query.kind);
  if (query.organizationId) {
    const org = query.organizationId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('network_agreement_parties as p')
          .select('p.agreement_id')
          .whereRef('p.agreement_id', '=', 'a.id')
          .where('p.organization_id', '=', org),
      ),
    );
  }
  const ids = (await q.orderBy('a.ends_on', 'asc').orderBy('a.title').orderBy('a.id').execute()).map((r) => r.id);
  const items = await rowsToAgreements(db, ids, today(clock));
  return query.state ? items.filter((a) => a.state === query.state) : items;
}

export async function readAgreement(db: DbOrTrx, clock: Clock, access: AccessContext, id: string): Promise<Agreement> {
  const scope = requireNetworkRead(access);
  const [agreement] = await rowsToAgreements(db, [id], today(clock));
  if (!agreement) throw notFound();
  if (!scope.all && (agreement.status === 'draft' || !agreement.parties.some((p) => p.organizationId === scope.organizationId)))
    throw notFound();
  return agreement;
}

async function checkInput(trx: DbOrTrx, input: AgreementInput): Promise<void> {
  const problems = agreementProblems(input);
  const orgIds = input.parties.map((p) => p.organizationId);
  const known = await knownOrganizationIds(trx, orgIds);
  input.parties.forEach((p, i) => {
    if (!known.has(p.organizationId)) problems.push({ path: `body.parties.${i}.organizationId`, message: 'No such organization.' });
  });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { message: 'The agreement is not complete.', fields: problems });
}

function isForeignKeyViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23503';
}

async function writeLinks(trx: DbOrTrx, id: string, input: AgreementInput): Promise<void> {
  await trx.deleteFrom('network_agreement_parties').where('agreement_id', '=', id).execute();
  await trx.deleteFrom('network_agreement_pathways').where('agreement_id', '=', id).execute();
  await trx
    .insertInto('network_agreement_parties')
    .values(input.parties.map((p) => ({ agreement_id: id, organization_id: p.organizationId, role: p.role })))
    .execute();
  if (input.pathwayIds.length > 0) {
    try {
      await trx
        .insertInto('network_agreement_pathways')
        .values([...new Set(input.pathwayIds)].map((pathwayId) => ({ agreement_id: id, pathway_id: pathwayId })))
        .execute();
    } catch (e) {
      if (!isForeignKeyViolation(e)) throw e;
      throw new AppError('VALIDATION_FAILED', {
        message: 'The agreement names a referral pathway that does not exist.',
        fields: [{ path: 'body.pathwayIds', message: 'No such referral pathway.' }],
      });
    }
  }
}

function columns(input: AgreementInput) {
  return {
    kind: input.kind,
    title: input.title,
    status: input.status,
    signatories: JSON.stringify(input.signatories),
    champions: JSON.stringify(input.champions),
    data_kinds: input.dataKinds,
    purposes: input.purposes,
    scope_note: input.scopeNote,
    effective_on: input.effectiveOn,
    ends_on: input.endsOn,
    document_ref: input.documentRef,
    notes: input.notes,
  };
}

export async function createAgreement(db: Db, clock: Clock, access: AccessContext, input: AgreementInput): Promise<Agreement> {
  requireNetworkManager(access);
  const id = await db.transaction().execute(async (trx) => {
    await checkInput(trx, input);
    const now = clock.now();
    const row = await trx
      .insertInto('network_agreements')
      .values({
        ...columns(input),
        created_at: now,
        updated_at: now,
        created_by_user_id: actorUserId(access),
        terminated_on: null,
        termination_reason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeLinks(trx, row.id, input);
    await recordAudit(trx, clock, access, {
      action: 'network.agreement.create',
      entityType: 'network_agreement',
      entityId: row.id,
      details: { kind: input.kind, parties: input.parties.length, pathways: input.pathwayIds.length },
    });
    return row.id;
  });
  return readAgreement(db, clock, access, id);
}

export async function updateAgreement(db: Db, clock: Clock, access: AccessContext, id: string, input: AgreementInput): Promise<Agreement> {
  requireNetworkManager(access);
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('network_agreements').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound();
    if (before.status === 'terminated')
      throw new AppError('CONFLICT', { message: 'A terminated agreement is kept as it was; register a new one.' });
    await checkInput(trx, input);
    const next = columns(input);
    const was: Record<string, unknown> = {
      ...before,
      signatories: JSON.stringify(before.signatories),
      champions: JSON.stringify(before.champions),
    };
    const changed = Object.entries(next)
      .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(was[k]))
      .map(([k]) => k);
    await trx
      .updateTable('network_agreements')
      .set({ ...next, updated_at: clock.now() })
      .where('id', '=', id)
      .execute();
    await writeLinks(trx, id, input);
    await recordAudit(trx, clock, access, {
      action: 'network.agreement.update',
      entityType: 'network_agreement',
      entityId: id,
      details: { fields: changed, parties: input.parties.length, pathways: input.pathwayIds.length },
    });
  });
  return readAgreement(db, clock, access, id);
}

/** Ends an agreement early: from `terminatedOn` it gives no access and gets no reminders. */
export async function terminateAgreement(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  input: { terminatedOn: string; reason: string | null },
): Promise<Agreement> {
  requireNetworkManager(access);
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('network_agreements')
      .select(['status', 'effective_on'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound();
    if (before.status === 'terminated') throw new AppError('CONFLICT', { message: 'The agreement is already terminated.' });
    await trx
      .updateTable('network_agreements')
      .set({ status: 'terminated', terminated_on: input.terminatedOn, termination_reason: input.reason, updated_at: clock.now() })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, clock, access, {
      action: 'network.agreement.terminate',
      entityType: 'network_agreement',
      entityId: id,
      details: { fields: ['status', 'terminatedOn', ...(input.reason ? ['reason'] : [])] },
    });
  });
  return readAgreement(db, clock, access, id);
}

/** The register as CSV (what the caller may see, with the same filters). */
export async function agreementsCsv(db: DbOrTrx, clock: Clock, access: AccessContext, query: AgreementListQuery): Promise<string> {
  const items = await listAgreements(db, clock, access, query);
  return csvDocument([
    [
      'title',
      'kind',
      'state',
      'parties',
      'effective_on',
      'ends_on',
      'days_to_end',
      'data',
      'purposes',
      'champions',
      'signatories',
      'document',
    ],
    ...items.map((a) => [
      a.title,
      agreementKindLabels[a.kind],
      agreementStateLabels[a.state],
      a.parties.map((p) => `${p.organizationName} (${p.role.replaceAll('_', ' ')})`).join('; '),
      a.effectiveOn,
      a.endsOn,
      a.daysToEnd,
      a.dataKinds.join('; '),
      a.purposes.join('; '),
      a.champions.map((c) => c.name).join('; '),
      a.signatories.map((s) => `${s.name}${s.signedOn ? ` (${s.signedOn})` : ''}`).join('; '),
      a.documentRef,
    ]),
  ]);
}
