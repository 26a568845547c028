import { parseArgs } from 'node:util';
import { migrateToLatest } from '../db/migrate.ts';
import { AppError } from '../errors.ts';
import {
  addDemoPeople,
  findDemoSettings,
  isDatabaseEmpty,
  seedDemoCommunity,
  type DemoProgress,
  type DemoSummary,
} from '../demo/demo-seed.ts';
import { demoAccounts, DEMO_PASSWORD } from '../demo/synthetic-community.ts';
import { exitCodes, type CliIo } from './cli-io.ts';

export const demoGenerateUsage = `Usage: continuum demo generate [--seed N] [--people N] [--json]

Generates the synthetic Harbor County community (fictional organizations, staff and people).

  On an empty database: migrates it, then seeds the community and --people people
  (default 2000) from --seed (default 42).
  On a database that already holds the demo: adds --people more people, continuing the
  stored seed's stream (--people is required; --seed, if given, must be the stored seed).
  On any other non-empty database: refuses and changes nothing.

  --seed N     random seed, 0 to 2147483647
  --people N   number of people, 0 to 10000000
  --json       print the summary as JSON
  -h, --help   show this help

Progress goes to stderr, the summary to stdout. Exit codes: 0 ok, 1 failure, 2 usage error.
`;

const MAX_SEED = 2 ** 31 - 1;
const MAX_PEOPLE = 10_000_000;
const DEFAULT_SEED = 42;
const DEFAULT_PEOPLE = 2000;

/** The summary printed with --json. */
export type DemoGenerateResult = { elapsedMs: number; totalPeople: number } & (
  ({ mode: 'created' } & DemoSummary) | { mode: 'appended'; seed: number; people: number; startIndex: number }
);

type Parsed = { help: true } | { help: false; seed: number | undefined; people: number | undefined; json: boolean };

function parseCount(value: string | undefined, max: number): number | undefined | null {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n <= max ? n : null;
}

function parse(argv: string[]): Parsed | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { seed: { type: 'string' }, people: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return error instanceof Error ? error.message : 'invalid arguments';
  }
  if (values.help) return { help: true };
  const seed = parseCount(values.seed, MAX_SEED);
  if (seed === null) return `--seed must be a whole number from 0 to ${MAX_SEED}`;
  const people = parseCount(values.people, MAX_PEOPLE);
  if (people === null) return `--people must be a whole number from 0 to ${MAX_PEOPLE}`;
  return { help: false, seed, people, json: values.json ?? false };
}

/** Writes "people: 30% (600/2000)" to stderr each time another tenth is done. */
function progressReporter(io: CliIo): (p: DemoProgress) => void {
  let announcedCommunity = false;
  let lastTenth = -1;
  return (p) => {
    if (p.phase === 'community') {
      if (!announcedCommunity) io.stderr('Creating the community: areas, organizations, locations, staff…\n');
      announcedCommunity = true;
      return;
    }
    const tenth = p.total === 0 ? 10 : Math.floor((p.done / p.total) * 10);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    io.stderr(`people: ${tenth * 10}% (${p.done}/${p.total})\n`);
  };
}

function describe(result: DemoGenerateResult): string {
  if (result.mode === 'appended') {
    return `Added ${result.people} people to the demo (seed ${result.seed}); it now holds ${result.totalPeople}. Took ${result.elapsedMs} ms.\n`;
  }
  return (
    `Seeded the demo community (seed ${result.seed}): ${result.organizations} organizations, ${result.locations} locations, ` +
    `${result.users} staff, ${result.people} people. Took ${result.elapsedMs} ms.\n` +
    `Sign in with the password ${DEMO_PASSWORD} as ${demoAccounts.map((a) => a.email).join(', ')}.\n`
  );
}

/**
 * `continuum demo generate`: migrates the database, then seeds the demo community into it when it
 * is empty, or adds people to the demo when it holds one; refuses any other database.
 */
export async function demoGenerate(argv: string[], io: CliIo): Promise<number> {
  const args = parse(argv);
  if (typeof args === 'string') {
    io.stderr(`${args}\n\n${demoGenerateUsage}`);
    return exitCodes.usage;
  }
  if (args.help) {
    io.stdout(demoGenerateUsage);
    return exitCodes.ok;
  }

  const started = io.clock.now().getTime();
  const elapsed = () => io.clock.now().getTime() - started;
  const onProgress = progressReporter(io);
  const { db, close } = await io.openDb();
  try {
    await migrateToLatest(db);
    let result: DemoGenerateResult;
    if (await isDatabaseEmpty(db)) {
      const summary = await seedDemoCommunity(db, io.clock, {
        seed: args.seed ?? DEFAULT_SEED,
        people: args.people ?? DEFAULT_PEOPLE,
        onProgress,
        onStep: (step, ms) => io.stderr(`${step}: done in ${ms} ms\n`),
      });
      result = { mode: 'created', ...summary, totalPeople: summary.people, elapsedMs: elapsed() };
    } else {
      const settings = await findDemoSettings(db);
      if (!settings) {
        io.stderr(
          'This database already holds organizations and is not a demo database; refusing to add demo data. ' +
            'Point CONTINUUM_DATA_DIR or DATABASE_URL at an empty database.\n',
        );
        return exitCodes.failure;
      }
      if (args.people === undefined) {
        io.stderr(
          `This database already holds the demo community (seed ${settings.seed}, ${settings.people} people). Pass --people N to add N more people.\n`,
        );
        return exitCodes.failure;
      }
      const added = await addDemoPeople(db, io.clock, {
        people: args.people,
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        onProgress,
      });
      result = {
        mode: 'appended',
        seed: added.seed,
        people: added.added,
        startIndex: added.startIndex,
        totalPeople: added.total,
        elapsedMs: elapsed(),
      };
    }
    io.stdout(args.json ? `${JSON.stringify(result)}\n` : describe(result));
    return exitCodes.ok;
  } catch (error) {
    const message =
      error instanceof AppError ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
    io.stderr(`demo generate failed: ${message}\n`);
    return exitCodes.failure;
  } finally {
    await close();
  }
}
