// Longer than 300 lines: three input formats (JSON, CSV, FHIR) converge on one row check and one write.
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import {
  careEventImportItemSchema,
  type CareEventImportItem,
  type CareEventImportResult,
  type CareEventInput,
  type CareEventType,
  type IdentifierKind,
  type Role,
  mayRecordCareEvent,
  pointOfCareRoles,
  type ImportRowError,
  type UrineDrugTestSubstance,
  urineDrugTestLoinc,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { resolveImportPeople, writeCareEvents } from '../registry/index.ts';
import { requireImport } from './learning-policy.ts';

/*
 * Care-event import: a JSON batch, a CSV file or a FHIR R4 Bundle → typed care events written as
 * the importing organization. Every row is checked first (its errors carry the row number and
 * the field); nothing is written unless every row is good; an event whose external id the
 * organization already sent is not written again. A preview (`dryRun`) checks every row the same
 * way, lists the rows that would be written, and writes nothing. Who may import is decided here
 * (`requireImport`: the caller's own organization only). Audited, previews and refused imports
 * included (counts and format, no values).
 */

export const MAX_IMPORT_ROWS = 10_000;

/** A row before validation: where it came from and the candidate item (or the errors found while reading it). */
interface RawRow {
  row: number;
  item: unknown;
  errors: ImportRowError[];
  /** How a JSON path in the item is named in this format (CSV column names). */
  fieldName?: (path: string) => string;
}

function zodErrors(row: number, error: z.ZodError, fieldName: (p: string) => string = (p) => p): ImportRowError[] {
  return error.issues.map((issue) => ({ row, field: fieldName(issue.path.map(String).join('.')) || '(row)', message: issue.message }));
}

/**
 * The point-of-care table (`pointOfCareRoles`) holds for imports by individual staff too: a type in it
 * (a diagnosis, MOUD, a urine drug test, a screening, …) is imported by a clinician or navigator only
 * when their role may record it on the person page, so a file cannot do what the form may not. Types
 * outside the table (dispensings, encounters, overdoses, …: records of other systems) stay open to
 * every importing role. An organization's administrators load its records on the organization's
 * behalf (the bulk path for a partner's clinical extract), as do API tokens, EHR connections and the
 * CLI (a system context): they are not limited by type.
 */
const importsForTheOrganization: readonly Role[] = ['org_admin', 'network_admin'];
function mayImportType(access: AccessContext, type: CareEventType): boolean {
  if (access.actor.type !== 'user') return true;
  if (access.roles.some((r) => importsForTheOrganization.includes(r))) return true;
  if (!(type in pointOfCareRoles)) return true;
  return mayRecordCareEvent(access.roles, type);
}

export async function importCareEvents(
  db: Db,
  clock: Clock,
  access: AccessContext,
  requestedOrganizationId: string | undefined,
  format: 'json' | 'csv' | 'fhir',
  rows: readonly RawRow[],
  options: { dryRun?: boolean; skipped?: number } = {},
): Promise<CareEventImportResult> {
  const organizationId = requireImport(access, requestedOrganizationId);
  const errors: ImportRowError[] = [];
  const items: { row: number; item: CareEventImportItem }[] = [];
  if (rows.length > MAX_IMPORT_ROWS)
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'items', message: `At most ${MAX_IMPORT_ROWS} rows per import` }] });
  for (const r of rows) {
    if (r.errors.length > 0) {
      errors.push(...r.errors);
      continue;
    }
    const parsed = careEventImportItemSchema.safeParse(r.item);
    if (!parsed.success) errors.push(...zodErrors(r.row, parsed.error, r.fieldName));
    else if (!mayImportType(access, parsed.data.event.type))
      errors.push({
        row: r.row,
        field: r.fieldName ? r.fieldName('event.type') : 'event.type',
        message: `Your role may not record ${parsed.data.event.type} events`,
      });
    else items.push({ row: r.row, item: parsed.data as CareEventImportItem });
  }
  const skipped = options.skipped ?? 0;
  return db.transaction().execute(async (trx) => {
    const people = await resolveImportPeople(
      trx,
      organizationId,
      items.map((i) => i.item.person),
      { userId: access.actor.type === 'user' ? access.actor.userId : null, now: clock.now() },
    );
    items.forEach((it, k) => {
      if (people[k] !== null) return;
      const ref = it.item.person;
      const field = 'personId' in ref ? 'person.personId' : 'person.identifier';
      const rawRow = rows.find((r) => r.row === it.row);
      errors.push({
        row: it.row,
        field: rawRow?.fieldName ? rawRow.fieldName(field) : field,
        message: 'personId' in ref ? 'No person with that id' : 'No person with that identifier at your organization',
      });
    });
    // Two rows with the same external id in one file: the second would be silently dropped, so it is an error.
    const seen = new Map<string, number>();
    for (const it of items) {
      const ext = it.item.event.externalId;
      if (ext === undefined) continue;
      const first = seen.get(ext);
      if (first !== undefined) errors.push({ row: it.row, field: 'event.externalId', message: `The same external id as row ${first}` });
      else seen.set(ext, it.row);
    }
    errors.sort((a, b) => a.row - b.row);
    const base = { received: rows.length, skipped, errors };
    if (errors.length > 0 || options.dryRun) {
      const badRows = new Set(errors.map((e) => e.row));
      await recordAudit(trx, clock, access, {
        action: options.dryRun ? 'care-events.import.preview' : 'care-events.import.refused',
        entityType: 'care_events',
        organizationId,
        details: { format, rows: rows.length, rowsWithErrors: badRows.size, errors: errors.length, skipped },
      });
      const preview = items
        .filter((it) => !badRows.has(it.row))
        .map((it) => ({ row: it.row, type: it.item.event.type, occurredAt: it.item.event.occurredAt }));
      return { applied: false, written: 0, alreadyPresent: 0, ...base, preview };
    }
    const result = await writeCareEvents(
      trx,
      clock,
      access,
      { organizationId, source: `import:${format}` },
      items.map((it, k) => ({ personId: people[k]!, event: it.item.event as CareEventInput })),
    );
    await recordAudit(trx, clock, access, {
      action: 'care-events.import',
      entityType: 'care_events',
      organizationId,
      details: { format, rows: rows.length, written: result.written, alreadyPresent: result.alreadyPresent, skipped },
    });
    return { applied: true, written: result.written, alreadyPresent: result.alreadyPresent, ...base };
  });
}

