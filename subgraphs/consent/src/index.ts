import path from 'node:path';
import { startSourceSubgraph } from '@c360/kit/bootstrap';
import type { RunningServer } from '@c360/kit/http';
import type { Logger } from '@c360/kit/logger';
import { createContext } from './context';
import { MigrationError } from './migrations';
import { resolvers } from './resolvers';
import { ConsentRegister } from './sources/consent-register';

export const SCHEMA_PATH = path.join(__dirname, '..', 'schema.graphql');

export interface ConsentSubgraphOptions {
  /** The register's PostgreSQL database (CONSENT_DATABASE_URL); it must exist, the subgraph creates its tables. */
  databaseUrl: string;
  /** Budget of one register query. @default 2000 */
  sourceTimeoutMs?: number;
  /** Region for phone numbers given in national format without one (DEFAULT_PHONE_REGION). @default 'FR' */
  defaultPhoneRegion?: string;
  /** How long a change settles before the observation feed serves it. @default 200 */
  feedSettleMs?: number;
  logger: Logger;
  host: string;
  port?: number;
}

/**
 * Starts the consent subgraph over the consent register's PostgreSQL
 * database, applying its migrations first. A register that is down at start
 * does not stop the subgraph: its fields answer SOURCE_UNAVAILABLE and the
 * migrations are applied once it answers; a migration the database refuses does.
 */
export async function startConsentSubgraph(
  options: ConsentSubgraphOptions,
): Promise<RunningServer & { db: ConsentRegister }> {
  const logger = options.logger.child({ subgraph: 'consent' });
  const db = ConsentRegister.connect(options.databaseUrl, options.sourceTimeoutMs ?? 2000, {
    feedSettleMs: options.feedSettleMs,
  });
  try {
    const applied = await db.migrate();
    if (applied.length > 0) logger.info({ applied }, 'consent register migrations applied');
  } catch (err) {
    if (err instanceof MigrationError) {
      await db.close();
      throw err;
    }
    logger.warn({ err: (err as Error).message }, 'consent register unreachable at start; migrations will follow');
  }
  const settings = { defaultPhoneRegion: options.defaultPhoneRegion ?? 'FR' };
  return startSourceSubgraph({
    name: 'consent',
    schemaPath: SCHEMA_PATH,
    resolvers,
    db,
    context: (register, caller) => createContext(register, settings, caller),
    host: options.host,
    port: options.port,
    logger: options.logger,
  });
}
