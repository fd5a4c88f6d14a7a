import { randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { MemoryCache } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';
import { postGraphQL, uniqueSystem } from '@c360/kit/testing';
import { startTcpProxy, type TcpProxy } from '@c360/test-setup/tcp-proxy';
import { TEST_NEO4J_URI } from '@c360/test-setup/test-env';
import { startIdentitySubgraph, type IdentitySubgraph } from '.';
import { removeTestData } from './testing';

/**
 * The identity subgraph while its Neo4j is unreachable (a proxy of the
 * test's own in front of the test Neo4j, cut and restored): lookups the cache
 * holds still answer, the others fail at once with SERVICE_UNAVAILABLE rather
 * than waiting out the driver's retries, and it answers again as soon as
 * Neo4j does.
 */
const system = uniqueSystem('guard');
const tag = randomUUID().slice(0, 8);
let proxy: TcpProxy;
let driver: Driver;
let direct: Driver;
let identity: IdentitySubgraph;

beforeAll(async () => {
  const target = new URL(TEST_NEO4J_URI.replace(/^bolt:/, 'http:'));
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  driver = neo4j.driver(`bolt://127.0.0.1:${proxy.port}`, undefined, { disableLosslessIntegers: true });
  direct = neo4j.driver(TEST_NEO4J_URI, undefined, { disableLosslessIntegers: true });
  identity = await startIdentitySubgraph({
    driver,
    cache: new MemoryCache(),
    logger: createLogger('silent'),
    host: '127.0.0.1',
    port: 0,
    auth: { mode: 'development', secrets: [] },
    neo4jGuard: { probeAfterMs: 300, retryEveryMs: 200 },
  });
});

afterAll(async () => {
  await identity?.stop();
  await driver?.close();
  await proxy?.close();
  await removeTestData(direct, system, tag);
  await direct?.close();
});

const LOOKUP = /* GraphQL */ `
  query ($value: String!) {
    customerByIdentifier(kind: EMAIL, value: $value) {
      id
    }
  }
`;

async function timed<T>(call: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await call();
  return { result, ms: performance.now() - started };
}

describe('identity subgraph while Neo4j is down', () => {
  it('answers from its cache, fails fast and typed otherwise, and recovers at once', async () => {
    const email = `known.${tag}@example.com`;
    const observed = await postGraphQL(
      identity.server.url,
      /* GraphQL */ `
        mutation ($input: RecordObservationInput!) {
          observeRecord(input: $input) {
            customer {
              id
            }
          }
        }
      `,
      {
        input: {
          system,
          localId: 'k1',
          identifiers: [{ kind: 'EMAIL', value: email }],
          observedAt: '2026-01-01T00:00:00Z',
        },
      },
    );
    expect(observed.errors).toBeUndefined();
    const id = observed.data!.observeRecord.customer.id as string;
    // Cached now (a hit is cached by the lookup itself).
    expect((await postGraphQL(identity.server.url, LOOKUP, { value: email })).data).toEqual({
      customerByIdentifier: { id },
    });

    await proxy.cut();
    const cached = await timed(() => postGraphQL(identity.server.url, LOOKUP, { value: email }));
    expect(cached.result.data).toEqual({ customerByIdentifier: { id } });

    const unknown = (n: number) =>
      postGraphQL(identity.server.url, LOOKUP, { value: `unknown${n}.${tag}@example.com` });
    const first = await timed(() => unknown(1));
    expect(first.result.errors?.map((e) => [e.extensions?.code, e.extensions?.source])).toEqual([
      ['SERVICE_UNAVAILABLE', 'neo4j'],
    ]);
    // The first call finds Neo4j down within the probe's delay and timeout, not the driver's 30 s of retries.
    expect(first.ms).toBeLessThan(3000);
    expect(identity.neo4j.up).toBe(false);
    const next = await Promise.all([2, 3, 4, 5].map((n) => timed(() => unknown(n))));
    for (const { result, ms } of next) {
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(ms).toBeLessThan(500);
    }

    await proxy.restore();
    const until = Date.now() + 5000;
    let answer = await unknown(6);
    while (answer.errors && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await unknown(6);
    }
    expect(answer).toMatchObject({ data: { customerByIdentifier: null } });
    expect(answer.errors).toBeUndefined();
    expect(identity.neo4j.up).toBe(true);
  });
});
