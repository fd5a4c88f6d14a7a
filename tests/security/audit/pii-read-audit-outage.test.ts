import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { generateAllSources } from '@c360/demo/seed';
import type { Product } from '@c360/embedded/product';
import { testEnv } from '@c360/test-setup/test-env';
import { as, startProductionProduct } from '../product';
import { startTcpProxy, type TcpProxy } from '@c360/test-setup/tcp-proxy';

/**
 * The PII-read audit survives a PostgreSQL outage: the privacy subgraph's
 * database is reached through a TCP proxy that the test cuts for a while
 * under load (the shared PostgreSQL itself is never touched); every read
 * answered before, during and after the outage is in `pii_read` afterwards,
 * once each.
 */
const privacyUrl = new URL(testEnv().PRIVACY_DATABASE_URL!);
const seed = generateAllSources(Number(testEnv().DEMO_PEOPLE));
const emails = seed.dataset.people.map((p) => p.personalEmail).filter((e): e is string => Boolean(e));
const spoolDir = mkdtempSync(path.join(tmpdir(), 'c360-audit-spool-'));

let proxy: TcpProxy;
let product: Product;
let direct: Pool;

beforeAll(async () => {
  proxy = await startTcpProxy({ host: privacyUrl.hostname, port: Number(privacyUrl.port || 5432) });
  const viaProxy = new URL(privacyUrl);
  viaProxy.port = String(proxy.port);
  product = await startProductionProduct({
    PRIVACY_DATABASE_URL: viaProxy.href,
    AUDIT_SPOOL_DIR: spoolDir,
    // 300 reads in well under a minute: above the default window of the client.
    RATE_LIMIT_POINTS: '100000',
  });
  direct = new Pool({ connectionString: privacyUrl.href, max: 2 });
}, 600_000);

afterAll(async () => {
  await product?.stop();
  await proxy?.close();
  await direct?.end();
});

const READ = /* GraphQL */ `
  query AuditedRead($email: String!) {
    customerByIdentifier(kind: EMAIL, value: $email) {
      id
      crmContacts {
        firstName
        lastName
      }
    }
  }
`;

async function read(i: number): Promise<{ requestId: string; status: number; hasPii: boolean; at: number }> {
  const response = await fetch(product.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...as('sales-app') },
    body: JSON.stringify({ query: READ, variables: { email: emails[i % emails.length] } }),
  });
  const body = (await response.json()) as { data?: { customerByIdentifier: unknown } };
  return {
    requestId: response.headers.get('x-request-id')!,
    status: response.status,
    hasPii: Boolean(body.data),
    at: Date.now(),
  };
}

/** `total` reads, `concurrency` at a time, calling `at(n)` after the n-th started. */
const done: Awaited<ReturnType<typeof read>>[] = [];

async function load(total: number, concurrency: number, at: (n: number) => Promise<void> | void) {
  const results = done;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const n = next++;
        await at(n);
        results.push(await read(n));
      }
    }),
  );
  return results;
}

describe('PII-read audit during a PostgreSQL outage', () => {
  it('loses no record: every read answered is in pii_read afterwards, once', async () => {
    const TOTAL = 300;
    let outageStarted = 0;
    let heldDuringOutage: string[] = [];
    let storedDuringOutage = -1;
    const results: Awaited<ReturnType<typeof read>>[] = await load(TOTAL, 12, async (n) => {
      if (n === 75) {
        await proxy.cut();
        outageStarted = Date.now();
      }
      // The outage lasts while 150 reads are served, and at least 8 s.
      if (n === 225) {
        const rest = 8000 - (Date.now() - outageStarted);
        if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
        // Reads answered during the outage are not in PostgreSQL yet: they wait on disk.
        heldDuringOutage = done.filter((r) => r.at > outageStarted + 100).map((r) => r.requestId);
        const { rows } = await direct.query('SELECT 1 FROM pii_read WHERE request_id = ANY($1)', [heldDuringOutage]);
        storedDuringOutage = rows.length;
        await proxy.restore();
      }
    });
    const answered = results.filter((r) => r.status === 200 && r.hasPii);
    expect(answered.length).toBe(TOTAL);
    expect(heldDuringOutage.length).toBeGreaterThan(100);
    expect(storedDuringOutage).toBe(0);
    expect(readdirSync(spoolDir).some((f) => f.startsWith('pii-reads-'))).toBe(true);

    const ids = answered.map((r) => r.requestId);
    const until = Date.now() + 60_000;
    let stored: { request_id: string; n: number }[] = [];
    for (;;) {
      ({ rows: stored } = await direct.query<{ request_id: string; n: number }>(
        'SELECT request_id, count(*)::int AS n FROM pii_read WHERE request_id = ANY($1) GROUP BY request_id',
        [ids],
      ));
      if (stored.length === ids.length || Date.now() > until) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(stored.length).toBe(ids.length);
    expect(stored.filter((r) => r.n !== 1)).toEqual([]);
    const { rows } = await direct.query<{ client: string; fields: string[] }>(
      'SELECT DISTINCT client, fields FROM pii_read WHERE request_id = ANY($1)',
      [ids],
    );
    expect(rows).toEqual([{ client: 'sales-app', fields: expect.arrayContaining(['CrmContact.firstName']) }]);
  }, 300_000);
});
