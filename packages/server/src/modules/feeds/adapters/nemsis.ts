import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CareEventInput, NaloxoneGiver, OverdoseDisposition, SuspectedSubstance } from '@continuum/contracts';
import { FeedMessageError, type FeedAdapter, type FeedItem, type FeedPerson, type FeedPlan } from '../adapter.ts';
import { isOud, normalizeIcd10, substanceOf } from '../icd10.ts';

/*
 * NEMSIS v3.5 EMS records (docs/integration.md, "EMS agencies"). An EMS agency's export is an
 * `EMSDataSet` XML document holding one or more `PatientCareReport` elements; each report is one
 * message. Element ids below are those of the NEMSIS v3.5 Data Dictionary (nemsis.org, "NEMSIS
 * Data Dictionary v3.5.0"). Parsed with fast-xml-parser.
 *
 * - Suspected opioid overdose: the primary impression (eSituation.11) or a secondary impression
 *   (eSituation.12) is an opioid poisoning (ICD-10-CM T40.0–T40.4, T40.6; when the sixth
 *   character is given it must be 1–4, accidental to undetermined, and a seventh character, when
 *   given, an initial encounter A), or naloxone was given: a medication (eMedications.03) with the
 *   RxNorm ingredient code 7242 (naloxone). The overdose goes to the overdose module through its
 *   front door (the person's overdose care event, outreach, feedback, the area's threshold check),
 *   so nobody retypes it.
 * - Naloxone doses: one per eMedications.MedicationGroup with naloxone, timed by eMedications.01;
 *   given before this unit's care (eMedications.02 = 9923003 "Yes") counts as given by another
 *   responder or a bystander.
 * - An opioid use disorder impression (F11.x) without an overdose is a diagnosis care event.
 * - The person: ePatient.01 (EMS patient id), ePatient.02/.03 (last/first name), ePatient.17 (date
 *   of birth), ePatient.13 (gender; 9906001 female, 9906003 male) or ePatient.25 (sex, new in 3.5;
 *   9919001 female, 9919003 male), ePatient.09 (home ZIP code). The home street (ePatient.05) is
 *   not read.
 * - Where: area only. The incident ZIP code (eScene.19), else the person's home ZIP (ePatient.09),
 *   places the overdose in an area; the incident street address (eScene.15) and GPS location
 *   (eScene.11) are never read or stored. The county (eScene.21) is not used: areas are by ZIP.
 * - Disposition: eDisposition.30 (transport disposition) 4230001/4230003/4230005/4230007 is a
 *   transport; eDisposition.28 (patient evaluation/care) 4228003 "Patient Evaluated and Refused
 *   Care" or 4228007 "Patient Refused Evaluation/Care" a refusal; eArrest.18 (end of EMS cardiac
 *   arrest event) 3018003 "Expired in the Field" or 3018001 "Expired in ED" a death.
 * - Leave-behind naloxone: NEMSIS v3.5 has no national element for a naloxone kit left with the
 *   person or those around them; states and agencies record it as a custom element
 *   (eCustomConfiguration / eCustomResults, NEMSIS v3.5 "Custom Elements"). A result group whose
 *   custom element id (eCustomResults.02) names a naloxone leave-behind (e.g.
 *   `itDisposition.NaloxoneLeaveBehind`, matched on "naloxone" and "leave") counts its value
 *   (eCustomResults.01) as kits: a number, or yes (9923003, "yes", "true") as one kit.
 */

/** RxNorm ingredient: naloxone (RXCUI 7242). */
export const NALOXONE_RXCUI = '7242';

/** Elements that repeat in a patient care report and are read as lists. */
const REPEATING = new Set([
  'PatientCareReport',
  'eSituation.12',
  'eMedications.MedicationGroup',
  'eCustomResults.ResultsGroup',
  'eDisposition.IncidentDispositionGroup',
  'eArrest.18',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => REPEATING.has(name),
});

type Node = Record<string, unknown>;

function child(node: unknown, name: string): Node | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const v = (node as Node)[name];
  if (Array.isArray(v)) return (v[0] as Node | undefined) ?? undefined;
  return v && typeof v === 'object' ? (v as Node) : undefined;
}

