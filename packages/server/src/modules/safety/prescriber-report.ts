import {
  SMALL_CELL_MIN,
  screeningRuleCodes,
  type PrescriberReport,
  type PrescriberReportRow,
  type ReportCell,
  type Role,
  epochDay,
  dayStart,
} from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { AccessContext } from '../../core/access-context.ts';
import { readDispensingsForAggregate, type AggregateDispensing } from '../registry/index.ts';
import type { DrugKnowledge } from './drug-knowledge.ts';
import { defaultSafetyOptions, type SafetyOptions } from './rule-definitions.ts';
import { dayToIso } from './safety-model.ts';
import { screenDispensings } from './screening.ts';
import { type DispensingRow, type ScreeningResult } from './screening-model.ts';
import { membersAmong, userDisplayNames } from '../identity/index.ts';

/**
 * The prescriber feedback report: the population screening (`screening.ts`) over the network's own
 * dispensing care events, as aggregates per prescriber. Who sees what:
 *
 * - network administrators and analysts: every prescriber and the network;
 * - organization administrators: their organization's prescribers (network users who are members);
 * - clinicians (prescribers): their own row beside the network.
 *
 * Cells counting 1–10 people are suppressed (shown as "fewer than 11") everywhere except a
 * prescriber's own row. No person-level value is read out of the registry (`readDispensingsForAggregate`).
 */

export type ReportScope = PrescriberReport['scope'];

/** The widest scope the caller's roles give; FORBIDDEN when none. */
export function reportScope(roles: readonly Role[], system: boolean): ReportScope {
  if (system || roles.includes('network_admin') || roles.includes('analyst')) return 'network';
  if (roles.includes('org_admin')) return 'organization';
  if (roles.includes('clinician')) return 'self';
  throw new AppError('FORBIDDEN', {
    message: 'The prescriber report is for network and organization administrators, analysts and clinicians.',
  });
}

/** No prescriber on the dispensing: counted in the screening, never a row of its own. */
export const UNKNOWN_PRESCRIBER = 'unknown';
const UNKNOWN_PHARMACY = 'unknown';

