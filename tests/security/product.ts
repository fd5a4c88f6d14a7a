import { randomUUID } from 'node:crypto';
import { loadEmbeddedConfig } from '@c360/embedded/config';
import { SOURCE_NAMES, startProduct, type Product } from '@c360/embedded/product';
import { writeClientsFile } from '@c360/gateway/testing';
import { generateSecret, KNOWN_SCOPES, SCOPES } from '@c360/kit/auth';
import type { RunningServer } from '@c360/kit/http';
import { createLogger, type Logger } from '@c360/kit/logger';
import { TEST_TRUTH_PATH, testEnv } from '@c360/test-setup/test-env';

/**
 * The whole product started as the README starts it in production mode
 * (`C360_MODE=production`, a clients file of its own, the shared secret),
 * on free ports, over the test databases: what a security tester meets.
 */
export const SECRET = generateSecret();
export const CLIENTS = writeClientsFile([
  { name: 'admin-app', scopes: [...KNOWN_SCOPES] },
  { name: 'sales-app', scopes: [SCOPES.customerRead, SCOPES.piiRead] },
  { name: 'reader-app', scopes: [SCOPES.customerRead] },
  { name: 'monitoring', scopes: [SCOPES.operator] },
  { name: 'partner-app', scopes: [SCOPES.customerRead], persistedOnly: true },
]);
export const as = (client: keyof typeof CLIENTS.keys | string) => ({ 'x-api-key': CLIENTS.keys[client]! });

export function productionEnv(overrides: Record<string, string> = {}) {
  return testEnv({
    C360_MODE: 'production',
    CLIENTS_PATH: CLIENTS.path,
    SUBGRAPH_SHARED_SECRET: SECRET,
    // Rate limits and caches of this run only (another file's load must not use up this one's window).
    GATEWAY_REDIS_PREFIX: `c360:sec:${randomUUID()}:`,
    ...overrides,
  });
}

export async function startProductionProduct(
  overrides: Record<string, string> = {},
  logger: Logger = createLogger('silent'),
): Promise<Product> {
  return startProduct(loadEmbeddedConfig(productionEnv(overrides)), logger, {
    pollFeeds: false,
    truthPath: TEST_TRUTH_PATH,
  });
}

/** A service port of the product: its base URL and the Express app it serves. */
export interface ServicePort {
  name: string;
  base: string;
  server: RunningServer;
}

/**
 * Every port the product listens on, but the demo help-desk simulator
 * (demo, not product: a deployment points HELPDESK_URL at its real help desk).
 */
export function servicePorts(product: Product): ServicePort[] {
  const port = (name: string, server: RunningServer): ServicePort => ({
    name,
    base: server.url.replace(/\/graphql$/, ''),
    server,
  });
  return [
    port('gateway', product.gateway),
    ...(product.gateway.operator ? [port('gateway-operator', product.gateway.operator)] : []),
    port('identity', product.identity.server),
    ...SOURCE_NAMES.map((name) => port(name, product.sources[name])),
    port('profile', product.profile),
    port('privacy', product.privacy),
  ];
}
