import type { CareEventData, CareEventType, CareTeamRole } from '@continuum/contracts';
import { Random, weightedPicker } from './random.ts';
import { DAY_MS, addDays } from '@continuum/contracts';

/*
 * A person's typed care events over time, for the demo community and the measures benchmark: the
 * way in (ED visit, treatment program, primary care, peers, jail, harm reduction), identification
 * (screening, OUD diagnosis), ED referrals to MOUD, MOUD dispensing with refills, late refills and
 * stops, appointments, counseling, overdoses with naloxone, kits given, custody release, and
 * remission documented. Realistic drop-off: about half of those who start MOUD stop within 6
 * months. A deliberate improvement: from the ED bridge program's start (BRIDGE_PROGRAM_DAYS_AGO
 * before today) ED referrals convert to MOUD within 7 days far more often, ED follow-up improves and
 * more people released from jail start MOUD, so the charts show the shift. A pure function of
 * (seed, index, first contact, today).
 */

export const BRIDGE_PROGRAM_DAYS_AGO = 240;
export const BRIDGE_PROGRAM_TEXT = 'ED bridge program: buprenorphine started in the ED with a next-day bridge clinic appointment';

export interface SyntheticCareEvent<T extends CareEventType = CareEventType> {
  organizationKey: string;
  type: T;
  data: CareEventData<T>;
  occurredAt: string;
  title: string;
}

export interface CareTrajectory {
  events: SyntheticCareEvent[];
  /** The treatment organization, when the person started MOUD. */
  moud: { key: string; role: CareTeamRole; start: Date; stop: Date | null } | null;
}

interface Treatment {
  key: string;
  role: CareTeamRole;
  medication: 'methadone' | 'buprenorphine' | 'naltrexone';
}

const treatment = weightedPicker<Treatment>([
  [{ key: 'tidewater-otp', role: 'opioid_treatment_program', medication: 'methadone' }, 4],
  [{ key: 'northshore-otp', role: 'opioid_treatment_program', medication: 'methadone' }, 2],
  [{ key: 'cedar-crossing-otp', role: 'opioid_treatment_program', medication: 'methadone' }, 1],
  [{ key: 'lighthouse-bridge-clinic', role: 'moud_prescriber', medication: 'buprenorphine' }, 4],
  [{ key: 'harbor-chc', role: 'moud_prescriber', medication: 'buprenorphine' }, 3],
  [{ key: 'coastal-telehealth-moud', role: 'moud_prescriber', medication: 'buprenorphine' }, 2],
  [{ key: 'fern-hollow-recovery-medicine', role: 'moud_prescriber', medication: 'naltrexone' }, 1],
]);
const bridgeClinic: Treatment = { key: 'lighthouse-bridge-clinic', role: 'moud_prescriber', medication: 'buprenorphine' };
const otpOf: Record<string, Treatment> = {
  'tidewater-otp': { key: 'tidewater-otp', role: 'opioid_treatment_program', medication: 'methadone' },
  'northshore-otp': { key: 'northshore-otp', role: 'opioid_treatment_program', medication: 'methadone' },
  'cedar-crossing-otp': { key: 'cedar-crossing-otp', role: 'opioid_treatment_program', medication: 'methadone' },
  'lighthouse-bridge-clinic': bridgeClinic,
  'harbor-chc': { key: 'harbor-chc', role: 'moud_prescriber', medication: 'buprenorphine' },
};

const ED_KEYS = new Set(['harbor-general-ed', 'st-brigid-ed', 'cedar-valley-ed']);

