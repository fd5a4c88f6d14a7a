import path from 'node:path';
import { startSourceSubgraph } from '@c360/kit/bootstrap';
import type { RunningServer } from '@c360/kit/http';
import type { Logger } from '@c360/kit/logger';
import { createContext } from './context';
import { resolvers } from './resolvers';
import { AnalyticsWarehouse } from './sources/analytics-warehouse';

export const SCHEMA_PATH = path.join(__dirname, '..', 'schema.graphql');

export interface WebSubgraphOptions {
  /** PostgreSQL URL of the web analytics warehouse (WEB_DATABASE_URL). */
  databaseUrl: string;
  /** Budget of one warehouse query, in milliseconds. @default 2000 */
  sourceTimeoutMs?: number;
  logger: Logger;
  host: string;
  /** @default 0 (a free port) */
  port?: number;
}

/** Starts the web subgraph over the web analytics warehouse (PostgreSQL, Snowplow-shaped tables). */
export function startWebSubgraph(options: WebSubgraphOptions): Promise<RunningServer & { db: AnalyticsWarehouse }> {
  return startSourceSubgraph({
    name: 'web',
    schemaPath: SCHEMA_PATH,
    resolvers,
    db: AnalyticsWarehouse.connect(options.databaseUrl, options.sourceTimeoutMs ?? 2000),
    context: createContext,
    host: options.host,
    port: options.port,
    logger: options.logger,
  });
}
