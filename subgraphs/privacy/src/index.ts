import path from 'node:path';
import type express from 'express';
import { adminRoute, BadAdminRequest } from '@c360/kit/admin';
import { subgraphAuthDefaults, type SubgraphAuthOptions } from '@c360/kit/auth';
import { startSubgraph } from '@c360/kit/bootstrap';
import type { RunningServer } from '@c360/kit/http';
import type { Logger } from '@c360/kit/logger';
import { MigrationError } from '@c360/kit/pg-migrations';
import { createContext } from './context';
import { ErasureService } from './erasure';
import { CustomerExporter } from './export';
import { resolvers } from './resolvers';
import { PrivacyStore, type PiiReadRow } from './store';

export const SCHEMA_PATH = path.join(__dirname, '..', 'schema.graphql');

export interface PrivacySubgraphOptions {
  /** The privacy subgraph's own PostgreSQL database (PRIVACY_DATABASE_URL); it must exist, the subgraph migrates it. */
  databaseUrl: string;
  /** Base URL of the identity subgraph, e.g. http://127.0.0.1:4001 (its admin erasure endpoints). */
  identityUrl: string | (() => string);
  /** Base URL of every source subgraph by system name (their `POST /admin/erase`). */
  sourceUrls: Record<string, string> | (() => Record<string, string>);
  /** Base URL of the gateway (exports, cache purges); a function when the gateway starts after this subgraph. */
  gatewayUrl: string | (() => string | null);
  /** First retry delay of a failed erasure task, doubled after each failure (PRIVACY_RETRY_BASE_MS). @default 5000 */
  retryBaseMs?: number;
  /** Longest retry delay (PRIVACY_RETRY_MAX_MS). @default 300000 */
  retryMaxMs?: number;
  /** How often the erasure worker looks for due tasks. @default 1000 */
  pollMs?: number;
  /** Budget of one query to the privacy database. @default 2000 */
  sourceTimeoutMs?: number;
  logger: Logger;
  host: string;
  port?: number;
  /** How callers are verified, and the secret this subgraph signs its own calls with. @default configureSubgraphAuth's */
  auth?: SubgraphAuthOptions;
}

export interface PrivacySubgraph extends RunningServer {
  store: PrivacyStore;
  erasure: ErasureService;
  exporter: CustomerExporter;
}

const fn = <T>(value: T | (() => T)): (() => T) => (typeof value === 'function' ? (value as () => T) : () => value);

/**
 * Starts the privacy subgraph: rights of the data subject. It owns the
 * erasure jobs (and runs them: see erasure.ts), the access export (export.ts)
 * and the PII-read audit the gateway sends it (`POST /audit/pii-reads`).
 */
export async function startPrivacySubgraph(options: PrivacySubgraphOptions): Promise<PrivacySubgraph> {
  const logger = options.logger.child({ subgraph: 'privacy' });
  const store = PrivacyStore.connect(options.databaseUrl, options.sourceTimeoutMs ?? 2000);
  try {
    const applied = await store.migrate();
    if (applied.length > 0) logger.info({ applied }, 'privacy migrations applied');
  } catch (err) {
    if (err instanceof MigrationError) {
      await store.close();
      throw err;
    }
    logger.warn({ err: (err as Error).message }, 'privacy database unreachable at start; migrations will follow');
  }
  const auth = () => options.auth ?? subgraphAuthDefaults();
  const secret = () => auth().secrets?.[0];
  const erasure = new ErasureService(
    store,
    {
      identityUrl: fn(options.identityUrl),
      sourceUrls: fn(options.sourceUrls),
      gatewayUrl: fn(options.gatewayUrl),
      secret,
      retryBaseMs: options.retryBaseMs,
      retryMaxMs: options.retryMaxMs,
      pollMs: options.pollMs,
    },
    logger,
  );
  const exporter = new CustomerExporter({ gatewayUrl: fn(options.gatewayUrl), secret });
  const server = await startSubgraph({
    name: 'privacy',
    schemaPath: SCHEMA_PATH,
    resolvers,
    context: (_req, caller) => createContext({ store, erasure, exporter }, caller),
    health: () => store.ping(),
    routes: (app) => auditRoute(app, store, auth),
    // Job statuses and exports change from one moment to the next: never reused.
    cacheMaxAgeSeconds: 0,
    host: options.host,
    port: options.port,
    logger: options.logger,
    auth: options.auth,
  });
  erasure.start();
  return {
    ...server,
    store,
    erasure,
    exporter,
    async stop() {
      await erasure.stop();
      await server.stop();
      await store.close();
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `POST /audit/pii-reads {"reads": [...]}`: the gateway's PII-read audit records (admin scope). */
function auditRoute(app: express.Express, store: PrivacyStore, auth: () => SubgraphAuthOptions): void {
  adminRoute(app, '/audit/pii-reads', { source: 'privacy', auth, jsonLimit: '5mb' }, async (body) => {
    const reads = (body as { reads?: unknown } | null)?.reads;
    const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');
    const nullableString = (v: unknown) => v === null || v === undefined || typeof v === 'string';
    if (
      !Array.isArray(reads) ||
      !reads.every(
        (r: Record<string, unknown>) =>
          (r?.id === undefined || (typeof r.id === 'string' && UUID.test(r.id))) &&
          typeof r?.at === 'string' &&
          !Number.isNaN(Date.parse(r.at)) &&
          typeof r.client === 'string' &&
          nullableString(r.requestId) &&
          nullableString(r.operationName) &&
          strings(r.fields) &&
          strings(r.customerIds),
      )
    ) {
      throw new BadAdminRequest(
        'expected {"reads": [{"id" (a UUID, optional), "at", "client", "requestId", "operationName", "fields": [..], "customerIds": [..]}]}',
      );
    }
    const rows = (reads as Record<string, unknown>[]).map((r): PiiReadRow => ({
      id: (r.id as string | undefined) ?? null,
      at: new Date(r.at as string),
      client: r.client as string,
      requestId: (r.requestId as string | null) ?? null,
      operationName: (r.operationName as string | null) ?? null,
      fields: r.fields as string[],
      customerIds: r.customerIds as string[],
    }));
    return { recorded: await store.addPiiReads(rows) };
  });
}
