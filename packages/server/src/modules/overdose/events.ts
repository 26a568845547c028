import { parse } from 'csv-parse/sync';
import {
  locatorSearchQuerySchema,
  naloxoneGiverSchema,
  recordOverdoseSchema,
  suspectedSubstanceSchema,
  worklistTaskKindLabels,
  type ExaminerDeath,
  type ExaminerReport,
  type FieldError,
  type NearbyServices,
  type OrganizationType,
  type OverdoseEvent,
  type OverdoseImportResult,
  type OverdoseRecorded,
  type RecordOverdose,
  type RecordOverdoseParsed,
  type Sensitivity,
  addDays,
  addHours,
} from '@continuum/contracts';
import type { Selectable } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import { notify } from '../notifications/index.ts';
import {
  writeCareEvents,
  authorizeRecords,
  filterVisible,
  type RecordToRead,
  overdoseLinks,
  type LinkedUser,
  readContext,
  recordSensitivity,
} from '../registry/index.ts';
import { createWorklistTask } from '../worklist/index.ts';
import { LocatorIndex, searchLocator, type LocatorContext } from '../directory/index.ts';
import { canRecordOverdose, canReportAsExaminer, overdoseView, sourceTypeFor } from './overdose-policy.ts';
import type { OverdoseEventsTable } from './overdose.table.ts';
import { insertNaloxone } from './naloxone.ts';
import { checkThreshold, loadOverdoseSettings } from './spike-service.ts';

/*
 * Overdose events: recorded by form, API or CSV import (all or nothing), turned fatal or added by
 * a medical examiner. For a known person each event also becomes an `overdose` care event on the
 * timeline, the linked providers the chokepoint allows are told (and each notice is recorded), and
 * a post-overdose outreach task goes to the person's navigator team or the network's outreach
 * organization. Every recorded event runs the threshold rule for its area at once.
 */

type EventRow = Selectable<OverdoseEventsTable>;

const forbidden = (message: string) => new AppError('FORBIDDEN', { message });
const eventNotFound = () => new AppError('NOT_FOUND', { message: 'No such overdose event.' });

async function callerOrganization(trx: DbOrTrx, access: AccessContext): Promise<{ id: string; type: OrganizationType }> {
  if (access.organizationId === null) throw new AppError('ORGANIZATION_NOT_SELECTED');
  const org = await trx
    .selectFrom('organizations')
    .select(['id', 'type'])
    .where('id', '=', access.organizationId)
    .executeTakeFirstOrThrow();
  return org;
}

interface AreaPoint {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
}

export async function loadAreaPoints(db: DbOrTrx): Promise<AreaPoint[]> {
  return db.selectFrom('areas').select(['id', 'name', 'latitude', 'longitude']).orderBy('id').execute();
}

