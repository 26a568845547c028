import { migrateToLatest, pendingMigrations } from '../db/migrate.ts';
import { secretBox } from '../core/secret-box.ts';
import { sealStoredEhrSecrets } from '../modules/ehr/index.ts';
import type { CliContext } from './dispatch.ts';

export async function dbMigrate(argv: string[], ctx: CliContext): Promise<number> {
  if (argv.length > 0) {
    ctx.stderr('Usage: continuum db migrate\n');
    return 2;
  }
  const { db, close } = await ctx.openDb();
  try {
    const applied = await migrateToLatest(db);
    // Secrets stored before they were sealed are sealed with the server's key (core/secret-box.ts).
    const sealed = await sealStoredEhrSecrets(db, secretBox(ctx.config));
    ctx.stdout(
      (applied.length === 0
        ? 'Database is up to date.\n'
        : `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}\n`).join('')}`) +
        (sealed > 0 ? `Sealed ${sealed} stored EHR client secret(s).\n` : ''),
    );
    return 0;
  } catch (error) {
    ctx.stderr(`Migration failed: ${error instanceof Error ? error.message : 'unknown error'}\n`);
    return 1;
  } finally {
    await close();
  }
}

export async function dbStatus(argv: string[], ctx: CliContext): Promise<number> {
  const json = argv.includes('--json');
  if (argv.some((a) => a !== '--json')) {
    ctx.stderr('Usage: continuum db status [--json]\n');
    return 2;
  }
  const { db, close } = await ctx.openDb();
  try {
    const pending = await pendingMigrations(db);
    ctx.stdout(
      json
        ? `${JSON.stringify({ pending })}\n`
        : pending.length === 0
          ? 'No pending migrations.\n'
          : `Pending:\n${pending.map((m) => `  ${m}\n`).join('')}`,
    );
    return 0;
  } finally {
    await close();
  }
}
