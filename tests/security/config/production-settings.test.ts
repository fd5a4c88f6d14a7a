import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadGatewayConfig } from '@c360/gateway/config';
import { startGateway } from '@c360/gateway/server';
import { writeClientsFile } from '@c360/gateway/testing';
import { generateSecret } from '@c360/kit/auth';
import { createLogger } from '@c360/kit/logger';
import { testEnv } from '@c360/test-setup/test-env';

const REPO_ROOT = path.join(__dirname, '..', '..', '..');

describe('production settings', () => {
  it('a bad production config exits 2 and lists every problem at once', () => {
    const run = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'gateway/src/index.ts'],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH,
          C360_MODE: 'production',
          PORT: '0',
          JWT_SECRET: 'x'.repeat(40),
          MAX_DEPTH: 'ten',
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(2);
    // The environment's own problems first (all of them) …
    expect(run.stderr).toMatch(/MAX_DEPTH: /);
    const settings = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'gateway/src/index.ts'],
      {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH, C360_MODE: 'production', PORT: '0', JWT_SECRET: 'x'.repeat(40) },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    // … and the settings that only make sense together, all listed, exit 2 as well.
    expect(settings.status).toBe(2);
    for (const variable of ['JWT_ISSUER', 'JWT_AUDIENCE', 'SUBGRAPH_SHARED_SECRET', 'CLIENTS_PATH']) {
      expect(settings.stderr).toContain(`${variable}:`);
    }
  });

  it('OPERATOR_PORT moves /ready, /health and /metrics off the public port', async () => {
    const clients = writeClientsFile([{ name: 'reader', scopes: ['customer:read'] }]);
    const gateway = await startGateway({
      config: loadGatewayConfig(
        testEnv({
          C360_MODE: 'production',
          CLIENTS_PATH: clients.path,
          SUBGRAPH_SHARED_SECRET: generateSecret(),
          OPERATOR_PORT: '0',
        }),
      ),
      logger: createLogger('silent'),
      redis: null,
    });
    try {
      const base = gateway.url.replace(/\/graphql$/, '');
      // The public port keeps a bare /ready for load balancers (no subgraph is up here: 503, nothing more).
      const ready = await fetch(`${base}/ready`);
      expect({ status: ready.status, body: await ready.json() }).toEqual({
        status: 503,
        body: { status: 'unavailable' },
      });
      expect((await fetch(`${gateway.operator!.url}/ready`)).status).toBe(503);
      for (const route of ['/metrics', '/health']) {
        expect((await fetch(`${base}${route}`, { headers: { 'x-api-key': clients.keys.reader! } })).status).toBe(404);
      }
      expect(gateway.operator!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const metrics = await fetch(`${gateway.operator!.url}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('c360_gateway_');
      expect((await fetch(`${base}/live`)).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });
});

describe('the c360 command', () => {
  it('`c360 gateway` with bad production settings exits 2 listing them all', () => {
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'packages/cli/bin/c360.js'), 'gateway'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, C360_MODE: 'production', PORT: '0', JWT_SECRET: 'x'.repeat(40) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    for (const variable of ['JWT_ISSUER', 'JWT_AUDIENCE', 'SUBGRAPH_SHARED_SECRET', 'CLIENTS_PATH']) {
      expect(run.stderr).toContain(`${variable}:`);
    }
  });
});
