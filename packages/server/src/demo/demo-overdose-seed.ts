// Longer than 300 lines: the synthetic year's tables (areas, spikes, naloxone) and the steps that write them.
import type {
  NaloxoneGiver,
  NaloxoneRecipientCategory,
  OverdoseDisposition,
  OverdoseSourceType,
  SuspectedSubstance,
} from '@continuum/contracts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { systemAccess } from '../core/access-context.ts';
import { earsSeries, thresholdSpikes } from '../modules/overdose/index.ts';
import { demoOrganizations } from './demo-care-seed.ts';
import { Random, weightedPicker } from './random.ts';
import type { SyntheticArea, SyntheticRegion } from './synthetic-region.ts';
import { HOUR_MS, DAY_MS, addDays, utcDay } from '@continuum/contracts';

/*
 * A year of overdose and naloxone events for the demo community, deterministic from the seed and
 * anchored at the seeding time: about 500 suspected overdoses spread over the areas by population
 * (more in urban areas, a mild winter rise), two injected spikes — a cluster of ten in the most
 * populous area 45 days ago (the ODMAP-style threshold fires) and a two-day rise of seven in a
 * suburban area 140 days ago (EARS fires) — naloxone kits from the harm-reduction programs and EMS
 * leave-behinds. Events carry no person: they are surveillance data. The alerts these spikes raise
 * are stored as the detectors would have raised them.
 */

export interface DemoOverdose {
  occurredAt: Date;
  areaId: string;
  latitude: number;
  longitude: number;
  fatal: boolean;
  naloxoneDoses: number;
  naloxoneBy: NaloxoneGiver[];
  suspectedSubstances: SuspectedSubstance[];
  disposition: OverdoseDisposition;
  sourceType: OverdoseSourceType;
}

export interface DemoNaloxone {
  distributedAt: Date;
  areaId: string;
  place: string;
  recipientCategory: NaloxoneRecipientCategory;
  kits: number;
  leaveBehind: boolean;
  source: 'harm_reduction' | 'ems';
}

export interface DemoOverdoseYear {
  events: DemoOverdose[];
  naloxone: DemoNaloxone[];
  spikes: { areaId: string; day: string; extra: number }[];
}

const PER_YEAR = 500;

const pickSource = weightedPicker<OverdoseSourceType>([
  ['ems', 70],
  ['emergency_department', 15],
  ['law_enforcement', 10],
  ['community', 5],
]);
const pickDisposition = weightedPicker<OverdoseDisposition>([
  ['transported', 55],
  ['refused', 25],
  ['released', 15],
  ['unknown', 5],
]);
const pickRecipient = weightedPicker<NaloxoneRecipientCategory>([
  ['person_at_risk', 55],
  ['family_member', 25],
  ['community_member', 20],
]);

