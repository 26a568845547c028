import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { moudMedications, type CareEventInput } from '@continuum/contracts';
import { FeedMessageError, type FeedAdapter, type FeedPerson, type FeedPlan } from '../adapter.ts';

/*
 * Jail booking and release rosters (docs/integration.md): a CSV file or a JSON list of rows, sent
 * on a schedule, pushed to the API or imported with the command line. Each row is one message.
 *
 * - A booking becomes a `custody_booking` care event (a person in custody is not dropping out of
 *   care: the worklist's MOUD-gap rule waits).
 * - A release becomes a `custody_release` care event — the worklist's custody-release rule then
 *   asks for outreach when no MOUD contact follows within 72 hours. MOUD continuity at release
 *   (`moud_medication`: a bridge dose or supply given as the person leaves) is written as a
 *   `moud_administration` at the release, which is that contact, so no outreach is asked for.
 * - A row saying the person has OUD (`oud` yes) registers them when the network does not know
 *   them; any other row acts only for a person the network already knows (a confident match), and
 *   otherwise keeps nothing.
 */

const yesNo = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v === true ? 'yes' : v === false ? 'no' : v),
  z
    .enum(['yes', 'no', 'unknown', 'y', 'n', 'true', 'false', ''])
    .transform((v) => (v === 'yes' || v === 'y' || v === 'true' ? 'yes' : v === 'no' || v === 'n' || v === 'false' ? 'no' : 'unknown')),
);
const text = (max: number) =>
  z.preprocess((v) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : v), z.string().trim().max(max));

export const rosterRowSchema = z.object({
  event: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.enum(['booking', 'release'], 'event must be booking or release'),
  ),
  occurred_at: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().replace(/^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})/, '$1T$2') : v),
    z.union(
      [
        z.iso.datetime({ offset: true }),
        z.iso.datetime({ local: true }).transform((s) => `${s}Z`),
        z.iso.date().transform((s) => `${s}T00:00:00Z`),
      ],
      'occurred_at must be an ISO 8601 date and time',
    ),
  ),
  booking_number: text(60).pipe(z.string().min(1, 'booking_number is required')),
  given_name: text(100),
  family_name: text(100),
  birth_date: text(10).pipe(z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'birth_date must be YYYY-MM-DD')),
  sex: text(10).transform((s) => (/^f/i.test(s) ? 'female' : /^m/i.test(s) ? 'male' : 'unknown') as FeedPerson['sex']),
  phone: text(30).transform((s) => s.replace(/\D/g, '')),
  address: text(200),
  city: text(100),
  postal_code: text(10),
  facility: text(200),
  oud: yesNo.default('unknown'),
  moud_medication: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : (v ?? '')),
    z.enum([...moudMedications, ''], `moud_medication must be one of ${moudMedications.join(', ')}, or empty`),
  ),
  moud_days_supply: z.preprocess(
    (v) => (v === '' || v === null || v === undefined ? 1 : Number(v)),
    z.number().int('moud_days_supply must be a whole number').min(1).max(365),
  ),
});
export type RosterRow = z.output<typeof rosterRowSchema>;

export const ROSTER_COLUMNS = Object.keys(rosterRowSchema.shape);

/** A roster file → one message per row: the row as canonical JSON (sorted keys), so a resent row is the same message. */
export function splitRoster(content: string): string[] {
  const trimmed = content.trim();
  let rows: unknown[];
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let body: unknown;
    try {
      body = JSON.parse(trimmed);
    } catch {
      throw new FeedMessageError('malformed', 'The roster is not valid JSON');
    }
    rows = Array.isArray(body) ? body : Array.isArray((body as { rows?: unknown }).rows) ? (body as { rows: unknown[] }).rows : [];
    if (rows.length === 0) throw new FeedMessageError('malformed', 'A JSON roster is a list of rows, or { "rows": [...] }');
  } else {
    try {
      rows = parse(trimmed, {
        columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
        skip_empty_lines: true,
        trim: true,
        bom: true,
      }) as unknown[];
    } catch {
      throw new FeedMessageError('malformed', 'The roster is not valid CSV');
    }
  }
  return rows.map((row) => {
    if (!row || typeof row !== 'object' || Array.isArray(row)) return JSON.stringify(row);
    const o = row as Record<string, unknown>;
    return JSON.stringify(
      Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, o[k]]),
      ),
    );
  });
}

export function planRosterRow(message: string): FeedPlan {
  let raw: unknown;
  try {
    raw = JSON.parse(message);
  } catch {
    throw new FeedMessageError('malformed', 'The row is not valid JSON');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new FeedMessageError('malformed', 'A roster row is an object of columns');
  const parsed = rosterRowSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FeedMessageError('malformed', `${issue.path.join('.') || '(row)'}: ${issue.message}`);
  }
  const r = parsed.data;
  const key = `roster:${r.event}:${r.booking_number}`;
  const facility = r.facility ? { facility: r.facility } : {};
  const events: CareEventInput[] = [
    { type: r.event === 'booking' ? 'custody_booking' : 'custody_release', occurredAt: r.occurred_at, data: facility, externalId: key },
  ];
  if (r.event === 'release' && r.moud_medication !== '')
    events.push({
      type: 'moud_administration',
      occurredAt: r.occurred_at,
      data: { medication: r.moud_medication, daysSupply: r.moud_days_supply },
      externalId: `${key}:moud`,
    });
  const person: FeedPerson = {
    identifiers: [{ kind: 'booking_number', value: r.booking_number }],
    givenName: r.given_name,
    familyName: r.family_name,
    birthDate: r.birth_date,
    sex: r.sex,
    phone: r.phone,
    address: r.address || r.city || r.postal_code ? { line1: r.address, city: r.city, postalCode: r.postal_code } : null,
  };
  return {
    messageType: `roster:${r.event}`,
    externalId: key,
    items: [{ person, register: r.oud === 'yes' ? 'always' : 'if_known', events }],
  };
}

export const rosterAdapter: FeedAdapter = { kind: 'roster', split: splitRoster, plan: planRosterRow };