/** The area whose centre is nearest to a point (equirectangular distance; areas are small). */
export function nearestArea(areas: readonly AreaPoint[], latitude: number, longitude: number): AreaPoint | undefined {
  const cos = Math.cos((latitude * Math.PI) / 180);
  let best: AreaPoint | undefined;
  let bestD = Infinity;
  for (const a of areas) {
    const d = (a.latitude - latitude) ** 2 + ((a.longitude - longitude) * cos) ** 2;
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return best;
}

/** Resolves the area of a report: the given id (must exist) or the nearest centre to the coordinates. */
function areaOf(
  areas: readonly AreaPoint[],
  input: { areaId?: string | undefined; latitude?: number | undefined; longitude?: number | undefined },
  path: string,
): AreaPoint {
  if (input.areaId !== undefined) {
    const a = areas.find((x) => x.id === input.areaId);
    if (!a)
      throw new AppError('VALIDATION_FAILED', {
        message: 'Unknown area.',
        fields: [{ path: `${path}areaId`, message: 'No area with that id' }],
      });
    return a;
  }
  const a = nearestArea(areas, input.latitude!, input.longitude!);
  if (!a)
    throw new AppError('VALIDATION_FAILED', {
      message: 'No areas are set up.',
      fields: [{ path: `${path}latitude`, message: 'No area to place this in' }],
    });
  return a;
}

/** The person as the caller may see them (survivor id), or a 400 naming the field: a person you may not see is "not found". */
async function visiblePersonId(trx: DbOrTrx, clock: Clock, access: AccessContext, personId: string, path: string): Promise<string> {
  const [v] = await filterVisible(trx, readContext(access, clock), [personId]);
  if (!v)
    throw new AppError('VALIDATION_FAILED', {
      message: 'No person with that id.',
      fields: [{ path: `${path}personId`, message: 'No person with that id that you may see' }],
    });
  return v.person.row.id;
}

export interface RecordOptions {
  /** Field path prefix for errors (CSV rows). */
  path?: string;
  areas?: AreaPoint[];
  /** Skip the threshold check (the import runs it once per area at the end). */
  skipThreshold?: boolean;
}

/** Records one overdose in the caller's transaction; returns what happened. */
async function recordInTransaction(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  org: { id: string; type: OrganizationType },
  input: RecordOverdoseParsed & { examinerNote?: string },
  options: RecordOptions,
): Promise<OverdoseRecorded & { alreadyPresent: boolean }> {
  const path = options.path ?? '';
  // One area by id is one row; only coordinates need every area's centre.
  const areas =
    options.areas ??
    (input.areaId !== undefined
      ? await trx.selectFrom('areas').select(['id', 'name', 'latitude', 'longitude']).where('id', '=', input.areaId).execute()
      : await loadAreaPoints(trx));
  const area = areaOf(areas, input, path);
  const personId = input.personId ? await visiblePersonId(trx, clock, access, input.personId, path) : null;
  const now = clock.now();
  const sourceType = sourceTypeFor(org.type);
  const sensitivity = recordSensitivity(org.type, 'overdose_events', undefined);
  const isExaminer = input.examinerNote !== undefined;
  const inserted = await trx
    .insertInto('overdose_events')
    .values({
      occurred_at: new Date(input.occurredAt),
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      area_id: area.id,
      fatal: input.fatal,
      naloxone_doses: input.naloxoneDoses,
      naloxone_by: [...new Set(input.naloxoneBy)],
      suspected_substances: [...new Set(input.suspectedSubstances)],
      disposition: input.fatal && input.disposition === 'unknown' ? 'deceased' : input.disposition,
      reporting_organization_id: org.id,
      source_type: sourceType,
      person_id: personId,
      sensitivity,
      care_event_id: null,
      examiner_note: input.examinerNote ?? null,
      examiner_organization_id: isExaminer ? org.id : null,
      examiner_reported_at: isExaminer ? now : null,
      external_id: input.externalId ?? null,
      created_by_user_id: actorUserId(access),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['reporting_organization_id', 'external_id']).where('external_id', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const existing = await trx
      .selectFrom('overdose_events')
      .select(['id', 'area_id', 'care_event_id'])
      .where('reporting_organization_id', '=', org.id)
      .where('external_id', '=', input.externalId!)
      .executeTakeFirstOrThrow();
    return {
      id: existing.id,
      areaId: existing.area_id,
      careEventId: existing.care_event_id,
      outreachTaskId: null,
      notified: 0,
      alertIds: [],
      alreadyPresent: true,
    };
  }
  const id = inserted.id;
  let careEventId: string | null = null;
  let outreachTaskId: string | null = null;
  let notified = 0;
  if (personId !== null) {
    const written = await writeCareEvents(trx, clock, access, { organizationId: org.id, source: 'overdose' }, [
      {
        personId,
        event: {
          type: 'overdose',
          occurredAt: new Date(input.occurredAt).toISOString(),
          data: { fatal: input.fatal, naloxoneDoses: input.naloxoneDoses, overdoseEventId: id },
          externalId: `overdose:${id}`,
        },
      },
    ]);
    careEventId = written.ids[0] ?? null;
    await trx.updateTable('overdose_events').set({ care_event_id: careEventId }).where('id', '=', id).execute();
    const links = await overdoseLinks(trx, now, personId, { kind: 'overdose_events', sensitivity, sourceOrganizationId: org.id });
    if (links) {
      notified = await sendFeedback(trx, clock, access, id, links.users, input.fatal ? 'fatal' : 'reported');
      if (!input.fatal && careEventId !== null)
        outreachTaskId = await createOutreach(trx, clock, access, {
          eventId: id,
          careEventId,
          personId: links.personId,
          careTeam: links.careTeam,
          signal: { organizationId: org.id, sensitivity, occurredAt: new Date(input.occurredAt) },
          permittedOrganizations: new Set(links.users.filter((u) => u.permitted).map((u) => u.organizationId)),
        });
    }
  }
  if (input.leaveBehindKits > 0) {
    await insertNaloxone(
      trx,
      clock,
      access,
      org.id,
      {
        distributedAt: new Date(input.occurredAt).toISOString(),
        areaId: area.id,
        place: 'Left at the scene',
        recipientCategory: personId !== null ? 'person_at_risk' : 'family_member',
        kits: input.leaveBehindKits,
        leaveBehind: true,
        overdoseEventId: id,
        personId,
      },
      personId,
    );
  }
  const alertIds = options.skipThreshold
    ? []
    : await checkThreshold(trx, clock, access, area.id, new Date(input.occurredAt), await loadOverdoseSettings(trx));
  await recordAudit(trx, clock, access, {
    action: 'overdose.event.record',
    entityType: 'overdose_event',
    entityId: id,
    organizationId: org.id,
    details: {
      source: sourceType,
      fatal: input.fatal,
      personLinked: personId !== null,
      notified,
      outreachTask: outreachTaskId !== null,
      alerts: alertIds.length,
    },
  });
  return { id, areaId: area.id, careEventId, outreachTaskId, notified, alertIds, alreadyPresent: false };
}

/**
 * Tells every linked user the chokepoint lets see this record — without naming the person; the
 * link opens the event page, where the chokepoint decides again — and records each notice.
 */
async function sendFeedback(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  eventId: string,
  users: readonly LinkedUser[],
  trigger: 'reported' | 'fatal',
): Promise<number> {
  const actor = actorUserId(access);
  const byUser = new Map<string, LinkedUser>();
  for (const u of users) if (u.permitted && u.userId !== actor && !byUser.has(u.userId)) byUser.set(u.userId, u);
  if (byUser.size === 0) return 0;
  const now = clock.now();
  const recorded = await trx
    .insertInto('overdose_feedback_notices')
    .values(
      [...byUser.values()].map((u) => ({
        overdose_event_id: eventId,
        user_id: u.userId,
        organization_id: u.organizationId,
        reasons: u.reasons,
        trigger,
        notified_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['overdose_event_id', 'user_id', 'trigger']).doNothing())
    .returning('user_id')
    .execute();
  if (recorded.length === 0) return 0;
  await notify(trx, clock, {
    kind: 'overdose.linked-person',
    title:
      trigger === 'fatal'
        ? 'A death from overdose involving a person in your care was reported'
        : 'An overdose involving a person in your care was reported',
    body: 'Open the link to see what you may see about it.',
    link: `/overdose-response/events/${eventId}`,
    userIds: recorded.map((r) => r.user_id),
    dedupeKey: `overdose:${eventId}:${trigger}`,
    webhook: {
      organizationIds: [...new Set([...byUser.values()].map((u) => u.organizationId))],
      payload: { overdoseEventId: eventId, trigger },
    },
  });
  return recorded.length;
}

const NAVIGATOR_TEAM_ROLES = new Set(['care_navigator', 'peer_support', 'case_manager']);

/** The post-overdose outreach task: the person's navigator team, else the network's outreach organization. */
async function createOutreach(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  input: {
    eventId: string;
    careEventId: string;
    personId: string;
    careTeam: readonly { organizationId: string; userId: string | null; role: string }[];
    signal: { organizationId: string; sensitivity: Sensitivity; occurredAt: Date };
    /** Organizations whose linked staff the access decision lets see the record. */
    permittedOrganizations: ReadonlySet<string>;
  },
): Promise<string | null> {
  const settings = await loadOverdoseSettings(trx);
  // A navigator team that may see the reporter's record (docs/decisions/0009): a named navigator first.
  const eligible = input.careTeam.filter(
    (m) =>
      NAVIGATOR_TEAM_ROLES.has(m.role) &&
      (m.organizationId === input.signal.organizationId || input.permittedOrganizations.has(m.organizationId)),
  );
  const navigator = eligible.find((m) => m.userId !== null) ?? eligible[0];
  const organizationId = navigator?.organizationId ?? settings.outreachOrganizationId;
  if (!organizationId) return null;
  const task = await createWorklistTask(trx, clock, access, {
    kind: 'post_overdose',
    personId: input.personId,
    organizationId,
    assigneeUserId: navigator?.userId ?? null,
    dueAt: addHours(clock.now(), settings.outreachDueHours),
    reason: `${worklistTaskKindLabels.post_overdose}: a non-fatal overdose was reported. Reach out within ${settings.outreachDueHours} hours; offer naloxone and a referral to treatment (nearby services are on the task).`,
    source: { type: 'overdose_event', id: input.eventId },
    dedupeKey: `post_overdose:${input.careEventId}`,
    // The task reveals the reporter's overdose record: the chokepoint decides on that record.
    signal: input.signal,
  });
  return task.id;
}

export async function recordOverdose(db: Db, clock: Clock, access: AccessContext, input: RecordOverdoseParsed): Promise<OverdoseRecorded> {
  if (!canRecordOverdose(access.roles)) throw forbidden('Your role does not record overdoses.');
  return db.transaction().execute(async (trx) => {
    const org = await callerOrganization(trx, access);
    const { alreadyPresent: _, ...result } = await recordInTransaction(trx, clock, access, org, input, {});
    return result;
  });
}

const CSV_COLUMNS = [
  'occurred_at',
  'area',
  'latitude',
  'longitude',
  'fatal',
  'naloxone_doses',
  'naloxone_by',
  'substances',
  'disposition',
  'person_id',
  'external_id',
  'leave_behind_kits',
] as const;

function csvRowToInput(row: Record<string, string>): RecordOverdose {
  const text = (k: string) => (row[k] ?? '').trim();
  const num = (k: string) => (text(k) === '' ? undefined : Number(text(k)));
  const list = (k: string) =>
    text(k) === ''
      ? []
      : text(k)
          .split(/[;|]/)
          .map((s) => s.trim())
          .filter(Boolean);
  const bool = (k: string) => {
    const v = text(k).toLowerCase();
    return v === ''
      ? undefined
      : ['true', '1', 'yes', 'y'].includes(v)
        ? true
        : ['false', '0', 'no', 'n'].includes(v)
          ? false
          : (v as unknown as boolean);
  };
  const out: Record<string, unknown> = { occurredAt: text('occurred_at') };
  if (text('area') !== '') out.areaId = text('area');
  if (num('latitude') !== undefined) out.latitude = num('latitude');
  if (num('longitude') !== undefined) out.longitude = num('longitude');
  if (bool('fatal') !== undefined) out.fatal = bool('fatal');
  if (num('naloxone_doses') !== undefined) out.naloxoneDoses = num('naloxone_doses');
  out.naloxoneBy = list('naloxone_by');
  out.suspectedSubstances = list('substances');
  if (text('disposition') !== '') out.disposition = text('disposition');
  if (text('person_id') !== '') out.personId = text('person_id');
  if (text('external_id') !== '') out.externalId = text('external_id');
  if (num('leave_behind_kits') !== undefined) out.leaveBehindKits = num('leave_behind_kits');
  return out as RecordOverdose;
}

/**
 * CSV import (header row; columns in `CSV_COLUMNS`; lists separated by `;`). Every row is checked
 * first; any problem → 400 listing each row's problems (`rows.<line>.<field>`) and nothing is
 * stored. Then all rows are recorded in one transaction.
 */
export async function importOverdoses(
  db: Db,
  clock: Clock,
  access: AccessContext,
  input: { csv: string; dryRun: boolean },
): Promise<OverdoseImportResult> {
  if (!canRecordOverdose(access.roles)) throw forbidden('Your role does not record overdoses.');
  let records: Record<string, string>[];
  try {
    records = parse(input.csv, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      bom: true,
      relax_column_count: false,
    });
  } catch {
    throw new AppError('VALIDATION_FAILED', {
      message: 'The CSV could not be read.',
      fields: [{ path: 'csv', message: 'Not a CSV file with a header row and the same number of columns on every row' }],
    });
  }
  const header = records.length > 0 ? Object.keys(records[0]!) : [];
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (records.length === 0 || !header.includes('occurred_at') || unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'The CSV header is not as expected.',
      fields: [
        {
          path: 'csv',
          message:
            unknown.length > 0
              ? `Unknown columns: ${unknown.join(', ')}`
              : `Expected a header with occurred_at and rows; columns: ${CSV_COLUMNS.join(', ')}`,
        },
      ],
    });
  }
  if (records.length > 20_000)
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'csv', message: 'At most 20,000 rows per import' }] });
  const problems: FieldError[] = [];
  const parsed: RecordOverdoseParsed[] = [];
  records.forEach((row, i) => {
    const line = i + 2;
    const r = recordOverdoseSchema.safeParse(csvRowToInput(row));
    if (!r.success)
      for (const issue of r.error.issues) problems.push({ path: `rows.${line}.${issue.path.join('.') || 'row'}`, message: issue.message });
    else parsed.push(r.data);
  });
  return db.transaction().execute(async (trx) => {
    const org = await callerOrganization(trx, access);
    const areas = await loadAreaPoints(trx);
    // Second pass: what needs the database (areas, people), still before anything is written.
    if (problems.length === 0) {
      for (let i = 0; i < parsed.length; i++) {
        const p = parsed[i]!;
        const line = i + 2;
        if (p.areaId !== undefined && !areas.some((a) => a.id === p.areaId))
          problems.push({ path: `rows.${line}.areaId`, message: 'No area with that id' });
        if (p.personId && (await filterVisible(trx, readContext(access, clock), [p.personId])).length === 0)
          problems.push({ path: `rows.${line}.personId`, message: 'No person with that id that you may see' });
      }
    }
    if (problems.length > 0)
      throw new AppError('VALIDATION_FAILED', {
        message: `${problems.length} problem(s) in the CSV; nothing was imported.`,
        fields: problems.slice(0, 200),
      });
    if (input.dryRun) return { imported: parsed.length, alreadyPresent: 0, dryRun: true };
    let imported = 0;
    let alreadyPresent = 0;
    const touched = new Map<string, Date>();
    for (let i = 0; i < parsed.length; i++) {
      const r = await recordInTransaction(trx, clock, access, org, parsed[i]!, { path: `rows.${i + 2}.`, areas, skipThreshold: true });
      if (r.alreadyPresent) alreadyPresent++;
      else {
        imported++;
        const at = new Date(parsed[i]!.occurredAt);
        const prev = touched.get(r.areaId);
        if (!prev || prev < at) touched.set(r.areaId, at);
      }
    }
    const settings = await loadOverdoseSettings(trx);
    for (const [areaId, at] of touched) await checkThreshold(trx, clock, access, areaId, at, settings);
    await recordAudit(trx, clock, access, {
      action: 'overdose.event.import',
      entityType: 'overdose_event',
      organizationId: org.id,
      details: { imported, alreadyPresent },
    });
    return { imported, alreadyPresent, dryRun: false };
  });
}

