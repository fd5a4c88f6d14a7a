import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Pool } from 'pg';
import { loadGatewayConfig } from '@c360/gateway/config';
import { startGateway, type RunningGateway } from '@c360/gateway/server';
import { writeClientsFile } from '@c360/gateway/testing';
import { startCrmSubgraph } from '@c360/subgraph-crm';
import { generateSecret } from '@c360/kit/auth';
import { createLogger } from '@c360/kit/logger';
import { testEnv, TEST_ENV } from '@c360/test-setup/test-env';

/** Where the storefront's client-preset manifest lives: `<this folder>/storefront/__generated__/`. */
export const DOCUMENTS_DIR = __dirname;

export interface ClientsWorld {
  gateway: RunningGateway;
  keys: Record<'storefront' | 'web-app' | 'analyst' | 'burst', string>;
  /** A CRM contact of this run: `{ contactId, company, ownerName }`. */
  contact: { contactId: string; company: string; ownerName: string };
  stop(): Promise<void>;
}

/**
 * The gateway in production mode, as front ends meet it: API keys, a persisted-only storefront (the
 * client preset's manifest of tests/integration/clients/storefront), a web app free to send any
 * operation (APQ), an analyst, a client with a tiny rate limit — over the real CRM subgraph and its
 * PostgreSQL, holding one contact of the run's own.
 */
export async function startClientsWorld(env: Record<string, string> = {}): Promise<ClientsWorld> {
  const contact = { contactId: `T-${randomUUID().slice(0, 8)}`, company: 'Acme Storefront', ownerName: 'Rep Clients' };
  const pool = new Pool({ connectionString: TEST_ENV.CRM_DATABASE_URL });
  await pool.query(
    `INSERT INTO contacts (contact_id, first_name, last_name, company, owner_name, created_at, updated_at)
     VALUES ($1, 'Ann', 'Smith', $2, $3, '2024-01-01Z', '2030-01-01Z')`,
    [contact.contactId, contact.company, contact.ownerName],
  );
  const logger = createLogger('silent');
  const crm = await startCrmSubgraph({ databaseUrl: TEST_ENV.CRM_DATABASE_URL!, logger, host: '127.0.0.1', port: 0 });
  const clients = writeClientsFile([
    { name: 'storefront', scopes: ['customer:read'], persistedOnly: true, manifest: 'storefront' },
    { name: 'web-app', scopes: ['customer:read'] },
    { name: 'analyst', scopes: ['customer:read', 'analyst'] },
    { name: 'burst', scopes: ['customer:read'], rateLimit: { points: 2, durationSeconds: 60 } },
  ]);
  const secret = generateSecret();
  const dead = 'http://127.0.0.1:9/graphql';
  const gateway = await startGateway({
    config: loadGatewayConfig(
      testEnv({
        C360_MODE: 'production',
        PORT: '0',
        CLIENTS_PATH: clients.path,
        PERSISTED_DOCUMENTS_DIR: DOCUMENTS_DIR,
        SUBGRAPH_SHARED_SECRET: secret,
        GATEWAY_REDIS_PREFIX: `c360:test:${randomUUID()}:`,
        ...env,
      }),
    ),
    logger,
    subgraphUrls: {
      crm: crm.url,
      identity: dead,
      commerce: dead,
      web: dead,
      support: dead,
      surveys: dead,
      stores: dead,
      consent: dead,
      profile: dead,
      privacy: dead,
    },
  });
  return {
    gateway,
    keys: clients.keys as ClientsWorld['keys'],
    contact,
    async stop() {
      await gateway.stop();
      await crm.stop();
      await pool.query('DELETE FROM contacts WHERE contact_id = $1', [contact.contactId]);
      await pool.end();
    },
  };
}

export interface SeenRequest {
  method: string;
  url: URL;
  body: Record<string, unknown> | null;
  status: number;
  contentType: string | null;
}

/** A fetch that records what a client library sent and what came back, to assert on the wire. */
export function recordingFetch(): { fetch: typeof fetch; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const text = request.method === 'POST' ? await request.clone().text() : '';
    const response = await fetch(request);
    seen.push({
      method: request.method,
      url: new URL(request.url),
      body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
      status: response.status,
      contentType: response.headers.get('content-type'),
    });
    return response;
  };
  return { fetch: recording, seen };
}

export const manifestPath = path.join(DOCUMENTS_DIR, 'storefront', '__generated__', 'persisted-documents.json');
