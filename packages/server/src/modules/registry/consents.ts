// Longer than 300 lines: capture, revocation, expiry and listing of consents share the consent row and its history writes.
import type { Consent, CreateConsent, SignConsent } from '@continuum/contracts';
import type { Selectable } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId, systemAccess } from '../../core/access-context.ts';
import { changedFields, knownOrganizationIds, organizationNames } from '../organizations/index.ts';
import type { ReadContext } from './access-facts.ts';
import { confirmPendingCareTeam } from './care-team.ts';
import { openPerson } from './chokepoint.ts';
import { nextConsentStatus, type ConsentEvent } from './consent-rules.ts';
import type { ConsentsTable } from './person.table.ts';
import { requireRegistryRole } from './people.ts';
import { userDisplayNameOf } from '../identity/index.ts';

type ConsentRow = Selectable<ConsentsTable>;

const consentNotFound = () => new AppError('CONSENT_NOT_FOUND', { message: 'No such consent, or you may not see it.' });

async function toConsents(trx: DbOrTrx, rows: readonly ConsentRow[]): Promise<Consent[]> {
  if (rows.length === 0) return [];
  const orgIds = new Set<string>();
  for (const r of rows) {
    orgIds.add(r.created_by_organization_id);
    if (r.disclosers.type === 'organizations') r.disclosers.organizationIds.forEach((id) => orgIds.add(id));
    if (r.recipients.type === 'organizations') r.recipients.organizationIds.forEach((id) => orgIds.add(id));
  }
  const [orgs, history] = await Promise.all([
    organizationNames(trx, [...orgIds]),
    trx
      .selectFrom('consent_history as h')
      .select(['h.consent_id', 'h.at', 'h.from_status', 'h.to_status', 'h.note'])
      .select(userDisplayNameOf('h.by_user_id').as('display_name'))
      .where(
        'h.consent_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('h.seq')
      .execute(),
  ]);
  const names = Object.fromEntries(orgs);
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    type: r.type,
    status: r.status,
    disclosers: r.disclosers,
    recipients: r.recipients,
    purposes: r.purposes,
    kinds: r.kinds,
    informationDescription: r.information_description,
    expiresOn: r.expires_on,
    expiryEvent: r.expiry_event,
    language: r.language,
    signerName: r.signer_name,
    signerRelationship: r.signer_relationship,
    signatureMethod: r.signature_method,
    signatureImage: r.signature_image,
    signedAt: r.signed_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
    revocationMethod: r.revocation_method,
    expiredAt: r.expired_at?.toISOString() ?? null,
    createdByOrganizationId: r.created_by_organization_id,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    organizationNames: names,
    history: history
      .filter((h) => h.consent_id === r.id)
      .map((h) => ({ at: h.at.toISOString(), fromStatus: h.from_status, toStatus: h.to_status, byName: h.display_name, note: h.note })),
  }));
}

/** A person's consents: visible to whoever may see the person (the consent's scope travels with what it discloses). */
export async function listConsents(trx: DbOrTrx, ctx: ReadContext, personId: string): Promise<Consent[]> {
  const { person } = await openPerson(trx, ctx, personId);
  const rows = await trx.selectFrom('consents').selectAll().where('person_id', 'in', person.ids).orderBy('created_at', 'desc').execute();
  return toConsents(trx, rows);
}

async function openConsent(trx: DbOrTrx, ctx: ReadContext, consentId: string): Promise<ConsentRow> {
  const row = await trx.selectFrom('consents').selectAll().where('id', '=', consentId).executeTakeFirst();
  if (!row) throw consentNotFound();
  try {
    await openPerson(trx, ctx, row.person_id);
  } catch {
    throw consentNotFound();
  }
  return row;
}

export async function getConsent(trx: DbOrTrx, ctx: ReadContext, consentId: string): Promise<Consent> {
  const row = await openConsent(trx, ctx, consentId);
  return (await toConsents(trx, [row]))[0]!;
}