/**
 * A medical examiner's report on an event: it becomes fatal (disposition deceased) with the
 * examiner's note. The person's timeline gets a fatal overdose entry from the examiner's office and
 * the linked providers are told again (the prescribers read the note through the event page).
 */
export async function examinerReport(db: Db, clock: Clock, access: AccessContext, eventId: string, input: ExaminerReport): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const org = await callerOrganization(trx, access);
    if (!canReportAsExaminer(org.type, access.roles)) throw forbidden('Only a medical examiner office files an examiner report.');
    const row = await trx.selectFrom('overdose_events').selectAll().where('id', '=', eventId).executeTakeFirst();
    if (!row) throw eventNotFound();
    const now = clock.now();
    const wasFatal = row.fatal;
    await trx
      .updateTable('overdose_events')
      .set({
        fatal: true,
        disposition: 'deceased',
        examiner_note: input.note,
        examiner_organization_id: org.id,
        examiner_reported_at: now,
        ...(input.suspectedSubstances ? { suspected_substances: [...new Set(input.suspectedSubstances)] } : {}),
        updated_at: now,
      })
      .where('id', '=', eventId)
      .execute();
    let notified = 0;
    if (row.person_id !== null) {
      await writeCareEvents(trx, clock, access, { organizationId: org.id, source: 'overdose' }, [
        {
          personId: row.person_id,
          event: {
            type: 'overdose',
            occurredAt: row.occurred_at.toISOString(),
            data: { fatal: true, naloxoneDoses: row.naloxone_doses, overdoseEventId: eventId },
            externalId: `overdose:${eventId}:examiner`,
          },
        },
      ]);
      const links = await overdoseLinks(trx, now, row.person_id, {
        kind: 'overdose_events',
        sensitivity: recordSensitivity(org.type, 'overdose_events', undefined),
        sourceOrganizationId: org.id,
      });
      if (links) notified = await sendFeedback(trx, clock, access, eventId, links.users, 'fatal');
    }
    await recordAudit(trx, clock, access, {
      action: 'overdose.event.examiner-report',
      entityType: 'overdose_event',
      entityId: eventId,
      organizationId: org.id,
      details: {
        madeFatal: !wasFatal,
        fields: ['fatal', 'disposition', 'examiner_note', ...(input.suspectedSubstances ? ['suspected_substances'] : [])],
        notified,
      },
    });
  });
}

