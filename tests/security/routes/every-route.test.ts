import type { Product } from '@c360/embedded/product';
import { SOURCE_NAMES } from '@c360/embedded/product';
import { generateSecret, SCOPES, signCaller } from '@c360/kit/auth';
import type { ObservationFeedPage } from '@c360/kit/feed';
import { routesOf, type RouteEntry } from '@c360/kit/routes';
import { as, SECRET, servicePorts, startProductionProduct, type ServicePort } from '../product';

/**
 * Every route of every service port, read from the Express router stacks
 * (not a hand-kept list), refuses an unauthenticated caller in production —
 * but liveness, which says nothing but "ok". A route added tomorrow without
 * a caller check fails this test (see the last case).
 */
let product: Product;

beforeAll(async () => {
  product = await startProductionProduct();
}, 600_000);
afterAll(() => product?.stop());

/** Routes open to anyone by design, with the exact answer they may give. */
const PUBLIC: Record<string, { status: number; body?: unknown; location?: string }> = {
  'GET /live': { status: 200, body: { status: 'ok' } },
  // Readiness for probes without credentials: the status and nothing else (details need a credential).
  'GET /ready': { status: 200, body: { status: 'ok' } },
  // The gateway's root sends browsers to /graphql, which authenticates them.
  'GET /': { status: 302, location: '/graphql' },
  // The customer page's static shell (HTML, scripts, styles: no data); everything it shows comes from
  // /graphql with the user's own key, in persisted operations. Only files of the app's build are served.
  'GET /app': { status: 301, location: '/app/' },
  'POST /app': { status: 404 },
};

const concrete = (path: string) =>
  path === '*' ? `/c360-route-inventory-probe-${Date.now()}` : path.replace(/:(\w+)/g, 'probe-$1');

interface Refusal {
  service: string;
  route: string;
  status: number;
  body: string;
}

/** Calls every route of a service port as `headers`; returns those that did not refuse (401 or, for unknown paths, 404). */
async function unprotectedRoutes(service: ServicePort, headers: Record<string, string> = {}): Promise<Refusal[]> {
  const routes: RouteEntry[] = routesOf(service.server.app!);
  const offenders: Refusal[] = [];
  for (const route of routes) {
    const methods = route.method === 'ANY' ? ['GET', 'POST'] : [route.method];
    for (const method of methods) {
      const key = `${method} ${route.path}`;
      const response = await fetch(service.base + concrete(route.path), {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body:
          method === 'GET' || method === 'HEAD'
            ? undefined
            : JSON.stringify({ query: '{ __typename }', localIds: ['1'] }),
        redirect: 'manual',
      });
      const body = await response.text();
      const expected = PUBLIC[key];
      if (expected) {
        const ok =
          response.status === expected.status &&
          (expected.body === undefined || body === JSON.stringify(expected.body)) &&
          (expected.location === undefined || response.headers.get('location') === expected.location);
        if (!ok)
          offenders.push({ service: service.name, route: key, status: response.status, body: body.slice(0, 200) });
        continue;
      }
      const refused =
        response.status === 401 || (route.path === '*' && response.status === 404 && !body.includes('"data"'));
      if (!refused)
        offenders.push({ service: service.name, route: key, status: response.status, body: body.slice(0, 200) });
    }
  }
  return offenders;
}

