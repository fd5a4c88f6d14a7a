import path from 'node:path';
import { startSourceSubgraph } from '@c360/kit/bootstrap';
import type { RunningServer } from '@c360/kit/http';
import type { Logger } from '@c360/kit/logger';
import { createContext } from './context';
import { resolvers } from './resolvers';
import { CrmDatabase } from './sources/crm-database';

export const SCHEMA_PATH = path.join(__dirname, '..', 'schema.graphql');

export interface CrmSubgraphOptions {
  databaseUrl: string;
  /** Budget of one CRM query. @default 2000 */
  sourceTimeoutMs?: number;
  logger: Logger;
  host: string;
  port?: number;
}

/** Starts the crm subgraph over the CRM's PostgreSQL database. */
export function startCrmSubgraph(options: CrmSubgraphOptions): Promise<RunningServer & { db: CrmDatabase }> {
  return startSourceSubgraph({
    name: 'crm',
    schemaPath: SCHEMA_PATH,
    resolvers,
    db: CrmDatabase.connect(options.databaseUrl, options.sourceTimeoutMs ?? 2000),
    context: createContext,
    host: options.host,
    port: options.port,
    logger: options.logger,
  });
}