function list(node: unknown, name: string): unknown[] {
  if (!node || typeof node !== 'object') return [];
  const v = (node as Node)[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** An element's text; an element carrying only a "not value" (NV) or nil attribute is ''. */
function text(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && typeof (v as Node)['#text'] === 'string') return ((v as Node)['#text'] as string).trim();
  return '';
}

const value = (node: unknown, name: string): string => text(list(node, name)[0]);

/** An EMS export → one message per patient care report (its XML as sent). */
export function splitNemsis(content: string): string[] {
  const validation = XMLValidator.validate(content);
  if (validation !== true) throw new FeedMessageError('malformed', 'The file is not well-formed XML');
  const reports = content.match(/<(?:[\w-]+:)?PatientCareReport[\s>][\s\S]*?<\/(?:[\w-]+:)?PatientCareReport\s*>/g) ?? [];
  if (reports.length === 0) throw new FeedMessageError('malformed', 'The file holds no PatientCareReport element');
  return reports.map((r) => r.trim());
}

/**
 * An impression (eSituation.11/.12) as an opioid overdose: ICD-10-CM T40.0–T40.4 or T40.6, in the
 * full form (T40.1X1A, T40.601A) or as EMS lists often shorten it (T40.1X, T40.60, T40.4).
 * Adverse effect (5) and underdosing (6) are not overdoses; a subsequent encounter (D) or sequela
 * (S) is not a new one. Source: CDC DOSE opioid overdose definition (T40.0X1A–T40.4X4A,
 * T40.601A–T40.694A), as in ../icd10.ts, widened to the shortened forms.
 */
export function isOpioidOverdoseImpression(code: string): boolean {
  const m = /^T40\.([0-4]|6)([0-9X])?([0-9])?([A-Z])?$/.exec(code);
  if (!m) return false;
  const [, group, , intent, encounter] = m;
  if (group === '6' && m[2] !== undefined && m[2] !== '0' && m[2] !== '9') return false;
  if (intent !== undefined && !['1', '2', '3', '4'].includes(intent)) return false;
  return encounter === undefined || encounter === 'A';
}

/** NEMSIS dateTime (xs:dateTime with an offset) → ISO 8601; null when absent or not a time. */
function nemsisTime(raw: string): string | null {
  if (!raw) return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/.test(raw)) return null;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function impressions(situation: Node | undefined): string[] {
  const raw = [value(situation, 'eSituation.11'), ...list(situation, 'eSituation.12').map(text)].filter((c) => c !== '');
  const codes: string[] = [];
  for (const r of raw) {
    const code = normalizeIcd10(r);
    if (!code) throw new FeedMessageError('malformed', 'eSituation.11 or eSituation.12 holds a code that is not ICD-10-CM');
    if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}

function sexOf(patient: Node | undefined): FeedPerson['sex'] {
  const gender = value(patient, 'ePatient.13');
  const sex = value(patient, 'ePatient.25');
  if (sex === '9919001' || gender === '9906001') return 'female';
  if (sex === '9919003' || gender === '9906003') return 'male';
  return 'unknown';
}

function leaveBehindKits(pcr: Node): number {
  let kits = 0;
  for (const group of list(child(pcr, 'eCustomResults'), 'eCustomResults.ResultsGroup')) {
    const id = value(group, 'eCustomResults.02').toLowerCase();
    if (!id.includes('naloxone') || !id.includes('leave')) continue;
    const v = value(group, 'eCustomResults.01').toLowerCase();
    // 9923003 / 9923001 are NEMSIS "Yes" / "No" (code list 9923); otherwise a count of kits.
    if (v === '9923003' || v === 'yes' || v === 'true') kits += 1;
    else if (/^\d{1,2}$/.test(v)) kits += Number(v);
  }
  return Math.min(kits, 20);
}

function dispositionOf(pcr: Node): OverdoseDisposition {
  const arrest = list(child(pcr, 'eArrest'), 'eArrest.18').map(text);
  if (arrest.includes('3018003') || arrest.includes('3018001')) return 'deceased';
  const groups = list(child(pcr, 'eDisposition'), 'eDisposition.IncidentDispositionGroup');
  const disposition = groups.length > 0 ? groups : [child(pcr, 'eDisposition')];
  const transport = disposition.map((g) => value(g, 'eDisposition.30'));
  const care = disposition.map((g) => value(g, 'eDisposition.28'));
  if (transport.some((t) => ['4230001', '4230003', '4230005', '4230007'].includes(t))) return 'transported';
  if (care.some((c) => c === '4228003' || c === '4228007')) return 'refused';
  if (transport.some((t) => t !== '')) return 'released';
  return 'unknown';
}

function reportOf(message: string): Node {
  if (XMLValidator.validate(message) !== true) throw new FeedMessageError('malformed', 'The report is not well-formed XML');
  const doc = parser.parse(message) as Node;
  const direct = list(doc, 'PatientCareReport');
  if (direct.length === 1) return direct[0] as Node;
  const nested = list(child(child(doc, 'EMSDataSet'), 'Header'), 'PatientCareReport');
  if (direct.length === 0 && nested.length === 1) return nested[0] as Node;
  throw new FeedMessageError('malformed', 'A message is one PatientCareReport element');
}

/** One patient care report → what the network keeps of it. */
export function planNemsis(message: string): FeedPlan {
  const pcr = reportOf(message);
  const record = child(pcr, 'eRecord');
  const reportId = (value(record, 'eRecord.01') || text(pcr['@_UUID'])).slice(0, 60);
  if (!reportId) throw new FeedMessageError('malformed', 'eRecord.01 (patient care report number) and the UUID attribute are both empty');
  const situation = child(pcr, 'eSituation');
  const codes = impressions(situation);
  const overdoseCodes = codes.filter(isOpioidOverdoseImpression);
  const oud = codes.some(isOud);

  const naloxone = list(child(pcr, 'eMedications'), 'eMedications.MedicationGroup').filter(
    (g) => value(g, 'eMedications.03') === NALOXONE_RXCUI,
  );
  const naloxoneTimes: string[] = [];
  const givers = new Set<NaloxoneGiver>();
  for (const g of naloxone) {
    const raw = value(g, 'eMedications.01');
    const at = nemsisTime(raw);
    if (raw && !at) throw new FeedMessageError('malformed', 'eMedications.01 (date/time medication administered) is not a date and time');
    if (at) naloxoneTimes.push(at);
    givers.add(value(g, 'eMedications.02') === '9923003' ? 'other' : 'ems');
  }
  const overdose = overdoseCodes.length > 0 || naloxone.length > 0;
  if (!overdose && !oud) return { messageType: 'nemsis:pcr', externalId: reportId, items: [] };

  const times = child(pcr, 'eTimes');
  const rawTimes: [string, string][] = [
    ['eSituation.01', value(situation, 'eSituation.01')],
    ['eTimes.07', value(times, 'eTimes.07')],
    ['eTimes.03', value(times, 'eTimes.03')],
  ];
  for (const [id, raw] of rawTimes) if (raw && !nemsisTime(raw)) throw new FeedMessageError('malformed', `${id} is not a date and time`);
  const occurredAt = rawTimes.map(([, raw]) => nemsisTime(raw)).find((t) => t !== null) ?? [...naloxoneTimes].sort()[0] ?? null;
  if (!occurredAt) throw new FeedMessageError('malformed', 'No time in eSituation.01, eTimes.07, eTimes.03 or eMedications.01');

  const patient = child(pcr, 'ePatient');
  const name = child(patient, 'ePatient.PatientNameGroup') ?? patient;
  const birth = value(patient, 'ePatient.17');
  if (birth && !/^\d{4}-\d{2}-\d{2}$/.test(birth)) throw new FeedMessageError('malformed', 'ePatient.17 (date of birth) is not YYYY-MM-DD');
  const homeZip = value(patient, 'ePatient.09').slice(0, 10);
  const emsPatientId = value(patient, 'ePatient.01').slice(0, 100);
  const person: FeedPerson = {
    identifiers: emsPatientId ? [{ kind: 'ems_patient_id', value: emsPatientId }] : [],
    familyName: value(name, 'ePatient.02').slice(0, 100),
    givenName: value(name, 'ePatient.03').slice(0, 100),
    birthDate: birth,
    sex: sexOf(patient),
    phone: '',
    address: homeZip ? { line1: '', city: '', postalCode: homeZip } : null,
  };
  const key = `nemsis:pcr:${reportId}`;
  const events: CareEventInput[] = [];
  const item: FeedItem = { person, register: 'always', events };
  if (overdose) {
    const disposition = dispositionOf(pcr);
    const substances: SuspectedSubstance[] = overdoseCodes.length > 0 ? [...new Set(overdoseCodes.map(substanceOf))] : ['unknown'];
    item.overdose = {
      occurredAt,
      fatal: disposition === 'deceased',
      naloxoneDoses: Math.min(naloxone.length, 20),
      naloxoneBy: [...givers].sort(),
      suspectedSubstances: substances,
      disposition,
      externalId: `${key}:overdose`,
      leaveBehindKits: leaveBehindKits(pcr),
      postalCode: value(child(pcr, 'eScene'), 'eScene.19').slice(0, 10) || homeZip || null,
    };
  } else {
    events.push({ type: 'diagnosis', occurredAt, data: { code: codes.find(isOud)! }, externalId: `${key}:diagnosis` });
  }
  return { messageType: overdose ? 'nemsis:pcr:overdose' : 'nemsis:pcr:oud', externalId: reportId, items: [item] };
}

export const nemsisAdapter: FeedAdapter = { kind: 'nemsis', split: splitNemsis, plan: planNemsis };