// ---------------------------------------------------------------------------------------------
// JSON

export function jsonRows(items: readonly unknown[]): RawRow[] {
  return items.map((item, i) => ({ row: i + 1, item, errors: [] }));
}

// ---------------------------------------------------------------------------------------------
// CSV: person_id | identifier_kind + identifier_value, type, occurred_at, external_id, title,
// detail, sensitivity, and the data as a `data` JSON column or `data.<field>` columns.

const csvField = (path: string): string => {
  if (path.startsWith('event.data')) return path.slice('event.'.length);
  const map: Record<string, string> = {
    'event.occurredAt': 'occurred_at',
    'event.externalId': 'external_id',
    'event.type': 'type',
    'event.title': 'title',
    'event.detail': 'detail',
    'event.sensitivity': 'sensitivity',
    'person.personId': 'person_id',
    'person.identifier': 'identifier_value',
    'person.identifier.kind': 'identifier_kind',
    'person.identifier.value': 'identifier_value',
    person: 'person_id',
    event: 'type',
  };
  return map[path] ?? path;
};

function csvValue(key: string, v: string): unknown {
  if (key === 'diagnoses')
    return v
      .split(/[|;]/)
      .map((s) => s.trim())
      .filter(Boolean);
  if (v === 'true' || v === 'false') return v === 'true';
  // Keep codes that look like numbers (RxNorm) as text.
  if (/^-?\d+(\.\d+)?$/.test(v) && key !== 'rxnormCode') return Number(v);
  return v;
}

