import { describe, expect, it } from 'vitest';
import type { AggregateDispensing } from '../registry/sources/safety-source.ts';
import { drugKnowledge } from './drug-knowledge.ts';
import { buildReport, prescriberKeyOf, reportCsvRecords, reportScope, toDispensingRow, type ReportInput } from './prescriber-report.ts';
import { screenDispensings } from './screening.ts';
import { type DispensingRow } from './screening-model.ts';

const k = drugKnowledge();
const A = '11111111-1111-4111-8111-111111111111';
const at = (date: string) => new Date(`${date}T12:00:00Z`);

const oxy = (person: number, quantity: number, prescriber: Record<string, string>): AggregateDispensing => ({
  personIndex: person,
  type: 'opioid_dispense',
  occurredAt: at('2026-01-05'),
  data: { rxnormCode: '1049621', quantity, daysSupply: 30, pharmacy: 'Harbor Pharmacy', ...prescriber },
  sourceOrganizationId: 'org',
});

/*
 * Hand-computed fixture (oxycodone 5 mg: 1.5 MME per mg, so quantity/30 tablets × 7.5 MME a day):
 *   person 0: 360 tablets from A → 90 MME/day → MME_AT_LEAST_90, OFFER_NALOXONE
 *   person 1: 120 tablets from A → 30 MME/day → nothing
 *   person 2: 120 tablets from Dr. B + alprazolam from Dr. B → OPIOID_WITH_BENZODIAZEPINE, OFFER_NALOXONE
 *   person 3: 240 tablets from A → 60 MME/day → MME_AT_LEAST_50; a naloxone kit, so no OFFER_NALOXONE
 * A: 3 people, 1 × ≥90, 1 × 50–89, 1 × naloxone. Dr. B: 1 person, 1 × benzodiazepine, 1 × naloxone.
 */
const fixture: AggregateDispensing[] = [
  oxy(0, 360, { prescriberUserId: A }),
  oxy(1, 120, { prescriberUserId: A }),
  oxy(2, 120, { prescriber: 'Dr. B' }),
  {
    personIndex: 2,
    type: 'medication_dispense',
    occurredAt: at('2026-01-05'),
    data: { rxnormCode: '197321', drugName: 'Alprazolam', quantity: 60, daysSupply: 30, prescriber: 'Dr. B' },
    sourceOrganizationId: 'org',
  },
  oxy(3, 240, { prescriberUserId: A }),
  { personIndex: 3, type: 'naloxone', occurredAt: at('2026-01-06'), data: { mode: 'kit_given', kits: 1 }, sourceOrganizationId: 'org' },
  // Given during an overdose response: not a dispensing.
  { personIndex: 1, type: 'naloxone', occurredAt: at('2026-01-06'), data: { mode: 'administered' }, sourceOrganizationId: 'org' },
];

const screen = (events: AggregateDispensing[]) =>
  screenDispensings(
    k,
    events.map(toDispensingRow).filter((r): r is DispensingRow => r !== null),
  );
const input = (over: Partial<ReportInput> = {}): ReportInput => ({
  scope: 'network',
  selfKey: null,
  organizationKeys: new Set(),
  labels: new Map([[`user:${A}`, 'Dr. Avery A']]),
  from: '2025-01-16',
  to: '2026-01-15',
  generatedAt: '2026-01-15T12:00:00.000Z',
  ...over,
});
const cells = (row: { rules: { rule: string; count: number | null; rate: number | null; suppressed: boolean }[] }) =>
  Object.fromEntries(row.rules.map((c) => [c.rule, [c.count, c.rate, c.suppressed]]));

