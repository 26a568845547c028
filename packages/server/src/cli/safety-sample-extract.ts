import fs from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { csvHeader, generateDispensings, toCsvLine } from '../modules/safety/index.ts';
import { exitCodes, positiveInt, type CliIo } from './cli-io.ts';

/* `continuum safety sample-extract`: a synthetic dispensing extract for trying the screen. */

export const safetySampleUsage = `Usage: continuum safety sample-extract --out FILE [--people N] [--rows N] [--seed N]

Writes a synthetic PDMP-style dispensing extract (CSV) for trying \`continuum safety screen\`:
fictional people, prescribers and pharmacies; acute and long-term opioid fills, benzodiazepines,
MOUD, naloxone, people filling at many pharmacies, and a drug with no MME factor.

  --out FILE   where to write the CSV
  --people N   people (default 1000)
  --rows N     dispensings, at least --people (default 5000)
  --seed N     random seed (default 42)
`;

/** \`continuum safety sample-extract\` */
export async function safetySampleExtract(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        people: { type: 'string' },
        rows: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : 'invalid arguments'}\n\n${safetySampleUsage}`);
    return exitCodes.usage;
  }
  if (values.help) {
    io.stdout(safetySampleUsage);
    return exitCodes.ok;
  }
  const people = positiveInt(values.people, '--people', 1000, 10_000_000);
  const rows = positiveInt(values.rows, '--rows', 5000, 100_000_000);
  const seed = positiveInt(values.seed, '--seed', 42, 2 ** 31 - 1);
  for (const v of [people, rows, seed]) {
    if (typeof v === 'string') {
      io.stderr(`${v}\n\n${safetySampleUsage}`);
      return exitCodes.usage;
    }
  }
  if (!values.out) {
    io.stderr(`--out is required\n\n${safetySampleUsage}`);
    return exitCodes.usage;
  }
  if ((rows as number) < (people as number)) {
    io.stderr(`--rows must be at least --people\n\n${safetySampleUsage}`);
    return exitCodes.usage;
  }
  const out = fs.createWriteStream(values.out, { highWaterMark: 1 << 22 });
  let buf = csvHeader;
  for (const r of generateDispensings({ people: people as number, rows: rows as number, seed: seed as number })) {
    buf += toCsvLine(r);
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  io.stdout(`Wrote ${rows} dispensings for ${people} people to ${values.out}.\n`);
  return exitCodes.ok;
}
