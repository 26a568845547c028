import { parse } from 'csv-parse/sync';
import { addIsoDays, TRAINING_REMINDER_DAYS, type Completion, type Course, type CoverageRow } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { actorUserId, hasRole, type AccessContext } from '../../core/access-context.ts';
import { recordAudit } from '../audit/index.ts';
import { activeMemberships, membersAmong, userDisplayNames, userIdsByEmail } from '../identity/index.ts';
import { organizationNames } from '../organizations/index.ts';
import { checkImportRows, coverage, expiryOf, isCurrent } from './training-rules.ts';
import { mayManageNetwork, requireNetworkManager, requireNetworkRead } from './network-policy.ts';

/*
 * Training and workforce: courses, completions per staff member (entered, or imported from a
 * learning-management CSV, all or nothing), coverage by organization and role, and the setting by
 * which current Part 2 privacy training is required to see Part 2 records (read by the registry's
 * chokepoint through `part2TrainingStatus`, training-settings.ts).
 */

const today = (clock: Clock) => clock.now().toISOString().slice(0, 10);

export async function listCourses(db: DbOrTrx, access: AccessContext): Promise<Course[]> {
  requireNetworkRead(access);
  const rows = await db.selectFrom('network_courses').selectAll().orderBy('title').execute();
  return rows.map((r) => ({ id: r.id, topic: r.topic, title: r.title, validMonths: r.valid_months }));
}

export async function createCourse(
  db: Db,
  clock: Clock,
  access: AccessContext,
  input: { topic: Course['topic']; title: string; validMonths: number | null },
): Promise<Course> {
  requireNetworkManager(access);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('network_courses')
      .values({ topic: input.topic, title: input.title, valid_months: input.validMonths, created_at: clock.now() })
      .returning(['id', 'topic', 'title', 'valid_months'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, access, {
      action: 'network.course.create',
      entityType: 'network_course',
      entityId: row.id,
      details: { topic: input.topic },
    });
    return { id: row.id, topic: row.topic, title: row.title, validMonths: row.valid_months };
  });
}

/** Whose completions the caller may record: anyone's (network administrators) or their organization's staff (its administrators). */
async function requireMayRecordFor(db: DbOrTrx, access: AccessContext, userIds: readonly string[]): Promise<void> {
  if (mayManageNetwork(access)) return;
  if (access.organizationId === null || !hasRole(access, 'org_admin')) throw new AppError('FORBIDDEN');
  const members = await membersAmong(db, access.organizationId, userIds);
  if (userIds.some((id) => !members.has(id)))
    throw new AppError('FORBIDDEN', { message: 'You record training for your own organization’s staff only.' });
}

export async function listCompletions(
  db: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  query: { userId?: string | undefined; courseId?: string | undefined },
): Promise<Completion[]> {
  const scope = requireNetworkRead(access);
  let q = db
    .selectFrom('network_training_completions as c')
    .innerJoin('network_courses as k', 'k.id', 'c.course_id')
    .select(['c.id', 'c.course_id', 'k.title', 'k.topic', 'c.user_id', 'c.completed_on', 'c.expires_on', 'c.source']);
  if (!scope.all) {
    if (hasRole(access, 'org_admin')) {
      const staff = (await activeMemberships(db, { organizationIds: [scope.organizationId] })).map((m) => m.userId);
      if (staff.length === 0) return [];
      q = q.where('c.user_id', 'in', staff);
    } else {
      const self = actorUserId(access);
      if (self === null) return [];
      q = q.where('c.user_id', '=', self);
    }
  }
  if (query.userId) q = q.where('c.user_id', '=', query.userId);
  if (query.courseId) q = q.where('c.course_id', '=', query.courseId);
  const rows = await q.orderBy('c.completed_on', 'desc').orderBy('c.id').limit(5000).execute();
  const names = await userDisplayNames(db, [...new Set(rows.map((r) => r.user_id))]);
  const day = today(clock);
  return rows.map((r) => ({
    id: r.id,
    courseId: r.course_id,
    courseTitle: r.title,
    topic: r.topic,
    userId: r.user_id,
    userName: names.get(r.user_id) ?? '—',
    completedOn: r.completed_on,
    expiresOn: r.expires_on,
    current: isCurrent({ completedOn: r.completed_on, expiresOn: r.expires_on }, day),
    source: r.source,
  }));
}

interface CompletionWrite {
  courseId: string;
  userId: string;
  completedOn: string;
  expiresOn?: string | null | undefined;
}

