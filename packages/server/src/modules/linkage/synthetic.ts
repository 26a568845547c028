import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from './patterns.ts';
import type { RawPerson } from './records.ts';
import { csvLine } from '../../core/csv.ts';

/**
 * Seeded synthetic people for tests and the benchmark (record-linkage.md §5.1): names drawn from the
 * copied SSA first-name and Census surname tables (plus a long tail of invented surnames), duplicates
 * corrupted the way health and justice records are (typos, nicknames, swapped names, married names,
 * transposed dates, missing or partial SSNs, moves), and hard non-matches (twins, Jr/Sr, households).
 * SSNs use areas 900–999, which SSA never issues, so none can be real.
 */
const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'names');

export interface SyntheticRecord extends RawPerson {
  id: string;
  /** The true person (ground truth, never given to the engine). */
  person: string;
}

interface Table {
  names: string[];
  cumulative: Float64Array;
}

function table(rows: [string, number][]): Table {
  const cumulative = new Float64Array(rows.length);
  let s = 0;
  rows.forEach(([, w], i) => (cumulative[i] = s += w));
  for (let i = 0; i < cumulative.length; i++) cumulative[i]! /= s;
  return { names: rows.map((r) => r[0]), cumulative };
}

function pick(t: Table, r: number): string {
  let lo = 0;
  let hi = t.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.cumulative[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return t.names[lo]!;
}

let tables: { male: Table; female: Table; surnames: Table; nick: Map<string, string[]> } | undefined;
function load() {
  if (tables) return tables;
  const first = fs.readFileSync(path.join(dataDir, 'us_first_names_1950_2005.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const rows = first.map((l) => l.split(',')).map(([n, s, c]) => [n!, s!.trim(), Number(c)] as const);
  const surnames = fs
    .readFileSync(path.join(dataDir, 'us_surnames_top6745.csv'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(','))
    .map(([n, c]) => [n!.toLowerCase(), Number(c)] as [string, number]);
  const nick = new Map<string, string[]>();
  for (const l of fs.readFileSync(path.join(dataDir, 'nicknames.csv'), 'utf8').split(/\r?\n/).slice(1)) {
    const [a, , b] = l.split(',');
    if (a && b) nick.set(a, [...(nick.get(a) ?? []), b]);
  }
  tables = {
    male: table(rows.filter((r) => r[1] === 'M').map((r) => [r[0], r[2]])),
    female: table(rows.filter((r) => r[1] === 'F').map((r) => [r[0], r[2]])),
    surnames: table(surnames),
    nick,
  };
  return tables;
}

const SYLLABLES = [
  'ka',
  'lo',
  'mer',
  'vin',
  'dra',
  'sto',
  'bel',
  'qui',
  'ran',
  'tes',
  'wy',
  'zor',
  'ham',
  'pel',
  'gri',
  'nov',
  'ash',
  'tul',
];
const STREET_TYPES = ['st', 'ave', 'rd', 'dr', 'ln', 'ct', 'pl', 'blvd', 'way'];
const KEYBOARD = 'qwertyuiopasdfghjklzxcvbnm';

interface Person {
  id: string;
  sex: 'F' | 'M';
  given: string;
  family: string;
  suffix: string;
  dob: string;
  ssn: string;
  phone: string;
  number: string;
  street: string;
  town: number;
}

/** Generates `records` records of `people` persons (records ≥ people), deterministic for a seed. */
export function syntheticPeople(options: { people: number; records: number; seed: number; towns?: number }): SyntheticRecord[] {
  const t = load();
  const random = seededRandom(options.seed);
  const int = (n: number) => Math.floor(random() * n);
  const chance = (p: number) => random() < p;
  const towns = options.towns ?? Math.max(20, Math.round(options.people / 2000));
  const TOWN_ENDS = ['ville', 'ton', 'burg', ' city', ' springs', 'field', ' heights', 'wood', ' falls', 'port'];
  const townNames = Array.from({ length: towns }, () => `${pick(t.surnames, random())}${TOWN_ENDS[int(TOWN_ENDS.length)]}`);
  const townZips = Array.from({ length: towns }, () => String(10000 + int(89999)));
  const streets = Array.from(
    { length: Math.max(200, options.people / 20) },
    () => `${pick(t.surnames, random())} ${STREET_TYPES[int(STREET_TYPES.length)]}`,
  );
  const tail = () => Array.from({ length: 2 + int(2) }, () => SYLLABLES[int(SYLLABLES.length)]).join('');
  const surname = () => (chance(0.2) ? tail() : pick(t.surnames, random()));
  const digits = (n: number) => Array.from({ length: n }, () => int(10)).join('');
  const townOf = () => Math.floor(towns * random() ** 2); // some towns much bigger than others
  const dob = (from: number, span: number) => {
    const y = from + int(span);
    return `${y}-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`;
  };
  const person = (k: number, over: Partial<Person> = {}): Person => {
    const sex = chance(0.5) ? 'F' : 'M';
    return {
      id: `p${k}`,
      sex,
      given: pick(sex === 'F' ? t.female : t.male, random()),
      family: surname(),
      suffix: '',
      dob: dob(1945, 60),
      ssn: `9${digits(8)}`,
      phone: `${2 + int(8)}${digits(9)}`,
      number: String(1 + int(9999)),
      street: streets[int(streets.length)]!,
      town: townOf(),
      ...over,
    };
  };
  const people: Person[] = [];
  while (people.length < options.people) {
    const p = person(people.length);
    people.push(p);
    const r = random();
    if (r < 0.01 && people.length < options.people) {
      // Twins: same family, birth date and address; a different given name.
      people.push({ ...person(people.length), family: p.family, dob: p.dob, number: p.number, street: p.street, town: p.town });
    } else if (r < 0.015 && people.length < options.people && p.sex === 'M' && Number(p.dob.slice(0, 4)) < 1975) {
      // Father and son: same name and address, born 20–35 years apart, suffixes Sr and Jr.
      const son = dob(Number(p.dob.slice(0, 4)) + 20, 15);
      people.push({ ...p, id: `p${people.length}`, suffix: 'Jr', dob: son, ssn: `9${digits(8)}`, phone: `${2 + int(8)}${digits(9)}` });
      p.suffix = 'Sr';
    } else if (r < 0.05 && people.length < options.people) {
      // A household member: same family name and address.
      people.push({ ...person(people.length), family: p.family, number: p.number, street: p.street, town: p.town });
    }
  }
  const typo = (s: string) => {
    if (s.length < 3) return s;
    const i = 1 + int(s.length - 2);
    switch (int(4)) {
      case 0:
        return s.slice(0, i) + KEYBOARD[int(26)] + s.slice(i + 1);
      case 1:
        return s.slice(0, i) + s.slice(i + 1);
      case 2:
        return s.slice(0, i) + KEYBOARD[int(26)] + s.slice(i);
      default:
        return s.slice(0, i - 1) + s[i] + s[i - 1] + s.slice(i + 1);
    }
  };
  const record = (p: Person, k: number, duplicate: boolean): SyntheticRecord => {
    let given = p.given;
    let family = p.family;
    let date = p.dob;
    let ssn: string = chance(0.3) ? '' : p.ssn;
    let phone: string = chance(0.5) ? '' : p.phone;
    let { number, street, town } = p;
    if (duplicate) {
      if (chance(0.08)) given = typo(given);
      const nicks = t.nick.get(given);
      if (nicks && chance(0.1)) given = nicks[int(nicks.length)]!;
      if (chance(0.06)) family = typo(family);
      if (p.sex === 'F' && chance(0.04)) family = chance(0.5) ? surname() : `${family}-${surname()}`;
      if (chance(0.02)) [given, family] = [family, given];
      const [y, m, d] = date.split('-') as [string, string, string];
      const u = random();
      if (u < 0.03 && Number(d) <= 12) date = `${y}-${d}-${m}`;
      else if (u < 0.06) {
        // One digit mistyped, in the year or the day, keeping a calendar date.
        const i = [2, 3, 9][int(3)]!;
        date = (date.slice(0, i) + String(int(10)) + date.slice(i + 1)).replace(/-00$/, '-01');
      } else if (u < 0.08) date = `${Number(y) + (chance(0.5) ? 1 : -1)}-${m}-${d}`;
      else if (u < 0.12) date = '';
      if (ssn && chance(0.03)) ssn = typo(ssn);
      if (ssn && chance(0.03)) ssn = ssn.slice(-4);
      if (chance(0.15)) {
        number = String(1 + int(9999));
        street = streets[int(streets.length)]!;
        town = townOf();
        if (phone && chance(0.5)) phone = `${2 + int(8)}${digits(9)}`;
      }
      if (chance(0.04)) number = typo(number);
    }
    // Some sources write US dates.
    if (date && chance(0.1)) date = date.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$2/$3/$1');
    if (chance(0.3)) given = given[0]!.toUpperCase() + given.slice(1);
    return {
      id: `r${k}`,
      person: p.id,
      given_name: given,
      family_name: family,
      suffix: p.suffix && chance(0.7) ? p.suffix : '',
      birth_date: date,
      sex: chance(0.95) ? p.sex : '',
      ssn: ssn.length === 9 ? `${ssn.slice(0, 3)}-${ssn.slice(3, 5)}-${ssn.slice(5)}` : ssn,
      phone,
      address: `${number} ${street}`,
      city: townNames[town]!,
      zip: townZips[town]!,
    };
  };
  const out: SyntheticRecord[] = people.map((p, k) => record(p, k, false));
  // Extra records go to a skewed choice of people: some people appear many times (heavy users of care).
  while (out.length < options.records) {
    const p = people[Math.floor(people.length * random() ** 1.5)]!;
    out.push(record(p, out.length, true));
  }
  // Shuffle so duplicates are not next to their originals.
  for (let i = out.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const COLUMNS = [
  'record_id',
  'given_name',
  'family_name',
  'suffix',
  'birth_date',
  'sex',
  'ssn',
  'phone',
  'address',
  'city',
  'zip',
] as const;

/** Synthetic records as CSV text (the input of `continuum link dedupe`), without the truth column. */
export function syntheticCsv(records: readonly SyntheticRecord[]): string {
  const lines = [COLUMNS.join(',')];
  for (const r of records) {
    lines.push(csvLine([r.id, r.given_name, r.family_name, r.suffix, r.birth_date, r.sex, r.ssn, r.phone, r.address, r.city, r.zip]));
  }
  return `${lines.join('\n')}\n`;
}
