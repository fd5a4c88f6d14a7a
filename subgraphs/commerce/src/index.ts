import path from 'node:path';
import { startSourceSubgraph } from '../../shared/src/bootstrap';
import type { RunningServer } from '../../shared/src/http';
import type { Logger } from '../../shared/src/logger';
import { createContext } from './context';
import { resolvers } from './resolvers';
import { ShopDatabase } from './sources/shop-database';

export const SCHEMA_PATH = path.join(__dirname, '..', 'schema.graphql');

export interface CommerceSubgraphOptions {
  databaseUrl: string;
  /** Budget of one shop query. @default 2000 */
  sourceTimeoutMs?: number;
  logger: Logger;
  host: string;
  port?: number;
}

/** Starts the commerce subgraph over the web shop's MariaDB database. */
export function startCommerceSubgraph(options: CommerceSubgraphOptions): Promise<RunningServer & { db: ShopDatabase }> {
  return startSourceSubgraph({
    name: 'commerce',
    schemaPath: SCHEMA_PATH,
    resolvers,
    db: ShopDatabase.connect(options.databaseUrl, options.sourceTimeoutMs ?? 2000),
    context: createContext,
    host: options.host,
    port: options.port,
    logger: options.logger,
  });
}
