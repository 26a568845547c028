// Longer than 300 lines: a job's whole life (create, upload, start, run, download, report, delete, retention) shares one row, its access rule and its audit.
import { safeFileName } from '../../../core/file-name.ts';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  LINKAGE_FILE_MAX_BYTES,
  LINKAGE_RETENTION_DAYS,
  linkageJobRoles,
  linkageSourceKinds,
  type DeathReport,
  type LinkageColumnMap,
  type LinkageJob,
  type LinkageJobList,
  type LinkageSourceKind,
  addDays,
} from '@continuum/contracts';
import type { Clock } from '../../../clock.ts';
import type { Db, DbOrTrx } from '../../../db/database.ts';
import { AppError } from '../../../errors.ts';
import { defineJob, enqueueJob } from '../../../jobs/job-queue.ts';
import { recordAudit } from '../../audit/index.ts';
import { systemAccess, type AccessContext } from '../../../core/access-context.ts';
import { linkRecords, type LinkStage } from '../link.ts';
import { LinkageInputError } from '../records.ts';
import { analyticCsv, analyticRows, deathReport, deathReportCsv, jobSummary } from './analytic.ts';
import { readSourceFile, suggestColumnMap, type JobRecord } from './source-file.ts';
import type { LinkageJobsTable } from './linkage-jobs.table.ts';
import type { Selectable } from 'kysely';

/*
 * Analyst linkage jobs: the database and file-system adapter over the pure parts (source-file.ts,
 * analytic.ts) and the engine. Uploaded source files hold direct identifiers: they are stored under
 * `<files dir>/linkage-jobs` with random names (never in the web root), read only by the job that
 * links them, and deleted with the job (or at its expiry, 30 days after creation). Audit entries hold
 * counts, never values; errors name rows and columns, never values.
 */

export function linkageDir(filesDir: string): string {
  return path.join(filesDir, 'linkage-jobs');
}

/** Analysts and privacy officers only. */
export function authorizeLinkage(access: AccessContext): void {
  if (!access.roles.some((r) => linkageJobRoles.includes(r)))
    throw new AppError('FORBIDDEN', { message: 'Only analysts and privacy officers run linkage jobs.' });
}

function ownerOf(access: AccessContext): string {
  const a = access.actor;
  if (a.type === 'user') return `user:${a.userId}`;
  if (a.type === 'token') return `token:${a.tokenId}`;
  throw new AppError('FORBIDDEN', { message: 'Only analysts and privacy officers run linkage jobs.' });
}

const notFound = () => new AppError('NOT_FOUND', { message: 'No such linkage job, or you may not see it.' });

/** The job, if the caller may see it: its creator, or any privacy officer. */
async function loadJob(db: DbOrTrx, access: AccessContext, id: string): Promise<Selectable<LinkageJobsTable>> {
  authorizeLinkage(access);
  const row = await db.selectFrom('linkage_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  if (row.owner !== ownerOf(access) && !access.roles.includes('privacy_officer')) throw notFound();
  return row;
}

async function toJob(db: DbOrTrx, row: Selectable<LinkageJobsTable>): Promise<LinkageJob> {
  const files = await db.selectFrom('linkage_job_files').selectAll().where('job_id', '=', row.id).orderBy('position').execute();
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    stage: row.stage,
    percent: row.percent,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    error: row.error,
    files: files.map((f) => ({
      id: f.id,
      source: f.source,
      fileName: f.file_name,
      format: f.format,
      size: f.size,
      rows: f.row_count,
      map: f.column_map,
    })),
    summary: row.summary,
  };
}

export async function createLinkageJob(db: Db, clock: Clock, access: AccessContext, input: { name: string }): Promise<LinkageJob> {
  authorizeLinkage(access);
  const owner = ownerOf(access);
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('linkage_jobs')
      .values({
        name: input.name,
        owner,
        organization_id: access.organizationId,
        status: 'draft',
        secret: randomBytes(32).toString('hex'),
        created_at: now,
        expires_at: addDays(now, LINKAGE_RETENTION_DAYS),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, access, { action: 'linkage.job.create', entityType: 'linkage_job', entityId: row.id, details: {} });
    return toJob(trx, row);
  });
}

export async function listLinkageJobs(db: Db, access: AccessContext): Promise<LinkageJobList> {
  authorizeLinkage(access);
  let q = db
    .selectFrom('linkage_jobs')
    .select(['id', 'name', 'status', 'percent', 'created_at', 'expires_at'])
    .orderBy('created_at', 'desc');
  if (!access.roles.includes('privacy_officer')) q = q.where('owner', '=', ownerOf(access));
  const rows = await q.execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      percent: r.percent,
      createdAt: r.created_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
    })),
  };
}

