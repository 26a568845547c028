import {
  PostgresQueryCompiler,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * Records every statement a database handle sends (for tests that count the round trips of a
 * request): wrap the handle with `counter.wrap(db)`, `reset()`, make the request, read `statements`.
 */
export class StatementCounter implements KyselyPlugin {
  statements: string[] = [];
  private readonly compiler = new PostgresQueryCompiler();

  wrap(db: Db): Db {
    return db.withPlugin(this);
  }

  reset(): void {
    this.statements = [];
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.statements.push(this.compiler.compileQuery(args.node, args.queryId).sql.replace(/\s+/g, ' '));
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
