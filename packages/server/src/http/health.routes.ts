import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { healthSchema, readySchema } from '@continuum/contracts';
import { pendingMigrations } from '../db/migrate.ts';

export async function healthRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps;

  r.get(
    '/health',
    { config: { public: true }, schema: { tags: ['operations'], summary: 'The process is alive', response: { 200: healthSchema } } },
    async () => ({ status: 'ok' as const }),
  );

  r.get(
    '/ready',
    {
      config: { public: true },
      schema: {
        tags: ['operations'],
        summary: 'The database answers and its schema is current',
        response: { 200: readySchema, 503: readySchema },
      },
    },
    async (_request, reply) => {
      let database: 'up' | 'down' = 'down';
      let migrations: 'current' | 'pending' = 'pending';
      try {
        await sql`select 1`.execute(db);
        database = 'up';
        migrations = (await pendingMigrations(db)).length === 0 ? 'current' : 'pending';
      } catch {
        // reported as down below
      }
      const ready = database === 'up' && migrations === 'current';
      reply.status(ready ? 200 : 503);
      return { status: ready ? ('ready' as const) : ('not_ready' as const), database, migrations };
    },
  );
}
