import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { loadGatewayConfig } from '@c360/gateway/config';
import { DEFAULT_PERSISTED_DOCUMENTS_DIR, MANIFEST_FILE, sha256Hex } from '@c360/gateway/persisted/manifests';
import { startGateway, type RunningGateway } from '@c360/gateway/server';
import { startThrowawayRedis, writeClientsFile } from '@c360/gateway/testing';
import { startIdentitySubgraph, type IdentitySubgraph } from '@c360/subgraph-identity';
import { removeTestData } from '@c360/subgraph-identity/testing';
import { generateSecret } from '@c360/kit/auth';
import { MemoryCache } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';
import { uniqueSystem } from '@c360/kit/testing';
import { testEnv, TEST_NEO4J_URI } from '@c360/test-setup/test-env';
import { capturingLogger, eventually, post, startRelay, type Relay } from './fixtures';

/**
 * The gateway in production mode, as real clients meet it: API keys, a
 * persisted-only partner, operation limits, rate limits, introspection for
 * analysts, masked errors, logs — over the real identity subgraph (itself in
 * production mode: it serves only signed requests), behind a relay that
 * counts subgraph calls, with a Redis of the test's own that is stopped at the end.
 */
const system = uniqueSystem('gw');
const tag = randomUUID().slice(0, 8).toUpperCase();
const CARD = `LC${tag}`;
const secret = generateSecret();
const REDIS_PORT = 6391;

const PARTNER_BY_CARD =
  'query PartnerCustomerByLoyaltyCard($card: String!) { customerByIdentifier(kind: LOYALTY_CARD, value: $card) { anonymous id } }';
const PARTNER_BY_CARD_HASH = sha256Hex(PARTNER_BY_CARD);

let driver: Driver;
let identity: IdentitySubgraph;
let relay: Relay;
let redis: Awaited<ReturnType<typeof startThrowawayRedis>>;
let gateway: RunningGateway;
let documentsDir: string;
let keys: Record<string, string>;
let customerId: string;
const { logger, lines } = capturingLogger();

const as = (client: string) => ({ 'x-api-key': keys[client]! });
const gql = (body: unknown, headers: Record<string, string> = {}) => post(gateway.url, body, headers);

beforeAll(async () => {
  driver = neo4j.driver(TEST_NEO4J_URI, undefined, { disableLosslessIntegers: true });
  identity = await startIdentitySubgraph({
    driver,
    cache: new MemoryCache(),
    logger: createLogger('silent'),
    host: '127.0.0.1',
    auth: { mode: 'production', secrets: [secret] },
  });
  relay = await startRelay(identity.server.url);
  redis = await startThrowawayRedis(REDIS_PORT);
  documentsDir = mkdtempSync(path.join(tmpdir(), 'c360-documents-'));
  cpSync(
    path.join(DEFAULT_PERSISTED_DOCUMENTS_DIR, 'partner-app', '__generated__'),
    path.join(documentsDir, 'partner-app', '__generated__'),
    {
      recursive: true,
    },
  );
  const clients = writeClientsFile([
    { name: 'partner-app', scopes: ['customer:read'], persistedOnly: true },
    { name: 'sales-app', scopes: ['customer:read', 'pii:read'] },
    { name: 'burst-app', scopes: ['customer:read'], rateLimit: { points: 3, durationSeconds: 60 } },
    { name: 'analyst', scopes: ['customer:read', 'analyst'] },
    { name: 'steward-app', scopes: ['customer:read', 'identity:write'] },
    { name: 'monitoring', scopes: ['operator'] },
  ]);
  keys = clients.keys;
  gateway = await startGateway({
    config: loadGatewayConfig(
      testEnv({
        C360_MODE: 'production',
        CLIENTS_PATH: clients.path,
        PERSISTED_DOCUMENTS_DIR: documentsDir,
        SUBGRAPH_SHARED_SECRET: secret,
        REDIS_URL: redis.url,
        GATEWAY_REDIS_PREFIX: `c360:test:${randomUUID()}:`,
        MAX_DEPTH: '5',
        MAX_COST: '300',
      }),
    ),
    logger,
    subgraphUrls: { identity: relay.url, crm: 'http://127.0.0.1:9/graphql', commerce: 'http://127.0.0.1:9/graphql' },
  });

  const observed = await gql(
    {
      query: /* GraphQL */ `
        mutation Observe($input: RecordObservationInput!) {
          observeRecord(input: $input) {
            customer {
              id
            }
          }
        }
      `,
      variables: { input: { system, localId: 'p1', identifiers: [{ kind: 'LOYALTY_CARD', value: CARD }] } },
    },
    as('steward-app'),
  );
  expect(observed.body.errors).toBeUndefined();
  customerId = observed.body.data.observeRecord.customer.id;
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  await relay?.close();
  await identity?.stop();
  await redis?.stop();
  await removeTestData(driver, system, tag);
  await driver?.close();
});

