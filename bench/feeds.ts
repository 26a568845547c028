import { parseArgs } from 'node:util';
import { systemClock } from '../packages/server/src/clock.ts';
import { systemAccess } from '../packages/server/src/core/access-context.ts';
import { openDatabase } from '../packages/server/src/db/database.ts';
import { migrateToLatest } from '../packages/server/src/db/migrate.ts';
import {
  createFeedSource,
  loadSources,
  receiveContent,
  rosterCsv,
  seededRandom,
  syntheticAdt,
  syntheticRosterRow,
} from '../packages/server/src/modules/feeds/index.ts';
import { createTestOrganization } from '../packages/server/src/test-support/factories.ts';
import type { BenchContext } from './lib/context.ts';
import { markdownTable } from './lib/stats.ts';

export const summary =
  'live feeds through the real apply path on PGlite: HL7 v2 ADT messages per second (parse, person index match, registration, care events, overdose events) and jail roster rows per second; resends (duplicates) per second';

const usage = `Usage: npm run bench -- feeds [--messages N] [--rows N] [--json]

  --messages N   synthetic ADT messages (default 2000; about 58% carry an overdose or OUD diagnosis)
  --rows N       synthetic roster rows (default 2000; bookings and releases, 70% noted with OUD)

Each message is applied as a feed receives it: its own transaction with its staging row, the
person matched against the network person index (and registered when new), care events through
the registry's writer, overdose events through the overdose module. Then the same files are sent
again: every message a duplicate.`;

interface Row {
  what: string;
  count: number;
  seconds: number;
  perSecond: number;
}

export async function run(args: string[], { machine, log }: BenchContext): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { messages: { type: 'string' }, rows: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
      strict: true,
    }));
  } catch (error) {
    log(`${error instanceof Error ? error.message : 'invalid arguments'}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    log(usage);
    return 0;
  }
  const messages = Number(values.messages ?? 2000);
  const rows = Number(values.rows ?? 2000);
  const clock = systemClock;
  const { db, close } = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    await migrateToLatest(db);
    await db
      .insertInto('areas')
      .values({
        id: 'A1',
        name: 'Harbor North',
        town: 'Harbor',
        postal_code: '97101',
        latitude: 45.5,
        longitude: -122.6,
        population: 10000,
      })
      .execute();
    const access = systemAccess('benchmark');
    const ed = await createTestOrganization(db, clock, { name: 'Bench ED', type: 'emergency_department' });
    const jail = await createTestOrganization(db, clock, { name: 'Bench Jail', type: 'corrections' });
    await createFeedSource(db, clock, access, { organizationId: ed.id, kind: 'hl7v2', name: 'BENCH-ED' }, 'UTC');
    await createFeedSource(db, clock, access, { organizationId: jail.id, kind: 'roster', name: 'roster' }, 'UTC');
    const [adtSource, rosterSource] = (await loadSources(db)).sort((a, b) => a.kind.localeCompare(b.kind));
    const rnd = seededRandom(20261207);
    const now = new Date();
    const adt = Array.from({ length: messages }, (_, i) =>
      syntheticAdt(rnd, i, 'BENCH-ED', now, { city: 'Harbor', postalCode: '97101' }),
    ).join('\n\n');
    const roster = rosterCsv(Array.from({ length: rows }, (_, i) => syntheticRosterRow(rnd, messages + i, now, 'Bench Jail')));
    const results: Row[] = [];
    const timed = async (what: string, count: number, f: () => Promise<unknown>) => {
      const t0 = process.hrtime.bigint();
      const out = await f();
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      results.push({ what, count, seconds, perSecond: count / seconds });
      log(`${what}: ${count} in ${seconds.toFixed(2)} s → ${(count / seconds).toFixed(0)}/s ${JSON.stringify(out)}`);
    };
    await timed('ADT messages (new)', messages, () => receiveContent(db, clock, adtSource!, adt));
    await timed('ADT messages (resent: duplicates)', messages, () => receiveContent(db, clock, adtSource!, adt));
    await timed('roster rows (new)', rows, () => receiveContent(db, clock, rosterSource!, roster));
    await timed('roster rows (resent: duplicates)', rows, () => receiveContent(db, clock, rosterSource!, roster));
    const people = Number(
      (
        await db
          .selectFrom('people')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const events = Number(
      (
        await db
          .selectFrom('person_events')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    log('');
    log(
      markdownTable(
        ['input', 'count', 'seconds', 'per second'],
        results.map((r) => [r.what, String(r.count), r.seconds.toFixed(2), r.perSecond.toFixed(0)]),
      ),
    );
    log(`\nWritten: ${people} people registered, ${events} care events.`);
    if (values.json) process.stdout.write(`${JSON.stringify({ machine, messages, rows, results, people, events })}\n`);
    return 0;
  } finally {
    await close();
  }
}
