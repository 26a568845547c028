import { Migrator, type MigrationResult } from 'kysely';
import type { Db } from './database.ts';
import { migrations } from './migrations/index.ts';

function migrator(db: Db) {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
}

export class MigrationError extends Error {
  constructor(
    readonly failedMigration: string | undefined,
    cause: unknown,
  ) {
    super(`Migration ${failedMigration ?? '(unknown)'} failed`, { cause });
    this.name = 'MigrationError';
  }
}

/** Applies every pending migration; returns the names applied. Throws MigrationError on failure. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName, error);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations known to this build but not yet applied. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
