import { ROSTER_COLUMNS } from './adapters/roster.ts';

/*
 * Synthetic feed messages (made-up people, never real ones): the demo's running sources, the
 * benchmark and the tests build their HL7 v2 ADT messages and roster files here.
 */

export interface AdtFields {
  facility: string;
  controlId: string;
  trigger: 'A01' | 'A03' | 'A04' | 'A08';
  mrn: string;
  familyName: string;
  givenName: string;
  /** YYYYMMDD */
  birthDate: string;
  sex: 'F' | 'M' | 'U';
  street: string;
  city: string;
  postalCode: string;
  phone: string;
  visit: string;
  /** Patient class (PV1-2): E emergency, I inpatient, O outpatient. */
  patientClass: string;
  admitted: Date;
  /**
   * The admission time as the sender writes it (HL7 TS, e.g. a local time without an offset);
   * by default `admitted` in UTC with its +0000 offset.
   */
  admittedText?: string;
  /** PV1-36 discharge disposition; '20' = expired. */
  disposition?: string;
  chiefComplaint: string;
  diagnoses: { code: string; text: string }[];
}

const ts = (d: Date) => `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}+0000`;

/** One ADT message, segments separated by CR. */
export function adtMessage(a: AdtFields): string {
  const pv1 = ['PV1', '1', a.patientClass, 'ED^01^01', ...Array<string>(15).fill(''), a.visit];
  while (pv1.length < 45) pv1.push('');
  pv1[36] = a.disposition ?? '';
  const admitted = a.admittedText ?? ts(a.admitted);
  pv1[44] = admitted;
  return [
    `MSH|^~\\&|EDSYS|${a.facility}|CONTINUUM|NETWORK|${admitted}||ADT^${a.trigger}^ADT_A01|${a.controlId}|P|2.5.1`,
    `EVN|${a.trigger}|${admitted}`,
    `PID|1||${a.mrn}^^^${a.facility}^MR||${a.familyName}^${a.givenName}||${a.birthDate}|${a.sex}|||${a.street}^^${a.city}^ST^${a.postalCode}||${a.phone}`,
    pv1.join('|'),
    `PV2|||^${a.chiefComplaint}`,
    ...a.diagnoses.map((d, i) => `DG1|${i + 1}||${d.code}^${d.text}^I10||${ts(a.admitted)}|A`),
  ].join('\r');
}

export type RosterInput = Partial<Record<(typeof ROSTER_COLUMNS)[number], string | number>>;

/** A roster CSV with every column, in the documented order. */
export function rosterCsv(rows: readonly RosterInput[]): string {
  const quote = (v: unknown) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return (
    [ROSTER_COLUMNS.join(','), ...rows.map((r) => ROSTER_COLUMNS.map((c) => quote(r[c as keyof RosterInput])).join(','))].join('\n') + '\n'
  );
}

/** A small seeded generator (mulberry32), so the demo and the benchmark are repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = [
  'Avery',
  'Jordan',
  'Casey',
  'Riley',
  'Morgan',
  'Quinn',
  'Rowan',
  'Skyler',
  'Emerson',
  'Finley',
  'Harper',
  'Jesse',
  'Kendall',
  'Logan',
  'Parker',
];
const FAMILY = [
  'Ashdown',
  'Brightwater',
  'Coldbrook',
  'Dunmore',
  'Eastvale',
  'Fairholt',
  'Greywood',
  'Hollins',
  'Ironside',
  'Juniper',
  'Kestrel',
  'Larkspur',
  'Marlowe',
  'Northam',
  'Oakley',
];
const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

/** A synthetic person's demographics. */
export function syntheticPerson(rnd: () => number, n: number) {
  const year = 1960 + Math.floor(rnd() * 45);
  const month = 1 + Math.floor(rnd() * 12);
  const day = 1 + Math.floor(rnd() * 28);
  return {
    givenName: pick(rnd, GIVEN),
    familyName: `${pick(rnd, FAMILY)}${n % 97 === 0 ? '' : String.fromCharCode(97 + (n % 26))}`,
    birthDate: `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`,
    sex: rnd() < 0.5 ? ('F' as const) : ('M' as const),
    street: `${10 + Math.floor(rnd() * 980)} ${pick(rnd, ['Harbor', 'Cedar', 'Mill', 'Bay', 'Pine'])} St`,
    phone: `555${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}`,
  };
}

/** A synthetic ED visit: about one in three an opioid overdose, one in four OUD, the rest other complaints. */
export function syntheticAdt(
  rnd: () => number,
  n: number,
  facility: string,
  admitted: Date,
  place: { city: string; postalCode: string },
): string {
  const p = syntheticPerson(rnd, n);
  const roll = rnd();
  const diagnoses =
    roll < 0.33
      ? [
          { code: pick(rnd, ['T40.411A', 'T40.1X1A', 'T40.2X1A']), text: 'Poisoning by opioids, accidental' },
          { code: 'F11.20', text: 'Opioid dependence' },
        ]
      : roll < 0.58
        ? [{ code: 'F11.20', text: 'Opioid dependence, uncomplicated' }]
        : [{ code: pick(rnd, ['S93.401A', 'J06.9', 'R07.9']), text: 'Other' }];
  return adtMessage({
    facility,
    controlId: `DEMO${n}`,
    trigger: pick(rnd, ['A01', 'A03', 'A04'] as const),
    mrn: `MRN${100000 + n}`,
    ...p,
    city: place.city,
    postalCode: place.postalCode,
    visit: `V${200000 + n}`,
    patientClass: 'E',
    admitted,
    chiefComplaint: roll < 0.33 ? 'Unresponsive, suspected opioid overdose' : roll < 0.58 ? 'Withdrawal symptoms' : 'Other complaint',
    diagnoses,
  });
}

/** A synthetic roster row: bookings and releases, most of people with OUD noted at intake, some with MOUD at release. */
export function syntheticRosterRow(rnd: () => number, n: number, at: Date, facility: string): RosterInput {
  const p = syntheticPerson(rnd, n);
  const release = rnd() < 0.5;
  return {
    event: release ? 'release' : 'booking',
    occurred_at: at.toISOString(),
    booking_number: `B${300000 + n}`,
    given_name: p.givenName,
    family_name: p.familyName,
    birth_date: `${p.birthDate.slice(0, 4)}-${p.birthDate.slice(4, 6)}-${p.birthDate.slice(6, 8)}`,
    sex: p.sex,
    phone: p.phone,
    address: p.street,
    facility,
    oud: rnd() < 0.7 ? 'yes' : 'unknown',
    moud_medication: release && rnd() < 0.3 ? 'buprenorphine' : '',
    moud_days_supply: release ? 7 : '',
  };
}