/** A death the examiner reports that no one reported before: a fatal event from the examiner's office. */
export async function examinerDeath(db: Db, clock: Clock, access: AccessContext, input: ExaminerDeath): Promise<OverdoseRecorded> {
  return db.transaction().execute(async (trx) => {
    const org = await callerOrganization(trx, access);
    if (!canReportAsExaminer(org.type, access.roles)) throw forbidden('Only a medical examiner office reports a death.');
    const parsed = recordOverdoseSchema.parse({
      occurredAt: input.occurredAt,
      latitude: input.latitude,
      longitude: input.longitude,
      areaId: input.areaId,
      fatal: true,
      disposition: 'deceased',
      suspectedSubstances: input.suspectedSubstances ?? [],
      personId: input.personId ?? null,
    });
    const { alreadyPresent: _, ...result } = await recordInTransaction(
      trx,
      clock,
      access,
      org,
      { ...parsed, examinerNote: input.note },
      {},
    );
    return result;
  });
}

async function namesOf(trx: DbOrTrx, rows: readonly EventRow[]) {
  const areaIds = [...new Set(rows.map((r) => r.area_id))];
  const orgIds = [...new Set(rows.map((r) => r.reporting_organization_id))];
  const [areas, orgs] = await Promise.all([
    areaIds.length ? trx.selectFrom('areas').select(['id', 'name']).where('id', 'in', areaIds).execute() : [],
    orgIds.length ? trx.selectFrom('organizations').select(['id', 'name']).where('id', 'in', orgIds).execute() : [],
  ]);
  return { area: new Map(areas.map((a) => [a.id, a.name])), org: new Map(orgs.map((o) => [o.id, o.name])) };
}