function uuidFrom(rng: Random): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[rng.int(0, 3)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface TrajectoryOptions {
  /** Weekly dispensing for everyone (the benchmark's denser history) instead of longer refills. */
  weeklyDispensing?: boolean;
}

export function careTrajectory(
  seed: number,
  index: number,
  entryKey: string,
  firstContact: Date,
  today: Date,
  options: TrajectoryOptions = {},
): CareTrajectory {
  const rng = Random.forIndex(seed, 'care-events', index);
  const events: SyntheticCareEvent[] = [];
  const bridge = today.getTime() - BRIDGE_PROGRAM_DAYS_AGO * DAY_MS;
  let deathAt = Infinity;
  const add = <T extends CareEventType>(organizationKey: string, type: T, when: Date, data: CareEventData<T>, title: string) => {
    const t = Date.UTC(when.getUTCFullYear(), when.getUTCMonth(), when.getUTCDate(), rng.int(8, 18), 0, 0);
    if (t > today.getTime() || t > deathAt) return;
    events.push({ organizationKey, type, data, occurredAt: new Date(t).toISOString(), title });
  };
  const plus = (d: Date, days: number) => addDays(d, days);
  const d0 = firstContact;
  const afterBridge = d0.getTime() >= bridge;

  // Identification at the way in.
  const instrument = rng.pick(['TAPS', 'DAST-10', 'NIDA-QS'] as const);
  add(
    entryKey,
    'screening',
    d0,
    { instrument, result: 'positive', ...(instrument === 'DAST-10' ? { score: rng.int(6, 10) } : {}) },
    `${instrument} screen: positive`,
  );
  const severity = rng.pick(['mild', 'moderate', 'severe'] as const);
  if (entryKey !== 'harbor-peer-recovery' && entryKey !== 'harbor-harm-reduction') {
    add(entryKey, 'diagnosis', d0, { code: severity === 'mild' ? 'F11.10' : 'F11.20', severity }, `Opioid use disorder, ${severity}`);
  }

  let moud: { t: Treatment; start: Date } | null = null;
  let referralId: string | null = null;
  if (ED_KEYS.has(entryKey)) {
    add(
      entryKey,
      'encounter',
      d0,
      { setting: 'emergency_department', principalDiagnosis: rng.chance(0.5) ? 'F11.23' : 'F11.20', diagnoses: ['F11.20'] },
      'Emergency department visit',
    );
    referralId = uuidFrom(rng);
    add(
      entryKey,
      'referral',
      d0,
      { referralId, status: 'sent', service: 'Medication for OUD', serviceKind: 'moud' },
      'Referral to medication for OUD',
    );
    const converts = rng.chance(afterBridge ? 0.74 : 0.36);
    if (converts) {
      const t = afterBridge && rng.chance(0.6) ? bridgeClinic : treatment(rng);
      const start = plus(d0, afterBridge ? rng.int(0, 3) : rng.int(1, 7));
      add(t.key, 'appointment_attended', start, { referralId, serviceKind: 'moud' }, 'First MOUD appointment attended');
      moud = { t, start };
    } else {
      if (rng.chance(0.5))
        add(
          treatment(rng).key,
          'appointment_missed',
          plus(d0, rng.int(3, 7)),
          { referralId, serviceKind: 'moud' },
          'First appointment missed',
        );
      if (rng.chance(afterBridge ? 0.45 : 0.3))
        add(
          'harbor-chc',
          'encounter',
          plus(d0, rng.int(2, 25)),
          { setting: 'outpatient', principalDiagnosis: 'F11.20' },
          'Primary care follow-up',
        );
      if (rng.chance(0.3)) moud = { t: treatment(rng), start: plus(d0, rng.int(14, 120)) };
    }
    if (rng.chance(0.18)) {
      const again = plus(d0, rng.int(35, 300));
      add(entryKey, 'encounter', again, { setting: 'emergency_department', principalDiagnosis: 'F11.20' }, 'Emergency department visit');
      if (rng.chance(afterBridge || again.getTime() >= bridge ? 0.6 : 0.3))
        add('harbor-peer-recovery', 'recovery_milestone', plus(again, rng.int(0, 6)), { milestone: 'peer_support' }, 'Peer support visit');
    }
  } else if (entryKey === 'harbor-county-jail') {
    add(entryKey, 'custody_booking', plus(d0, -rng.int(0, 2)), {}, 'Booked into custody');
    const release = plus(d0, rng.int(5, 90));
    add(entryKey, 'custody_release', release, {}, 'Released from custody');
    const linked = rng.chance(release.getTime() >= bridge ? 0.5 : 0.28);
    if (linked) moud = { t: treatment(rng), start: plus(release, rng.int(1, 28)) };
    else if (rng.chance(0.2)) moud = { t: treatment(rng), start: plus(release, rng.int(35, 180)) };
  } else if (otpOf[entryKey] || entryKey === 'coastal-telehealth-moud' || entryKey === 'fern-hollow-recovery-medicine') {
    const t =
      otpOf[entryKey] ??
      (entryKey === 'coastal-telehealth-moud'
        ? { key: entryKey, role: 'moud_prescriber' as const, medication: 'buprenorphine' as const }
        : { key: entryKey, role: 'moud_prescriber' as const, medication: 'naltrexone' as const });
    if (rng.chance(0.85)) moud = { t, start: plus(d0, rng.int(0, 3)) };
  } else if (entryKey === 'harbor-behavioral-health' || entryKey === 'harbor-chc') {
    add(entryKey, 'encounter', d0, { setting: 'outpatient', principalDiagnosis: 'F11.20' }, 'Outpatient visit');
    if (rng.chance(0.5)) moud = { t: entryKey === 'harbor-chc' ? otpOf['harbor-chc']! : treatment(rng), start: plus(d0, rng.int(0, 30)) };
  } else {
    // Peers and harm reduction: kits first, treatment for some.
    add(entryKey, 'naloxone', d0, { mode: 'kit_given', kits: rng.int(1, 2) }, 'Naloxone kit given');
    if (rng.chance(0.35)) moud = { t: treatment(rng), start: plus(d0, rng.int(5, 90)) };
  }

  // The MOUD course: refills, late refills (gaps), appointments, and a stop for about half by 6 months.
  let stop: Date | null = null;
  if (moud) {
    const { t, start } = moud;
    const days = rng.chance(0.5) ? rng.int(10, 180) : rng.int(181, 900);
    stop = plus(start, days);
    const formulation =
      t.medication === 'naltrexone' ? 'extended_release_injection' : t.medication === 'methadone' ? 'oral_liquid' : 'sublingual';
    const type = t.medication === 'naltrexone' ? 'moud_administration' : 'moud_dispense';
    let day = start;
    let k = 0;
    while (day.getTime() < stop.getTime() && day.getTime() <= today.getTime()) {
      const supply =
        t.medication === 'naltrexone'
          ? 30
          : options.weeklyDispensing
            ? 7
            : t.medication === 'methadone'
              ? 14
              : k === 0
                ? 7
                : k === 1
                  ? 14
                  : 28;
      add(
        t.key,
        type,
        day,
        { medication: t.medication, formulation, daysSupply: supply },
        t.medication === 'naltrexone'
          ? 'Extended-release naltrexone injection'
          : `${t.medication === 'methadone' ? 'Methadone' : 'Buprenorphine'} dispensed`,
      );
      if (k % 4 === 1) add(t.key, 'appointment_attended', plus(day, rng.int(0, 2)), { serviceKind: 'moud' }, 'MOUD follow-up visit');
      if (k === 1 && rng.chance(0.3)) add(t.key, 'counseling_note', plus(day, 3), {}, 'Counseling session');
      // Usually on time (a day or two early or late); now and then a late refill leaves a gap of 8–20 days.
      const late = rng.chance(0.04) ? rng.int(8, 20) : rng.int(-2, 1);
      day = plus(day, Math.max(1, supply + late));
      k++;
    }
    if (days >= 365 && rng.chance(0.5))
      add(t.key, 'recovery_milestone', plus(start, rng.int(365, 420)), { milestone: 'remission_documented' }, 'Early remission documented');
    if (rng.chance(0.15)) add(t.key, 'appointment_missed', plus(start, rng.int(20, 90)), { serviceKind: 'moud' }, 'Appointment missed');
  }

  // Overdoses: some non-fatal with naloxone, some repeats within a month; a few fatal after treatment stops.
  if (rng.chance(0.1)) {
    const at = plus(d0, rng.int(-30, 400));
    const od = (when: Date) => {
      add('harbor-fire-ems', 'overdose', when, { fatal: false, naloxoneDoses: rng.int(1, 3) }, 'Non-fatal overdose');
      add('harbor-fire-ems', 'naloxone', when, { mode: 'administered' }, 'Naloxone given by EMS');
      if (rng.chance(0.6))
        add(
          'harbor-general-ed',
          'encounter',
          when,
          { setting: 'emergency_department', principalDiagnosis: 'T40.1X1A', diagnoses: ['T40.1X1A', 'F11.20'] },
          'Emergency department visit after overdose',
        );
    };
    od(at);
    if (rng.chance(0.15)) od(plus(at, rng.int(2, 30)));
  }
  if (rng.chance(0.3))
    add(
      rng.pick(['harbor-harm-reduction', 'public-health', 'harbor-peer-recovery']),
      'naloxone',
      plus(d0, rng.int(0, 200)),
      { mode: 'kit_given', kits: rng.int(1, 2) },
      'Naloxone kit given',
    );
  if (stop && stop.getTime() < today.getTime() && rng.chance(0.02)) {
    const when = plus(stop, rng.int(10, 120));
    add('harbor-medical-examiner', 'overdose', when, { fatal: true }, 'Fatal overdose');
    deathAt = when.getTime() + DAY_MS;
  }

  events.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
  const deathIdx = events.findIndex((e) => e.type === 'overdose' && (e.data as { fatal: boolean }).fatal);
  if (deathIdx >= 0) events.length = deathIdx + 1;
  return {
    events,
    moud: moud
      ? { key: moud.t.key, role: moud.t.role, start: moud.start, stop: stop && stop.getTime() < today.getTime() ? stop : null }
      : null,
  };
}
