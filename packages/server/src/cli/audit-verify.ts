import { verifyAuditChain } from '../modules/audit/index.ts';
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
    if (json) ctx.stdout(`${JSON.stringify(result)}\n`);
    else if (result.ok) ctx.stdout(`Audit chain intact: ${result.checked} entries verified.\n`);
    else
      ctx.stdout(`Audit chain BROKEN at entry ${result.firstBrokenId}: ${result.reason}. ${result.checked} entries before it verified.\n`);
    return result.ok ? 0 : 1;
  } finally {
    await close();
  }
}
