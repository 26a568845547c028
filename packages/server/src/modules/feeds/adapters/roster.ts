import { z } from 'zod';
import { moudMedications, zonedInstant, type CareEventInput } from '@continuum/contracts';
import { FeedMessageError, type FeedAdapter, type FeedPerson, type FeedPlan, type FeedPlanContext } from '../adapter.ts';
import { parseRow, splitRows } from './tabular.ts';

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
        z.iso.datetime({ offset: true }).transform((s) => ({ instant: s })),
        // Without an offset: the jail's wall clock, read in the feed's time zone by the plan.
        z.iso.datetime({ local: true }).transform((s) => ({ wall: `${s.slice(0, 16)}:${s.slice(17, 19) || '00'}` })),
        z.iso.date().transform((s) => ({ wall: `${s}T00:00:00` })),
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
  return splitRows(content, {
    label: 'The roster',
    json: 'list_or_rows',
    noRows: { reason: 'A JSON roster is a list of rows, or { "rows": [...] }', jsonOnly: true },
  });
}

/** A row's time: as given when it has an offset, else the wall-clock time in the feed's zone. */
function rowInstant(at: { instant: string } | { wall: string }, timeZone: string): string {
  if ('instant' in at) return at.instant;
  try {
    return zonedInstant(at.wall, timeZone).toISOString();
  } catch {
    throw new FeedMessageError('malformed', 'occurred_at must be an ISO 8601 date and time');
  }
}

export function planRosterRow(message: string, context: FeedPlanContext): FeedPlan {
  const parsed = rosterRowSchema.safeParse(parseRow(message, 'A roster row'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FeedMessageError('malformed', `${issue.path.join('.') || '(row)'}: ${issue.message}`);
  }
  const r = parsed.data;
  const occurredAt = rowInstant(r.occurred_at, context.timeZone);
  const key = `roster:${r.event}:${r.booking_number}`;
  const facility = r.facility ? { facility: r.facility } : {};
  const events: CareEventInput[] = [
    { type: r.event === 'booking' ? 'custody_booking' : 'custody_release', occurredAt, data: facility, externalId: key },
  ];
  if (r.event === 'release' && r.moud_medication !== '')
    events.push({
      type: 'moud_administration',
      occurredAt,
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