const requestLine = (requestId: string | null) => lines.find((l) => l.msg === 'request' && l.requestId === requestId);

describe('access', () => {
  it('refuses a request without credentials with 401, a challenge and the request id, before any subgraph call', async () => {
    const calls = relay.calls;
    const res = await gql({ query: '{ customer(id: "x") { id } }' }, { 'x-request-id': 'test-req-1' });
    expect({
      status: res.status,
      challenge: res.headers.get('www-authenticate'),
      id: res.headers.get('x-request-id'),
    }).toEqual({
      status: 401,
      challenge: 'Bearer realm="c360", ApiKey header="x-api-key"',
      id: 'test-req-1',
    });
    expect(res.body).toEqual({
      errors: [
        {
          message:
            'This API needs credentials: send your API key in the x-api-key header, or a bearer token in Authorization',
          extensions: { code: 'UNAUTHENTICATED', requestId: 'test-req-1' },
        },
      ],
    });
    expect((await gql({ query: '{ __typename }' }, { 'x-api-key': 'c360_not-a-key' })).status).toBe(401);
    expect(relay.calls).toBe(calls);
  });

  it('forwards the client, its scopes and the request id to the subgraph, signed', async () => {
    const res = await gql(
      { query: `{ customer(id: "${customerId}") { id } }` },
      { ...as('sales-app'), 'x-request-id': 'test-req-2' },
    );
    expect(res.body).toEqual({ data: { customer: { id: customerId } } });
    expect(relay.lastHeaders).toMatchObject({
      'x-c360-client': 'sales-app',
      'x-c360-scopes': 'customer:read pii:read',
      'x-c360-request-id': 'test-req-2',
      'x-c360-signature': expect.stringMatching(/^v1=/),
    });
  });

  it('lets the subgraph refuse an identity write to a client without identity:write', async () => {
    const res = await gql(
      { query: `mutation { unlinkRecord(system: "${system}", localId: "p1") { id } }` },
      as('sales-app'),
    );
    expect(res.body).toEqual({
      data: null,
      errors: [
        {
          message: 'This operation needs the identity:write scope; client "sales-app" holds: customer:read pii:read',
          path: ['unlinkRecord'],
          extensions: {
            code: 'FORBIDDEN',
            requiredScope: 'identity:write',
            client: 'sales-app',
            serviceName: 'identity',
          },
        },
      ],
    });
  });

  it('leaves nothing to a client that calls the subgraph directly, without the gateway', async () => {
    const res = await post(identity.server.url, { query: `{ customer(id: "${customerId}") { id } }` });
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('a persisted-only partner', () => {
  const expected = { data: { customerByIdentifier: { anonymous: false, id: '' } } };
  beforeAll(() => {
    expected.data.customerByIdentifier.id = customerId;
  });

  it('runs a registered operation by its hash (APQ extension or documentId), or by its exact text', async () => {
    const byHash = await gql(
      { variables: { card: CARD }, extensions: { persistedQuery: { version: 1, sha256Hash: PARTNER_BY_CARD_HASH } } },
      as('partner-app'),
    );
    expect({ status: byHash.status, body: byHash.body }).toEqual({ status: 200, body: expected });
    const byDocumentId = await gql(
      { documentId: `sha256:${PARTNER_BY_CARD_HASH}`, variables: { card: CARD } },
      as('partner-app'),
    );
    expect(byDocumentId.body).toEqual(expected);
    const byText = await gql({ query: PARTNER_BY_CARD, variables: { card: CARD } }, as('partner-app'));
    expect(byText.body).toEqual(expected);
    const params = new URLSearchParams({
      documentId: `sha256:${PARTNER_BY_CARD_HASH}`,
      variables: JSON.stringify({ card: CARD }),
    });
    const byGet = await fetch(`${gateway.url}?${params}`, {
      headers: { ...as('partner-app'), 'apollo-require-preflight': 'true' },
    });
    expect({ status: byGet.status, body: await byGet.json() }).toEqual({ status: 200, body: expected });

    const line = requestLine(byHash.headers.get('x-request-id'));
    expect(line).toEqual(
      expect.objectContaining({
        client: 'partner-app',
        via: 'api-key',
        operationName: 'PartnerCustomerByLoyaltyCard',
        operationHash: PARTNER_BY_CARD_HASH,
        documentFrom: 'manifest',
        status: 200,
        durationMs: expect.any(Number),
        errorCodes: [],
      }),
    );
  });

  it('is refused any other document, with 403 naming its hash, before any subgraph call', async () => {
    const calls = relay.calls;
    const other = `{ customer(id: "${customerId}") { id anonymous } }`;
    const res = await gql({ query: other }, as('partner-app'));
    expect({ status: res.status, body: res.body }).toEqual({
      status: 403,
      body: {
        errors: [
          {
            message:
              `Client "partner-app" may only run the operations registered in its manifest "partner-app"; operation sha256:${sha256Hex(other)} ` +
              'is not one of them. Register it under clients/partner-app/operations and run npm run codegen.',
            extensions: {
              code: 'PERSISTED_QUERY_NOT_ALLOWED',
              operationHash: sha256Hex(other),
              manifest: 'partner-app',
              requestId: res.headers.get('x-request-id'),
            },
          },
        ],
      },
    });
    const unknownHash = 'f'.repeat(64);
    const byHash = await gql(
      { extensions: { persistedQuery: { version: 1, sha256Hash: unknownHash } } },
      as('partner-app'),
    );
    expect(byHash.status).toBe(403);
    expect(byHash.body.errors[0].extensions.operationHash).toBe(unknownHash);
    // Registering through APQ does not help: the partner never reads the APQ store.
    const register = await gql(
      { query: other, extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(other) } } },
      as('partner-app'),
    );
    expect(register.status).toBe(403);
    expect(relay.calls).toBe(calls);
    expect(requestLine(res.headers.get('x-request-id'))).toMatchObject({
      status: 403,
      errorCodes: ['PERSISTED_QUERY_NOT_ALLOWED'],
    });
  });

  it('may run an operation registered after the gateway started, once its manifest is rewritten (no restart)', async () => {
    const added = 'query PartnerCustomerById($id: ID!) { customer(id: $id) { id } }';
    const request = {
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(added) } },
      variables: { id: customerId },
    };
    expect((await gql(request, as('partner-app'))).status).toBe(403);
    const file = path.join(documentsDir, 'partner-app', MANIFEST_FILE);
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...manifest, [sha256Hex(added)]: added }, null, 2));
    await eventually(async () => (await gql(request, as('partner-app'))).status === 200);
    expect((await gql(request, as('partner-app'))).body).toEqual({ data: { customer: { id: customerId } } });
    // A broken manifest is not loaded: the previous one stays in force.
    writeFileSync(file, '{ not json');
    expect(gateway.reload()).toBe(false);
    expect((await gql(request, as('partner-app'))).status).toBe(200);
    writeFileSync(file, JSON.stringify(manifest, null, 2));
    expect(gateway.reload()).toBe(true);
  });
});