export function csvRows(text: string): RawRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: false,
    }) as Record<string, string>[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new AppError('VALIDATION_FAILED', {
      message: 'The CSV file could not be read.',
      fields: [{ path: 'file', message: `Not valid CSV${line ? ` (near line ${line})` : ''}` }],
    });
  }
  if (records.length === 0) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'file', message: 'No rows after the header' }] });
  const header = Object.keys(records[0]!);
  if (!header.includes('type') || !header.includes('occurred_at')) {
    throw new AppError('VALIDATION_FAILED', {
      fields: [
        { path: 'file', message: 'The header needs at least type and occurred_at, and person_id or identifier_kind + identifier_value' },
      ],
    });
  }
  return records.map((rec, i) => {
    const row = i + 1;
    const errors: ImportRowError[] = [];
    let data: Record<string, unknown> = {};
    if (rec.data) {
      try {
        const parsed: unknown = JSON.parse(rec.data);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
        else errors.push({ row, field: 'data', message: 'data must be a JSON object' });
      } catch {
        errors.push({ row, field: 'data', message: 'data is not valid JSON' });
      }
    }
    for (const [k, v] of Object.entries(rec)) {
      if (!k.startsWith('data.') || v === '') continue;
      // `data.results.fentanyl` sets data.results.fentanyl (a urine drug test's per-substance results).
      const [first, ...rest] = k.slice(5).split('.');
      if (rest.length === 0) data[first!] = csvValue(first!, v);
      else {
        let target = data;
        for (const key of [first!, ...rest.slice(0, -1)]) {
          const next = target[key];
          target = (target[key] = next && typeof next === 'object' && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
        }
        target[rest.at(-1)!] = csvValue(rest.at(-1)!, v);
      }
    }
    const person = rec.person_id
      ? { personId: rec.person_id }
      : rec.identifier_kind || rec.identifier_value
        ? { identifier: { kind: rec.identifier_kind ?? '', value: rec.identifier_value ?? '' } }
        : undefined;
    if (!person) errors.push({ row, field: 'person_id', message: 'Give person_id, or identifier_kind and identifier_value' });
    const event: Record<string, unknown> = { type: rec.type, occurredAt: dateTime(rec.occurred_at), data };
    if (rec.external_id) event.externalId = rec.external_id;
    if (rec.title) event.title = rec.title;
    if (rec.detail) event.detail = rec.detail;
    if (rec.sensitivity) event.sensitivity = rec.sensitivity;
    return { row, item: { person, event }, errors, fieldName: csvField };
  });
}

// ---------------------------------------------------------------------------------------------
// FHIR R4 Bundle: Encounter, Condition, MedicationDispense, MedicationAdministration, Observation
// (a urine drug screen by its LOINC code, else a screening). Patient entries identify people; other resources are skipped and counted.

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
/** A date alone (FHIR and spreadsheets allow it) is taken as midnight UTC. */
export const dateTime = (v: string | undefined): string | undefined => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ICD10_SYSTEMS = ['http://hl7.org/fhir/sid/icd-10-cm', 'http://hl7.org/fhir/sid/icd-10'];
const identifierTypes: Record<string, IdentifierKind> = { MR: 'mrn', MA: 'medicaid_id', MC: 'medicaid_id', MB: 'other', SB: 'other' };

function codings(cc: unknown): Json[] {
  return arr(obj(cc)?.coding).flatMap((c) => (obj(c) ? [obj(c)!] : []));
}
function icd10Of(cc: unknown): string | undefined {
  return text(codings(cc).find((c) => ICD10_SYSTEMS.includes(String(c.system)))?.code);
}
function conceptText(cc: unknown): string {
  const o = obj(cc);
  return [text(o?.text), ...codings(cc).map((c) => text(c.display) ?? '')].filter(Boolean).join(' ').toLowerCase();
}

function identifierOf(idf: unknown): { kind: IdentifierKind; value: string } | undefined {
  const o = obj(idf);
  const value = text(o?.value);
  if (!o || !value) return undefined;
  const code = text(codings(o.type)[0]?.code);
  const kind: IdentifierKind =
    (code ? identifierTypes[code] : undefined) ??
    (String(o.system ?? '').includes('booking') ? 'booking_number' : String(o.system ?? '').includes('medicaid') ? 'medicaid_id' : 'mrn');
  return { kind, value };
}

function medicationOf(resource: Json): {
  medication: 'buprenorphine' | 'methadone' | 'naltrexone' | null;
  formulation?: string;
  rxnormCode?: string;
  name: string;
} {
  const cc = resource.medicationCodeableConcept;
  const name = conceptText(cc);
  const rx = text(codings(cc).find((c) => String(c.system).includes('rxnorm'))?.code);
  const medication = name.includes('buprenorphine')
    ? 'buprenorphine'
    : name.includes('methadone')
      ? 'methadone'
      : name.includes('naltrexone')
        ? 'naltrexone'
        : null;
  const formulation = name.includes('implant')
    ? 'implant'
    : name.includes('extended') || name.includes('injection')
      ? 'extended_release_injection'
      : name.includes('film') || name.includes('sublingual')
        ? 'sublingual'
        : undefined;
  return { medication, name, ...(formulation ? { formulation } : {}), ...(rx && /^\d{1,10}$/.test(rx) ? { rxnormCode: rx } : {}) };
}

