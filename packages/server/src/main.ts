import { buildApp } from './app.ts';
import { systemClock } from './clock.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { startJobRunner } from './jobs/job-runner.ts';
import { jobRegistry, jobSchedules } from './jobs/registry.ts';
import { safeError } from './logging.ts';
import { hasDemoData, isDatabaseEmpty, seedDemoCommunity } from './demo/demo-seed.ts';
import { seedDemoPersonIndex } from './demo/demo-person-index-seed.ts';
import { startMllpListener } from './modules/feeds/index.ts';
import { startDemoFeeds } from './demo/demo-feeds.ts';
import { secretBox } from './core/secret-box.ts';
import { sealStoredEhrSecrets } from './modules/ehr/index.ts';
import { auditKeyring, drainAuditSequencer, startAuditCheckpoints, startAuditSequencer, withAuditKey } from './modules/audit/index.ts';

/**
 * The server process: load config, open and migrate the database, seed the demo community on an
 * empty development database, serve HTTP and run jobs; on SIGTERM/SIGINT stop taking requests,
 * finish the work in hand and close the database.
 */
async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  const clock = systemClock;
  const opened = await openDatabase(config.database);
  const { engine, close } = opened;
  // The audit key (CONTINUUM_AUDIT_KEY, or the key file made 0600 on first start) travels with the handle.
  const db = withAuditKey(opened.db, auditKeyring(config));
  const app = await buildApp({ config, db, engine, clock });
  const log = app.log;
  log.info({ engine, dataDir: config.database.kind === 'pglite' ? config.database.dataDir : undefined }, 'database opened');

  const applied = await migrateToLatest(db);
  if (applied.length > 0) log.info({ applied }, 'migrations applied');
  // The key that seals stored secrets: CONTINUUM_SECRET_KEY, or the key file (made 0600 on first start).
  const box = secretBox(config);
  const sealed = await sealStoredEhrSecrets(db, box);
  log.info({ keyId: box.keyId, source: config.secretKey.kind, sealed }, 'secret key ready');

  if (config.env === 'production' && (await hasDemoData(db))) {
    log.fatal('this database holds demo data; production refuses to start with it');
    await close();
    process.exit(1);
  }
  if (config.demoSeed === 'auto' && (await isDatabaseEmpty(db))) {
    log.info({ people: config.demoPeople }, 'empty database: seeding the demo community');
    await seedDemoCommunity(db, clock, {
      seed: config.demoRandomSeed,
      people: config.demoPeople,
      onStep: (step, ms) => log.info({ step, ms }, 'demo seed: step done'),
    });
    // A few people registered twice at two organizations, so the person index review queue has pairs.
    await seedDemoPersonIndex(db, clock);
    log.info('demo community ready; sign in as admin@demo.continuum.example / continuum-demo');
  }

  // Audit entries are chained shortly after commit by one sequencer (decision 0021); anything left from
  // before a crash is chained first, so the start-up checkpoint covers it.
  await drainAuditSequencer(db);
  const sequencer = startAuditSequencer(db, (error) => log.error({ err: safeError(error) }, 'audit sequencer failed'));
  // The chain's head anchored outside the database, now and every CONTINUUM_AUDIT_CHECKPOINT_MINUTES.
  const checkpoints = await startAuditCheckpoints(db, clock, config.audit.checkpointMinutes, (error) =>
    log.error({ err: safeError(error) }, 'audit checkpoint failed'),
  );
  const runner = config.jobs ? startJobRunner({ db, clock, registry: jobRegistry, schedules: jobSchedules, log, config }) : null;
  await app.listen({ host: config.host, port: config.port });
  // HL7 v2 over MLLP for emergency departments' ADT feeds (docs/integration.md), when CONTINUUM_MLLP_PORT is set.
  const mllp = config.feeds.mllp ? await startMllpListener({ db, clock, log }, config.feeds.mllp) : null;
  // The demo community's running ADT and roster sources (development only; CONTINUUM_DEMO_FEEDS=off stops them).
  const demoFeeds =
    config.feeds.demo && (await hasDemoData(db)) ? await startDemoFeeds(db, clock, log, { timeZone: config.timeZone }) : null;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await app.close();
      demoFeeds?.stop();
      await mllp?.close();
      await runner?.stop();
      await sequencer.stop();
      await checkpoints.stop();
      await close();
      process.exit(0);
    } catch (error) {
      log.error({ err: safeError(error) }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Continuum failed to start: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}\n`);
  process.exit(1);
});
