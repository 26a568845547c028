import {
  careEventImportItemSchema,
  careEventImportRoles,
  type CareEventImportResult,
  type CareEventInput,
  type ImportRowError,
  type PersonDetail,
  type Role,
} from '@continuum/contracts';
import { ApiError } from '../../api/api-error.ts';

/*
 * The care-event CSV import as the fake API answers it: a simple CSV reader (no quoted commas), the
 * same row schema as the server (`careEventImportItemSchema`), people matched by id or by the
 * importing organization's identifiers, row errors with the row number and the CSV column, all or
 * nothing. Enough to drive the import page; the server's reader is the real one.
 */

const columnOf = (path: string): string => {
  if (path.startsWith('event.data')) return path.slice('event.'.length);
  const map: Record<string, string> = {
    'event.occurredAt': 'occurred_at',
    'event.type': 'type',
    'event.externalId': 'external_id',
    'person.personId': 'person_id',
    'person.identifier.value': 'identifier_value',
    'person.identifier.kind': 'identifier_kind',
  };
  return map[path] ?? path;
};

const value = (key: string, v: string): unknown => (/^-?\d+(\.\d+)?$/.test(v) && key !== 'rxnormCode' ? Number(v) : v);

export interface FakeImportPeople {
  people: Pick<PersonDetail, 'id' | 'identifiers'>[];
}

export function fakeCareEventImport(
  actor: { organizationId: string | null; roles: readonly Role[] },
  registry: FakeImportPeople,
  csv: string,
  write: ((items: { personId: string; event: CareEventInput }[]) => void) | null,
): CareEventImportResult {
  const organizationId = actor.organizationId;
  if (organizationId === null || !actor.roles.some((r) => (careEventImportRoles as readonly Role[]).includes(r)))
    throw new ApiError('FORBIDDEN', 'You do not have permission to do this.', { status: 403 });
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length < 2)
    throw new ApiError('VALIDATION_FAILED', 'The request has invalid fields.', {
      status: 400,
      fields: [{ path: 'file', message: 'No rows after the header' }],
    });
  const header = lines[0]!.split(',').map((c) => c.trim());
  const errors: ImportRowError[] = [];
  const good: { row: number; personId: string; event: CareEventInput }[] = [];
  lines.slice(1).forEach((line, i) => {
    const row = i + 1;
    const cells = line.split(',').map((c) => c.trim());
    const rec = Object.fromEntries(header.map((h, k) => [h, cells[k] ?? '']));
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rec)) if (k.startsWith('data.') && v !== '') data[k.slice(5)] = value(k.slice(5), v);
    const person = rec.person_id ? { personId: rec.person_id } : { identifier: { kind: rec.identifier_kind, value: rec.identifier_value } };
    const occurredAt = rec.occurred_at && /^\d{4}-\d{2}-\d{2}$/.test(rec.occurred_at) ? `${rec.occurred_at}T00:00:00Z` : rec.occurred_at;
    const event = { type: rec.type, occurredAt, data, ...(rec.external_id ? { externalId: rec.external_id } : {}) };
    const parsed = careEventImportItemSchema.safeParse({ person, event });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push({ row, field: columnOf(issue.path.map(String).join('.')) || '(row)', message: issue.message });
      return;
    }
    const ref = parsed.data.person;
    const found =
      'personId' in ref
        ? registry.people.find((p) => p.id === ref.personId)
        : registry.people.find((p) =>
            p.identifiers.some(
              (x) => x.organizationId === organizationId && x.kind === ref.identifier.kind && x.value === ref.identifier.value,
            ),
          );
    if (!found) {
      errors.push({
        row,
        field: 'personId' in ref ? 'person_id' : 'identifier_value',
        message: 'personId' in ref ? 'No person with that id' : 'No person with that identifier at your organization',
      });
      return;
    }
    good.push({ row, personId: found.id, event: parsed.data.event as CareEventInput });
  });
  const base = { received: lines.length - 1, skipped: 0, errors, alreadyPresent: 0 };
  if (errors.length > 0 || write === null) {
    return {
      ...base,
      applied: false,
      written: 0,
      preview: good.map((g) => ({ row: g.row, type: g.event.type, occurredAt: g.event.occurredAt })),
    };
  }
  write(good);
  return { ...base, applied: true, written: good.length };
}