export async function getLinkageJob(db: Db, access: AccessContext, id: string): Promise<LinkageJob> {
  return toJob(db, await loadJob(db, access, id));
}

/** The file name as shown back (never a path; control, bidi and quote characters replaced). */
function safeName(name: string | undefined): string {
  return safeFileName(name, 'source');
}

/** Bad input as a 400 that names the file, row and column (never a value). */
export function inputError(error: LinkageInputError, field = 'body.file'): AppError {
  const binary = /not a CSV or NDJSON|not UTF-8|binary/.test(error.reason);
  return new AppError(binary ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION_FAILED', {
    message: error.message,
    fields: [{ path: field, message: error.message }],
  });
}

/** A source file as uploaded: its bytes, the name it came with, which source it is and its column map. */
export interface LinkageUpload {
  bytes: Uint8Array;
  fileName: string | undefined;
  source: LinkageSourceKind;
  map: LinkageColumnMap;
}

/** The suggested column map for a header, for a caller who may run linkage jobs. */
export function suggestLinkageColumns(access: AccessContext, columns: readonly string[]): { map: LinkageColumnMap } {
  authorizeLinkage(access);
  return { map: suggestColumnMap(columns) };
}

/**
 * Adds a source file to a draft job: typed by content, read whole with its map (all or nothing),
 * then stored under a random name. A bad file is refused with the row and column and nothing is kept.
 */