async function assertOrganizationsExist(trx: DbOrTrx, input: Pick<CreateConsent, 'disclosers' | 'recipients'>) {
  for (const [path, party] of [
    ['body.disclosers.organizationIds', input.disclosers],
    ['body.recipients.organizationIds', input.recipients],
  ] as const) {
    if (party.type !== 'organizations') continue;
    const found = await knownOrganizationIds(trx, party.organizationIds);
    if (found.size !== new Set(party.organizationIds).size)
      throw new AppError('VALIDATION_FAILED', { fields: [{ path, message: 'Unknown organization' }] });
  }
}

export async function createConsent(db: Db, clock: Clock, ctx: ReadContext, personId: string, input: CreateConsent): Promise<Consent> {
  const organizationId = requireRegistryRole(ctx.access, 'consent.write');
  return db.transaction().execute(async (trx) => {
    const { person } = await openPerson(trx, ctx, personId);
    await assertOrganizationsExist(trx, input);
    const now = clock.now();
    const row = await trx
      .insertInto('consents')
      .values({
        person_id: person.row.id,
        person_name: `${person.row.given_name} ${person.row.family_name}`,
        type: input.type,
        status: 'draft',
        disclosers: JSON.stringify(input.disclosers),
        recipients: JSON.stringify(input.recipients),
        purposes: input.purposes,
        kinds: input.kinds,
        information_description: input.informationDescription,
        expires_on: input.expiresOn ?? null,
        expiry_event: input.expiryEvent ?? null,
        language: input.language,
        signer_name: null,
        signer_relationship: null,
        signature_method: null,
        signature_image: null,
        signed_at: null,
        revoked_at: null,
        revocation_method: null,
        revocation_note: null,
        expired_at: null,
        created_by_organization_id: organizationId,
        created_by_user_id: actorUserId(ctx.access),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('consent_history')
      .values({ consent_id: row.id, at: now, from_status: null, to_status: 'draft', by_user_id: actorUserId(ctx.access), note: null })
      .execute();
    await recordAudit(trx, clock, ctx.access, {
      action: 'consent.create',
      entityType: 'consent',
      entityId: row.id,
      details: { person: person.row.id, type: input.type },
    });
    return (await toConsents(trx, [row]))[0]!;
  });
}

async function transition(
  db: Db,
  clock: Clock,
  ctx: ReadContext,
  consentId: string,
  event: ConsentEvent,
  apply: (row: ConsentRow, now: Date, trx: DbOrTrx) => Promise<Partial<Record<keyof ConsentsTable, unknown>>>,
  note: string | null,
  audit: Record<string, unknown> = {},
): Promise<Consent> {
  // 42 CFR 2.31(a)(6): the person may revoke their own consent; openConsent below finds only their own.
  if (!(event === 'revoke' && ctx.access.actor.type === 'person')) requireRegistryRole(ctx.access, 'consent.write');
  return db.transaction().execute(async (trx) => {
    const row = await openConsent(trx, ctx, consentId);
    const next = nextConsentStatus(row.status, event);
    if (next === null)
      throw new AppError('CONSENT_STATE_INVALID', {
        message: `A ${row.status} consent cannot be ${event === 'edit' ? 'edited' : event === 'sign' ? 'signed' : event === 'revoke' ? 'revoked' : 'expired'}.`,
      });
    const now = clock.now();
    const changes = await apply(row, now, trx);
    // The status guard makes two concurrent transitions safe: the second finds no row to change.
    const updated = await trx
      .updateTable('consents')
      .set({ ...(changes as object), status: next, updated_at: now })
      .where('id', '=', consentId)
      .where('status', '=', row.status)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new AppError('CONFLICT', { message: 'The consent changed at the same time; reload and try again.' });
    if (next !== row.status) {
      await trx
        .insertInto('consent_history')
        .values({ consent_id: consentId, at: now, from_status: row.status, to_status: next, by_user_id: actorUserId(ctx.access), note })
        .execute();
    }
    await recordAudit(trx, clock, ctx.access, {
      action: `consent.${event}`,
      entityType: 'consent',
      entityId: consentId,
      details: { person: row.person_id, from: row.status, to: next, ...audit },
    });
    return (await toConsents(trx, [updated]))[0]!;
  });
}

export function updateConsent(db: Db, clock: Clock, ctx: ReadContext, consentId: string, input: CreateConsent): Promise<Consent> {
  return transition(
    db,
    clock,
    ctx,
    consentId,
    'edit',
    async (_row, _now, trx) => {
      await assertOrganizationsExist(trx, input);
      return {
        type: input.type,
        disclosers: JSON.stringify(input.disclosers),
        recipients: JSON.stringify(input.recipients),
        purposes: input.purposes,
        kinds: input.kinds,
        information_description: input.informationDescription,
        expires_on: input.expiresOn ?? null,
        expiry_event: input.expiryEvent ?? null,
        language: input.language,
      };
    },
    null,
    { fields: changedFields(input) },
  );
}

export function signConsent(db: Db, clock: Clock, ctx: ReadContext, consentId: string, input: SignConsent): Promise<Consent> {
  if (input.signatureMethod === 'drawn' && !input.signatureImage) {
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ path: 'body.signatureImage', message: 'A drawn signature needs the signature image' }],
    });
  }
  return transition(
    db,
    clock,
    ctx,
    consentId,
    'sign',
    async (row, now, trx) => {
      if (row.expires_on !== null && row.expires_on < now.toISOString().slice(0, 10)) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: 'expiresOn', message: 'The expiry date has passed; edit the draft first' }],
        });
      }
      // The person names these organizations: their pending care-team links are confirmed (docs/privacy.md, "Care-team links").
      if (row.recipients.type === 'organizations')
        await confirmPendingCareTeam(trx, clock, ctx.access, row.person_id, row.recipients.organizationIds, 'consent');
      return {
        signer_name: input.signerName,
        signer_relationship: input.signerRelationship,
        signature_method: input.signatureMethod,
        signature_image: input.signatureMethod === 'drawn' ? (input.signatureImage ?? null) : null,
        signed_at: now,
      };
    },
    null,
    { method: input.signatureMethod, relationship: input.signerRelationship },
  );
}

