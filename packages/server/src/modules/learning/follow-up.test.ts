import { describe, expect, it } from 'vitest';
import { followUpVisits } from './follow-up.ts';

describe('follow-up after an ED visit (FUA-like)', () => {
  it('counts a follow-up on the visit day and on day 7, not day 8, for the 7-day rate', () => {
    expect(followUpVisits({ edVisits: [100], followUps: [100], admissions: [] })).toEqual([{ day: 100, within7: true, within30: true }]);
    expect(followUpVisits({ edVisits: [100], followUps: [107], admissions: [] })[0]).toMatchObject({ within7: true });
    expect(followUpVisits({ edVisits: [100], followUps: [108], admissions: [] })[0]).toEqual({ day: 100, within7: false, within30: true });
    expect(followUpVisits({ edVisits: [100], followUps: [130], admissions: [] })[0]).toMatchObject({ within30: true });
    expect(followUpVisits({ edVisits: [100], followUps: [131, 99], admissions: [] })[0]).toEqual({
      day: 100,
      within7: false,
      within30: false,
    });
  });

  it('keeps one visit per 31 days: 1 Jan kept, 2–31 Jan dropped, 1 Feb considered again', () => {
    const visits = followUpVisits({ edVisits: [0, 1, 30, 31], followUps: [], admissions: [] });
    expect(visits.map((v) => v.day)).toEqual([0, 31]);
  });

  it('excludes visits followed by an admission within 30 days, before de-duplicating', () => {
    // An admission on day 19 follows both visits within 30 days: both are excluded.
    expect(followUpVisits({ edVisits: [0, 9], followUps: [12], admissions: [19] })).toEqual([]);
    // Admitted on day 5: the day-0 visit is excluded first, so the day-9 visit is not dropped as
    // a repeat within 31 days of it.
    expect(followUpVisits({ edVisits: [0, 9], followUps: [12], admissions: [5] })).toEqual([{ day: 9, within7: true, within30: true }]);
    // An admission on day 31 is outside the day-0 visit's 30 days, and before the day-40 visit.
    const notExcluded = followUpVisits({ edVisits: [0, 40], followUps: [41], admissions: [31] });
    expect(notExcluded).toEqual([
      { day: 0, within7: false, within30: false },
      { day: 40, within7: true, within30: true },
    ]);
  });
});
