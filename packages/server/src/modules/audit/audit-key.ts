import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Config } from '../../config.ts';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { keyFromFile, parseSecretKey } from '../../core/secret-box.ts';

/*
 * The audit chain's key (decision 0020). It never enters the database: it comes from
 * CONTINUUM_AUDIT_KEY or from the key file `<data dir>/audit.key`, made with mode 0600 on first
 * start. Someone who can write the database but not read this key cannot recompute a valid chain.
 *
 * The key travels with the database handle: `withAuditKey(db, keyring)` returns a handle carrying it
 * (a Kysely plugin that changes no query), and every transaction opened from that handle carries it
 * too, so `recordAudit(trx, …)` finds it without a new parameter at every call site.
 */

export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyError';
  }
}

export interface AuditKeyring {
  /** The version new entries are sealed with (1 and up; 0 is the unkeyed SHA-256 of older entries). */
  readonly current: number;
  /** The keys by version; verification needs every version the chain holds. */
  readonly keys: ReadonlyMap<number, Buffer>;
  /** The file the chain's head is anchored in (signed checkpoints); null: no anchoring. */
  readonly checkpointFile: string | null;
}

export function keyringFromKey(key: Buffer, checkpointFile: string | null): AuditKeyring {
  if (key.length !== 32) throw new AuditKeyError('The audit key must be 32 bytes.');
  return { current: 1, keys: new Map([[1, key]]), checkpointFile };
}

/** The keyring from the configuration: the key from the environment or the key file (created 0600 when missing). */
export function auditKeyring(config: Config): AuditKeyring {
  const source = config.audit.key;
  const key = source.kind === 'env' ? parseSecretKey(source.key) : keyFromFile(source.path);
  if (!key) throw new AuditKeyError('CONTINUUM_AUDIT_KEY must be 32 bytes written as 64 hex digits or base64.');
  return keyringFromKey(key, config.audit.checkpointFile);
}

class AuditKeyPlugin implements KyselyPlugin {
  constructor(readonly keyring: AuditKeyring) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** A handle on the same database that carries the audit keyring (and hands it to its transactions). */
export function withAuditKey(db: Db, keyring: AuditKeyring): Db {
  return db.withPlugin(new AuditKeyPlugin(keyring));
}

/** The keyring the handle carries; a handle opened without one cannot write or verify the chain. */
export function keyringOf(db: DbOrTrx): AuditKeyring {
  const plugin = db.getExecutor().plugins.find((p): p is AuditKeyPlugin => p instanceof AuditKeyPlugin);
  if (!plugin) throw new AuditKeyError('This database handle carries no audit key: open it with withAuditKey(db, auditKeyring(config)).');
  return plugin.keyring;
}
