// Longer than 300 lines: registration, the duplicate check, updates and merges share the person row's writes.
import {
  mayTakeRegistryAction,
  type AddTimelineEvent,
  type DuplicateCandidate,
  type DuplicateCheck,
  type RegisterPerson,
  type RegistryAction,
  type UpdatePerson,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import { changedFields, requireOrganization } from '../organizations/index.ts';
import { dayOf } from './access-decision.ts';
import { resolvePerson, type ReadContext } from './access-facts.ts';
import { discloseDemographics, filterVisible, openPerson, relatedToCaller } from './chokepoint.ts';
import { simpleMatcher, type MatchRecord, type PersonMatcher } from './matcher.ts';
import { phoneticKey } from './phonetic.ts';
import { recordSensitivity } from './registry-policy.ts';

export function requireRegistryRole(access: AccessContext, action: RegistryAction): string {
  if (access.actor.type === 'system') return access.organizationId ?? '';
  if (access.organizationId === null) throw new AppError('ORGANIZATION_NOT_SELECTED');
  if (!mayTakeRegistryAction(access.roles, action)) throw new AppError('FORBIDDEN');
  return access.organizationId;
}

function transposed(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}-${d}-${m}`;
}

function isValidDate(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/**
 * Likely duplicates of a registration among the people the caller may see (a candidate the caller
 * may not see is never shown: that would reveal the person exists). Blocking on phonetic keys and
 * birth date, scoring by the matcher.
 */
export async function findDuplicates(
  trx: DbOrTrx,
  ctx: ReadContext,
  input: DuplicateCheck,
  matcher: PersonMatcher = simpleMatcher,
): Promise<DuplicateCandidate[]> {
  const related = relatedToCaller(ctx);
  if (related === 'none') return [];
  const gk = phoneticKey(input.givenName);
  const fk = phoneticKey(input.familyName);
  const dates = [input.birthDate, transposed(input.birthDate)].filter(isValidDate);
  const blocked = await trx
    .selectFrom('people as p')
    .select('p.id')
    .where((eb) =>
      eb.or([
        eb('p.family_phonetic', '=', fk),
        eb('p.birth_date', 'in', dates),
        eb.and([eb('p.given_phonetic', '=', fk), eb('p.family_phonetic', '=', gk)]),
        eb.exists(
          eb.selectFrom('person_names as n').select('n.id').whereRef('n.person_id', '=', 'p.id').where('n.family_phonetic', '=', fk),
        ),
      ]),
    )
    .$if(related !== null, (q) => q.where('p.id', 'in', related!))
    .limit(500)
    .execute();
  const visible = await filterVisible(
    trx,
    ctx,
    blocked.map((r) => r.id),
  );
  if (visible.length === 0) return [];
  const ids = visible.flatMap((v) => v.person.ids);
  const previous = await trx
    .selectFrom('person_names')
    .select(['person_id', 'given_name', 'family_name'])
    .where('person_id', 'in', ids)
    .execute();
  const rootOf = new Map(visible.flatMap((v) => v.person.ids.map((id) => [id, v.person.row.id] as const)));
  const records = new Map<string, MatchRecord>(
    visible.map((v) => [
      v.person.row.id,
      {
        personId: v.person.row.id,
        givenName: v.person.row.given_name,
        familyName: v.person.row.family_name,
        birthDate: v.person.row.birth_date,
        phone: v.person.row.phone,
        previousNames: [],
      },
    ]),
  );
  for (const n of previous)
    (records.get(rootOf.get(n.person_id)!)!.previousNames as { given: string; family: string }[]).push({
      given: n.given_name,
      family: n.family_name,
    });
  const ranked = matcher.rank(input, [...records.values()], 10);
  const byId = new Map(visible.map((v) => [v.person.row.id, v]));
  const shown = ranked.map((c) => byId.get(c.personId)!);
  await discloseDemographics(trx, ctx, shown);
  return ranked.map((c) => ({ person: byId.get(c.personId)!.summary, score: c.score, reasons: c.reasons }));
}

/** A network-wide match finder (the network person index), handed to the registry's routes by the app. */
export type NetworkMatcher = (
  trx: DbOrTrx,
  input: DuplicateCheck,
) => Promise<{ personId: string | null; probability: number; reasons: DuplicateCandidate['reasons'] }[]>;

/**
 * The duplicate check: the caller's own candidates (findDuplicates), plus the network's matches the
 * caller may see; a network match the caller may not see is only "a possible match exists elsewhere",
 * never who (decision 0006: showing it would reveal that a person is known to, say, a Part 2 program).
 */
export async function checkDuplicates(
  trx: DbOrTrx,
  ctx: ReadContext,
  input: DuplicateCheck,
  network?: NetworkMatcher,
): Promise<{ candidates: DuplicateCandidate[]; possibleMatchElsewhere: boolean }> {
  requireRegistryRole(ctx.access, 'person.register');
  const candidates = await findDuplicates(trx, ctx, input);
  if (!network) return { candidates, possibleMatchElsewhere: false };
  const matches = await network(trx, input);
  const visible = await filterVisible(
    trx,
    ctx,
    matches.flatMap((m) => (m.personId ? [m.personId] : [])),
  );
  const rootOf = new Map(visible.flatMap((v) => v.person.ids.map((id) => [id, v] as const)));
  const possibleMatchElsewhere = matches.some((m) => m.personId === null || !rootOf.has(m.personId));
  const shown = new Set(candidates.map((c) => c.person.id));
  const extra: typeof visible = [];
  for (const m of matches) {
    const v = m.personId ? rootOf.get(m.personId) : undefined;
    if (!v || shown.has(v.person.row.id)) continue;
    shown.add(v.person.row.id);
    extra.push(v);
    candidates.push({ person: v.summary, score: Math.min(1, Math.max(0, m.probability)), reasons: m.reasons });
  }
  await discloseDemographics(trx, ctx, extra);
  return { candidates, possibleMatchElsewhere };
}

export async function areaForPostalCode(trx: DbOrTrx, postalCode: string | null | undefined): Promise<string | null> {
  if (!postalCode) return null;
  const area = await trx.selectFrom('areas').select('id').where('postal_code', '=', postalCode.slice(0, 5)).executeTakeFirst();
  return area?.id ?? null;
}

export async function registerPerson(db: Db, clock: Clock, ctx: ReadContext, input: RegisterPerson): Promise<{ id: string }> {
  const organizationId = requireRegistryRole(ctx.access, 'person.register');
  return db.transaction().execute(async (trx) => {
    if (!input.confirmNoDuplicate) {
      const candidates = await findDuplicates(trx, ctx, input);
      if (candidates.length > 0) {
        throw new AppError('POSSIBLE_DUPLICATE', {
          message: `${candidates.length} possible match(es) found; review them, then confirm this is a new person.`,
        });
      }
    }
    const now = clock.now();
    const areaId = await areaForPostalCode(trx, input.address?.postalCode);
    const flags = input.flags ?? {};
    const person = await trx
      .insertInto('people')
      .values({
        given_name: input.givenName,
        family_name: input.familyName,
        birth_date: input.birthDate,
        sex: input.sex,
        gender_identity: input.genderIdentity ?? null,
        race: input.race ?? null,
        ethnicity: input.ethnicity ?? null,
        language: input.language ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        address1: input.address?.line1 ?? null,
        area_id: areaId,
        pregnant_or_postpartum: flags.pregnantOrPostpartum ?? false,
        veteran: flags.veteran ?? false,
        justice_involved: flags.justiceInvolved ?? false,
        unhoused: flags.unhoused ?? false,
        registered_by_organization_id: organizationId,
        given_phonetic: phoneticKey(input.givenName),
        family_phonetic: phoneticKey(input.familyName),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.previousNames?.length) {
      await trx
        .insertInto('person_names')
        .values(
          input.previousNames.map((n) => ({
            person_id: person.id,
            given_name: n.given,
            family_name: n.family,
            use: 'previous' as const,
            until: null,
            given_phonetic: phoneticKey(n.given),
            family_phonetic: phoneticKey(n.family),
            created_at: now,
          })),
        )
        .execute();
    }
    if (input.address) {
      await trx
        .insertInto('person_addresses')
        .values({
          person_id: person.id,
          line1: input.address.line1,
          line2: input.address.line2 ?? null,
          city: input.address.city ?? null,
          postal_code: input.address.postalCode ?? null,
          area_id: areaId,
          valid_from: dayOf(now),
          valid_until: null,
          created_at: now,
        })
        .execute();
    }
    if (input.identifier) await insertIdentifier(trx, person.id, organizationId, input.identifier, now);
    await recordAudit(trx, clock, ctx.access, {
      action: 'person.register',
      entityType: 'person',
      entityId: person.id,
      details: {
        fields: changedFields(input).filter((f) => f !== 'confirmNoDuplicate'),
        duplicateCheckConfirmed: input.confirmNoDuplicate,
      },
    });
    return person;
  });
}

export async function insertIdentifier(
  trx: DbOrTrx,
  personId: string,
  organizationId: string,
  id: { kind: string; value: string },
  now: Date,
) {
  const taken = await trx
    .selectFrom('person_identifiers')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('kind', '=', id.kind as never)
    .where('value', '=', id.value)
    .executeTakeFirst();
  if (taken)
    throw new AppError('IDENTIFIER_TAKEN', {
      message: 'Your organization already uses this identifier for a person.',
      fields: [{ path: 'body.identifier.value', message: 'Already in use in your organization' }],
    });
  await trx
    .insertInto('person_identifiers')
    .values({ person_id: personId, organization_id: organizationId, kind: id.kind as never, value: id.value, created_at: now })
    .execute();
}

export async function updatePerson(db: Db, clock: Clock, ctx: ReadContext, personId: string, patch: UpdatePerson): Promise<void> {
  requireRegistryRole(ctx.access, 'person.update');
  await db.transaction().execute(async (trx) => {
    const { person } = await openPerson(trx, ctx, personId);
    const id = person.row.id;
    const now = clock.now();
    const row = person.row;
    const nameChanged =
      (patch.givenName !== undefined && patch.givenName !== row.given_name) ||
      (patch.familyName !== undefined && patch.familyName !== row.family_name);
    if (nameChanged) {
      // The old name becomes a previous name: the duplicate check and search still find it.
      await trx
        .insertInto('person_names')
        .values({
          person_id: id,
          given_name: row.given_name,
          family_name: row.family_name,
          use: 'previous',
          until: dayOf(now),
          given_phonetic: row.given_phonetic,
          family_phonetic: row.family_phonetic,
          created_at: now,
        })
        .execute();
    }
    let areaId: string | null | undefined;
    if (patch.address) {
      areaId = await areaForPostalCode(trx, patch.address.postalCode);
      await trx
        .updateTable('person_addresses')
        .set({ valid_until: dayOf(now) })
        .where('person_id', 'in', person.ids)
        .where('valid_until', 'is', null)
        .execute();
      await trx
        .insertInto('person_addresses')
        .values({
          person_id: id,
          line1: patch.address.line1,
          line2: patch.address.line2 ?? null,
          city: patch.address.city ?? null,
          postal_code: patch.address.postalCode ?? null,
          area_id: areaId,
          valid_from: dayOf(now),
          valid_until: null,
          created_at: now,
        })
        .execute();
    }
    const f = patch.flags ?? {};
    await trx
      .updateTable('people')
      .set({
        ...(patch.givenName !== undefined ? { given_name: patch.givenName, given_phonetic: phoneticKey(patch.givenName) } : {}),
        ...(patch.familyName !== undefined ? { family_name: patch.familyName, family_phonetic: phoneticKey(patch.familyName) } : {}),
        ...(patch.birthDate !== undefined ? { birth_date: patch.birthDate } : {}),
        ...(patch.sex !== undefined ? { sex: patch.sex } : {}),
        ...(patch.genderIdentity !== undefined ? { gender_identity: patch.genderIdentity } : {}),
        ...(patch.race !== undefined ? { race: patch.race } : {}),
        ...(patch.ethnicity !== undefined ? { ethnicity: patch.ethnicity } : {}),
        ...(patch.language !== undefined ? { language: patch.language } : {}),
        ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
        ...(patch.email !== undefined ? { email: patch.email } : {}),
        ...(patch.address ? { address1: patch.address.line1, area_id: areaId ?? null } : {}),
        ...(f.pregnantOrPostpartum !== undefined ? { pregnant_or_postpartum: f.pregnantOrPostpartum } : {}),
        ...(f.veteran !== undefined ? { veteran: f.veteran } : {}),
        ...(f.justiceInvolved !== undefined ? { justice_involved: f.justiceInvolved } : {}),
        ...(f.unhoused !== undefined ? { unhoused: f.unhoused } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, clock, ctx.access, {
      action: 'person.update',
      entityType: 'person',
      entityId: id,
      details: { fields: changedFields({ ...patch, flags: undefined }), flags: changedFields(f) },
    });
  });
}

export async function addIdentifier(
  db: Db,
  clock: Clock,
  ctx: ReadContext,
  personId: string,
  input: { kind: string; value: string },
): Promise<void> {
  const organizationId = requireRegistryRole(ctx.access, 'person.identifier.add');
  await db.transaction().execute(async (trx) => {
    const { person } = await openPerson(trx, ctx, personId);
    await insertIdentifier(trx, person.row.id, organizationId, input, clock.now());
    await recordAudit(trx, clock, ctx.access, {
      action: 'person.identifier.add',
      entityType: 'person',
      entityId: person.row.id,
      details: { kind: input.kind },
    });
  });
}

export async function addTimelineEvent(
  db: Db,
  clock: Clock,
  ctx: ReadContext,
  personId: string,
  input: AddTimelineEvent,
): Promise<{ id: string }> {
  const organizationId = requireRegistryRole(ctx.access, 'person.event.add');
  return db.transaction().execute(async (trx) => {
    const { person } = await openPerson(trx, ctx, personId);
    const org = await requireOrganization(trx, organizationId);
    const now = clock.now();
    const row = await trx
      .insertInto('person_events')
      .values({
        person_id: person.row.id,
        organization_id: organizationId,
        kind: input.kind,
        type: input.type,
        sensitivity: recordSensitivity(org.type, input.kind, input.sensitivity),
        occurred_at: input.occurredAt ?? now,
        title: input.title,
        detail: input.detail ?? null,
        created_by_user_id: actorUserId(ctx.access),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, ctx.access, {
      action: 'person.event.add',
      entityType: 'person',
      entityId: person.row.id,
      details: { kind: input.kind, type: input.type, event: row.id },
    });
    return row;
  });
}

/**
 * Merges `mergedId` into `survivorId`. Nothing is moved: the merged record points at its survivor
 * and reads of the survivor include it, so an unmerge restores both exactly.
 */
export async function mergePeople(db: Db, clock: Clock, ctx: ReadContext, input: { survivorId: string; mergedId: string; reason: string }) {
  requireRegistryRole(ctx.access, 'person.merge');
  if (input.survivorId === input.mergedId)
    throw new AppError('MERGE_INVALID', {
      message: 'A record cannot be merged into itself.',
      fields: [{ path: 'body.mergedId', message: 'Must differ from survivorId' }],
    });
  return db.transaction().execute(async (trx) => {
    const survivor = await openPerson(trx, ctx, input.survivorId);
    const merged = await openPerson(trx, ctx, input.mergedId);
    if (survivor.person.row.id === merged.person.row.id)
      throw new AppError('MERGE_INVALID', { message: 'These records are already merged.' });
    if (merged.person.row.id !== input.mergedId)
      throw new AppError('MERGE_INVALID', {
        message: 'The record to merge is itself merged into another; merge its survivor instead.',
        fields: [{ path: 'body.mergedId', message: 'Already merged' }],
      });
    const now = clock.now();
    await trx
      .updateTable('people')
      .set({ merged_into_id: survivor.person.row.id, updated_at: now })
      .where('id', '=', input.mergedId)
      .execute();
    const merge = await trx
      .insertInto('person_merges')
      .values({
        survivor_id: survivor.person.row.id,
        merged_id: input.mergedId,
        reason: input.reason,
        merged_at: now,
        merged_by_user_id: actorUserId(ctx.access),
        unmerged_at: null,
        unmerged_by_user_id: null,
        unmerge_reason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, ctx.access, {
      action: 'person.merge',
      entityType: 'person',
      entityId: survivor.person.row.id,
      details: { merged: input.mergedId, merge: merge.id },
    });
    return { mergeId: merge.id, survivorId: survivor.person.row.id, mergedId: input.mergedId };
  });
}

export async function unmergePeople(db: Db, clock: Clock, ctx: ReadContext, mergeId: string, reason: string) {
  requireRegistryRole(ctx.access, 'person.merge');
  return db.transaction().execute(async (trx) => {
    const merge = await trx.selectFrom('person_merges').selectAll().where('id', '=', mergeId).executeTakeFirst();
    if (!merge) throw new AppError('MERGE_NOT_FOUND');
    // The caller must see the survivor; otherwise the merge is as good as not there for them.
    await openPerson(trx, ctx, merge.survivor_id).catch(() => {
      throw new AppError('MERGE_NOT_FOUND');
    });
    if (merge.unmerged_at !== null) throw new AppError('MERGE_INVALID', { message: 'This merge was already undone.' });
    const current = await resolvePerson(trx, merge.merged_id);
    if (!current) throw new AppError('MERGE_NOT_FOUND');
    const now = clock.now();
    await trx
      .updateTable('people')
      .set({ merged_into_id: null, updated_at: now })
      .where('id', '=', merge.merged_id)
      .where('merged_into_id', '=', merge.survivor_id)
      .execute();
    await trx
      .updateTable('person_merges')
      .set({ unmerged_at: now, unmerged_by_user_id: actorUserId(ctx.access), unmerge_reason: reason })
      .where('id', '=', mergeId)
      .execute();
    await recordAudit(trx, clock, ctx.access, {
      action: 'person.unmerge',
      entityType: 'person',
      entityId: merge.survivor_id,
      details: { merged: merge.merged_id, merge: mergeId },
    });
    return { mergeId, survivorId: merge.survivor_id, mergedId: merge.merged_id };
  });
}

/**
 * A merge decided by the network person index (an automatic link above its upper threshold, or a
 * privacy officer's acceptance in its review queue), in the index's transaction. There is no
 * chokepoint read here: the index decided on match scores, not on what the decider may see, and a
 * merge never widens access (every later read is decided record by record, by the record's source
 * organization and consent). Both records resolve to their survivors first; already one person → null.
 */
export async function mergeLinkedPeople(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  input: { survivorId: string; mergedId: string; reason: string },
): Promise<{ mergeId: string; survivorId: string; mergedId: string } | null> {
  const survivor = await resolvePerson(trx, input.survivorId);
  const merged = await resolvePerson(trx, input.mergedId);
  if (!survivor || !merged) throw new AppError('MERGE_NOT_FOUND');
  if (survivor.row.id === merged.row.id) return null;
  const now = clock.now();
  await trx.updateTable('people').set({ merged_into_id: survivor.row.id, updated_at: now }).where('id', '=', merged.row.id).execute();
  const merge = await trx
    .insertInto('person_merges')
    .values({
      survivor_id: survivor.row.id,
      merged_id: merged.row.id,
      reason: input.reason,
      merged_at: now,
      merged_by_user_id: actorUserId(access),
      unmerged_at: null,
      unmerged_by_user_id: null,
      unmerge_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, clock, access, {
    action: 'person.merge',
    entityType: 'person',
    entityId: survivor.row.id,
    details: { merged: merged.row.id, merge: merge.id, by: 'person-index' },
  });
  return { mergeId: merge.id, survivorId: survivor.row.id, mergedId: merged.row.id };
}

/** Undoes a merge the person index made (its unlink), in the index's transaction; a merge already undone is left alone. */
export async function unmergeLinkedPeople(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  mergeId: string,
  reason: string,
): Promise<void> {
  const merge = await trx.selectFrom('person_merges').selectAll().where('id', '=', mergeId).executeTakeFirst();
  if (!merge || merge.unmerged_at !== null) return;
  const now = clock.now();
  await trx
    .updateTable('people')
    .set({ merged_into_id: null, updated_at: now })
    .where('id', '=', merge.merged_id)
    .where('merged_into_id', '=', merge.survivor_id)
    .execute();
  await trx
    .updateTable('person_merges')
    .set({ unmerged_at: now, unmerged_by_user_id: actorUserId(access), unmerge_reason: reason })
    .where('id', '=', mergeId)
    .execute();
  await recordAudit(trx, clock, access, {
    action: 'person.unmerge',
    entityType: 'person',
    entityId: merge.survivor_id,
    details: { merged: merge.merged_id, merge: mergeId, by: 'person-index' },
  });
}

/** A read context for a request: the purpose the caller states and the channel it came through. */
export function readContext(
  access: AccessContext,
  clock: Clock,
  purpose: ReadContext['purpose'] = 'treatment',
  channel?: ReadContext['channel'],
): ReadContext {
  return {
    access,
    purpose,
    channel: channel ?? (access.actor.type === 'token' || access.actor.type === 'client' ? 'api' : 'web'),
    now: clock.now(),
  };
}