/**
 * Events as the caller may see them: places coarsened to the area (coordinates only for the
 * reporting organization's own events); the person and the examiner's note only where the
 * chokepoint permits (the read is recorded as a disclosure); otherwise `personRestricted`.
 */
async function present(trx: DbOrTrx, clock: Clock, access: AccessContext, rows: readonly EventRow[]): Promise<OverdoseEvent[]> {
  const names = await namesOf(trx, rows);
  const records: RecordToRead[] = [];
  for (const r of rows) {
    if (r.person_id === null) continue;
    records.push({
      personId: r.person_id,
      kind: 'overdose_events',
      sensitivity: r.sensitivity,
      sourceOrganizationId: r.reporting_organization_id,
      ref: { type: 'overdose_event', id: r.id },
    });
    if (r.examiner_note !== null && r.examiner_organization_id !== null && r.examiner_organization_id !== r.reporting_organization_id) {
      records.push({
        personId: r.person_id,
        kind: 'overdose_events',
        sensitivity: r.sensitivity,
        sourceOrganizationId: r.examiner_organization_id,
        ref: { type: 'overdose_examiner_report', id: r.id },
      });
    }
  }
  const { permitted } = await authorizeRecords(trx, readContext(access, clock), records);
  const eventOk = new Map(permitted.filter((p) => p.ref.type === 'overdose_event').map((p) => [p.ref.id, p.person]));
  const examinerOk = new Map(permitted.filter((p) => p.ref.type === 'overdose_examiner_report').map((p) => [p.ref.id, p.person]));
  return rows.map((r) => {
    const own = r.reporting_organization_id === access.organizationId;
    const person = r.person_id === null ? null : (eventOk.get(r.id) ?? examinerOk.get(r.id) ?? null);
    const noteVisible =
      r.person_id === null ||
      (r.examiner_organization_id === r.reporting_organization_id ? eventOk.has(r.id) : examinerOk.has(r.id)) ||
      r.examiner_organization_id === access.organizationId;
    return {
      id: r.id,
      occurredAt: r.occurred_at.toISOString(),
      areaId: r.area_id,
      areaName: names.area.get(r.area_id) ?? r.area_id,
      latitude: own ? r.latitude : null,
      longitude: own ? r.longitude : null,
      fatal: r.fatal,
      naloxoneDoses: r.naloxone_doses,
      naloxoneBy: r.naloxone_by.filter((x) => naloxoneGiverSchema.safeParse(x).success),
      suspectedSubstances: r.suspected_substances.filter((x) => suspectedSubstanceSchema.safeParse(x).success),
      disposition: r.disposition,
      sourceType: r.source_type,
      reportingOrganizationId: r.reporting_organization_id,
      reportingOrganizationName: names.org.get(r.reporting_organization_id) ?? '',
      person,
      personRestricted: r.person_id !== null && person === null,
      examinerNote: noteVisible ? r.examiner_note : null,
      examinerReportedAt: r.examiner_reported_at ? r.examiner_reported_at.toISOString() : null,
      createdAt: r.created_at.toISOString(),
    };
  });
}

