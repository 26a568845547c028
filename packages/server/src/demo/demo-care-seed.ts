import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.ts';
import { phoneticKey, recordSensitivity } from '../modules/registry/index.ts';
import { generateOrganizations, type SyntheticPerson, type SyntheticRegion } from './synthetic-community.ts';
import { generateCare } from './synthetic-care.ts';
import { careEventKind, type OrganizationType } from '@continuum/contracts';

/** The demo organizations' ids and types by generator key (names are unique within a demo). */
export async function demoOrganizations(
  trx: DbOrTrx,
  seed: number,
  region: SyntheticRegion,
): Promise<Map<string, { id: string; type: OrganizationType }>> {
  const planned = generateOrganizations(seed, region);
  const stored = await trx.selectFrom('organizations').select(['id', 'name', 'type']).where('is_demo', '=', true).execute();
  const byName = new Map(stored.map((o) => [o.name, o]));
  const out = new Map<string, { id: string; type: OrganizationType }>();
  for (const o of planned) {
    const found = byName.get(o.name);
    if (found) out.set(o.key, { id: found.id, type: found.type });
  }
  return out;
}

const CHUNK = 1000;
async function insertChunked<T extends Record<string, unknown>>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Writes a batch of demo people with their registry data: identifiers, care team, timeline entries,
 * consents with history. Inside the caller's transaction.
 */