describe('operation limits', () => {
  const refused = async (query: string) => {
    const calls = relay.calls;
    const res = await gql({ query }, as('sales-app'));
    expect(relay.calls).toBe(calls);
    expect(res.status).toBe(400);
    return res.body.errors.map((e: any) => ({
      message: e.message,
      code: e.extensions.code,
      limit: e.extensions.limit,
    }));
  };

  it('refuse a depth bomb, an alias bomb, a cost bomb and a token bomb before any subgraph is called', async () => {
    expect(
      await refused(`{ customer(id: "x") { shopAccounts { orders { edges { node { total { amount } } } } } } }`),
    ).toEqual([
      { message: 'Query depth limit of 5 exceeded, found 7.', code: 'OPERATION_LIMIT_EXCEEDED', limit: 'depth' },
    ]);

    const aliases = Array.from({ length: 16 }, (_, i) => `c${i}: customer(id: "${i}") { id }`).join(' ');
    expect(await refused(`{ ${aliases} }`)).toEqual([
      { message: 'Aliases limit of 15 exceeded, found 16.', code: 'OPERATION_LIMIT_EXCEEDED', limit: 'aliases' },
    ]);

    const links =
      'identityLinks { from { system localId } to { system localId } identifier { kind value } rule confidence source at actor reason }';
    const costly = await refused(
      `{ ${Array.from({ length: 10 }, (_, i) => `c${i}: customer(id: "${i}") { ${links} }`).join(' ')} }`,
    );
    expect(costly).toEqual([
      {
        message: expect.stringMatching(/^Query Cost limit of 300 exceeded, found [\d.]+\.$/),
        code: 'OPERATION_LIMIT_EXCEEDED',
        limit: 'cost',
      },
    ]);

    expect(await refused(`{ ${'__typename '.repeat(1001)} }`)).toEqual([
      {
        message: 'Document contains more than 1000 tokens. Parsing aborted.',
        code: 'OPERATION_LIMIT_EXCEEDED',
        limit: 'tokens',
      },
    ]);
  });

  it('hide field suggestions', async () => {
    const res = await gql({ query: '{ custome(id: "x") { id } }' }, as('sales-app'));
    expect(res.body.errors[0].message).toBe('Cannot query field "custome" on type "Query".');
  });

  it('refuse a body over the size limit with 413', async () => {
    const res = await gql({ query: `{ __typename } # ${'x'.repeat(1_100_000)}` }, as('sales-app'));
    expect({ status: res.status, code: res.body.errors[0].extensions.code }).toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
  });
});

