import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { epochDay, cdsHooks } from '@continuum/contracts';
import { AppError } from '../errors.ts';
import { drugKnowledge, defaultSafetyOptions, checkSafety, toDay } from '../modules/safety/index.ts';
import type { Hook } from '../modules/safety/index.ts';
import { exitCodes, type CliIo } from './cli-io.ts';

/* `continuum safety check`: the prescribing-safety rules over one FHIR Bundle (a file or stdin). */

export const safetyCheckUsage = `Usage: continuum safety check [file|-] [--as-of YYYY-MM-DD] [--hook HOOK]

Computes the daily MME, the MME timeline and the prescribing-safety rules for a FHIR R4 Bundle or a
CDS Hooks request (JSON) read from the file, or from standard input when the file is "-" or absent,
and prints the result as JSON. Nothing is stored.

  --as-of DATE   the day to check as of (default: today)
  --hook HOOK    evaluate as this CDS Hooks hook (order-select, order-sign, patient-view)
  -h, --help     show this help

Exit codes: 0 ok, 1 the input is not a valid Bundle or CDS Hooks request, 2 usage error.
`;

interface CheckContext extends CliIo {
  readStdin(): Promise<string>;
}

/** \`continuum safety check [file|-]\` */
export async function safetyCheck(argv: string[], io: CheckContext): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { 'as-of': { type: 'string' }, hook: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : 'invalid arguments'}\n\n${safetyCheckUsage}`);
    return exitCodes.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(safetyCheckUsage);
    return exitCodes.ok;
  }
  if (positionals.length > 1) {
    io.stderr(`give one file at most\n\n${safetyCheckUsage}`);
    return exitCodes.usage;
  }
  const asOf = values['as-of'] !== undefined ? toDay(values['as-of']) : epochDay(io.clock.now());
  if (asOf === undefined || (values['as-of'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values['as-of']))) {
    io.stderr(`--as-of must be a date (YYYY-MM-DD)\n\n${safetyCheckUsage}`);
    return exitCodes.usage;
  }
  const hook = values.hook;
  if (hook !== undefined && !(cdsHooks as readonly string[]).includes(hook)) {
    io.stderr(`--hook must be one of ${cdsHooks.join(', ')}\n\n${safetyCheckUsage}`);
    return exitCodes.usage;
  }
  const file = positionals[0];
  let text: string;
  try {
    text = file === undefined || file === '-' ? await io.readStdin() : await fs.promises.readFile(file, 'utf8');
  } catch {
    io.stderr(`cannot read ${file}\n`);
    return exitCodes.failure;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    io.stderr('the input is not valid JSON\n');
    return exitCodes.failure;
  }
  try {
    const result = checkSafety(drugKnowledge(), body, asOf, defaultSafetyOptions, hook as Hook | undefined);
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof AppError) {
      const fields = error.fields?.map((f) => `${f.path} ${f.message}`).join('; ');
      io.stderr(`invalid input: ${fields ?? error.message}\n`);
      return exitCodes.failure;
    }
    throw error;
  }
}
