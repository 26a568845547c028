import { drainAuditSequencer, verifyAuditChain, writeAuditCheckpoint } from '../modules/audit/index.ts';
import type { CliContext } from './dispatch.ts';

/** Exit 0 when the chain is whole; 1 naming the first broken entry. */
export async function auditVerify(argv: string[], ctx: CliContext): Promise<number> {
  const json = argv.includes('--json');
  if (argv.some((a) => a !== '--json')) {
    ctx.stderr('Usage: continuum audit verify [--json]\n');
    return 2;
  }
  const { db, close } = await ctx.openDb();
  try {
    const result = await verifyAuditChain(db, (checked) => ctx.stderr(`checked ${checked} entries\n`));
    const anchored = result.lastCheckpointAt
      ? ` Compared with the checkpoint of ${result.lastCheckpointAt}.`
      : ' No checkpoint yet: removal of the newest entries cannot be ruled out.';
    if (json) ctx.stdout(`${JSON.stringify(result)}\n`);
    else if (result.ok) ctx.stdout(`Audit chain intact: ${result.checked} entries verified.${anchored}${pendingNote(result)}\n`);
    else if (result.firstBrokenId === null) ctx.stdout(`Audit chain BROKEN: ${result.reason}.\n`);
    else
      ctx.stdout(`Audit chain BROKEN at entry ${result.firstBrokenId}: ${result.reason}. ${result.checked} entries before it verified.\n`);
    return result.ok ? 0 : 1;
  } finally {
    await close();
  }
}

const pendingNote = (result: { pending: number; pendingSince: string | null }) =>
  result.pending > 0
    ? ` ${result.pending} newer entries (since ${result.pendingSince}) are sealed but not chained yet (not broken; the server's sequencer chains them, or \`continuum audit checkpoint\`).`
    : '';

/** Anchors the chain's head in the checkpoint file now (the server also does so every few minutes). */
export async function auditCheckpoint(argv: string[], ctx: CliContext): Promise<number> {
  if (argv.length > 0) {
    ctx.stderr('Usage: continuum audit checkpoint\n');
    return 2;
  }
  const { db, close } = await ctx.openDb();
  try {
    // Whatever is committed but not chained yet (a server stopped uncleanly) is chained first.
    await drainAuditSequencer(db);
    const written = await writeAuditCheckpoint(db, ctx.clock);
    ctx.stdout(
      written
        ? `Checkpoint written: ${written.count} entries, head ${written.lastId ?? 'none'}.\n`
        : 'The head has not moved since the last checkpoint.\n',
    );
    return 0;
  } finally {
    await close();
  }
}