function requireFullView(access: AccessContext) {
  if (overdoseView(access.roles) !== 'full') throw forbidden('Your role sees overdose counts by area only.');
}

export async function getOverdoseEvent(db: Db, clock: Clock, access: AccessContext, id: string): Promise<OverdoseEvent> {
  requireFullView(access);
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('overdose_events').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw eventNotFound();
    return (await present(trx, clock, access, [row]))[0]!;
  });
}

export async function listOverdoseEvents(
  db: Db,
  clock: Clock,
  access: AccessContext,
  query: { days: number; limit: number },
): Promise<OverdoseEvent[]> {
  requireFullView(access);
  return db.transaction().execute(async (trx) => {
    const since = addDays(clock.now(), -query.days);
    const rows = await trx
      .selectFrom('overdose_events')
      .selectAll()
      .where('occurred_at', '>=', since)
      .orderBy('occurred_at', 'desc')
      .limit(query.limit)
      .execute();
    return present(trx, clock, access, rows);
  });
}

/**
 * Who was told about an event (the record of feedback notices), for privacy officers and network
 * administrators only: the list names the person's providers (an opioid treatment program, say),
 * which the reporter may not learn without the person's consent.
 */
export async function listFeedback(db: Db, access: AccessContext, eventId: string) {
  if (!access.roles.includes('privacy_officer') && !access.roles.includes('network_admin'))
    throw forbidden('Privacy officers and network administrators see who was notified.');
  const row = await db.selectFrom('overdose_events').select('id').where('id', '=', eventId).executeTakeFirst();
  if (!row) throw eventNotFound();
  const items = await db
    .selectFrom('overdose_feedback_notices as f')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .innerJoin('organizations as o', 'o.id', 'f.organization_id')
    .select(['f.user_id', 'u.display_name', 'f.organization_id', 'o.name', 'f.reasons', 'f.trigger', 'f.notified_at'])
    .where('f.overdose_event_id', '=', eventId)
    .orderBy('f.notified_at')
    .execute();
  return {
    items: items.map((f) => ({
      userId: f.user_id,
      userName: f.display_name,
      organizationId: f.organization_id,
      organizationName: f.name,
      reasons: f.reasons as ('care_team' | 'opioid_prescriber' | 'moud_program' | 'navigator')[],
      trigger: f.trigger,
      notifiedAt: f.notified_at.toISOString(),
    })),
  };
}

