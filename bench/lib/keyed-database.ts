import { randomBytes } from 'node:crypto';
import { openDatabase, type OpenedDatabase } from '../../packages/server/src/db/database.ts';
import { keyringFromKey, withAuditKey } from '../../packages/server/src/modules/audit/index.ts';

/** openDatabase with a throwaway audit key on the handle (no checkpoint file), so benchmarks' audited writes run as in the server. */
export async function openKeyedDatabase(...args: Parameters<typeof openDatabase>): Promise<OpenedDatabase> {
  const opened = await openDatabase(...args);
  return { ...opened, db: withAuditKey(opened.db, keyringFromKey(randomBytes(32), null)) };
}