describe('rate limits', () => {
  it('answer 429 with Retry-After once a client used up its window, and count it', async () => {
    for (let i = 0; i < 3; i++) expect((await gql({ query: '{ __typename }' }, as('burst-app'))).status).toBe(200);
    const res = await gql({ query: '{ __typename }' }, as('burst-app'));
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(res.body.errors[0]).toEqual({
      message: `Client "burst-app" sent more than 3 requests in its window; retry after ${retryAfter} s`,
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, requestId: res.headers.get('x-request-id') },
    });
    const metrics = await (
      await fetch(gateway.url.replace(/\/graphql$/, '/metrics'), { headers: as('monitoring') })
    ).text();
    expect(metrics).toMatch(/^c360_gateway_refused_requests_total\{code="RATE_LIMITED"\} 1$/m);
    // Other clients are not affected.
    expect((await gql({ query: '{ __typename }' }, as('sales-app'))).status).toBe(200);
  });
});

describe('introspection and the Sandbox in production', () => {
  it('are refused to clients without the analyst scope, and open to analysts', async () => {
    const introspection = { query: '{ __schema { queryType { name } } }' };
    const refused = await gql(introspection, as('sales-app'));
    expect({ status: refused.status, body: refused.body }).toEqual({
      status: 403,
      body: {
        errors: [
          {
            message:
              'Introspection is off in production; it needs the analyst scope, which client "sales-app" does not hold',
            extensions: { code: 'FORBIDDEN', requiredScope: 'analyst' },
          },
        ],
      },
    });
    expect((await gql(introspection, as('analyst'))).body).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
    });

    const page = (client: string) => fetch(gateway.url, { headers: { accept: 'text/html', ...as(client) } });
    expect((await page('sales-app')).status).toBe(403);
    const analystPage = await page('analyst');
    expect({ status: analystPage.status, html: (await analystPage.text()).includes('embeddable-sandbox') }).toEqual({
      status: 200,
      html: true,
    });
  });
});

