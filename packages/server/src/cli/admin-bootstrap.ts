import { parseArgs } from 'node:util';
import { z } from 'zod';
import { organizationTypeSchema } from '@continuum/contracts';
import { migrateToLatest } from '../db/migrate.ts';
import { AppError } from '../errors.ts';
import { assertPasswordPolicy, bootstrapNetworkAdministrator, hashPassword } from '../modules/identity/index.ts';
import type { CliContext } from './dispatch.ts';

const USAGE = 'Usage: continuum admin bootstrap --organization NAME --type TYPE --email EMAIL --name NAME --password-stdin\n';

const argsSchema = z.object({
  organization: z.string().trim().min(1).max(200),
  type: organizationTypeSchema,
  email: z.email(),
  name: z.string().trim().min(1).max(200),
});

/**
 * Creates the first organization and its network administrator on a database that has none:
 * how a production network starts, since demo accounts never exist there.
 */
export async function adminBootstrap(argv: string[], ctx: CliContext): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        organization: { type: 'string' },
        type: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    ctx.stderr(`${error instanceof Error ? error.message : 'bad arguments'}\n${USAGE}`);
    return 2;
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success || !values['password-stdin']) {
    const named = parsed.success ? ['--password-stdin'] : parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`);
    ctx.stderr(`Invalid arguments: ${named.join('; ')}\n${USAGE}`);
    return 2;
  }
  const args = parsed.data;
  const password = (await ctx.readStdin()).replace(/\r?\n$/, '');
  try {
    assertPasswordPolicy(password, args.email, 'password');
  } catch (error) {
    ctx.stderr(`Password refused: ${error instanceof AppError ? error.message : 'invalid'}\n`);
    return 2;
  }
  const hash = await hashPassword(password);
  const { db, close } = await ctx.openDb();
  try {
    await migrateToLatest(db);
    const outcome = await bootstrapNetworkAdministrator(db, ctx.clock, { ...args, passwordHash: hash });
    if (outcome === 'exists') {
      ctx.stderr('A network administrator already exists; add people from the Administration pages instead.\n');
      return 1;
    }
    ctx.stdout('Created the organization and its network administrator. Sign in with that email.\n');
    return 0;
  } finally {
    await close();
  }
}
