import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import type { RateLimit } from './auth/clients';
import { generateApiKey, keyEntry } from './auth/keys';

export interface TestClient {
  name: string;
  scopes: string[];
  persistedOnly?: boolean;
  manifest?: string;
  rateLimit?: RateLimit;
}

/**
 * Writes a clients file of fresh clients, one new API key each, in a folder
 * of its own (or `dir`); returns its path and each client's key, for tests
 * (the demo file is refused in production).
 */
export function writeClientsFile(clients: TestClient[], dir?: string): { path: string; keys: Record<string, string> } {
  const folder = dir ?? mkdtempSync(path.join(tmpdir(), 'c360-clients-'));
  const keys: Record<string, string> = {};
  const entries = clients.map((client) => {
    const key = generateApiKey();
    keys[client.name] = key;
    return { ...client, keys: [keyEntry(client.name, key)] };
  });
  const file = path.join(folder, 'clients.json');
  writeFileSync(file, `${JSON.stringify({ clients: entries }, null, 2)}\n`);
  return { path: file, keys };
}

/**
 * A Redis server of the test's own on `port` (no persistence), so that a
 * test can stop it mid-way without touching the shared one. `stop()` shuts
 * it down; calling it twice is harmless.
 */
export async function startThrowawayRedis(port: number): Promise<{ url: string; stop(): Promise<void> }> {
  execFileSync('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'yes',
  ]);
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  for (let attempt = 0; ; attempt++) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch (err) {
      if (attempt > 50) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    url,
    async stop() {
      if (probe.status !== 'ready') return;
      await probe.call('SHUTDOWN', 'NOSAVE').catch(() => {});
      probe.disconnect();
    },
  };
}
