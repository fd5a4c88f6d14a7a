import path from 'node:path';
import { startSubgraph } from '@c360/kit/bootstrap';
import type { RunningServer } from '@c360/kit/http';
import type { Logger } from '@c360/kit/logger';
import { MigrationError } from '@c360/kit/pg-migrations';
import { createContext, type ProfileSettings } from './context';
import { DEFAULT_RFM, type RfmThresholds } from './kpis';
import { resolvers } from './resolvers';
import { ProfileStore } from './store';
import { AudienceEngine, type AudienceData, type AudienceEngineOptions } from './audience-engine';
import { SubgraphAudienceData, type SubgraphAudienceDataOptions } from './audience-data';

export const SCHEMA_PATH = path.join(__dirname, '..', 'schema.graphql');

export interface ProfileSubgraphOptions {
  /** The profile subgraph's own PostgreSQL database (PROFILE_DATABASE_URL); it must exist, the subgraph creates its tables. */
  databaseUrl: string;
  /** Budget of one query to that database. @default 2000 */
  sourceTimeoutMs?: number;
  /** Region for phone numbers in national format from records that give no country (DEFAULT_PHONE_REGION). @default 'FR' */
  defaultPhoneRegion?: string;
  /** ISO 4217 currency KPIs report money in (KPI_REPORTING_CURRENCY). @default 'EUR' */
  reportingCurrency?: string;
  /** Value of one unit of each other currency in the reporting currency (KPI_EXCHANGE_RATES), e.g. { GBP: 1.17 }. @default {} */
  exchangeRates?: Record<string, number>;
  /** RFM score thresholds. @default DEFAULT_RFM (kpis.ts) */
  rfm?: RfmThresholds;
  /** The clock KPIs and segments are computed at; tests pin it. @default () => new Date() */
  now?: () => Date;
  /**
   * Told after every committed change of survivorship rules or segments, so that answers cached under
   * the old definitions (the gateway's fetch cache of this subgraph) are dropped: a change takes effect
   * on the next query. Its failures are logged, never thrown. @default none
   */
  onDefinitionsChanged?: () => Promise<unknown> | unknown;
  /**
   * Where bulk segment evaluation (Segment.size, Segment.members, Query.segmentPreview) reads customers:
   * the identity and source subgraphs' URLs (and the secret they verify), or any AudienceData. Without
   * it those fields answer SERVICE_UNAVAILABLE. @default none
   */
  audience?: (SubgraphAudienceDataOptions | { data: AudienceData }) & AudienceEngineOptions;
  logger: Logger;
  host: string;
  /** @default 0 (a free port) */
  port?: number;
}

/**
 * Starts the profile subgraph: golden record, omnichannel KPIs, live
 * segments and contactability over the source fields the gateway fetches
 * for it, with its survivorship rules and segment definitions in its own
 * PostgreSQL database (migrated here). A database that is down at start does
 * not stop the subgraph (the rules fields answer SOURCE_UNAVAILABLE until it
 * is back); a migration the database refuses does.
 */
export async function startProfileSubgraph(
  options: ProfileSubgraphOptions,
): Promise<RunningServer & { store: ProfileStore; audience: AudienceEngine | null }> {
  const logger = options.logger.child({ subgraph: 'profile' });
  const store = ProfileStore.connect(options.databaseUrl, options.sourceTimeoutMs ?? 2000);
  try {
    const applied = await store.migrate();
    if (applied.length > 0) logger.info({ applied }, 'profile migrations applied');
  } catch (err) {
    if (err instanceof MigrationError) {
      await store.close();
      throw err;
    }
    logger.warn({ err: (err as Error).message }, 'profile database unreachable at start; migrations will follow');
  }
  const audience = options.audience
    ? new AudienceEngine(
        'data' in options.audience ? options.audience.data : new SubgraphAudienceData(options.audience),
        options.audience,
      )
    : null;
  const settings: ProfileSettings = {
    audience,
    defaultPhoneRegion: options.defaultPhoneRegion ?? 'FR',
    kpi: {
      reportingCurrency: options.reportingCurrency ?? 'EUR',
      rates: options.exchangeRates ?? {},
      rfm: options.rfm ?? DEFAULT_RFM,
    },
    now: options.now,
    onDefinitionsChanged: async () => {
      try {
        await options.onDefinitionsChanged?.();
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'could not tell the gateway that profile definitions changed');
      }
    },
  };
  const server = await startSubgraph({
    name: 'profile',
    schemaPath: SCHEMA_PATH,
    resolvers,
    context: (_req, caller) => createContext(store, settings, caller),
    health: () => store.ping(),
    host: options.host,
    port: options.port,
    logger: options.logger,
  });
  return {
    ...server,
    store,
    audience,
    async stop() {
      await server.stop();
      await store.close();
    },
  };
}

export { parseExchangeRates } from './settings';