describe('prescriber report over a hand-computed fixture', () => {
  it('a prescriber sees their own row in full beside the (suppressed) network', async () => {
    const report = buildReport(await screen(fixture), input({ scope: 'self', selfKey: `user:${A}` }));
    expect(report.rowsRead).toBe(6);
    expect(report.prescribers).toHaveLength(1);
    const own = report.prescribers[0]!;
    expect([own.label, own.self, own.people, own.userId]).toEqual(['Dr. Avery A', true, 3, A]);
    expect(cells(own)).toEqual({
      MME_AT_LEAST_50: [1, 0.3333, false],
      MME_AT_LEAST_90: [1, 0.3333, false],
      OPIOID_WITH_BENZODIAZEPINE: [0, 0, false],
      OFFER_NALOXONE: [1, 0.3333, false],
      MULTIPLE_PRESCRIBERS_AND_PHARMACIES: [0, 0, false],
      MME_NOT_COMPUTABLE: [0, 0, false],
    });
    // The network: 4 people with opioids, 3 flagged; every non-zero count is under 11, so suppressed.
    expect(report.network.peopleWithOpioids).toBeNull();
    expect(cells(report.network)).toEqual({
      MME_AT_LEAST_50: [null, null, true],
      MME_AT_LEAST_90: [null, null, true],
      OPIOID_WITH_BENZODIAZEPINE: [null, null, true],
      OFFER_NALOXONE: [null, null, true],
      MULTIPLE_PRESCRIBERS_AND_PHARMACIES: [0, 0, false],
      MME_NOT_COMPUTABLE: [0, 0, false],
    });
  });

  it('the network view lists every prescriber, suppressing rows under 11 people', async () => {
    const report = buildReport(await screen(fixture), input());
    expect(report.prescribers.map((p) => [p.label, p.people, p.peopleSuppressed])).toEqual([
      ['Dr. Avery A', null, true],
      ['Dr. B', null, true],
    ]);
    expect(report.prescribers.every((p) => p.rules.every((c) => c.suppressed && c.count === null && c.rate === null))).toBe(true);
  });

  it('an organization administrator sees only their organization’s prescribers', async () => {
    const report = buildReport(await screen(fixture), input({ scope: 'organization', organizationKeys: new Set([`user:${A}`]) }));
    expect(report.prescribers.map((p) => p.label)).toEqual(['Dr. Avery A']);
  });

  it.each([
    [10, null, true],
    [11, 11, false],
  ])('%i people flagged at ≥ 90 MME/day → count %s (suppressed: %s)', async (n, shown, suppressed) => {
    const events = Array.from({ length: n }, (_, i) => oxy(i, 360, { prescriber: 'Dr. C' }));
    const report = buildReport(await screen(events), input());
    const row = report.prescribers[0]!;
    expect(row.people).toBe(shown);
    expect(cells(row).MME_AT_LEAST_90).toEqual([shown, shown === null ? null : 1, suppressed]);
    expect(cells(report.network).MME_AT_LEAST_90).toEqual([shown, shown === null ? null : 1, suppressed]);
  });

  it('dispensings without a prescriber are screened but get no row', async () => {
    const report = buildReport(await screen([oxy(0, 360, {})]), input());
    expect(report.prescribers).toEqual([]);
    expect(report.rowsRead).toBe(1);
  });

  it('writes CSV: the network first, then one line per prescriber and rule', async () => {
    const report = buildReport(await screen(fixture), input({ scope: 'self', selfKey: `user:${A}` }));
    const records = reportCsvRecords(report);
    expect(records[0]).toEqual(['prescriber', 'people_with_opioids', 'rule', 'people_flagged', 'rate', 'suppressed']);
    expect(records[1]).toEqual(['(network)', '', 'MME_AT_LEAST_50', '', '', 'fewer than 11']);
    expect(records).toContainEqual(['Dr. Avery A', '3', 'MME_AT_LEAST_90', '1', '0.3333', '']);
    expect(records).toHaveLength(1 + 6 + 6);
  });
});

describe('report scope and keys', () => {
  it.each([
    [['network_admin'], 'network'],
    [['analyst'], 'network'],
    [['org_admin'], 'organization'],
    [['clinician'], 'self'],
    [['clinician', 'analyst'], 'network'],
  ] as const)('%j → %s', (roles, scope) => {
    expect(reportScope(roles, false)).toBe(scope);
  });

  it.each([[['care_navigator']], [['partner_staff']], [['privacy_officer']], [[]]] as const)('%j → refused', (roles) => {
    expect(() => reportScope(roles, false)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it.each([
    [{ prescriberUserId: A, prescriber: 'Dr. A' }, `user:${A}`],
    [{ prescriber: ' Dr. B ' }, 'name:Dr. B'],
    [{}, 'unknown'],
  ])('%j → %s', (data, key) => {
    expect(prescriberKeyOf(data)).toBe(key);
  });
});
