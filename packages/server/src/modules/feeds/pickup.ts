import fs from 'node:fs/promises';
import path from 'node:path';
import type { FeedApplySummary, FeedKind } from '@continuum/contracts';
import type { Clock } from '../../clock.ts';
import { systemAccess } from '../../core/access-context.ts';
import type { Db } from '../../db/database.ts';
import { receiveContent } from './apply.ts';
import { auditPush } from './push.ts';
import { loadSources, type SourceRow } from './sources.ts';

/*
 * Scheduled folder pickup (docs/integration.md, "Files dropped in a folder"): a jail's roster, the
 * PDMP's extract or the medical examiner's death records written by a scheduled transfer into
 * `<CONTINUUM_FEEDS_PICKUP_DIR>/<feed id>/` are applied as if pushed to that feed, then moved to
 * `processed/` (every message accepted or a duplicate) or `failed/` (with `<name>.reason.txt`:
 * the summary and each rejected message's code and reason, never a value from it).
 *
 * Idempotent: a file is claimed by renaming it into `processing/` (a second run cannot take it),
 * every message is hashed as any feed's is (a file dropped again is all duplicates), and a file left
 * in `processing/` by a stopped process is taken again on the next run.
 */

/** The kinds whose files arrive on a schedule. */
export const PICKUP_KINDS: readonly FeedKind[] = ['roster', 'pdmp', 'deaths'];
/** A file still being written is left alone: names a transfer uses while writing, and anything changed in the last few seconds. */
const IN_PROGRESS = /^\.|\.(part|tmp|partial|filepart)$/i;
const DEFAULT_SETTLE_MS = 10_000;
/** The largest file taken (the API push's limit). */
export const MAX_PICKUP_BYTES = 5_000_000;

export interface PickupResult {
  sourceId: string;
  file: string;
  outcome: 'processed' | 'failed';
  summary: FeedApplySummary | null;
}

async function filesIn(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return [];
  }
}

const stamp = (clock: Clock) =>
  clock
    .now()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

async function pickUpOne(db: Db, clock: Clock, source: SourceRow, dir: string, claimed: string): Promise<PickupResult> {
  const name = path.basename(claimed);
  const finish = async (outcome: 'processed' | 'failed', summary: FeedApplySummary | null, reason: string) => {
    const to = path.join(dir, outcome);
    await fs.mkdir(to, { recursive: true });
    const target = path.join(to, `${stamp(clock)}-${name}`);
    await fs.rename(claimed, target);
    if (outcome === 'failed') await fs.writeFile(`${target}.reason.txt`, reason);
    return { sourceId: source.id, file: name, outcome, summary };
  };
  const stat = await fs.stat(claimed);
  if (stat.size > MAX_PICKUP_BYTES) return finish('failed', null, `The file is larger than ${MAX_PICKUP_BYTES} bytes; split it.\n`);
  const content = await fs.readFile(claimed, 'utf8');
  const rejected: string[] = [];
  const summary = await receiveContent(db, clock, source, content, {
    onMessage: (r) => {
      if (r.status === 'rejected') rejected.push(`message ${r.messageId}: ${r.code}: ${r.reason}`);
    },
  });
  await auditPush(db, clock, systemAccess('feeds: folder pickup'), source, 'folder', summary);
  if (summary.rejected === 0) return finish('processed', summary, '');
  return finish(
    'failed',
    summary,
    `${JSON.stringify(summary)}\nThe rejected messages are in the feed's error queue; the others were applied.\n${rejected.join('\n')}\n`,
  );
}

/** One pass over every pickup feed's folder under `root`. */
export async function pickUpFeedFiles(db: Db, clock: Clock, root: string, options: { settleMs?: number } = {}): Promise<PickupResult[]> {
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  const results: PickupResult[] = [];
  for (const source of await loadSources(db)) {
    if (!PICKUP_KINDS.includes(source.kind)) continue;
    const dir = path.join(root, source.id);
    const processing = path.join(dir, 'processing');
    // Left by a stopped run first, then new files.
    const claimed = (await filesIn(processing)).map((f) => path.join(processing, f));
    for (const name of (await filesIn(dir)).sort()) {
      if (IN_PROGRESS.test(name)) continue;
      const file = path.join(dir, name);
      try {
        if (Date.now() - (await fs.stat(file)).mtimeMs < settleMs) continue;
        await fs.mkdir(processing, { recursive: true });
        const to = path.join(processing, name);
        await fs.rename(file, to);
        claimed.push(to);
      } catch {
        // Taken by another run, or gone: not ours.
      }
    }
    for (const file of claimed) results.push(await pickUpOne(db, clock, source, dir, file));
  }
  return results;
}
