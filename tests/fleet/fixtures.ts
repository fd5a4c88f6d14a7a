/**
 * What the fleet tests share: clients, the operations they send, and a
 * gateway in front of a real identity subgraph (test Neo4j) whose caches and
 * invalidations go through whichever Redis the test configures — as a fleet
 * wires them: identity publishes what changed, the gateway listens.
 */
import { createHash, randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { loadGatewayConfig } from '@c360/gateway/config';
import { startGateway, type RunningGateway } from '@c360/gateway/server';
import { writeClientsFile } from '@c360/gateway/testing';
import { startIdentitySubgraph, type IdentitySubgraph } from '@c360/subgraph-identity';
import { removeTestData } from '@c360/subgraph-identity/testing';
import { generateSecret } from '@c360/kit/auth';
import { RedisCache } from '@c360/kit/cache';
import { InvalidationBus } from '@c360/kit/invalidation';
import { createLogger } from '@c360/kit/logger';
import type { RedisSettings } from '@c360/kit/redis';
import { uniqueSystem } from '@c360/kit/testing';
import { post } from '../integration/gateway-access/fixtures';
import { testEnv, TEST_NEO4J_URI } from '@c360/test-setup/test-env';

export { post };

/** The subgraphs other than identity, and where they are not (nothing listens on port 9). */
export const SOURCES = ['crm', 'commerce', 'stores', 'web', 'support', 'surveys', 'consent', 'profile', 'privacy'];
export const DEAD = 'http://127.0.0.1:9/graphql';

export const CUSTOMER_PAGE = /* GraphQL */ `
  query FleetCustomer($id: ID!) {
    customer(id: $id) {
      id
      sourceRecords {
        system
        localId
      }
    }
  }
`;

export const OBSERVE = /* GraphQL */ `
  mutation FleetObserve($input: RecordObservationInput!) {
    observeRecord(input: $input) {
      customer {
        id
      }
    }
  }
`;

export const MERGE = /* GraphQL */ `
  mutation FleetMerge($ids: [ID!]!) {
    mergeCustomers(ids: $ids, reason: "fleet test") {
      id
    }
  }
`;

/** The APQ hash of a query text. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Clients of the fleet tests; `limited` may send 8 requests per minute (counted across replicas).
 * `sales-app` drives the failover load, as many requests as the gateway answers: a limit of its own
 * far above that, so that the load measures the failover, not the default rate limit.
 */
export function fleetClients() {
  return writeClientsFile([
    { name: 'sales-app', scopes: ['customer:read', 'pii:read'], rateLimit: { points: 1_000_000, durationSeconds: 60 } },
    { name: 'steward-app', scopes: ['customer:read', 'identity:write'] },
    { name: 'limited', scopes: ['customer:read'], rateLimit: { points: 8, durationSeconds: 60 } },
    { name: 'ops', scopes: ['admin'] },
  ]);
}

/** The source records of a customer page, sorted, as `system:localId`. */
export const recordsOf = (body: any): string[] =>
  ((body?.data?.customer?.sourceRecords ?? []) as Array<{ system: string; localId: string }>)
    .map((r) => `${r.system}:${r.localId}`)
    .sort();

export interface GatewayOverIdentity {
  gateway: RunningGateway;
  identity: IdentitySubgraph;
  system: string;
  tag: string;
  keys: Record<string, string>;
  gql(body: unknown, client?: string, headers?: Record<string, string>): ReturnType<typeof post>;
  observe(localId: string, card: string): Promise<string>;
  stop(): Promise<void>;
}

/** A gateway and an identity subgraph in this process, both on the Redis of `redis` (a server, Cluster or Sentinel). */
export async function startGatewayOverIdentity(
  redis: Record<string, string>,
  settings: RedisSettings,
  prefix = `c360:test:${randomUUID().slice(0, 8)}:`,
): Promise<GatewayOverIdentity> {
  const system = uniqueSystem('fleet');
  const tag = randomUUID().slice(0, 8).toUpperCase();
  const secret = generateSecret();
  const logger = createLogger('silent');
  const driver: Driver = neo4j.driver(TEST_NEO4J_URI, undefined, { disableLosslessIntegers: true });
  const cache = RedisCache.connectTo(settings, logger, prefix);
  await cache.ready(5000);
  // As a fleet wires it (subgraphs/identity/src/main.ts): the writer drops its customers' entries from the
  // gateways' shared cache before answering, and publishes; every gateway replica listens.
  const bus = new InvalidationBus(cache.redis, logger, undefined, new RedisCache(cache.redis, logger, `${prefix}gw:`));
  const identity = await startIdentitySubgraph({
    driver,
    cache,
    logger,
    host: '127.0.0.1',
    auth: { mode: 'production', secrets: [secret] },
    onCustomersChanged: (customers) => bus.publish({ customers }),
  });
  const clients = fleetClients();
  const gateway = await startGateway({
    config: loadGatewayConfig(
      testEnv({
        C360_MODE: 'production',
        CLIENTS_PATH: clients.path,
        SUBGRAPH_SHARED_SECRET: secret,
        REDIS_URL: undefined,
        ...redis,
        GATEWAY_REDIS_PREFIX: `${prefix}gw:`,
        // A shared, busy test machine: a first write to a cold graph may take seconds.
        SUBGRAPH_TIMEOUT_MS: '30000',
        // Behind a load balancer: ready while identity answers, whatever the sources (down here).
        GATEWAY_READY_SUBGRAPHS: 'identity',
      }),
    ),
    logger,
    // Only identity runs here; the sources are down (a dead port), as a failed source would be.
    subgraphUrls: { ...Object.fromEntries(SOURCES.map((name) => [name, DEAD])), identity: identity.server.url },
  });
  const gql = (body: unknown, client = 'sales-app', headers: Record<string, string> = {}) =>
    post(gateway.url, body, { 'x-api-key': clients.keys[client]!, ...headers });
  return {
    gateway,
    identity,
    system,
    tag,
    keys: clients.keys,
    gql,
    async observe(localId, card) {
      const res = await gql(
        {
          query: OBSERVE,
          variables: { input: { system, localId, identifiers: [{ kind: 'LOYALTY_CARD', value: card }] } },
        },
        'steward-app',
      );
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
      return res.body.data.observeRecord.customer.id as string;
    },
    async stop() {
      await gateway.stop();
      await identity.stop();
      await cache.close();
      await removeTestData(driver, system, tag);
      await driver.close();
    },
  };
}
