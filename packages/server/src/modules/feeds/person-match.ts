import { createHash } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { AccessContext } from '../../core/access-context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import {
  attachPersonToRecord,
  matchFeedRecord,
  networkMatches,
  UPPER_THRESHOLD,
  type ActiveModel,
  type MatchFields,
} from '../person-index/index.ts';
import { registerFeedPerson, resolveImportPeople } from '../registry/index.ts';
import { FeedMessageError, type FeedItem, type FeedPerson } from './adapter.ts';

/*
 * Who a feed's message is about (docs/integration.md, "Who a message is about"):
 * 1. an identifier the sending organization already holds for a registry person (its MRN, a booking
 *    number) — the import's rule: another organization's identifiers are never matched;
 * 2. otherwise the network person index: the record is stored as a source record and scored
 *    against the whole network; a confident match (≥ 0.999) links it and the feed writes to that
 *    person; an uncertain one (0.5–0.999) opens a review item and none keeps an identity of its
 *    own — in both the feed registers a new person for its record (registered by the sending
 *    organization, with its identifiers), whom the review may later link;
 * 3. a message that may only add to a known person (`register: 'if_known'`) and finds no confident
 *    match keeps nothing: no source record, no person.
 */

export type PersonOutcome = 'identifier' | 'linked' | 'registered' | 'registered_for_review' | 'not_applicable';

export interface FeedPersonContext {
  organizationId: string;
  part2: boolean;
  sourceSystem: string;
  model: ActiveModel;
}

export function matchFieldsOf(p: FeedPerson): MatchFields {
  return {
    givenName: p.givenName,
    familyName: p.familyName,
    birthDate: p.birthDate,
    sex: p.sex,
    phone: p.phone,
    ssn: '',
    address: p.address?.line1 ?? '',
    city: p.address?.city ?? '',
    zip: p.address?.postalCode ?? '',
    email: '',
  };
}

/** The sending system's id for the person: its first identifier, else a hash of the name and birth date. */
export function sourceRecordIdOf(p: FeedPerson): string {
  const id = p.identifiers[0];
  if (id) return `${id.kind}:${id.value}`;
  const key = [p.familyName, p.givenName, p.birthDate].map((s) => s.trim().toLowerCase()).join('|');
  return `demographics:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

const canRegister = (p: FeedPerson) => p.givenName !== '' && p.familyName !== '' && /^\d{4}-\d{2}-\d{2}$/.test(p.birthDate);

export async function resolveFeedPerson(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  ctx: FeedPersonContext,
  item: FeedItem,
): Promise<{ personId: string | null; outcome: PersonOutcome }> {
  const p = item.person;
  const record = {
    sourceOrganizationId: ctx.organizationId,
    sourceSystem: ctx.sourceSystem,
    sourceRecordId: sourceRecordIdOf(p),
    part2: ctx.part2,
  };
  const fields = matchFieldsOf(p);
  if (p.identifiers.length > 0) {
    const found = await resolveImportPeople(
      trx,
      ctx.organizationId,
      p.identifiers.map((identifier) => ({ identifier })),
    );
    const personId = found.find((x) => x !== null) ?? null;
    if (personId !== null) {
      await matchFeedRecord(trx, clock, access, ctx.model, { ...record, personId, fields });
      return { personId, outcome: 'identifier' };
    }
  }
  if (p.familyName === '' || (p.birthDate === '' && p.phone === '')) {
    if (item.register === 'if_known') return { personId: null, outcome: 'not_applicable' };
    throw new FeedMessageError(
      'unmatchable',
      'No identifier the organization holds, and no family name with a birth date or phone to match on',
    );
  }
  if (item.register === 'if_known') {
    const confident = (await networkMatches(trx, fields)).some((m) => m.personId !== null && m.probability >= UPPER_THRESHOLD);
    if (!confident) return { personId: null, outcome: 'not_applicable' };
  }
  const match = await matchFeedRecord(trx, clock, access, ctx.model, { ...record, personId: null, fields });
  if (match.personId !== null) return { personId: match.personId, outcome: 'linked' };
  if (item.register === 'if_known') return { personId: null, outcome: 'not_applicable' };
  if (!canRegister(p))
    throw new FeedMessageError(
      'unmatchable',
      'No match in the network, and no given name, family name and birth date to register the person with',
    );
  const person = await registerFeedPerson(trx, clock, access, ctx.organizationId, {
    givenName: p.givenName.slice(0, 100),
    familyName: p.familyName.slice(0, 100),
    birthDate: p.birthDate,
    sex: p.sex,
    phone: p.phone || null,
    address: p.address ? { line1: p.address.line1, city: p.address.city || null, postalCode: p.address.postalCode || null } : null,
    identifiers: p.identifiers,
    justiceInvolved: item.events.some((e) => e.type === 'custody_booking' || e.type === 'custody_release'),
  });
  await attachPersonToRecord(trx, clock, access, ctx.model, match.recordId, person.id);
  return { personId: person.id, outcome: match.outcome === 'review' ? 'registered_for_review' : 'registered' };
}
