import {
  buildComparisons,
  conflictRule,
  defaultNicknames,
  encodeRecords,
  linkRecords,
  normalizePeople,
  probabilityOf,
  syntheticPeople,
  termFrequencyAdjustment,
  vetoRule,
  type LinkModel,
  type LinkRecord,
  type RawPerson,
} from '../linkage/index.ts';
import type { StoredContribution, StoredModel } from './person-index.table.ts';

/**
 * The person index's pure rules: which fields a record is matched on, the stored model, scoring one
 * record against its blocked candidates, and the decision by two thresholds (Fellegi and Sunter 1969:
 * "link" above the upper, "possible link" for clerical review between, "non-link" below).
 */

/** Bumped when the scoring or decision rules change; stored with every link decision. */
export const RULE_VERSION = 'pindex-rules-1';

/**
 * At or above: linked without review. A wrong automatic merge puts one person's history in another's
 * record, so the bar is a posterior of 0.999 (match weight ≈ 10). Under the default model the same
 * family name with a nickname and a birth date one digit off scores ≈ 0.996 (weight 8): a relative as
 * often as the same person, so a reviewer decides; the same names and birth date with a shared phone
 * or address score far above. (Splink's guidance: choose the upper threshold from the clerical review
 * capacity; master person indexes auto-link only at the far tail.)
 */
export const UPPER_THRESHOLD = 0.999;
/** Below: a new identity. Between: a review item. 0.5 is where a match is as likely as not under the model. */
export const LOWER_THRESHOLD = 0.5;

/** The registry must hold at least this many people before its own model is estimated by EM; fewer give too few blocked pairs for m. */
export const MIN_PEOPLE_FOR_EM = 1000;

/** The fields of a record the engine matches on (already trimmed text; '' when missing). */
export interface MatchFields {
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD or ''. */
  birthDate: string;
  sex: string;
  phone: string;
  ssn: string;
  address: string;
  city: string;
  zip: string;
  email: string;
}

export function rawPersonOf(f: MatchFields): RawPerson {
  return {
    given_name: f.givenName,
    family_name: f.familyName,
    birth_date: f.birthDate,
    sex: f.sex,
    phone: f.phone,
    ssn: f.ssn,
    address: f.address,
    city: f.city,
    zip: f.zip,
    email: f.email,
  };
}

/** Normalizes match fields as the engine does (a birth date the engine cannot read is dropped, not refused). */
export function normalizeFields(id: string, f: MatchFields): LinkRecord {
  try {
    return normalizePeople([{ id, ...rawPersonOf(f) }])[0]!;
  } catch {
    return normalizePeople([{ id, ...rawPersonOf({ ...f, birthDate: '' }) }])[0]!;
  }
}

export function storedModelOf(model: LinkModel): StoredModel {
  return {
    lambda: model.lambda,
    comparisons: model.comparisons.map((c) => ({ name: c.name, levels: [...c.levels], m: [...c.m], u: [...c.u] })),
  };
}