describe('errors in production', () => {
  it('mask a subgraph message that may hold data, keep the code, path and subgraph, and log the original under the request id', async () => {
    relay.mode = 'inject';
    relay.injected = {
      data: { customer: null },
      errors: [{ message: 'duplicate key value (email)=(ada@example.com) violates constraint', path: ['customer'] }],
    };
    try {
      const res = await gql({ query: `{ customer(id: "${customerId}") { id } }` }, as('sales-app'));
      const requestId = res.headers.get('x-request-id');
      expect(res.body).toEqual({
        data: { customer: null },
        errors: [
          {
            message: 'Internal server error; quote the request id to the support team',
            path: ['customer'],
            extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'identity', requestId },
          },
        ],
      });
      expect(JSON.stringify(res.body)).not.toContain('ada@example.com');
      const logged = lines.find((l) => l.msg?.startsWith('masked error') && l.requestId === requestId);
      expect(logged?.err.message).toBe('duplicate key value (email)=(ada@example.com) violates constraint');
      expect(requestLine(requestId)).toMatchObject({ client: 'sales-app', errorCodes: ['DOWNSTREAM_SERVICE_ERROR'] });
    } finally {
      relay.mode = 'pass';
    }
  });
});

describe('Redis stopped under the running gateway', () => {
  it('changes no answer: rate limits and APQ go on in memory, with a warning and a metric', async () => {
    await redis.stop();
    const apqQuery = `query Apq { customer(id: "${customerId}") { id anonymous } }`;
    const hash = sha256Hex(apqQuery);
    const apq = (withQuery: boolean) =>
      gql(
        { ...(withQuery ? { query: apqQuery } : {}), extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
        as('sales-app'),
      );
    const answer = { data: { customer: { id: customerId, anonymous: false } } };

    expect((await apq(false)).body).toEqual({
      errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
    });
    expect((await apq(true)).body).toEqual(answer);
    const hit = await apq(false);
    expect(hit.body).toEqual(answer);
    expect(requestLine(hit.headers.get('x-request-id'))).toMatchObject({ documentFrom: 'apq', operationName: 'Apq' });

    const partner = await gql(
      { variables: { card: CARD }, extensions: { persistedQuery: { version: 1, sha256Hash: PARTNER_BY_CARD_HASH } } },
      as('partner-app'),
    );
    expect(partner.body).toEqual({ data: { customerByIdentifier: { anonymous: false, id: customerId } } });

    const metrics = await (
      await fetch(gateway.url.replace(/\/graphql$/, '/metrics'), { headers: as('monitoring') })
    ).text();
    expect(metrics).toMatch(/^c360_gateway_redis_degraded_total\{component="rate_limit"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^c360_gateway_redis_degraded_total\{component="apq"\} [1-9]\d*$/m);
    expect(lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        'Redis unavailable: rate limits are counted in this process only',
        'Redis unavailable: persisted queries are kept in this process only',
      ]),
    );
  });
});

describe('settings checked at start', () => {
  const start = (env: Record<string, string>) =>
    startGateway({
      config: loadGatewayConfig(testEnv({ C360_MODE: 'production', ...env })),
      logger: createLogger('silent'),
      redis: null,
    });

  it('refuse, in production, the demo clients file and a missing subgraph secret', async () => {
    await expect(start({})).rejects.toThrow(
      'SUBGRAPH_SHARED_SECRET: required in production, to sign the caller headers the subgraphs verify',
    );
    await expect(start({ SUBGRAPH_SHARED_SECRET: secret })).rejects.toThrow(
      /CLIENTS_PATH: .*clients\.json is the demo clients file/,
    );
  });

  it('refuse a persisted-only client without its manifest, and JWTs without issuer and audience', async () => {
    const clients = writeClientsFile([{ name: 'lost-app', scopes: [], persistedOnly: true }]);
    await expect(start({ SUBGRAPH_SHARED_SECRET: secret, CLIENTS_PATH: clients.path })).rejects.toThrow(
      /client "lost-app" is persistedOnly but has no manifest .*lost-app\/__generated__\/persisted-documents\.json/,
    );
    await expect(start({ SUBGRAPH_SHARED_SECRET: secret, JWT_SECRET: 'x'.repeat(32) })).rejects.toThrow(
      /JWT_ISSUER: required when JWTs are accepted[\s\S]*JWT_AUDIENCE: required when JWTs are accepted/,
    );
  });

  it('serve the anonymous developer in development', async () => {
    const dev = await startGateway({
      config: loadGatewayConfig(testEnv({ C360_MODE: 'development' })),
      logger: createLogger('silent'),
      redis: null,
    });
    try {
      expect((await post(dev.url, { query: '{ __typename }' })).body).toEqual({ data: { __typename: 'Query' } });
    } finally {
      await dev.stop();
    }
  });
});
