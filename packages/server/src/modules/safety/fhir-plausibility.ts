import type { Dosage, MedicationDispense, MedicationRequest } from '@medplum/fhirtypes';
import { validationError } from '../../errors.ts';
import type { RecordIssue } from './safety-model.ts';

/*
 * The numbers of a medication order that no prescription can have: a dose, frequency, period,
 * quantity or supply that is not a positive number, or beyond any real prescription. A negative dose
 * would give a negative MME and hide a high total; 1e308 would overflow to Infinity. They are never
 * used: `POST /api/safety/check` and the CLI refuse the request naming the field (400); the CDS
 * Hooks services make the order "not computable" and report the field in a RECORD_PROBLEM card, so
 * the clinician signing still gets every other card (docs/safety.md).
 */

export type ImplausibleHandling = 'refuse' | 'not-computable';

/**
 * Upper bounds, far above any real outpatient prescription (engine choices, docs/safety.md): one
 * administration of 10,000 in any unit (mg, mcg, mL, tablets; the largest strengths in the RxNorm
 * opioid table are 1,600 mcg and 200 mg); frequency 48 and no more than 48 doses a day (every 30
 * minutes); a period of 1,000 units; 100,000 units dispensed; a supply of 366 days (a controlled-
 * substance prescription expires within 6 months, 21 CFR 1306.22, and Schedule II supplies are
 * written for at most 90 days, 21 CFR 1306.12(b)).
 */
export const PLAUSIBLE = { dose: 10_000, frequency: 48, dosesPerDay: 48, period: 1_000, quantity: 100_000, supplyDays: 366 } as const;

const PERIOD_DAYS: Record<string, number> = { s: 1 / 86400, min: 1 / 1440, h: 1 / 24, d: 1, wk: 7, mo: 30, a: 365 };
const DURATION_DAYS: Record<string, number> = {
  ...PERIOD_DAYS,
  day: 1,
  days: 1,
  week: 7,
  weeks: 7,
  month: 30,
  months: 30,
  year: 365,
  years: 365,
};

/** Checks one order's numbers; returns the first implausible field (after refusing, or recording every problem). */
export class PlausibilityCheck {
  readonly issues: RecordIssue[] = [];
  constructor(readonly handling: ImplausibleHandling) {}

  private problem(field: string, message: string): string {
    if (this.handling === 'refuse') throw validationError(field, message);
    this.issues.push({ field, message });
    return field;
  }

  /** A number present must be positive (or zero when `zero`) and at most `max`. */
  private value(v: unknown, field: string, max: number, zero = false): string | null {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (!zero && v === 0))
      return this.problem(field, `must be a positive number${zero ? ' or zero' : ''}`);
    if (v > max) return this.problem(field, `must be no more than ${max}`);
    return null;
  }

  private dosage(d: Dosage | undefined, at: string): string | null {
    if (!d) return null;
    const found: (string | null)[] = [];
    const dr = d.doseAndRate?.[0];
    const dr0 = `${at}.doseAndRate[0]`;
    found.push(this.value(dr?.doseQuantity?.value, `${dr0}.doseQuantity.value`, PLAUSIBLE.dose));
    found.push(this.value(dr?.doseRange?.low?.value, `${dr0}.doseRange.low.value`, PLAUSIBLE.dose, true));
    found.push(this.value(dr?.doseRange?.high?.value, `${dr0}.doseRange.high.value`, PLAUSIBLE.dose));
    const repeat = d.timing?.repeat;
    const rp = `${at}.timing.repeat`;
    found.push(this.value(repeat?.frequency, `${rp}.frequency`, PLAUSIBLE.frequency));
    found.push(this.value(repeat?.frequencyMax, `${rp}.frequencyMax`, PLAUSIBLE.frequency));
    found.push(this.value(repeat?.period, `${rp}.period`, PLAUSIBLE.period));
    found.push(this.value(repeat?.periodMax, `${rp}.periodMax`, PLAUSIBLE.period));
    const first = found.find((f) => f !== null) ?? null;
    if (first) return first;
    const freq = repeat?.frequencyMax ?? repeat?.frequency;
    const unitDays = PERIOD_DAYS[repeat?.periodUnit ?? 'd'];
    if (freq !== undefined && repeat?.period && unitDays !== undefined && freq / (repeat.period * unitDays) > PLAUSIBLE.dosesPerDay)
      return this.problem(rp, `must give no more than ${PLAUSIBLE.dosesPerDay} doses a day`);
    return null;
  }

  private supply(v: unknown, unit: string | undefined, field: string): string | null {
    const bad = this.value(v, field, Number.MAX_VALUE);
    if (bad || typeof v !== 'number') return bad;
    const perUnit = DURATION_DAYS[(unit ?? 'd').toLowerCase()] ?? 1;
    return v * perUnit > PLAUSIBLE.supplyDays ? this.problem(field, `must be no more than ${PLAUSIBLE.supplyDays} days`) : null;
  }

  /** A MedicationRequest at `at` (its path in the request body). */
  request(r: MedicationRequest, at: string): string | null {
    const found = [
      this.dosage(r.dosageInstruction?.[0], `${at}.dosageInstruction[0]`),
      this.value(r.dispenseRequest?.quantity?.value, `${at}.dispenseRequest.quantity.value`, PLAUSIBLE.quantity),
      this.supply(
        r.dispenseRequest?.expectedSupplyDuration?.value,
        r.dispenseRequest?.expectedSupplyDuration?.code ?? r.dispenseRequest?.expectedSupplyDuration?.unit,
        `${at}.dispenseRequest.expectedSupplyDuration.value`,
      ),
    ];
    return found.find((f) => f !== null) ?? null;
  }

  /** A MedicationDispense at `at`. */
  dispense(d: MedicationDispense, at: string): string | null {
    const found = [
      this.dosage(d.dosageInstruction?.[0], `${at}.dosageInstruction[0]`),
      this.value(d.quantity?.value, `${at}.quantity.value`, PLAUSIBLE.quantity),
      this.supply(d.daysSupply?.value, d.daysSupply?.code ?? d.daysSupply?.unit, `${at}.daysSupply.value`),
    ];
    return found.find((f) => f !== null) ?? null;
  }
}