describe('every route of every service port, in production', () => {
  it('covers the gateway, identity, every source, profile and privacy, each with its real routes', () => {
    const inventory = Object.fromEntries(
      servicePorts(product).map((s) => [s.name, routesOf(s.server.app!).map((r) => `${r.method} ${r.path}`)]),
    );
    expect(Object.keys(inventory)).toEqual(['gateway', 'identity', ...SOURCE_NAMES, 'profile', 'privacy']);
    expect(inventory.gateway).toEqual(
      expect.arrayContaining([
        'GET /metrics',
        'GET /ready',
        'GET /health',
        'GET /live',
        'ANY /graphql',
        'POST /admin/cache/invalidate',
      ]),
    );
    for (const name of SOURCE_NAMES) {
      expect(inventory[name]).toEqual(
        expect.arrayContaining(['GET /observations', 'GET /health', 'GET /live', 'ANY /graphql']),
      );
    }
    expect(inventory.privacy).toContain('POST /audit/pii-reads');
    expect(inventory.identity).toEqual(
      expect.arrayContaining(['POST /admin/erasure/plan', 'POST /admin/erasure/erase']),
    );
  });

  it('refuses every route but liveness to a caller without credentials', async () => {
    const offenders = (await Promise.all(servicePorts(product).map((s) => unprotectedRoutes(s)))).flat();
    expect(offenders).toEqual([]);
  });

  it('refuses every subgraph route but liveness to a caller signing with another secret', async () => {
    const forged = signCaller({ client: 'admin-app', scopes: Object.values(SCOPES) }, generateSecret());
    const subgraphs = servicePorts(product).filter((s) => !s.name.startsWith('gateway'));
    const offenders = (await Promise.all(subgraphs.map((s) => unprotectedRoutes(s, forged)))).flat();
    expect(offenders).toEqual([]);
  });

  it('serves no source observation feed without the feed:read scope, and each to the identity feed', async () => {
    for (const name of SOURCE_NAMES) {
      const feed = `${product.sources[name].url.replace(/\/graphql$/, '')}/observations?limit=5`;
      const anonymous = await fetch(feed);
      expect({ name, status: anonymous.status, body: await anonymous.json() }).toEqual({
        name,
        status: 401,
        body: {
          errors: [
            {
              message: 'Subgraph requests must come through the gateway: the request carries no gateway signature',
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        },
      });
      // A genuine gateway signature for a client that may read customers, even PII, is not a feed reader.
      const reader = await fetch(feed, {
        headers: signCaller({ client: 'sales-app', scopes: [SCOPES.customerRead, SCOPES.piiRead] }, SECRET),
      });
      const refused = (await reader.json()) as { errors: { extensions: { code: string } }[] };
      expect({ name, status: reader.status, code: refused.errors[0]!.extensions.code }).toEqual({
        name,
        status: 403,
        code: 'FORBIDDEN',
      });
      const identity = await fetch(feed, {
        headers: signCaller({ client: 'identity-feed', scopes: [SCOPES.feedRead] }, SECRET),
      });
      expect(identity.status).toBe(200);
      expect(identity.headers.get('cache-control')).toBe('no-store');
      const page = (await identity.json()) as ObservationFeedPage;
      expect(page.records.length).toBeGreaterThan(0);
    }
  });

  it('lets the identity subgraph read every feed with its signature (the graph caught up at start)', async () => {
    const results = await product.identity.feed.runOnce();
    expect(results.map((r) => r.source)).toEqual([...SOURCE_NAMES]);
    const { records } = await product.driver.executeQuery(
      'MATCH (r:SourceRecord) WHERE r.system IN $systems RETURN r.system AS system, count(*) AS n',
      { systems: [...SOURCE_NAMES] },
    );
    expect(records.map((r) => r.get('system') as string).sort()).toEqual([...SOURCE_NAMES].sort());
  });

  it('gives health details and metrics to operators only', async () => {
    const base = product.gateway.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/metrics`, { headers: as('reader-app') })).status).toBe(403);
    const metrics = await fetch(`${base}/metrics`, { headers: as('monitoring') });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^c360_gateway_refused_requests_total\{code="UNAUTHENTICATED"\} [1-9]\d*$/m);
    const ready = await fetch(`${base}/ready`, { headers: as('monitoring') });
    expect(ready.status).toBe(200);
    const crmHealth = await fetch(`${product.sources.crm.url.replace(/\/graphql$/, '')}/health`, {
      headers: signCaller({ client: 'ops', scopes: [] }, SECRET),
    });
    expect(await crmHealth.json()).toEqual({ status: 'ok', subgraph: 'crm' });
  });

  it('fails when someone adds a route without a caller check', async () => {
    const crm = servicePorts(product).find((s) => s.name === 'crm')!;
    const app = crm.server.app!;
    app.get('/debug/contacts', (_req, res) => res.json({ data: 'every contact' }));
    const stack = (app as unknown as { router: { stack: unknown[] } }).router.stack;
    try {
      expect(await unprotectedRoutes(crm)).toEqual([
        { service: 'crm', route: 'GET /debug/contacts', status: 200, body: '{"data":"every contact"}' },
      ]);
    } finally {
      stack.pop();
    }
    expect(await unprotectedRoutes(crm)).toEqual([]);
  });
});