/** Poisson draw (Knuth) for the small daily rates used here. */
function poisson(rng: Random, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

function anEvent(rng: Random, area: SyntheticArea, at: number): DemoOverdose {
  const fatal = rng.chance(0.07);
  const substances: SuspectedSubstance[] = [];
  if (rng.chance(0.72)) substances.push('fentanyl');
  if (rng.chance(0.08)) substances.push('heroin');
  if (rng.chance(0.08)) substances.push('prescription_opioid');
  if (rng.chance(0.25)) substances.push('stimulant');
  if (rng.chance(0.1)) substances.push('xylazine');
  if (substances.length === 0) substances.push('unknown');
  const givers: NaloxoneGiver[] = [];
  if (rng.chance(0.7)) givers.push('ems');
  if (rng.chance(0.15)) givers.push('police');
  if (rng.chance(0.25)) givers.push('bystander');
  return {
    occurredAt: new Date(at),
    areaId: area.id,
    latitude: Math.round((area.latitude + rng.float(-0.008, 0.008)) * 1e5) / 1e5,
    longitude: Math.round((area.longitude + rng.float(-0.01, 0.01)) * 1e5) / 1e5,
    fatal,
    naloxoneDoses: givers.length === 0 ? 0 : rng.int(1, 3),
    naloxoneBy: givers,
    suspectedSubstances: substances,
    disposition: fatal ? 'deceased' : pickDisposition(rng),
    sourceType: fatal && rng.chance(0.5) ? 'medical_examiner' : pickSource(rng),
  };
}

/** The year up to `end` (pure; the same seed and end give the same year). */
export function generateOverdoseYear(seed: number, areas: readonly SyntheticArea[], end: Date, days = 365): DemoOverdoseYear {
  const rng = Random.fromSeed(seed, 'overdose-year');
  const totalPopulation = areas.reduce((s, a) => s + a.population, 0) || 1;
  const startDay = Date.parse(`${utcDay(end.getTime() - (days - 1) * DAY_MS)}T00:00:00Z`);
  const events: DemoOverdose[] = [];
  const naloxone: DemoNaloxone[] = [];
  const urbanBoost = (a: SyntheticArea) => (a.character === 'urban' ? 1.5 : a.character === 'suburban' ? 1 : 0.7);
  const weightSum = areas.reduce((s, a) => s + a.population * urbanBoost(a), 0) || 1;
  for (let d = 0; d < days; d++) {
    const dayStart = startDay + d * DAY_MS;
    const month = new Date(dayStart).getUTCMonth();
    const season = month <= 1 || month === 11 ? 1.2 : 1;
    for (const area of areas) {
      const lambda = (((PER_YEAR / 365) * (area.population * urbanBoost(area))) / weightSum) * season;
      const n = poisson(rng, lambda);
      for (let i = 0; i < n; i++) {
        const at = dayStart + rng.int(0, DAY_MS - 1);
        if (at > end.getTime()) continue;
        const e = anEvent(rng, area, at);
        events.push(e);
        if (e.sourceType === 'ems' && !e.fatal && rng.chance(0.3)) {
          naloxone.push({
            distributedAt: new Date(at + HOUR_MS),
            areaId: area.id,
            place: 'Left at the scene',
            recipientCategory: rng.chance(0.6) ? 'person_at_risk' : 'family_member',
            kits: 1,
            leaveBehind: true,
            source: 'ems',
          });
        }
      }
    }
    // Harm-reduction programs hand out kits about every other day somewhere in the region.
    if (rng.chance(0.5)) {
      const area = areas.length ? rng.pick(areas) : undefined;
      if (area)
        naloxone.push({
          distributedAt: new Date(dayStart + rng.int(9, 17) * HOUR_MS),
          areaId: area.id,
          place: rng.pick(['Outreach site', 'Mobile unit stop', 'Community event', 'Library']),
          recipientCategory: pickRecipient(rng),
          kits: rng.int(1, 10),
          leaveBehind: false,
          source: 'harm_reduction',
        });
    }
  }
  void totalPopulation;
  const spikes: DemoOverdoseYear['spikes'] = [];
  const byPopulation = [...areas].sort((a, b) => b.population - a.population);
  const urban = byPopulation[0];
  if (urban && days > 45) {
    // Ten in ten hours, in the evening 45 days ago: a fentanyl cluster.
    const start = startDay + (days - 46) * DAY_MS + 18 * HOUR_MS;
    for (let i = 0; i < 10; i++) {
      const e = anEvent(rng, urban, start + Math.round((i * 10 * HOUR_MS) / 10) + rng.int(0, 1_800_000));
      e.suspectedSubstances = ['fentanyl', 'xylazine'];
      events.push(e);
    }
    spikes.push({ areaId: urban.id, day: utcDay(start), extra: 10 });
  }
  const suburban = byPopulation.find((a) => a.character === 'suburban') ?? byPopulation[1];
  if (suburban && days > 140) {
    const start = startDay + (days - 141) * DAY_MS;
    for (let i = 0; i < 7; i++) events.push(anEvent(rng, suburban, start + (i < 4 ? 0 : DAY_MS) + rng.int(8, 22) * HOUR_MS));
    spikes.push({ areaId: suburban.id, day: utcDay(start), extra: 7 });
  }
  events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  naloxone.sort((a, b) => a.distributedAt.getTime() - b.distributedAt.getTime());
  return { events, naloxone, spikes };
}

/** Threshold N per area for the demo: 4 in urban areas, 3 in suburban, 2 in rural ones. */
export function demoThreshold(area: SyntheticArea): number {
  return area.character === 'urban' ? 4 : area.character === 'suburban' ? 3 : 2;
}

const ORG_BY_SOURCE: Record<OverdoseSourceType, string[]> = {
  ems: ['harbor-fire-ems', 'coast-range-ambulance'],
  emergency_department: ['harbor-general-ed', 'st-brigid-ed', 'cedar-valley-ed'],
  law_enforcement: ['harbor-county-sheriff', 'harbor-city-police'],
  medical_examiner: ['harbor-medical-examiner'],
  community: ['harbor-harm-reduction', 'coastline-syringe-services'],
};

/**
 * Writes the year, the demo thresholds and settings (outreach by the public health department),
 * and the alerts the detectors raise on it. Runs once after the demo community is stored.
 */
export async function seedDemoOverdose(
  db: Db,
  clock: Clock,
  options: { seed: number; region: SyntheticRegion },
): Promise<{ events: number; naloxone: number; alerts: number }> {
  const access = systemAccess('demo seed');
  const now = clock.now();
  const orgs = await demoOrganizations(db, options.seed, options.region);
  const orgId = (key: string) => orgs.get(key)?.id;
  const year = generateOverdoseYear(options.seed, options.region.areas, now);
  const rng = Random.fromSeed(options.seed, 'overdose-orgs');
  const areaById = new Map(options.region.areas.map((a) => [a.id, a]));

  const result = await db.transaction().execute(async (trx) => {
    const rows = year.events.flatMap((e) => {
      const org = orgId(rng.pick(ORG_BY_SOURCE[e.sourceType])) ?? orgId('harbor-fire-ems');
      if (!org) return [];
      return [
        {
          occurred_at: e.occurredAt,
          latitude: e.latitude,
          longitude: e.longitude,
          area_id: e.areaId,
          fatal: e.fatal,
          naloxone_doses: e.naloxoneDoses,
          naloxone_by: e.naloxoneBy,
          suspected_substances: e.suspectedSubstances,
          disposition: e.disposition,
          reporting_organization_id: org,
          source_type: e.sourceType,
          person_id: null,
          sensitivity: 'normal' as const,
          care_event_id: null,
          examiner_note: e.sourceType === 'medical_examiner' ? 'Opioid toxicity; manner accident (demo).' : null,
          examiner_organization_id: e.sourceType === 'medical_examiner' ? org : null,
          examiner_reported_at: e.sourceType === 'medical_examiner' ? addDays(e.occurredAt, 14) : null,
          external_id: null,
          created_by_user_id: null,
          created_at: e.occurredAt,
          updated_at: e.occurredAt,
        },
      ];
    });
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('overdose_events')
        .values(rows.slice(i, i + 500))
        .execute();
    const naloxoneRows = year.naloxone.flatMap((n) => {
      const org = orgId(
        n.source === 'ems' ? 'harbor-fire-ems' : rng.pick(['harbor-harm-reduction', 'coastline-syringe-services', 'public-health']),
      );
      if (!org) return [];
      return [
        {
          distributed_at: n.distributedAt,
          organization_id: org,
          area_id: n.areaId,
          place: n.place,
          recipient_category: n.recipientCategory,
          kits: n.kits,
          leave_behind: n.leaveBehind,
          overdose_event_id: null,
          person_id: null,
          care_event_id: null,
          created_by_user_id: null,
          created_at: n.distributedAt,
        },
      ];
    });
    for (let i = 0; i < naloxoneRows.length; i += 500)
      await trx
        .insertInto('naloxone_distributions')
        .values(naloxoneRows.slice(i, i + 500))
        .execute();

    await trx
      .insertInto('overdose_area_thresholds')
      .values(options.region.areas.map((a) => ({ area_id: a.id, threshold: demoThreshold(a), updated_by_user_id: null, updated_at: now })))
      .execute();
    const publicHealth = orgId('public-health') ?? null;
    await trx
      .insertInto('settings')
      .values({
        key: 'overdose',
        value: JSON.stringify({ outreachOrganizationId: publicHealth, outreachDueHours: 72, defaultThreshold: null, minSigma: 1 }),
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();

    // The alerts the detectors raise on the year (as if they had run all along; no notifications).
    const alerts: {
      episode_key: string;
      detector: 'threshold' | 'ears';
      area_id: string | null;
      started_at: Date;
      last_day: string;
      count: number;
      threshold: number | null;
      statistics: string | null;
    }[] = [];
    for (const s of thresholdSpikes(
      year.events.map((e) => ({ at: e.occurredAt.getTime(), area: e.areaId })),
      (area) => (areaById.has(area) ? demoThreshold(areaById.get(area)!) : undefined),
      now.getTime(),
    )) {
      alerts.push({
        episode_key: `threshold:${s.area}:${new Date(s.startedAt).toISOString()}`,
        detector: 'threshold',
        area_id: s.area,
        started_at: new Date(s.startedAt),
        last_day: utcDay(s.lastEventAt),
        count: s.peakCount,
        threshold: s.threshold,
        statistics: null,
      });
    }
    const startMs = Date.parse(`${utcDay(now.getTime() - 364 * DAY_MS)}T00:00:00Z`);
    const series = new Map<string | null, number[]>([[null, new Array<number>(365).fill(0)]]);
    for (const e of year.events) {
      const i = Math.floor((e.occurredAt.getTime() - startMs) / DAY_MS);
      if (i < 0 || i >= 365) continue;
      let s = series.get(e.areaId);
      if (!s) series.set(e.areaId, (s = new Array<number>(365).fill(0)));
      s[i]!++;
      series.get(null)![i]!++;
    }
    for (const [areaId, counts] of series) {
      const points = earsSeries(counts, { minSigma: 1 });
      let open: (typeof alerts)[number] | null = null;
      points.forEach((p, i) => {
        const alarm = p.c1Alarm || p.c2Alarm || p.c3Alarm;
        if (!alarm) {
          open = null;
          return;
        }
        const day = utcDay(startMs + i * DAY_MS);
        if (open) {
          open.last_day = day;
          open.count = Math.max(open.count, counts[i]!);
          return;
        }
        const fin = (v: number | null) => (v === null || !Number.isFinite(v) ? null : Math.round(v * 1e6) / 1e6);
        open = {
          episode_key: `ears:${areaId ?? 'region'}:${day}`,
          detector: 'ears',
          area_id: areaId,
          started_at: new Date(`${day}T00:00:00Z`),
          last_day: day,
          count: counts[i]!,
          threshold: null,
          statistics: JSON.stringify({ c1: fin(p.c1), c2: fin(p.c2), c3: fin(p.c3) }),
        };
        alerts.push(open);
      });
    }
    // Alerts older than two weeks were handled; the recent ones wait for acknowledgement.
    const recent = now.getTime() - 14 * DAY_MS;
    if (alerts.length > 0) {
      await trx
        .insertInto('overdose_alerts')
        .values(
          alerts.map((a) => ({
            ...a,
            acknowledged_at: a.started_at.getTime() < recent ? addDays(a.started_at, 1) : null,
            acknowledged_by_user_id: null,
            annotation: a.started_at.getTime() < recent ? 'Reviewed by the overdose response team (demo).' : null,
            created_at: a.started_at,
            updated_at: a.started_at,
          })),
        )
        .onConflict((oc) => oc.column('episode_key').doNothing())
        .execute();
    }
    await recordAudit(trx, clock, access, {
      action: 'demo.seed-overdose',
      entityType: 'settings',
      entityId: 'overdose',
      details: { events: rows.length, naloxone: naloxoneRows.length, alerts: alerts.length },
    });
    return { events: rows.length, naloxone: naloxoneRows.length, alerts: alerts.length };
  });

  return result;
}