export async function insertDemoPeopleWithCare(
  trx: DbOrTrx,
  people: readonly SyntheticPerson[],
  orgs: ReadonlyMap<string, { id: string; type: OrganizationType }>,
  seed: number,
  now: Date,
): Promise<void> {
  const org = (key: string) => {
    const o = orgs.get(key);
    if (!o) throw new Error(`demo care names an unknown organization ${key}`);
    return o;
  };
  const personRows = [];
  const identifiers = [];
  const careTeam = [];
  const events = [];
  const consents = [];
  const history = [];
  const addresses = [];
  for (const p of people) {
    const id = randomUUID();
    const care = generateCare(seed, p.index, now);
    personRows.push({
      id,
      given_name: p.givenName,
      family_name: p.familyName,
      birth_date: p.birthDate,
      sex: p.sex,
      gender_identity: p.genderIdentity,
      race: p.race,
      ethnicity: p.ethnicity,
      language: p.language,
      phone: p.phone,
      address1: p.address1,
      area_id: p.areaId,
      unhoused: p.address1 === null,
      pregnant_or_postpartum: care.flags.pregnantOrPostpartum && p.sex === 'female',
      veteran: care.flags.veteran,
      justice_involved: care.flags.justiceInvolved,
      registered_by_organization_id: org(care.registeredByKey).id,
      given_phonetic: phoneticKey(p.givenName),
      family_phonetic: phoneticKey(p.familyName),
      is_demo: true,
      created_at: now,
      updated_at: now,
    });
    if (p.address1 !== null)
      addresses.push({
        person_id: id,
        line1: p.address1,
        line2: null,
        city: null,
        postal_code: null,
        area_id: p.areaId,
        valid_from: null,
        valid_until: null,
        created_at: now,
      });
    for (const i of care.identifiers)
      identifiers.push({ person_id: id, organization_id: org(i.organizationKey).id, kind: i.kind, value: i.value, created_at: now });
    for (const c of care.careTeam)
      careTeam.push({
        person_id: id,
        organization_id: org(c.organizationKey).id,
        user_id: null,
        role: c.role,
        since: c.since,
        until: c.until,
        created_at: now,
      });
    for (const e of care.events) {
      const source = org(e.organizationKey);
      const kind = careEventKind(e.type);
      events.push({
        person_id: id,
        organization_id: source.id,
        kind,
        type: e.type,
        sensitivity: recordSensitivity(source.type, kind, undefined),
        occurred_at: e.occurredAt,
        title: e.title,
        data: JSON.stringify(e.data),
        created_at: now,
      });
    }
    for (const c of care.consents) {
      const consentId = randomUUID();
      const ids = (keys: string[]) => [...new Set(keys.map((k) => org(k).id))];
      consents.push({
        id: consentId,
        person_id: id,
        person_name: `${p.givenName} ${p.familyName}`,
        type: c.type,
        status: c.status,
        disclosers: JSON.stringify(
          c.disclosers.type === 'organizations'
            ? { type: 'organizations', organizationIds: ids(c.disclosers.organizationKeys) }
            : c.disclosers,
        ),
        recipients: JSON.stringify(
          c.recipients.type === 'organizations'
            ? { type: 'organizations', organizationIds: ids(c.recipients.organizationKeys) }
            : c.recipients,
        ),
        purposes: c.purposes,
        kinds: c.kinds,
        information_description: c.informationDescription,
        expires_on: c.expiresOn,
        expiry_event: c.expiryEvent,
        language: p.language === 'es' ? ('es' as const) : ('en' as const),
        signer_name: c.signedOn ? `${p.givenName} ${p.familyName}` : null,
        signer_relationship: c.signedOn ? ('self' as const) : null,
        signature_method: c.signedOn ? ('attested' as const) : null,
        signature_image: null,
        signed_at: c.signedOn ? `${c.signedOn}T17:00:00Z` : null,
        revoked_at: c.status === 'revoked' ? `${c.endedOn}T17:00:00Z` : null,
        revocation_method: c.status === 'revoked' ? ('written' as const) : null,
        revocation_note: null,
        expired_at: c.status === 'expired' ? `${c.endedOn}T06:00:00Z` : null,
        created_by_organization_id: org(care.registeredByKey).id,
        created_by_user_id: null,
        created_at: `${c.createdOn}T16:00:00Z`,
        updated_at: now,
      });
      history.push({
        consent_id: consentId,
        at: `${c.createdOn}T16:00:00Z`,
        from_status: null,
        to_status: 'draft' as const,
        by_user_id: null,
        note: null,
      });
      if (c.signedOn)
        history.push({
          consent_id: consentId,
          at: `${c.signedOn}T17:00:00Z`,
          from_status: 'draft' as const,
          to_status: 'signed' as const,
          by_user_id: null,
          note: null,
        });
      if (c.status === 'revoked' || c.status === 'expired') {
        history.push({
          consent_id: consentId,
          at: `${c.endedOn}T17:00:00Z`,
          from_status: 'signed' as const,
          to_status: c.status,
          by_user_id: null,
          note: c.status === 'expired' ? 'Expiry date passed' : null,
        });
      }
    }
  }
  await insertChunked(personRows, (rows) => trx.insertInto('people').values(rows).execute());
  await insertChunked(addresses, (rows) => trx.insertInto('person_addresses').values(rows).execute());
  await insertChunked(identifiers, (rows) => trx.insertInto('person_identifiers').values(rows).execute());
  await insertChunked(careTeam, (rows) => trx.insertInto('care_team_members').values(rows).execute());
  // The largest table: one INSERT … SELECT unnest(…) per chunk, one array parameter per column.
  await insertChunked(events, async (rows) => {
    const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
    await sql`
      insert into person_events (person_id, organization_id, kind, type, sensitivity, occurred_at, title, data, source, created_at)
      select person_id, organization_id, kind, type, sensitivity, occurred_at, title, data::jsonb, 'demo', created_at from unnest(
        ${col('person_id')}::uuid[], ${col('organization_id')}::uuid[], ${col('kind')}::text[], ${col('type')}::text[],
        ${col('sensitivity')}::text[], ${col('occurred_at')}::timestamptz[], ${col('title')}::text[], ${col('data')}::text[], ${col('created_at')}::timestamptz[]
      ) as t(person_id, organization_id, kind, type, sensitivity, occurred_at, title, data, created_at)
    `.execute(trx);
  });
  await insertChunked(consents, (rows) => trx.insertInto('consents').values(rows).execute());
  await insertChunked(history, (rows) => trx.insertInto('consent_history').values(rows).execute());
}
