import { describe, expect, it } from 'vitest';
import { factsFromCareEvents } from '../modules/safety/care-event-adapter.ts';
import { drugKnowledge } from '../modules/safety/drug-knowledge.ts';
import { evaluateSafety } from '../modules/safety/rules.ts';
import { DEMO_SAFETY_PEOPLE, planEvents, safetyPlan } from './demo-safety-seed.ts';
import { epochDay } from '@continuum/contracts';

const k = drugKnowledge();
const now = new Date('2026-11-23T15:00:00.000Z');
const CLINICIAN = '11111111-1111-4111-8111-111111111111';

/** What the person page would show for the plan in this slot. */
function rulesFor(seed: number, slot: number) {
  const events = planEvents(safetyPlan(seed, slot), now, CLINICIAN, slot).map((e, i) => ({
    id: `e${i}`,
    type: e.type,
    occurredAt: new Date(e.occurredAt),
    data: e.data as Record<string, unknown>,
    sourceOrganizationName: 'ED',
  }));
  const result = evaluateSafety(k, factsFromCareEvents(k, '1975-05-05', events, epochDay(now)), 'patient-view', []);
  return { mme: result.mme.mmePerDay, codes: result.rules.map((r) => r.code), events };
}

describe('demo prescriptions', () => {
  it('the first person reaches 90 MME/day under the demo clinician, with no naloxone', () => {
    const { mme, codes, events } = rulesFor(7, 0);
    expect(mme).toBe(90);
    expect(codes).toEqual(expect.arrayContaining(['MME_AT_LEAST_90', 'OFFER_NALOXONE']));
    expect(events.every((e) => e.data.prescriberUserId === CLINICIAN)).toBe(true);
  });

  it('the second fills opioids from six prescribers at six pharmacies', () => {
    expect(rulesFor(7, 1).codes).toContain('MULTIPLE_PRESCRIBERS_AND_PHARMACIES');
  });

  it.each([7, 42])(
    'seed %i: the demo holds several people at ≥ 90 MME/day, several with a benzodiazepine, and the clinician prescribes for many',
    (seed) => {
      const all = Array.from({ length: DEMO_SAFETY_PEOPLE }, (_, slot) => rulesFor(seed, slot));
      expect(all.filter((r) => r.codes.includes('MME_AT_LEAST_90')).length).toBeGreaterThanOrEqual(5);
      expect(all.filter((r) => r.codes.includes('OPIOID_WITH_BENZODIAZEPINE')).length).toBeGreaterThanOrEqual(5);
      expect(all.filter((r) => r.codes.includes('MME_AT_LEAST_50')).length).toBeGreaterThanOrEqual(3);
      expect(all.filter((r) => r.mme !== null && r.mme < 50 && !r.codes.includes('OFFER_NALOXONE')).length).toBeGreaterThanOrEqual(3);
      expect(all.filter((r) => r.events.some((e) => e.data.prescriberUserId === CLINICIAN)).length).toBeGreaterThanOrEqual(15);
    },
  );

  it('is deterministic from the seed', () => {
    expect(safetyPlan(7, 12)).toEqual(safetyPlan(7, 12));
    const differs = Array.from({ length: 20 }, (_, i) => JSON.stringify(safetyPlan(7, i + 2)) !== JSON.stringify(safetyPlan(8, i + 2)));
    expect(differs.some(Boolean)).toBe(true);
  });
});