const instruments = ['TAPS', 'DAST-10', 'NIDA-QS', 'CRAFFT', 'ASSIST', 'COWS'];
/** LOINC urine screen code → the substance it reports on. */
const urineLoincs = new Map(
  (Object.entries(urineDrugTestLoinc) as [UrineDrugTestSubstance, string | null][]).flatMap(([substance, code]) =>
    code ? [[code, substance] as const] : [],
  ),
);

/** Turns a Bundle into rows: one per entry that is a care event; Patient entries only identify people. */
export function fhirRows(bundle: unknown): { rows: RawRow[]; skipped: number } {
  const b = obj(bundle);
  if (!b || b.resourceType !== 'Bundle')
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'resourceType', message: 'Send a FHIR Bundle' }] });
  const entries = arr(b.entry);
  if (entries.length === 0) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'entry', message: 'The Bundle has no entries' }] });
  // Patients in the bundle, by fullUrl and by Patient/id.
  const patients = new Map<string, Json>();
  for (const e of entries) {
    const r = obj(obj(e)?.resource);
    if (r?.resourceType !== 'Patient') continue;
    const full = text(obj(e)?.fullUrl);
    if (full) patients.set(full, r);
    if (text(r.id)) patients.set(`Patient/${String(r.id)}`, r);
  }
  const rows: RawRow[] = [];
  let skipped = 0;
  entries.forEach((entry, i) => {
    const row = i + 1;
    const r = obj(obj(entry)?.resource);
    if (!r) {
      rows.push({ row, item: null, errors: [{ row, field: `entry[${i}].resource`, message: 'No resource' }] });
      return;
    }
    const type = String(r.resourceType);
    if (type === 'Patient') return;
    if (!['Encounter', 'Condition', 'MedicationDispense', 'MedicationAdministration', 'Observation'].includes(type)) {
      skipped++;
      return;
    }
    const errors: ImportRowError[] = [];
    // Who.
    const subject = obj(r.subject);
    const ref = text(subject?.reference);
    let person: unknown;
    const patient = ref ? patients.get(ref) : undefined;
    if (patient) {
      const ids = arr(patient.identifier)
        .map(identifierOf)
        .filter((x) => x !== undefined);
      person = ids[0] ? { identifier: ids[0] } : undefined;
    } else if (ref && ref.startsWith('Patient/') && UUID.test(ref.slice(8))) {
      person = { personId: ref.slice(8) };
    } else if (subject?.identifier) {
      const idf = identifierOf(subject.identifier);
      person = idf ? { identifier: idf } : undefined;
    }
    if (!person)
      errors.push({
        row,
        field: 'subject',
        message: 'The subject must be a Continuum person id (Patient/<id>), a Patient in the Bundle with an identifier, or an identifier',
      });
    let event: Record<string, unknown> | undefined;
    const externalId = text(r.id) ? `${type}/${String(r.id)}` : undefined;
    const at = (v: unknown) => dateTime(text(v));
    switch (type) {
      case 'Encounter': {
        const cls = text(obj(r.class)?.code);
        const settings: Record<string, string> = {
          EMER: 'emergency_department',
          IMP: 'inpatient',
          ACUTE: 'inpatient',
          NONAC: 'residential',
          AMB: 'outpatient',
          VR: 'telehealth',
          HH: 'outpatient',
          OBSENC: 'observation',
        };
        const setting = cls ? settings[cls] : undefined;
        if (!setting)
          errors.push({ row, field: 'class', message: 'Encounter class must be EMER, IMP, ACUTE, NONAC, AMB, VR, HH or OBSENC' });
        const diagnoses = [
          ...arr(r.reasonCode).map(icd10Of),
          ...arr(r.diagnosis).map((d) => icd10Of(obj(obj(d)?.condition)?.concept ?? obj(d)?.use)),
        ].filter((x): x is string => x !== undefined);
        event = {
          type: 'encounter',
          occurredAt: at(obj(r.period)?.start),
          data: { setting, ...(diagnoses[0] ? { principalDiagnosis: diagnoses[0], diagnoses } : {}) },
        };
        break;
      }
      case 'Condition': {
        const code = icd10Of(r.code);
        if (!code) errors.push({ row, field: 'code', message: 'Condition.code needs an ICD-10-CM coding' });
        const status = text(codings(r.clinicalStatus)[0]?.code);
        event = {
          type: 'diagnosis',
          occurredAt: at(r.recordedDate) ?? at(r.onsetDateTime),
          data: { code, ...(status === 'remission' ? { remission: 'early' } : {}) },
        };
        break;
      }
      case 'MedicationDispense':
      case 'MedicationAdministration': {
        const med = medicationOf(r);
        const when =
          type === 'MedicationDispense'
            ? (at(r.whenHandedOver) ?? at(r.whenPrepared))
            : (at(r.effectiveDateTime) ?? at(obj(r.effectivePeriod)?.start));
        const days =
          type === 'MedicationDispense'
            ? Number(obj(r.daysSupply)?.value)
            : med.formulation === 'extended_release_injection' || med.formulation === 'implant'
              ? med.formulation === 'implant'
                ? 180
                : 30
              : 1;
        if (med.medication) {
          event = {
            type: type === 'MedicationDispense' ? 'moud_dispense' : 'moud_administration',
            occurredAt: when,
            data: {
              medication: med.medication,
              daysSupply: Number.isFinite(days) ? days : undefined,
              ...(med.formulation ? { formulation: med.formulation } : {}),
              ...(med.rxnormCode ? { rxnormCode: med.rxnormCode } : {}),
            },
          };
        } else if (type === 'MedicationDispense') {
          event = {
            type: 'opioid_dispense',
            occurredAt: when,
            data: {
              drugName: med.name || undefined,
              quantity: Number(obj(r.quantity)?.value),
              daysSupply: Number.isFinite(days) ? days : undefined,
              ...(med.rxnormCode ? { rxnormCode: med.rxnormCode } : {}),
            },
          };
        } else {
          skipped++;
          return;
        }
        break;
      }
      case 'Observation': {
        const loinc = codings(r.code).find((c) => String(c.system) === 'http://loinc.org' && urineLoincs.has(String(c.code)));
        if (loinc) {
          // A urine drug screen (LOINC qualitative urine screen): one substance's result.
          const valueText = `${conceptText(r.valueCodeableConcept)} ${codings(r.valueCodeableConcept)
            .map((c) => String(c.code))
            .join(' ')} ${text(r.valueString) ?? ''}`;
          const result = /positive|detected|10828004|\bPOS\b/i.test(valueText.replace(/not detected/i, ''))
            ? 'positive'
            : /negative|not detected|260385009|\bNEG\b/i.test(valueText)
              ? 'negative'
              : undefined;
          if (!result)
            errors.push({
              row,
              field: 'valueCodeableConcept',
              message: 'A urine drug screen Observation needs a positive or negative result',
            });
          event = {
            type: 'urine_drug_test',
            occurredAt: at(r.effectiveDateTime) ?? at(r.issued),
            data: { results: { [urineLoincs.get(String(loinc.code))!]: result } },
          };
          break;
        }
        const name = conceptText(r.code).toUpperCase();
        const instrument = instruments.find((x) => name.includes(x)) ?? 'other';
        const valueText =
          conceptText(r.valueCodeableConcept) +
          ' ' +
          codings(r.valueCodeableConcept)
            .map((c) => String(c.code))
            .join(' ');
        const interp = arr(r.interpretation)
          .flatMap((c) => codings(c).map((x) => String(x.code)))
          .join(' ');
        const positive = /positive|10828004|\bPOS\b/i.test(valueText) || /\bPOS\b|\bA\b|\bH\b/.test(interp);
        const negative = /negative|260385009|\bNEG\b/i.test(valueText) || /\bNEG\b|\bN\b/.test(interp);
        if (!positive && !negative)
          errors.push({ row, field: 'valueCodeableConcept', message: 'A screening Observation needs a positive or negative result' });
        const score = typeof r.valueInteger === 'number' ? r.valueInteger : undefined;
        event = {
          type: 'screening',
          occurredAt: at(r.effectiveDateTime) ?? at(r.issued),
          data: { instrument, result: positive ? 'positive' : 'negative', ...(score !== undefined ? { score } : {}) },
        };
        break;
      }
    }
    if (event && externalId) event.externalId = externalId;
    rows.push({ row, item: { person, event }, errors });
  });
  return { rows, skipped };
}