export async function addLinkageFile(
  db: Db,
  clock: Clock,
  access: AccessContext,
  jobId: string,
  readUpload: () => Promise<LinkageUpload>,
  filesDir: string,
): Promise<LinkageJob> {
  // The role is checked before the upload is read: a caller who may not run linkage jobs never gets a file parsed.
  authorizeLinkage(access);
  const file = await readUpload();
  const job = await loadJob(db, access, jobId);
  if (job.status !== 'draft') throw new AppError('CONFLICT', { message: 'Files can be added only before the job starts.' });
  if (file.bytes.length > LINKAGE_FILE_MAX_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', { message: 'A source file may be at most 50 MB.' });
  const fileName = safeName(file.fileName);
  let read: ReturnType<typeof readSourceFile>;
  try {
    read = readSourceFile(file.bytes, { source: file.source, fileIndex: 0, label: fileName, map: file.map });
  } catch (error) {
    if (error instanceof LinkageInputError) throw inputError(error);
    throw error;
  }
  const dir = linkageDir(filesDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const storageName = randomBytes(24).toString('hex');
  const target = path.join(dir, storageName);
  return db.transaction().execute(async (trx) => {
    const again = await loadJob(trx, access, jobId);
    if (again.status !== 'draft') throw new AppError('CONFLICT', { message: 'Files can be added only before the job starts.' });
    const last = await trx
      .selectFrom('linkage_job_files')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('job_id', '=', jobId)
      .executeTakeFirst();
    await fs.promises.writeFile(target, file.bytes, { mode: 0o600, flag: 'wx' });
    try {
      await trx
        .insertInto('linkage_job_files')
        .values({
          job_id: jobId,
          position: (last?.p ?? -1) + 1,
          source: file.source,
          file_name: fileName,
          format: read.format,
          size: file.bytes.length,
          row_count: read.records.length,
          column_map: JSON.stringify(file.map),
          storage_name: storageName,
          created_at: clock.now(),
        })
        .execute();
      await recordAudit(trx, clock, access, {
        action: 'linkage.file.upload',
        entityType: 'linkage_job',
        entityId: jobId,
        details: {
          source: file.source,
          format: read.format,
          size: file.bytes.length,
          rows: read.records.length,
          mappedColumns: Object.keys(file.map).length,
        },
      });
      return toJob(trx, again);
    } catch (error) {
      await fs.promises.rm(target, { force: true });
      throw error;
    }
  });
}

export const runLinkageJobPayload = z.object({ jobId: z.uuid() });

/** Starts a draft job with at least one file: enqueued in the same transaction that marks it queued. */
export async function startLinkageJob(db: Db, clock: Clock, access: AccessContext, jobId: string): Promise<LinkageJob> {
  return db.transaction().execute(async (trx) => {
    const job = await loadJob(trx, access, jobId);
    if (job.status !== 'draft') throw new AppError('CONFLICT', { message: 'The job has already been started.' });
    const files = await trx.selectFrom('linkage_job_files').select(['id', 'row_count']).where('job_id', '=', jobId).execute();
    if (files.length === 0)
      throw new AppError('VALIDATION_FAILED', {
        message: 'Add at least one source file.',
        fields: [{ path: 'files', message: 'Add a file' }],
      });
    const row = await trx
      .updateTable('linkage_jobs')
      .set({ status: 'queued', stage: 'queued', percent: 0 })
      .where('id', '=', jobId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await enqueueJob(trx, clock, runLinkageJob, { jobId }, { dedupeKey: `linkage.run-job:${jobId}` });
    await recordAudit(trx, clock, access, {
      action: 'linkage.job.start',
      entityType: 'linkage_job',
      entityId: jobId,
      details: { files: files.length, records: files.reduce((s, f) => s + f.row_count, 0) },
    });
    return toJob(trx, row);
  });
}

/** Deletes a job, its uploaded files and its outputs (the database rows first, then the files). */
export async function deleteLinkageJob(db: Db, clock: Clock, access: AccessContext, jobId: string, filesDir: string): Promise<void> {
  const names = await db.transaction().execute(async (trx) => {
    const job = await loadJob(trx, access, jobId);
    if (job.status === 'running') throw new AppError('CONFLICT', { message: 'Wait for the job to finish before deleting it.' });
    return removeJob(trx, clock, access, job, 'linkage.job.delete');
  });
  await removeFiles(filesDir, names);
}

async function removeJob(
  trx: DbOrTrx,
  clock: Clock,
  access: AccessContext,
  job: Selectable<LinkageJobsTable>,
  action: string,
): Promise<string[]> {
  const files = await trx.selectFrom('linkage_job_files').select('storage_name').where('job_id', '=', job.id).execute();
  await trx.deleteFrom('linkage_jobs').where('id', '=', job.id).execute();
  await recordAudit(trx, clock, access, { action, entityType: 'linkage_job', entityId: job.id, details: { files: files.length } });
  return [...files.map((f) => f.storage_name), ...(job.analytic_storage_name ? [job.analytic_storage_name] : [])];
}

async function removeFiles(filesDir: string, names: readonly string[]): Promise<void> {
  for (const name of names) await fs.promises.rm(path.join(linkageDir(filesDir), name), { force: true });
}

/** Progress: reading 0–10%, the engine's stages 10–90%, writing the outputs 90–100%. */
const STAGES: readonly LinkStage[] = ['encode', 'block', 'compare', 'u', 'train', 'score', 'cluster'];
export function percentOf(stage: LinkStage, done: number, total: number): number {
  const i = STAGES.indexOf(stage);
  const within = total > 0 ? Math.min(1, done / total) : 0;
  return Math.round(10 + ((i + within) / STAGES.length) * 80);
}

export const runLinkageJob = defineJob({
  name: 'linkage.run-job',
  payload: runLinkageJobPayload,
  maxAttempts: 2,
  async handler(payload, ctx) {
    const { db, clock, config } = ctx;
    const job = await db.selectFrom('linkage_jobs').selectAll().where('id', '=', payload.jobId).executeTakeFirst();
    if (!job || job.status === 'done' || job.status === 'failed' || job.status === 'draft') return;
    if (!config) throw new Error('linkage job needs the files directory');
    const filesDir = config.filesDir;
    const setProgress = (stage: string, percent: number) =>
      db.updateTable('linkage_jobs').set({ stage, percent }).where('id', '=', job.id).execute();
    await db
      .updateTable('linkage_jobs')
      .set({ status: 'running', stage: 'read', percent: 1, started_at: clock.now() })
      .where('id', '=', job.id)
      .execute();
    const access = systemAccess('analyst linkage job');
    try {
      const files = await db.selectFrom('linkage_job_files').selectAll().where('job_id', '=', job.id).orderBy('position').execute();
      const records: JobRecord[] = [];
      for (const f of files) {
        const bytes = await fs.promises.readFile(path.join(linkageDir(filesDir), f.storage_name));
        records.push(...readSourceFile(bytes, { source: f.source, fileIndex: f.position, label: f.file_name, map: f.column_map }).records);
      }
      await setProgress('read', 10);
      let pending: Promise<unknown> = Promise.resolve();
      let shown = { stage: '', percent: -1 };
      const result = await linkRecords(
        records.map((r) => r.link),
        {
          mode: files.length > 1 ? 'link_and_dedupe' : 'dedupe',
          onProgress: (stage, done, total) => {
            const percent = percentOf(stage, done, total);
            if (stage === shown.stage && percent < shown.percent + 5) return;
            shown = { stage, percent };
            pending = pending.then(() => setProgress(stage, percent));
          },
        },
      );
      await pending;
      await setProgress('write', 90);
      const secret = Buffer.from(job.secret, 'hex');
      const rows = analyticRows(records, result.clusters.clusterOf, secret);
      const sources = [...new Set(files.map((f) => f.source))];
      const report = deathReport(rows, sources);
      const summary = jobSummary(result);
      const dir = linkageDir(filesDir);
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const storageName = job.analytic_storage_name ?? randomBytes(24).toString('hex');
      await fs.promises.writeFile(path.join(dir, storageName), analyticCsv(rows), { mode: 0o600 });
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('linkage_jobs')
          .set({
            status: 'done',
            stage: 'done',
            percent: 100,
            summary: JSON.stringify(summary),
            report: JSON.stringify(report),
            analytic_storage_name: storageName,
            finished_at: clock.now(),
          })
          .where('id', '=', job.id)
          .execute();
        await recordAudit(trx, clock, access, {
          action: 'linkage.job.run',
          entityType: 'linkage_job',
          entityId: job.id,
          organizationId: job.organization_id,
          details: { files: files.length, records: records.length, people: result.clusters.clusters, pairsScored: result.pairs.count },
        });
      });
    } catch (error) {
      // Only the row/column message of bad input is kept; anything else is a generic failure (no values).
      const message = error instanceof LinkageInputError ? error.message : 'The linkage job failed; see the server log for the error type.';
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('linkage_jobs')
          .set({ status: 'failed', stage: 'failed', error: message, finished_at: clock.now() })
          .where('id', '=', job.id)
          .execute();
        await recordAudit(trx, clock, access, {
          action: 'linkage.job.fail',
          entityType: 'linkage_job',
          entityId: job.id,
          organizationId: job.organization_id,
          details: { error: error instanceof Error ? error.name : 'unknown' },
        });
      });
    }
  },
});

