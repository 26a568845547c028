import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { systemAccess } from '../core/access-context.ts';
import { MINUTE_MS } from '@continuum/contracts';
import {
  createFeedSource,
  loadSources,
  receiveContent,
  rosterCsv,
  seededRandom,
  syntheticAdt,
  syntheticRosterRow,
} from '../modules/feeds/index.ts';

/*
 * The demo community's running feeds (development only; CONTINUUM_DEMO_FEEDS=off stops it, and it
 * never runs in tests or production): an emergency department's ADT and the jail's roster, a few
 * synthetic messages every minute through the real feed core, so a newcomer sees feeds arrive on
 * the Feeds page, in the person index review queue and on the worklist. Made-up people only.
 */

export interface DemoFeeds {
  /** The first round, started at once. */
  firstRound: Promise<void>;
  stop(): void;
}

export interface DemoFeedsLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Sets up the demo ED's hl7v2 feed and the demo jail's roster feed (once) and starts the timer. Null when the demo organizations are not there. */
export async function startDemoFeeds(
  db: Db,
  clock: Clock,
  log: DemoFeedsLog,
  options: { everyMs?: number; timeZone?: string } = {},
): Promise<DemoFeeds | null> {
  const orgs = await db
    .selectFrom('organizations')
    .select(['id', 'name', 'type'])
    .where('is_demo', '=', true)
    .where('type', 'in', ['emergency_department', 'corrections'])
    .orderBy('name')
    .execute();
  const ed = orgs.find((o) => o.type === 'emergency_department');
  const jail = orgs.find((o) => o.type === 'corrections');
  if (!ed || !jail) return null;
  const access = systemAccess('demo feeds');
  const zone = options.timeZone ?? 'UTC';
  const facility = 'DEMO-ED';
  const existing = await loadSources(db);
  if (!existing.some((s) => s.organizationId === ed.id && s.kind === 'hl7v2'))
    await createFeedSource(db, clock, access, { organizationId: ed.id, kind: 'hl7v2', name: facility, quietAfterMinutes: 30 }, zone);
  if (!existing.some((s) => s.organizationId === jail.id && s.kind === 'roster'))
    await createFeedSource(
      db,
      clock,
      access,
      { organizationId: jail.id, kind: 'roster', name: 'Daily roster', quietAfterMinutes: 30 },
      zone,
    );
  const sources = await loadSources(db);
  const adtSource = sources.find((s) => s.organizationId === ed.id && s.kind === 'hl7v2')!;
  const rosterSource = sources.find((s) => s.organizationId === jail.id && s.kind === 'roster')!;
  const area = await db.selectFrom('areas').select(['town', 'postal_code']).orderBy('id').limit(1).executeTakeFirst();
  const place = { city: area?.town ?? 'Harbor', postalCode: area?.postal_code ?? '' };
  // Numbered from the clock, so a restart does not resend the same messages.
  let n = Math.floor(clock.now().getTime() / 1000) * 10;
  const rnd = seededRandom(n);
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = clock.now();
      const adt = [syntheticAdt(rnd, n++, adtSource.name, now, place), syntheticAdt(rnd, n++, adtSource.name, now, place)].join('\r\n\r\n');
      const a = await receiveContent(db, clock, adtSource, adt);
      const r = await receiveContent(db, clock, rosterSource, rosterCsv([syntheticRosterRow(rnd, n++, now, 'Demo County Jail')]));
      log.info({ adt: a, roster: r }, 'demo feeds: messages received');
    } catch (error) {
      log.error({ err: { type: error instanceof Error ? error.name : 'unknown' } }, 'demo feeds: a round failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.everyMs ?? MINUTE_MS);
  timer.unref();
  return { firstRound: tick(), stop: () => clearInterval(timer) };
}