async function writeCompletions(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  items: readonly CompletionWrite[],
  source: 'entered' | 'imported',
) {
  const courses = await trx
    .selectFrom('network_courses')
    .select(['id', 'valid_months'])
    .where('id', 'in', [...new Set(items.map((i) => i.courseId))])
    .execute();
  const validity = new Map(courses.map((c) => [c.id, c.valid_months]));
  const missing = items.findIndex((i) => !validity.has(i.courseId));
  if (missing >= 0)
    throw new AppError('VALIDATION_FAILED', {
      message: 'No such course.',
      fields: [{ path: 'body.courseId', message: 'No such course.' }],
    });
  const inserted = await trx
    .insertInto('network_training_completions')
    .values(
      items.map((i) => ({
        course_id: i.courseId,
        user_id: i.userId,
        completed_on: i.completedOn,
        expires_on: i.expiresOn === undefined ? expiryOf(i.completedOn, validity.get(i.courseId) ?? null) : i.expiresOn,
        source,
        recorded_at: clock.now(),
        recorded_by_user_id: actorUserId(access),
        reminded_at: null,
      })),
    )
    .onConflict((oc) => oc.columns(['course_id', 'user_id', 'completed_on']).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

export async function recordCompletion(db: Db, clock: Clock, access: AccessContext, input: CompletionWrite): Promise<Completion> {
  await db.transaction().execute(async (trx) => {
    await requireMayRecordFor(trx, access, [input.userId]);
    const written = await writeCompletions(trx, clock, access, [input], 'entered');
    await recordAudit(trx, clock, access, {
      action: 'network.training.record',
      entityType: 'network_training_completion',
      details: { count: written },
    });
  });
  const [item] = await listCompletions(db, clock, access, { userId: input.userId, courseId: input.courseId });
  if (!item) throw new AppError('NOT_FOUND');
  return item;
}

/** A learning-management export, all or nothing: every problem named by line and column, nothing written while any remains. */
export async function importCompletions(
  db: Db,
  clock: Clock,
  access: AccessContext,
  csv: string,
): Promise<{ imported: number; alreadyPresent: number }> {
  if (!mayManageNetwork(access) && !hasRole(access, 'org_admin')) throw new AppError('FORBIDDEN');
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true }) as Record<
      string,
      string
    >[];
  } catch {
    throw new AppError('VALIDATION_FAILED', {
      message: 'The file is not CSV.',
      fields: [{ path: 'body.csv', message: 'Expected CSV with a header line.' }],
    });
  }
  const { rows, problems } = checkImportRows(records);
  return db.transaction().execute(async (trx) => {
    const courses = await trx.selectFrom('network_courses').select(['id', 'title']).execute();
    const courseOf = (key: string) => courses.find((c) => c.id === key || c.title.toLowerCase() === key.toLowerCase())?.id;
    const users = await userIdsByEmail(trx, [...new Set(rows.map((r) => r.email))]);
    for (const r of rows) {
      if (r.course !== '' && !courseOf(r.course)) problems.push({ path: `csv.line${r.line}.course`, message: 'No such course.' });
      if (r.email.includes('@') && !users.has(r.email))
        problems.push({ path: `csv.line${r.line}.email`, message: 'No staff member with this email.' });
    }
    if (problems.length > 0)
      throw new AppError('VALIDATION_FAILED', {
        message: `${problems.length} problem(s) in the file; nothing was imported.`,
        fields: problems,
      });
    const items = rows.map((r) => ({
      courseId: courseOf(r.course)!,
      userId: users.get(r.email)!,
      completedOn: r.completedOn,
      expiresOn: r.expiresOn ?? undefined,
    }));
    await requireMayRecordFor(trx, access, [...new Set(items.map((i) => i.userId))]);
    const imported = items.length === 0 ? 0 : await writeCompletions(trx, clock, access, items, 'imported');
    await recordAudit(trx, clock, access, {
      action: 'network.training.import',
      entityType: 'network_training_completion',
      details: { rows: items.length, imported },
    });
    return { imported, alreadyPresent: items.length - imported };
  });
}

export async function trainingCoverage(db: DbOrTrx, clock: Clock, access: AccessContext): Promise<{ asOf: string; items: CoverageRow[] }> {
  const scope = requireNetworkRead(access);
  if (!scope.all && !hasRole(access, 'org_admin')) throw new AppError('FORBIDDEN');
  const members = await activeMemberships(db, scope.all ? {} : { organizationIds: [scope.organizationId] });
  const names = await organizationNames(db, [...new Set(members.map((m) => m.organizationId))]);
  const courses = await db.selectFrom('network_courses').select(['id', 'title']).execute();
  const completions = await db
    .selectFrom('network_training_completions')
    .select(['user_id', 'course_id', 'completed_on', 'expires_on'])
    .execute();
  const day = today(clock);
  return {
    asOf: day,
    items: coverage(
      courses,
      members.map((m) => ({
        userId: m.userId,
        organizationId: m.organizationId,
        organizationName: names.get(m.organizationId) ?? '—',
        roles: m.roles,
      })),
      completions.map((c) => ({ userId: c.user_id, courseId: c.course_id, completedOn: c.completed_on, expiresOn: c.expires_on })),
      day,
    ),
  };
}

/** Completions expiring within TRAINING_REMINDER_DAYS, not yet followed by a newer one: told to the staff member once. */
export async function expiringCompletions(trx: DbOrTrx, now: Date) {
  const day = now.toISOString().slice(0, 10);
  return trx
    .selectFrom('network_training_completions as c')
    .innerJoin('network_courses as k', 'k.id', 'c.course_id')
    .select(['c.id', 'c.user_id', 'c.expires_on', 'k.title'])
    .where('c.reminded_at', 'is', null)
    .where('c.expires_on', '>=', day)
    .where('c.expires_on', '<=', addIsoDays(day, TRAINING_REMINDER_DAYS))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('network_training_completions as later')
            .select('later.id')
            .whereRef('later.course_id', '=', 'c.course_id')
            .whereRef('later.user_id', '=', 'c.user_id')
            .whereRef('later.completed_on', '>', 'c.completed_on'),
        ),
      ),
    )
    .execute();
}
