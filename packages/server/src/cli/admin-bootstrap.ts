import { parseArgs } from 'node:util';
import { z } from 'zod';
import { organizationTypeSchema } from '@continuum/contracts';
import { migrateToLatest } from '../db/migrate.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { systemAccess } from '../core/access-context.ts';
import { hashPassword, assertPasswordPolicy } from '../modules/identity/index.ts';
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
    const existing = await db
      .selectFrom('memberships')
      .select('id')
      .where((eb) => eb(eb.val('network_admin'), '=', eb.fn.any('roles')))
      .limit(1)
      .executeTakeFirst();
    if (existing) {
      ctx.stderr('A network administrator already exists; add people from the Administration pages instead.\n');
      return 1;
    }
    const now = ctx.clock.now();
    const access = systemAccess('admin bootstrap');
    await db.transaction().execute(async (trx) => {
      const org = await trx
        .insertInto('organizations')
        .values({
          name: args.organization,
          type: args.type,
          created_at: now,
          updated_at: now,
          description: null,
          website: null,
          phone: null,
          email: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const user = await trx
        .insertInto('users')
        .values({
          email: args.email,
          display_name: args.name,
          password_hash: hash,
          status: 'active',
          password_changed_at: now,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const membership = await trx
        .insertInto('memberships')
        .values({ user_id: user.id, organization_id: org.id, roles: ['network_admin', 'org_admin'], created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx.clock, access, {
        action: 'organization.create',
        entityType: 'organization',
        entityId: org.id,
        organizationId: org.id,
      });
      await recordAudit(trx, ctx.clock, access, { action: 'user.create', entityType: 'user', entityId: user.id, organizationId: org.id });
      await recordAudit(trx, ctx.clock, access, {
        action: 'membership.create',
        entityType: 'membership',
        entityId: membership.id,
        organizationId: org.id,
        details: { roles: ['network_admin', 'org_admin'] },
      });
    });
    ctx.stdout('Created the organization and its network administrator. Sign in with that email.\n');
    return 0;
  } finally {
    await close();
  }
}
