import path from 'node:path';
import { startSourceSubgraph } from '@c360/kit/bootstrap';
import type { RunningServer } from '@c360/kit/http';
import type { Logger } from '@c360/kit/logger';
import { createContext } from './context';
import { resolvers } from './resolvers';
import { ShopDatabase } from './sources/shop-database';

export const SCHEMA_PATH = path.join(__dirname, '..', 'schema.graphql');

const HOUR_MS = 60 * 60 * 1000;

export interface CommerceSubgraphOptions {
  databaseUrl: string;
  /** Budget of one shop query. @default 2000 */
  sourceTimeoutMs?: number;
  /**
   * Hours without any change after which an active cart holding products
   * counts as abandoned. @default 24
   */
  cartAbandonedAfterHours?: number;
  /** The clock abandonment is judged by (ms since epoch); tests pin it. @default Date.now */
  now?: () => number;
  logger: Logger;
  host: string;
  port?: number;
}

/** Starts the commerce subgraph over the web shop's MariaDB database. */
export function startCommerceSubgraph(options: CommerceSubgraphOptions): Promise<RunningServer & { db: ShopDatabase }> {
  const hours = options.cartAbandonedAfterHours ?? 24;
  if (!(Number.isFinite(hours) && hours > 0)) {
    throw new RangeError(`cartAbandonedAfterHours: expected a positive number of hours, received ${hours}`);
  }
  const settings = { cartAbandonedAfterMs: hours * HOUR_MS, now: options.now };
  return startSourceSubgraph({
    name: 'commerce',
    schemaPath: SCHEMA_PATH,
    resolvers,
    db: ShopDatabase.connect(options.databaseUrl, options.sourceTimeoutMs ?? 2000),
    context: (db) => createContext(db, settings),
    host: options.host,
    port: options.port,
    logger: options.logger,
  });
}
