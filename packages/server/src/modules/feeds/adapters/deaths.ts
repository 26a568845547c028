import { z } from 'zod';
import { deathManners, type CareEventInput, type SuspectedSubstance } from '@continuum/contracts';
import { FeedMessageError, type FeedAdapter, type FeedItem, type FeedPerson, type FeedPlan } from '../adapter.ts';
import { normalizeIcd10, substanceOf } from '../icd10.ts';
import { parseRow, splitRows } from './tabular.ts';

/*
 * Death records from the medical examiner or vital records (docs/integration.md, "Medical examiners
 * and vital records"): a CSV file (or a JSON list of rows), one message per row.
 *
 * - An opioid overdose death, by the CDC's definition: the underlying cause of death is a drug
 *   poisoning — ICD-10 X40–X44 (unintentional), X60–X64 (suicide), X85 (homicide) or Y10–Y14
 *   (undetermined intent) — and a multiple cause is an opioid: T40.0 (opium), T40.1 (heroin), T40.2
 *   (natural and semisynthetic opioids), T40.3 (methadone), T40.4 (synthetic opioids other than
 *   methadone, fentanyl among them) or T40.6 (other and unspecified narcotics). Source: CDC/NCHS,
 *   "Drug Overdose Deaths in the United States, 2002–2022", NCHS Data Brief No. 491, Definitions;
 *   CDC WONDER Multiple Cause of Death opioid overdose definition.
 * - It is reconciled with the overdose events the network holds: when the person has one within 3
 *   days of the date of death, that event becomes fatal and is linked; otherwise a fatal overdose
 *   event is recorded (area from the postal code; the county is not used, areas are by ZIP). The
 *   person is registered when not known, so cohorts and the 90-day-before-death report count them.
 * - Every death of a person the network knows is recorded as a `death` care event (manner and
 *   causes); a death that is neither an opioid overdose nor of a known person keeps nothing.
 */

/** Days either side of the date of death within which an overdose event is the same death. */
export const DEATH_RECONCILE_DAYS = 3;

const UNDERLYING_POISONING = /^(?:X4[0-4]|X6[0-4]|X85|Y1[0-4])(?:\.|$)/;
const OPIOID_CAUSE = /^T40\.[0-46](?:$|[0-9X])/;

/** CDC/NCHS opioid overdose death: a drug-poisoning underlying cause with an opioid (T40.0–T40.4, T40.6) among the multiple causes. */
export function isOpioidOverdoseDeath(underlying: string | null, causes: readonly string[]): boolean {
  return underlying !== null && UNDERLYING_POISONING.test(underlying) && causes.some((c) => OPIOID_CAUSE.test(c));
}

const text = (max: number) =>
  z.preprocess((v) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : v), z.string().trim().max(max));
const date = (name: string) => text(10).pipe(z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, `${name} must be YYYY-MM-DD`));
const code = (name: string) =>
  text(10).transform((s, ctx) => {
    if (s === '') return null;
    const c = normalizeIcd10(s);
    if (!c) ctx.addIssue({ code: 'custom', message: `${name} must be an ICD-10 code` });
    return c ?? '';
  });

export const deathRowSchema = z.object({
  record_id: text(60).pipe(z.string().min(1, 'record_id is required')),
  given_name: text(100),
  family_name: text(100),
  birth_date: date('birth_date'),
  sex: text(10).transform((s) => (/^f/i.test(s) ? 'female' : /^m/i.test(s) ? 'male' : 'unknown') as FeedPerson['sex']),
  date_of_death: date('date_of_death').pipe(z.string().min(1, 'date_of_death is required')),
  manner: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() || 'pending' : (v ?? 'pending')),
    z.enum(deathManners, `manner must be one of ${deathManners.join(', ')}`),
  ),
  underlying_cause: code('underlying_cause'),
  multiple_causes: text(400).transform((s, ctx) => {
    const out: string[] = [];
    for (const raw of s.split(/[;|,\s]+/).filter((x) => x !== '')) {
      const c = normalizeIcd10(raw);
      if (!c) {
        ctx.addIssue({ code: 'custom', message: 'multiple_causes must be ICD-10 codes separated by ;' });
        return [];
      }
      if (!out.includes(c)) out.push(c);
    }
    return out.slice(0, 20);
  }),
  county: text(60),
  postal_code: text(10),
});

/** A death-record file → one message per row, each the row as canonical JSON (sorted keys). */
export function splitDeaths(content: string): string[] {
  return splitRows(content, { label: 'The death records', json: 'list', noRows: { reason: 'The file holds no death records' } });
}

/** One death record → the death care event, and for an opioid overdose death the fatal overdose to reconcile. */
export function planDeath(message: string): FeedPlan {
  const parsed = deathRowSchema.safeParse(parseRow(message, 'A death record'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FeedMessageError('malformed', `${issue.path.join('.') || '(row)'}: ${issue.message}`);
  }
  const r = parsed.data;
  const causes = r.multiple_causes;
  const overdose = isOpioidOverdoseDeath(r.underlying_cause, causes);
  const key = `deaths:${r.record_id}`;
  const occurredAt = `${r.date_of_death}T00:00:00Z`;
  const events: CareEventInput[] = [
    {
      type: 'death',
      occurredAt,
      data: {
        manner: r.manner,
        ...(r.underlying_cause ? { underlyingCause: r.underlying_cause } : {}),
        ...(causes.length > 0 ? { causes } : {}),
        opioidOverdose: overdose,
      },
      externalId: key,
    },
  ];
  const person: FeedPerson = {
    identifiers: [],
    givenName: r.given_name,
    familyName: r.family_name,
    birthDate: r.birth_date,
    sex: r.sex,
    phone: '',
    address: r.postal_code ? { line1: '', city: '', postalCode: r.postal_code } : null,
  };
  const item: FeedItem = { person, register: overdose ? 'always' : 'if_known', events };
  if (overdose) {
    const substances: SuspectedSubstance[] = [...new Set(causes.filter((c) => OPIOID_CAUSE.test(c)).map(substanceOf))];
    item.overdose = {
      occurredAt,
      fatal: true,
      naloxoneDoses: 0,
      naloxoneBy: [],
      suspectedSubstances: substances,
      disposition: 'deceased',
      externalId: `${key}:overdose`,
      leaveBehindKits: 0,
      postalCode: r.postal_code || null,
    };
    item.reconcileDeath = { diedOn: r.date_of_death, withinDays: DEATH_RECONCILE_DAYS };
  }
  return { messageType: overdose ? 'deaths:opioid_overdose' : 'deaths:other', externalId: r.record_id, items: [item] };
}

export const deathsAdapter: FeedAdapter = { kind: 'deaths', split: splitDeaths, plan: planDeath };
