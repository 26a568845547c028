import { Hl7Message, type Hl7Segment } from '@medplum/core';
import type { CareEventInput, EncounterSetting, FeedErrorCode, IdentifierKind } from '@continuum/contracts';
import { zonedInstant } from '@continuum/contracts';
import { FeedMessageError, type FeedAdapter, type FeedItem, type FeedPerson, type FeedPlan, type FeedPlanContext } from '../adapter.ts';
import { isOpioidOverdose, isOud, normalizeIcd10, substanceOf } from '../icd10.ts';

/*
 * HL7 v2 ADT from emergency departments (v2.3–v2.8; docs/integration.md). Parsed with Medplum's
 * HL7 v2 parser (@medplum/core). A01 (admit), A03 (discharge), A04 (register) and A08 (update):
 * PID for the person, PV1 for the setting, the visit number, admit and discharge times and
 * disposition, PV2-3 for the chief complaint, DG1 for diagnoses. A visit with an opioid overdose
 * or OUD diagnosis becomes an encounter care event with its diagnoses, and an overdose one also an
 * overdose event; any other visit is nothing for the network and keeps nothing.
 *
 * Every message about a visit (PV1-19) carries the whole visit as it now stands, so a later one
 * (an A08 update, the A03 discharge) replaces the visit's encounter; a discharge as expired makes
 * the visit's overdose fatal rather than recording a second. Times without an offset are the
 * sender's local time (HL7 v2.5.1 chapter 2A.3.80, DTM/TS), read in the feed's time zone.
 */

export const ADT_TRIGGERS = ['A01', 'A03', 'A04', 'A08'] as const;

/** MLLP framing (HL7 v2 Implementation Guide, Appendix C: Lower Layer Protocol): VT … FS CR. */
export const MLLP_START = '\x0b';
export const MLLP_END = '\x1c\x0d';

/**
 * A file (or push) → messages: MLLP frames, or messages separated by blank lines; a chunk holding
 * several MSH segments is split at each. Line ends (CR, LF, CRLF) all separate segments.
 */
export function splitHl7(content: string): string[] {
  const framed = content.includes(MLLP_START) || content.includes(MLLP_END[0]!);
  const chunks = framed ? content.split(MLLP_START).flatMap((c) => c.split(MLLP_END[0]!)) : content.split(/\r?\n[ \t]*\r?\n|\r[ \t]*\r/);
  const out: string[] = [];
  for (const chunk of chunks) {
    const lines = chunk
      .split(/\r\n|\r|\n/)
      .map((l) => l.trimEnd())
      .filter((l) => l.length > 0);
    let current: string[] = [];
    for (const line of lines) {
      if (line.startsWith('MSH') && current.length > 0) {
        out.push(current.join('\r'));
        current = [];
      }
      current.push(line);
    }
    if (current.length > 0) out.push(current.join('\r'));
  }
  return out;
}

function parse(message: string): Hl7Message {
  if (!message.startsWith('MSH')) throw new FeedMessageError('malformed', 'The message does not start with an MSH segment');
  try {
    return Hl7Message.parse(message);
  } catch {
    throw new FeedMessageError('malformed', 'The message could not be parsed as HL7 v2');
  }
}

/** A field's component, '' when the segment or the field is not there. */
const field = (seg: Hl7Segment | undefined, n: number, component = 1, repetition = 0): string =>
  (seg?.getField(n) as ReturnType<Hl7Segment['getField']> | undefined)?.getComponent(component, undefined, repetition).trim() ?? '';

/**
 * HL7 TS/DTM (YYYYMMDD[HHMM[SS[.S+]]][+/-ZZZZ]) → ISO 8601 UTC. A time without an offset is the
 * sender's local time (HL7 v2.5.1 chapter 2A.3.80), read in `timeZone`; null when it is not a time.
 */