/** A prescriber's key: the network user when known, else the prescriber as dispensed. */
export function prescriberKeyOf(data: Record<string, unknown>): string {
  if (typeof data.prescriberUserId === 'string' && data.prescriberUserId) return `user:${data.prescriberUserId}`;
  if (typeof data.prescriber === 'string' && data.prescriber.trim()) return `name:${data.prescriber.trim()}`;
  return UNKNOWN_PRESCRIBER;
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A dispensing care event → a screening row; null for what the screening does not use. */
export function toDispensingRow(e: AggregateDispensing): DispensingRow | null {
  const d = e.data;
  const base = {
    personId: String(e.personIndex),
    fillDate: dayToIso(epochDay(e.occurredAt)),
    prescriberId: prescriberKeyOf(d),
    pharmacyId: str(d.pharmacy) ?? UNKNOWN_PHARMACY,
  };
  switch (e.type) {
    case 'opioid_dispense':
    case 'medication_dispense':
      return {
        ...base,
        rxcui: str(d.rxnormCode),
        drugName: str(d.drugName),
        strength: str(d.strength),
        quantity: num(d.quantity) ?? NaN,
        daysSupply: num(d.daysSupply) ?? NaN,
      };
    case 'moud_dispense':
    case 'moud_administration': {
      const days = num(d.daysSupply) ?? 1;
      const name = `${str(d.medication) ?? 'medication'} ${str(d.formulation)?.replaceAll('_', ' ') ?? ''}`.trim();
      return { ...base, drugName: name, rxcui: str(d.rxnormCode), quantity: num(d.quantity) ?? days, daysSupply: days, otp: true };
    }
    case 'naloxone':
      return d.mode === 'kit_given' ? { ...base, drugName: 'naloxone', quantity: num(d.kits) ?? 1, daysSupply: 1 } : null;
    default:
      return null;
  }
}

function cell(rule: (typeof screeningRuleCodes)[number], count: number, denominator: number, suppress: boolean): ReportCell {
  const hidden = suppress && count > 0 && count < SMALL_CELL_MIN;
  return {
    rule,
    count: hidden ? null : count,
    rate: hidden || denominator === 0 ? null : Math.round((count / denominator) * 10000) / 10000,
    suppressed: hidden,
  };
}

export interface ReportInput {
  scope: ReportScope;
  /** `user:<id>` of the caller, when a user. */
  selfKey: string | null;
  /** For the organization scope: the keys of the organization's prescribers. */
  organizationKeys: ReadonlySet<string>;
  labels: ReadonlyMap<string, string>;
  from: string;
  to: string;
  generatedAt: string;
}

/** Pure: the screening result → the report the caller may see. */
export function buildReport(result: ScreeningResult, input: ReportInput): PrescriberReport {
  const { summary } = result;
  const networkSuppressed = (n: number) => n > 0 && n < SMALL_CELL_MIN;
  const visible = result.prescribers.filter((p) => {
    if (p.prescriberId === UNKNOWN_PRESCRIBER) return false;
    if (input.scope === 'network') return true;
    if (input.scope === 'organization') return input.organizationKeys.has(p.prescriberId);
    return p.prescriberId === input.selfKey;
  });
  const prescribers: PrescriberReportRow[] = visible
    .map((p) => {
      const self = p.prescriberId === input.selfKey;
      const hidePeople = !self && networkSuppressed(p.people);
      return {
        prescriberKey: p.prescriberId,
        label: input.labels.get(p.prescriberId) ?? p.prescriberId.replace(/^(user|name):/, ''),
        userId: p.prescriberId.startsWith('user:') ? p.prescriberId.slice(5) : null,
        self,
        people: hidePeople ? null : p.people,
        peopleSuppressed: hidePeople,
        rules: screeningRuleCodes.map((rule) => {
          const c = cell(rule, p.flagged[rule], p.people, !self);
          // With the denominator hidden, every cell of the row is hidden too (a rate would reveal it).
          return hidePeople ? { rule, count: null, rate: null, suppressed: true } : c;
        }),
      };
    })
    .sort((a, b) => Number(b.self) - Number(a.self) || (b.people ?? 0) - (a.people ?? 0) || a.label.localeCompare(b.label));
  return {
    generatedAt: input.generatedAt,
    from: input.from,
    to: input.to,
    scope: input.scope,
    minCellSize: SMALL_CELL_MIN,
    rowsRead: summary.rows,
    rejectedRows: summary.rejectedRows,
    network: {
      peopleWithOpioids: networkSuppressed(summary.peopleWithOpioids) ? null : summary.peopleWithOpioids,
      flaggedPeople: networkSuppressed(summary.flaggedPeople) ? null : summary.flaggedPeople,
      rules: screeningRuleCodes.map((rule) => cell(rule, summary.byRule[rule], summary.peopleWithOpioids, true)),
    },
    prescribers,
  };
}

/** The report for the caller over the last `days` days (one aggregate read, audited once). */
export async function prescriberReport(
  db: Db,
  clock: Clock,
  access: AccessContext,
  k: DrugKnowledge,
  input: { days: number },
  options: SafetyOptions = defaultSafetyOptions,
): Promise<PrescriberReport> {
  if (access.actor.type === 'anonymous') throw new AppError('UNAUTHENTICATED');
  const system = access.actor.type === 'system';
  const scope = reportScope(access.roles, system);
  if (scope === 'organization' && access.organizationId === null) throw new AppError('ORGANIZATION_NOT_SELECTED');
  const now = clock.now();
  const today = epochDay(now);
  const fromDay = today - input.days + 1;
  const from = dayStart(fromDay);
  const to = dayStart(today + 1);
  const selfKey = access.actor.type === 'user' ? `user:${access.actor.userId}` : null;

  const { rows } = await readDispensingsForAggregate(db, clock, access, { from, to, purpose: `prescriber-report:${scope}` });
  const result = await screenDispensings(k, rowsOf(rows), options);

  const userIds = [
    ...new Set(
      result.prescribers
        .map((p) => p.prescriberId)
        .filter((id) => id.startsWith('user:'))
        .map((id) => id.slice(5)),
    ),
  ];
  const labels = new Map<string, string>();
  const organizationKeys = new Set<string>();
  if (userIds.length > 0) {
    for (const [id, name] of await userDisplayNames(db, userIds)) labels.set(`user:${id}`, name);
    if (scope === 'organization') {
      for (const id of await membersAmong(db, access.organizationId!, userIds)) organizationKeys.add(`user:${id}`);
    }
  }
  return buildReport(result, {
    scope,
    selfKey,
    organizationKeys,
    labels,
    from: dayToIso(fromDay),
    to: dayToIso(today),
    generatedAt: now.toISOString(),
  });
}

function* rowsOf(rows: readonly AggregateDispensing[]): Generator<DispensingRow> {
  for (const r of rows) {
    const row = toDispensingRow(r);
    if (row) yield row;
  }
}

/** The report as CSV lines: one row per prescriber and rule, the network first. */
export function reportCsvRecords(report: PrescriberReport): string[][] {
  const header = ['prescriber', 'people_with_opioids', 'rule', 'people_flagged', 'rate', 'suppressed'];
  const out: string[][] = [header];
  const fmt = (v: number | null) => (v === null ? '' : String(v));
  for (const c of report.network.rules)
    out.push(['(network)', fmt(report.network.peopleWithOpioids), c.rule, fmt(c.count), fmt(c.rate), c.suppressed ? 'fewer than 11' : '']);
  for (const p of report.prescribers) {
    for (const c of p.rules) out.push([p.label, fmt(p.people), c.rule, fmt(c.count), fmt(c.rate), c.suppressed ? 'fewer than 11' : '']);
  }
  return out;
}
