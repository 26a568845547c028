import { describe, expect, it } from 'vitest';
import { careEventDataSchemas, type OrganizationType, epochDayOf } from '@continuum/contracts';
import { fastTreatmentStarts, dispensingsOf, personMeasures } from '../modules/learning/person-measures.ts';
import type { MeasureEvent } from '../modules/registry/sources/measure-source.ts';
import { BRIDGE_PROGRAM_DAYS_AGO } from './synthetic-care-events.ts';
import { generateCare } from './synthetic-care.ts';

const today = new Date('2026-11-23T12:00:00Z');
const sample = Array.from({ length: 4000 }, (_, i) => generateCare(11, i, today));
const orgType = (key: string): OrganizationType =>
  key.endsWith('-ed') ? 'emergency_department' : key.endsWith('-otp') ? 'opioid_treatment_program' : 'other';
const asMeasureEvents = (events: (typeof sample)[number]['events']): MeasureEvent[] =>
  events.map((e) => ({
    type: e.type,
    day: epochDayOf(e.occurredAt),
    organizationId: e.organizationKey,
    organizationType: orgType(e.organizationKey),
    data: e.data as Record<string, unknown>,
  }));

describe('typed demo care events', () => {
  it('every event is valid for its type, dated no later than today, and the generator is deterministic', () => {
    for (const c of sample.slice(0, 1000)) {
      for (const e of c.events) {
        expect(careEventDataSchemas[e.type].safeParse(e.data).success, `${e.type} ${JSON.stringify(e.data)}`).toBe(true);
        expect(e.occurredAt <= today.toISOString()).toBe(true);
      }
    }
    expect(generateCare(11, 5, today)).toEqual(generateCare(11, 5, today));
  });

  it('about half of those who start medication for OUD stop within 6 months', () => {
    const asOf = epochDayOf(today.toISOString()) - 1;
    let closed = 0;
    let retained = 0;
    for (const c of sample) {
      const events = asMeasureEvents(c.events);
      const ds = dispensingsOf(events);
      if (ds.length === 0) continue;
      const first = fastTreatmentStarts(ds)[0]!;
      if (first + 179 > asOf) continue;
      closed++;
      const r = personMeasures(events, { fromDay: first, toDay: first, asOf, birthDate: '1980-01-01' }).find(
        (x) => x.measure === 'retention_180',
      );
      if (r?.numerator) retained++;
    }
    expect(closed).toBeGreaterThan(500);
    expect(retained / closed).toBeGreaterThan(0.3);
    expect(retained / closed).toBeLessThan(0.55);
  });

  it('ED referrals convert to MOUD within 7 days far more often after the bridge program starts', () => {
    const bridgeDay = epochDayOf(today.toISOString()) - BRIDGE_PROGRAM_DAYS_AGO;
    const asOf = epochDayOf(today.toISOString()) - 1;
    const rate = (from: number, to: number) => {
      let n = 0;
      let d = 0;
      for (const c of sample) {
        for (const x of personMeasures(asMeasureEvents(c.events), { fromDay: from, toDay: to, asOf, birthDate: '1980-01-01' })) {
          if (x.measure !== 'ed_moud_conversion_7') continue;
          n += x.numerator;
          d += x.denominator;
        }
      }
      return { n, d, rate: n / d };
    };
    const before = rate(bridgeDay - 360, bridgeDay - 1);
    const after = rate(bridgeDay, asOf);
    expect(before.d).toBeGreaterThan(100);
    expect(after.d).toBeGreaterThan(100);
    expect(before.rate).toBeLessThan(0.5);
    expect(after.rate).toBeGreaterThan(0.65);
  });
});