export function hl7Time(ts: string, timeZone: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(?:(\d{2})(?:\.\d+)?)?)?([+-]\d{4})?$/.exec(ts.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', z] = m;
  const wall = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
  if (!z) {
    try {
      return zonedInstant(wall, timeZone).toISOString();
    } catch {
      return null;
    }
  }
  const iso = `${wall}${z.slice(0, 3)}:${z.slice(3)}`;
  const check = new Date(`${wall}Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 19) !== wall) return null;
  return new Date(iso).toISOString();
}

/** HL7 table 0004 (patient class) → the care event's setting; an ED feed's unknown class is an ED visit. */
const SETTINGS: Record<string, EncounterSetting> = {
  E: 'emergency_department',
  I: 'inpatient',
  O: 'outpatient',
  R: 'outpatient',
  B: 'inpatient',
};

/** CX identifier type codes (HL7 table 0203) → registry identifier kinds. */
const IDENTIFIER_TYPES: Record<string, IdentifierKind> = {
  MR: 'mrn',
  MRN: 'mrn',
  PI: 'mrn',
  PT: 'mrn',
  MA: 'medicaid_id',
  MC: 'medicaid_id',
};

function personOf(pid: Hl7Segment): FeedPerson {
  const identifiers: FeedPerson['identifiers'] = [];
  const reps = pid.getField(3).components.length;
  for (let r = 0; r < reps; r++) {
    const value = field(pid, 3, 1, r);
    const type = field(pid, 3, 5, r).toUpperCase();
    if (!value) continue;
    const kind = IDENTIFIER_TYPES[type] ?? (type === '' ? 'mrn' : null);
    if (kind && !identifiers.some((i) => i.kind === kind)) identifiers.push({ kind, value: value.slice(0, 100) });
  }
  const dob = field(pid, 7);
  const birthDate = /^\d{8}/.test(dob) ? `${dob.slice(0, 4)}-${dob.slice(4, 6)}-${dob.slice(6, 8)}` : '';
  const sex =
    ({ F: 'female', M: 'male', O: 'unknown', A: 'unknown', U: 'unknown', N: 'unknown' } as const)[field(pid, 8).toUpperCase()] ?? 'unknown';
  const street = field(pid, 11, 1);
  const city = field(pid, 11, 3);
  const postalCode = field(pid, 11, 5);
  const phone = (field(pid, 13, 1) || field(pid, 13, 12)).replace(/\D/g, '');
  return {
    identifiers,
    familyName: field(pid, 5, 1),
    givenName: field(pid, 5, 2),
    birthDate,
    sex,
    phone,
    address: street || city || postalCode ? { line1: street, city, postalCode } : null,
  };
}

/** One ADT message → what the network keeps of it. */
export function planAdt(message: string, context: FeedPlanContext): FeedPlan {
  const time = (ts: string) => hl7Time(ts, context.timeZone);
  const msg = parse(message);
  const msh = msg.header;
  const type = field(msh, 9, 1).toUpperCase();
  const trigger = field(msh, 9, 2).toUpperCase();
  const controlId = field(msh, 10);
  if (!controlId) throw new FeedMessageError('malformed', 'MSH-10 (message control id) is empty');
  const messageType = `${type}^${trigger}`;
  if (type !== 'ADT' || !(ADT_TRIGGERS as readonly string[]).includes(trigger))
    throw new FeedMessageError('unsupported', `Only ADT A01, A03, A04 and A08 are taken (MSH-9 is ${type ? 'another type' : 'empty'})`);
  const pid = msg.getSegment('PID');
  if (!pid) throw new FeedMessageError('malformed', 'The message has no PID segment');
  const pv1 = msg.getSegment('PV1');
  const pv2 = msg.getSegment('PV2');
  const diagnoses: string[] = [];
  for (const dg1 of msg.getAllSegments('DG1')) {
    const raw = field(dg1, 3, 1);
    if (!raw) continue;
    const code = normalizeIcd10(raw);
    if (!code) throw new FeedMessageError('malformed', 'DG1-3 holds a code that is not ICD-10-CM');
    if (!diagnoses.includes(code)) diagnoses.push(code);
  }
  const overdoseCodes = diagnoses.filter(isOpioidOverdose);
  const oud = diagnoses.some(isOud);
  if (overdoseCodes.length === 0 && !oud) return { messageType, externalId: controlId, items: [] };

  const admitted = time(field(pv1, 44)) ?? time(field(msg.getSegment('EVN'), 2)) ?? time(field(msh, 7));
  if (!admitted) throw new FeedMessageError('malformed', 'No valid time in PV1-44, EVN-2 or MSH-7');
  const person = personOf(pid);
  const visit = field(pv1, 19);
  const key = `hl7v2:visit:${(visit || controlId).slice(0, 60)}`;
  const chiefComplaint = field(pv2, 3, 2) || field(pv2, 3, 1);
  const setting = SETTINGS[field(pv1, 2).toUpperCase()] ?? 'emergency_department';
  const events: CareEventInput[] = [
    {
      type: 'encounter',
      occurredAt: admitted,
      data: { setting, principalDiagnosis: diagnoses[0]!, diagnoses: diagnoses.slice(0, 25) },
      externalId: key,
      ...(chiefComplaint ? { detail: `Chief complaint: ${chiefComplaint.slice(0, 300)}` } : {}),
    },
  ];
  const item: FeedItem = { person, register: 'always', events, replaceEvents: true };
  if (overdoseCodes.length > 0) {
    // HL7 table 0112 (discharge disposition): 20 = expired.
    const fatal = field(pv1, 36) === '20';
    item.overdose = {
      occurredAt: admitted,
      fatal,
      naloxoneDoses: 0,
      naloxoneBy: [],
      suspectedSubstances: [...new Set(overdoseCodes.map(substanceOf))],
      disposition: fatal ? 'deceased' : 'transported',
      externalId: `${key}:overdose`,
      leaveBehindKits: 0,
      postalCode: person.address?.postalCode || null,
    };
    // Died in the visit: the visit's overdose (from its admission, or an EMS record of the same
    // episode) becomes fatal; only when there is none is a fatal one recorded.
    if (fatal) item.reconcileDeath = { diedOn: (time(field(pv1, 45)) ?? admitted).slice(0, 10), withinDays: 1 };
  }
  return { messageType, externalId: controlId, items: [item] };
}

function ackTime(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Codes that mean the message itself was refused (AR) rather than failed while applied (AE). */
const REJECTS: readonly FeedErrorCode[] = ['malformed', 'unsupported'];

/**
 * The HL7 v2 acknowledgement (original mode, HL7 v2.5.1 chapter 2.9): MSA-1 AA when applied, AE
 * when it could not be applied, AR when refused; MSA-2 echoes MSH-10; ERR-8 carries our reason
 * (which never holds a value from the message).
 */
export function acknowledgeAdt(
  message: string,
  result: { ok: true } | { ok: false; code: FeedErrorCode; reason: string },
  now: Date,
): string {
  let msh: Hl7Segment | undefined;
  try {
    msh = message.startsWith('MSH') ? Hl7Message.parse(message).header : undefined;
  } catch {
    msh = undefined;
  }
  const clean = (s: string) => s.replace(/[|^~\\&\r\n]/g, ' ');
  const version = field(msh, 12) || '2.5.1';
  const header = [
    'MSH',
    '^~\\&',
    clean(field(msh, 5)) || 'CONTINUUM',
    clean(field(msh, 6)),
    clean(field(msh, 3)),
    clean(field(msh, 4)),
    ackTime(now),
    '',
    `ACK^${clean(field(msh, 9, 2))}^ACK`,
    `ACK${ackTime(now)}${Math.floor(now.getMilliseconds())}`,
    clean(field(msh, 11)) || 'P',
    clean(version),
  ].join('|');
  const control = clean(field(msh, 10));
  if (result.ok) return `${header}\rMSA|AA|${control}\r`;
  const code = REJECTS.includes(result.code) ? 'AR' : 'AE';
  // ERR-3: HL7 table 0357 (207 application internal error, 200 unsupported message type, 100 segment sequence error).
  const errCode =
    result.code === 'unsupported'
      ? '200^Unsupported message type^HL70357'
      : result.code === 'malformed'
        ? '100^Segment sequence error^HL70357'
        : '207^Application internal error^HL70357';
  return `${header}\rMSA|${code}|${control}|${clean(result.reason)}\rERR|||${errCode}|E|||${clean(result.reason)}\r`;
}

export const hl7v2Adapter: FeedAdapter = {
  kind: 'hl7v2',
  split: splitHl7,
  plan: planAdt,
  acknowledge: acknowledgeAdt,
};
