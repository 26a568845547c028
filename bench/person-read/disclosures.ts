import { sql } from 'kysely';
import type { Db } from '../../packages/server/src/db/database.ts';
import { BenchFailure } from '../lib/engines.ts';
import { sleep } from '../lib/targets.ts';
import { ENTRIES } from './model.ts';
import type { Scenario } from './scenario.ts';

/*
 * The disclosure log as the person-read benchmark checks it: every chokepoint read in a cell's
 * window wrote one disclosure row per source organization, by the signed consent, and the log's
 * size and totals over the whole run.
 */

/** Checks on the disclosures a cell's reads wrote, and a wait for reads still in flight. */
export function disclosureChecks(db: Db, scenario: Scenario, sourcesInTimeline: number) {
  const { reader } = scenario;
  /** Disclosure rows in [from, to): per request, the rows and the records they account for. */
  const disclosuresBetween = async (from: Date, to: Date) => {
    const rows = await db
      .selectFrom('disclosures')
      .select((eb) => [
        'request_id',
        eb.fn.countAll<string>().as('n'),
        eb.fn.sum<string>('record_count').as('records'),
        eb.fn.count<string>(eb.case().when('consent_id', '=', scenario.signedConsentId).then(1).end()).as('by_signed_consent'),
      ])
      .where('occurred_at', '>=', from)
      .where('occurred_at', '<', to)
      .where('person_id', '=', scenario.personId)
      .where('recipient_user_id', '=', reader.userId)
      .groupBy('request_id')
      .execute();
    return rows.map((r) => ({
      requestId: r.request_id,
      rows: Number(r.n),
      records: Number(r.records),
      bySignedConsent: Number(r.by_signed_consent),
    }));
  };

  /**
   * Every read in the window committed exactly one disclosure row per source organization, by the
   * signed consent, together accounting for all 200 entries; and there are as many such reads as
   * acknowledged reads (HTTP: up to `slack` more, requests in flight when the load stopped).
   */
  async function checkDisclosures(label: string, from: Date, to: Date, acknowledged: number, expectDisclosing: boolean, slack: number) {
    const reads = await disclosuresBetween(from, to);
    const rows = reads.reduce((n, r) => n + r.rows, 0);
    if (!expectDisclosing) {
      if (reads.length > 0) throw new BenchFailure(`${label}: wrote ${rows} disclosure rows but discloses nothing`);
      return { disclosingReads: 0, disclosureRows: 0 };
    }
    const bad = reads.filter(
      (r) => r.requestId === null || r.rows !== sourcesInTimeline || r.records !== ENTRIES || r.bySignedConsent !== r.rows,
    );
    if (bad.length > 0) {
      const b = bad[0]!;
      throw new BenchFailure(
        `${label}: ${bad.length} reads with a wrong disclosure (e.g. ${b.rows} rows for ${b.records} records, ${b.bySignedConsent} by the signed consent)`,
      );
    }
    if (reads.length < acknowledged || reads.length > acknowledged + slack) {
      throw new BenchFailure(`${label}: ${acknowledged} reads acknowledged but ${reads.length} reads disclosed`);
    }
    return { disclosingReads: reads.length, disclosureRows: rows };
  }

  /**
   * Waits until the reads the load generator left in flight when it stopped have committed (no new
   * disclosure row for a second), so each cell's window holds its own reads and no straggler's.
   */
  async function quiesce() {
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('disclosures')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const deadline = Date.now() + 60_000;
    let last = await count();
    let stableSince = Date.now();
    while (Date.now() - stableSince < 1000) {
      if (Date.now() > deadline) throw new BenchFailure('reads were still committing a minute after the load generator stopped');
      await sleep(200);
      const now = await count();
      if (now !== last) {
        last = now;
        stableSince = Date.now();
      }
    }
  }

  return { check: checkDisclosures, quiesce };
}

/** The disclosure table's size, and the check that every chokepoint read of the run disclosed in full. */
export async function disclosureTotals(db: Db, scenario: Scenario, sourcesInTimeline: number) {
  const { reader } = scenario;
  const disclosureSize = await (async () => {
    const row = (
      await sql<{
        bytes: string;
        n: string;
      }>`select pg_total_relation_size('disclosures')::bigint as bytes, (select count(*) from disclosures) as n`.execute(db)
    ).rows[0]!;
    return { bytes: Number(row.bytes), rows: Number(row.n) };
  })();

  // Over the whole run: one disclosure row per source organization for every chokepoint read.
  const totals = await db
    .selectFrom('disclosures')
    .select((eb) => [
      eb.fn.countAll<string>().as('rows'),
      eb.fn.count<string>('request_id').distinct().as('reads'),
      eb.fn.sum<string>('record_count').as('records'),
    ])
    .where('person_id', '=', scenario.personId)
    .where('recipient_user_id', '=', reader.userId)
    .where('request_id', 'not like', 'statement-%')
    .executeTakeFirstOrThrow();
  const chokepointReads = Number(totals.reads);
  const disclosureRows = Number(totals.rows);
  if (disclosureRows !== chokepointReads * sourcesInTimeline || Number(totals.records) !== chokepointReads * ENTRIES) {
    throw new BenchFailure(
      `disclosures: ${disclosureRows} rows for ${chokepointReads} reads, ${totals.records} records (expected ${sourcesInTimeline} rows and ${ENTRIES} records per read)`,
    );
  }
  return { disclosureSize, chokepointReads, disclosureRows };
}
