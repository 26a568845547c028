import type { Annotation, AnnotationInput, MeasureId } from '@continuum/contracts';
import { annotationInputSchema } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import { actorUserId, type AccessContext } from '../../core/access-context.ts';
import { requireAnnotate } from './learning-policy.ts';
import { findOrganization } from '../organizations/index.ts';

/** Annotations on the charts: a change tested, a PDSA cycle, a note (date and text). Not person-level. */

type Row = {
  id: string;
  measure_id: string | null;
  organization_id: string | null;
  date: unknown;
  kind: Annotation['kind'];
  text: string;
  created_at: unknown;
  updated_at: unknown;
};

const isoDate = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));
const isoTime = (d: unknown) => (d instanceof Date ? d.toISOString() : new Date(String(d)).toISOString());

function toAnnotation(r: Row): Annotation {
  return {
    id: r.id,
    measureId: r.measure_id as MeasureId | null,
    organizationId: r.organization_id,
    date: isoDate(r.date),
    kind: r.kind,
    text: r.text,
    createdAt: isoTime(r.created_at),
    updatedAt: isoTime(r.updated_at),
  };
}

/** Annotations for a measure's chart: those of the measure and those for every measure; network-wide and the organization's. */
export async function listAnnotations(
  db: DbOrTrx,
  q: { measureId?: MeasureId | undefined; organizationId?: string | undefined },
): Promise<Annotation[]> {
  const rows = await db
    .selectFrom('learning_annotations')
    .select(['id', 'measure_id', 'organization_id', 'date', 'kind', 'text', 'created_at', 'updated_at'])
    .$if(q.measureId !== undefined, (qb) => qb.where((eb) => eb.or([eb('measure_id', '=', q.measureId!), eb('measure_id', 'is', null)])))
    .where((eb) =>
      q.organizationId
        ? eb.or([eb('organization_id', '=', q.organizationId), eb('organization_id', 'is', null)])
        : eb('organization_id', 'is', null),
    )
    .orderBy('date')
    .orderBy('created_at')
    .execute();
  return rows.map(toAnnotation);
}

export async function createAnnotation(db: Db, clock: Clock, access: AccessContext, input: AnnotationInput): Promise<Annotation> {
  const v = annotationInputSchema.parse(input);
  requireAnnotate(access, v.organizationId);
  return db.transaction().execute(async (trx) => {
    if (v.organizationId) {
      const org = await findOrganization(trx, v.organizationId);
      if (!org) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'organizationId', message: 'No such organization' }] });
    }
    const now = clock.now();
    const row = await trx
      .insertInto('learning_annotations')
      .values({
        measure_id: v.measureId,
        organization_id: v.organizationId,
        date: v.date,
        kind: v.kind,
        text: v.text,
        created_by_user_id: actorUserId(access),
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'measure_id', 'organization_id', 'date', 'kind', 'text', 'created_at', 'updated_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, access, {
      action: 'learning.annotation.create',
      entityType: 'learning_annotation',
      entityId: row.id,
      details: { kind: v.kind },
    });
    return toAnnotation(row);
  });
}

async function loadForChange(trx: DbOrTrx, access: AccessContext, id: string) {
  const row = await trx.selectFrom('learning_annotations').select(['id', 'organization_id']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  requireAnnotate(access, row.organization_id);
  return row;
}

export async function updateAnnotation(
  db: Db,
  clock: Clock,
  access: AccessContext,
  id: string,
  patch: { date?: string | undefined; kind?: Annotation['kind'] | undefined; text?: string | undefined },
): Promise<Annotation> {
  return db.transaction().execute(async (trx) => {
    await loadForChange(trx, access, id);
    const set: { date?: string; kind?: Annotation['kind']; text?: string; updated_at: Date } = { updated_at: clock.now() };
    if (patch.date !== undefined) set.date = patch.date;
    if (patch.kind !== undefined) set.kind = patch.kind;
    if (patch.text !== undefined) set.text = patch.text;
    const row = await trx
      .updateTable('learning_annotations')
      .set(set)
      .where('id', '=', id)
      .returning(['id', 'measure_id', 'organization_id', 'date', 'kind', 'text', 'created_at', 'updated_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, access, {
      action: 'learning.annotation.update',
      entityType: 'learning_annotation',
      entityId: id,
      details: { fields: Object.keys(patch) },
    });
    return toAnnotation(row);
  });
}

export async function deleteAnnotation(db: Db, clock: Clock, access: AccessContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await loadForChange(trx, access, id);
    await trx.deleteFrom('learning_annotations').where('id', '=', id).execute();
    await recordAudit(trx, clock, access, { action: 'learning.annotation.delete', entityType: 'learning_annotation', entityId: id });
  });
}
