import { parse } from 'csv-parse/sync';
import {
  recordOverdoseSchema,
  type FieldError,
  type OverdoseImportResult,
  type RecordOverdose,
  type RecordOverdoseParsed,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { type AccessContext } from '../../core/access-context.ts';
import { filterVisible, readContext } from '../registry/index.ts';
import { canRecordOverdose } from './overdose-policy.ts';
import { checkThreshold, loadOverdoseSettings } from './spike-service.ts';
import { forbidden, callerOrganization } from './events.ts';
import { loadAreaPoints } from './event-areas.ts';
import { recordInTransaction } from './event-record.ts';

/* Overdoses from a CSV file: all rows checked first, then all recorded in one transaction. */

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
export const _forTests = { csvRowToInput };