async function loadDone(db: Db, access: AccessContext, jobId: string) {
  const job = await loadJob(db, access, jobId);
  if (job.status !== 'done') throw new AppError('CONFLICT', { message: 'The job has not finished.' });
  return job;
}

/** The de-identified linked analytic file (CSV), as stored at the end of the run: the same bytes on every download. */
export async function downloadAnalyticFile(db: Db, clock: Clock, access: AccessContext, jobId: string, filesDir: string): Promise<Buffer> {
  const job = await loadDone(db, access, jobId);
  const bytes = await fs.promises.readFile(path.join(linkageDir(filesDir), job.analytic_storage_name!)).catch(() => {
    throw new AppError('NOT_FOUND', { message: 'The analytic file is missing.' });
  });
  const rows = Math.max(0, bytes.toString('utf8').split('\n').filter(Boolean).length - 1);
  await recordAudit(db, clock, access, {
    action: 'linkage.analytic.download',
    entityType: 'linkage_job',
    entityId: jobId,
    details: { rows },
  });
  return bytes;
}

/** The 90-day report, as JSON or CSV. */
export async function readDeathReport(
  db: Db,
  clock: Clock,
  access: AccessContext,
  jobId: string,
  format: 'json' | 'csv',
): Promise<{ report: DeathReport; csv: string | null }> {
  const job = await loadDone(db, access, jobId);
  const report = job.report!;
  await recordAudit(db, clock, access, {
    action: 'linkage.report.read',
    entityType: 'linkage_job',
    entityId: jobId,
    details: { format, sources: report.bySource.length, combinations: report.combinations.length },
  });
  return { report, csv: format === 'csv' ? deathReportCsv(report) : null };
}

/** Retention: deletes every job past its expiry with its files (daily; LINKAGE_RETENTION_DAYS). */
export const purgeExpiredLinkageJobs = defineJob({
  name: 'linkage.purge-expired-jobs',
  payload: z.object({}),
  async handler(_payload, ctx) {
    const { db, clock, config } = ctx;
    if (!config) return;
    await purgeExpired(db, clock, config.filesDir);
  },
});

export async function purgeExpired(db: Db, clock: Clock, filesDir: string): Promise<number> {
  const access = systemAccess(`linkage retention (${LINKAGE_RETENTION_DAYS} days)`);
  const expired = await db
    .selectFrom('linkage_jobs')
    .selectAll()
    .where('expires_at', '<=', clock.now())
    .where('status', '!=', 'running')
    .execute();
  for (const job of expired) {
    const names = await db.transaction().execute((trx) => removeJob(trx, clock, access, job, 'linkage.job.expire'));
    await removeFiles(filesDir, names);
  }
  return expired.length;
}

export const linkageSourceKindSchema = z.enum(linkageSourceKinds);
