import path from 'node:path';
import { startSourceSubgraph } from '@c360/kit/bootstrap';
import type { RunningServer } from '@c360/kit/http';
import type { Logger } from '@c360/kit/logger';
import { createContext } from './context';
import { resolvers } from './resolvers';
import { TillExportFolder } from './sources/till-exports';

export const SCHEMA_PATH = path.join(__dirname, '..', 'schema.graphql');

export interface StoresSubgraphOptions {
  /** Folder the store tills and the loyalty programme export their files to (STORES_EXPORT_DIR). */
  exportDir: string;
  /** Budget of one lookup in the export index. @default 2000 */
  sourceTimeoutMs?: number;
  /** How long a new or changed export must stay unchanged before it is read. @default 1000 */
  settleMs?: number;
  /** How often to look for the export folder again while it is missing or unreadable. @default 5000 */
  retryMs?: number;
  logger: Logger;
  host: string;
  port?: number;
}

/**
 * Starts the stores subgraph over the till export folder. Every export in it
 * is read and indexed before the subgraph listens; a missing folder does not
 * stop the start: the stores' fields answer SOURCE_UNAVAILABLE until it appears.
 */
export async function startStoresSubgraph(
  options: StoresSubgraphOptions,
): Promise<RunningServer & { db: TillExportFolder }> {
  const db = new TillExportFolder({
    dir: options.exportDir,
    timeoutMs: options.sourceTimeoutMs ?? 2000,
    settleMs: options.settleMs,
    retryMs: options.retryMs,
    logger: options.logger,
  });
  await db.started;
  try {
    return await startSourceSubgraph({
      name: 'stores',
      schemaPath: SCHEMA_PATH,
      resolvers,
      db,
      context: createContext,
      host: options.host,
      port: options.port,
      logger: options.logger,
    });
  } catch (err) {
    await db.close();
    throw err;
  }
}