export function revokeConsent(
  db: Db,
  clock: Clock,
  ctx: ReadContext,
  consentId: string,
  input: { method: 'written' | 'electronic' | 'verbal_then_written'; note?: string | null | undefined },
): Promise<Consent> {
  return transition(
    db,
    clock,
    ctx,
    consentId,
    'revoke',
    async (_row, now) => ({ revoked_at: now, revocation_method: input.method, revocation_note: input.note ?? null }),
    input.note ?? null,
    { method: input.method },
  );
}

/** The consent's expiry event happened (e.g. the end of treatment): it expires now. */
export function recordExpiryEvent(db: Db, clock: Clock, ctx: ReadContext, consentId: string, occurredOn: string): Promise<Consent> {
  return transition(
    db,
    clock,
    ctx,
    consentId,
    'expire',
    async (row, now) => {
      if (row.expiry_event === null)
        throw new AppError('CONSENT_STATE_INVALID', { message: 'This consent expires on a date, not an event.' });
      return { expired_at: now };
    },
    `Expiry event on ${occurredOn}`,
    { event: 'expiry-event' },
  );
}

/** The nightly job: signed consents past their expiry date become expired (the decision already treats them so). */
export async function expireDueConsents(db: Db, clock: Clock): Promise<number> {
  const access = systemAccess('consent expiry');
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const today = now.toISOString().slice(0, 10);
    const due = await trx
      .updateTable('consents')
      .set({ status: 'expired', expired_at: now, updated_at: now })
      .where('status', '=', 'signed')
      .where('expires_on', '<', today)
      .returning(['id', 'person_id'])
      .execute();
    if (due.length === 0) return 0;
    await trx
      .insertInto('consent_history')
      .values(
        due.map((d) => ({
          consent_id: d.id,
          at: now,
          from_status: 'signed' as const,
          to_status: 'expired' as const,
          by_user_id: null,
          note: 'Expiry date passed',
        })),
      )
      .execute();
    await recordAudit(trx, clock, access, { action: 'consent.expire-due', entityType: 'consent', details: { count: due.length } });
    return due.length;
  });
}