const MOUD_CODES = ['METH', 'BU', 'NU'];
const HARM_REDUCTION_CODES = ['NALOXONE', 'SSP', 'FTS'];

/** The nearest MOUD and harm-reduction services to the event's area (open now first), for the outreach task page. */
export async function nearbyServices(
  db: Db,
  ctx: LocatorContext,
  access: AccessContext,
  eventId: string,
  index: LocatorIndex,
  perCategory = 5,
): Promise<NearbyServices> {
  requireFullView(access);
  const row = await db
    .selectFrom('overdose_events as e')
    .innerJoin('areas as a', 'a.id', 'e.area_id')
    .select(['a.id', 'a.name', 'a.latitude', 'a.longitude'])
    .where('e.id', '=', eventId)
    .executeTakeFirst();
  if (!row) throw eventNotFound();
  const items: NearbyServices['items'] = [];
  for (const [category, codes] of [
    ['moud', MOUD_CODES],
    ['harm_reduction', HARM_REDUCTION_CODES],
  ] as const) {
    const query = locatorSearchQuerySchema.parse({
      lat: String(row.latitude),
      lon: String(row.longitude),
      radius: '50',
      limit: '50',
      ...(category === 'moud' ? { medication: codes.join(',') } : { harmReduction: codes.join(',') }),
    });
    const result = await searchLocator(db, ctx, query, index);
    const ranked = [...result.items]
      .sort((a, b) => Number(b.openNow === true) - Number(a.openNow === true) || a.distanceMiles - b.distanceMiles)
      .slice(0, perCategory);
    for (const s of ranked) {
      items.push({
        serviceId: s.serviceId,
        serviceName: s.serviceName,
        organizationName: s.organizationName,
        category,
        distanceMiles: s.distanceMiles,
        phone: s.phone ?? null,
        address: s.directions.address ?? '',
        openNow: s.openNow ?? null,
      });
    }
  }
  return { areaId: row.id, areaName: row.name, items };
}

export { LocatorIndex };
export type { RecordToRead };
export const _forTests = { csvRowToInput };