/** A short content hash so the same model always gets the same version. */
export function modelVersion(method: 'em' | 'default', model: StoredModel): string {
  const text = JSON.stringify(model, (_, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(8)) : v));
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${method}-${h.toString(16).padStart(8, '0')}`;
}

/** The fields registry people carry (no SSN or e-mail at registration), so a default model is trained on those only. */
const REGISTRY_FIELDS = ['given_name', 'family_name', 'birth_date', 'sex', 'phone', 'address', 'city', 'zip'] as const;

/**
 * The default model, used until the registry holds MIN_PEOPLE_FOR_EM people: m, u and λ estimated by
 * the engine (EM, u from random pairs) on its own synthetic population (seed 20261207; 4,000 people,
 * 5,000 records with typos, nicknames, moves and missing values; see linkage/synthetic.ts), restricted
 * to the fields registry people carry. Deterministic: the same seed gives the same model and version.
 */
export async function defaultModel(): Promise<StoredModel> {
  const people = syntheticPeople({ people: 4000, records: 5000, seed: 20261207 }).map((p) => {
    const out: RawPerson & { id: string } = { id: p.id };
    for (const f of REGISTRY_FIELDS) out[f] = p[f] ?? '';
    return out;
  });
  const result = await linkRecords(normalizePeople(people), { seed: 7 });
  return storedModelOf(result.model);
}

/** The model estimated by EM from the registry's own people. */
export async function registryModel(records: readonly LinkRecord[]): Promise<StoredModel> {
  const result = await linkRecords(records, { seed: 7 });
  return storedModelOf(result.model);
}

/**
 * How common the scored record's names are in the network: the share of source records (with that
 * field present) holding the same normalized given name and family name. From the index's own
 * `source_records`, not from the candidates: a blocked candidate set is chosen for sharing names, so
 * its frequencies would say nothing.
 */
export interface NameFrequencies {
  /** null: not known well enough (too few records); no adjustment. */
  given: number | null;
  family: number | null;
}

/**
 * Term frequencies are used once the index holds this many records with the field present; below it
 * one record is already a share of 0.1% or more and every name looks common (the same floor as the
 * registry's own model, MIN_PEOPLE_FOR_EM).
 */
export const MIN_RECORDS_FOR_TF = MIN_PEOPLE_FOR_EM;

/** The comparisons whose exact level gets a term-frequency adjustment, and the frequency each uses. */
const TF_FIELDS: Readonly<Record<string, keyof NameFrequencies>> = { given: 'given', family: 'family' };

export interface PairScore {
  candidateId: string;
  weight: number;
  probability: number;
  prior: number;
  contributions: StoredContribution[];
  /** Conflicting strong identifiers (different SSN, Jr/Sr) or a household look-alike (twins): never linked automatically. */
  guarded: boolean;
}

/**
 * Scores `record` against each candidate with the engine's comparisons and a stored model:
 * weight = log2(λ/(1−λ)) + Σ log2(m/u) over the comparison levels (Fellegi–Sunter, as Splink computes
 * it), plus, when `frequencies` are given, the engine's term-frequency adjustment on an exact given or
 * family name (Splink's: log2(u_exact) − log2(tf)), so "Smith" agreeing counts less than "Oyelaran".
 * The adjustment is part of that field's weight in the waterfall (and kept apart as `tfAdjustment`).
 * Sorted by weight (then candidate id), so the result is deterministic.
 */
export function scoreCandidates(
  model: StoredModel,
  record: LinkRecord,
  candidates: readonly LinkRecord[],
  frequencies?: NameFrequencies,
): PairScore[] {
  if (candidates.length === 0) return [];
  const e = encodeRecords([record, ...candidates], defaultNicknames());
  const comparisons = buildComparisons(e, { cache: false });
  const conflict = conflictRule(e, comparisons);
  const veto = vetoRule(e, comparisons);
  const prior = Math.log2(model.lambda / (1 - model.lambda));
  const byName = new Map(model.comparisons.map((c) => [c.name, c]));
  const out: PairScore[] = candidates.map((candidate, i) => {
    const b = i + 1;
    const contributions: StoredContribution[] = [];
    for (const c of comparisons) {
      const stored = byName.get(c.name);
      if (!stored) continue;
      const levelName = c.levels[c.level(0, b)]!;
      const l = stored.levels.indexOf(levelName);
      const weight = l <= 0 ? 0 : Math.log2(stored.m[l]! / stored.u[l]!);
      const tfField = TF_FIELDS[c.name];
      const tf = tfField && frequencies ? frequencies[tfField] : null;
      if (tf !== null && levelName === 'exact') {
        const tfAdjustment = termFrequencyAdjustment(stored.u[l]!, tf);
        contributions.push({ comparison: c.name, level: levelName, weight: weight + tfAdjustment, tfAdjustment });
      } else contributions.push({ comparison: c.name, level: levelName, weight });
    }
    const weight = contributions.reduce((s, c) => s + c.weight, prior);
    return {
      candidateId: candidate.id,
      weight,
      probability: probabilityOf(weight),
      prior,
      contributions,
      guarded: conflict(0, b) || veto(0, b),
    };
  });
  return out.sort((x, y) => y.weight - x.weight || (x.candidateId < y.candidateId ? -1 : 1));
}

export type Outcome = 'auto_link' | 'review' | 'new_identity';

/** The decision for a scored pair (a guarded pair is at most a review item). */
export function outcomeOf(score: Pick<PairScore, 'probability' | 'guarded'>): Outcome {
  if (score.probability >= UPPER_THRESHOLD && !score.guarded) return 'auto_link';
  if (score.probability >= LOWER_THRESHOLD) return 'review';
  return 'new_identity';
}
