import path from 'node:path';
import { startSourceSubgraph } from '@c360/kit/bootstrap';
import { MemoryCache, type Cache } from '@c360/kit/cache';
import type { RunningServer } from '@c360/kit/http';
import type { Logger } from '@c360/kit/logger';
import { createContext } from './context';
import { resolvers } from './resolvers';
import { HelpdeskClient } from './sources/helpdesk-api';

export const SCHEMA_PATH = path.join(__dirname, '..', 'schema.graphql');

export interface SupportSubgraphOptions {
  /** Base URL of the help desk's REST API (HELPDESK_URL), e.g. https://acme.zendesk.com. */
  helpdeskUrl: string;
  /** API token sent to the help desk as a bearer token (HELPDESK_API_TOKEN). */
  apiToken: string;
  /** Budget of one HTTP call to the help desk. @default 2000 */
  sourceTimeoutMs?: number;
  /**
   * Where help-desk answers are kept between requests, for as long as the
   * help desk's Cache-Control allows. @default an in-process LRU of 5000 answers
   */
  cache?: Cache;
  logger: Logger;
  host: string;
  port?: number;
}

/** Starts the support subgraph over the help desk's REST API. */
export function startSupportSubgraph(options: SupportSubgraphOptions): Promise<RunningServer & { db: HelpdeskClient }> {
  return startSourceSubgraph({
    name: 'support',
    schemaPath: SCHEMA_PATH,
    resolvers,
    db: new HelpdeskClient({
      baseUrl: options.helpdeskUrl,
      token: options.apiToken,
      timeoutMs: options.sourceTimeoutMs ?? 2000,
      cache: options.cache ?? new MemoryCache(5000),
    }),
    context: createContext,
    host: options.host,
    port: options.port,
    logger: options.logger,
  });
}
