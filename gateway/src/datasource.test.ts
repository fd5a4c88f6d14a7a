import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fieldPaths, SubgraphDataSource, type SubgraphObserver } from './datasource';

const ENTITY_FETCH = /* GraphQL */ `
  query Page__shop__1($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Customer {
        shopAccounts {
          accountId
        }
        accounts: shopAccounts {
          email
        }
      }
      ... on ShopAccount {
        orders {
          totalCount
        }
      }
    }
  }
`;
const ROOT_FETCH = /* GraphQL */ `
  query Page__shop__0 {
    __typename
    shopAccount(accountId: "1") {
      accountId
    }
    other: shopAccount(accountId: "2") {
      accountId
    }
  }
`;

describe('fieldPaths', () => {
  it('names each field of each representation of an entity fetch, by its response key', () => {
    const representations = [{ __typename: 'Customer' }, { __typename: 'ShopAccount' }, { __typename: 'Customer' }];
    expect(fieldPaths(ENTITY_FETCH, { representations })).toEqual([
      ['_entities', 0, 'shopAccounts'],
      ['_entities', 0, 'accounts'],
      ['_entities', 1, 'orders'],
      ['_entities', 2, 'shopAccounts'],
      ['_entities', 2, 'accounts'],
    ]);
  });

  it('names the entity itself when no fragment applies to its type', () => {
    expect(fieldPaths(ENTITY_FETCH, { representations: [{ __typename: 'Order' }] })).toEqual([['_entities', 0]]);
  });

  it('names each root field of a root fetch, leaving out __typename', () => {
    expect(fieldPaths(ROOT_FETCH, {})).toEqual([['shopAccount'], ['other']]);
  });

  it('gives one path-less error for an operation it cannot read', () => {
    expect(fieldPaths('query {', {})).toEqual([undefined]);
    expect(fieldPaths(undefined, {})).toEqual([undefined]);
  });
});

/** A subgraph stand-in answering every request with `reply`; counts requests. */
async function fakeSubgraph(reply: (res: http.ServerResponse) => void) {
  const server = http.createServer((req, res) => {
    fake.calls += 1;
    req.resume().on('end', () => reply(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const fake = {
    calls: 0,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return fake;
}

/** What executeQueryPlan passes to `process` for an entity fetch of one customer. */
const entityFetch = () =>
  ({
    kind: 'incoming operation',
    request: { query: ENTITY_FETCH, variables: { representations: [{ __typename: 'Customer', id: 'c1' }] } },
    incomingRequestContext: {},
    context: {},
  }) as never;

function recorder() {
  const events: unknown[] = [];
  const observer: SubgraphObserver = {
    fetched: (subgraph, { seconds, failure }) => events.push({ subgraph, timed: seconds !== undefined, failure }),
    breakerChanged: (subgraph, state) => events.push({ subgraph, state }),
  };
  return { events, observer };
}

describe('SubgraphDataSource', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  async function subgraph(reply: (res: http.ServerResponse) => void) {
    const fake = await fakeSubgraph(reply);
    servers.push(fake);
    return fake;
  }
  const shopError = (code: string, reason: string, verb = 'is unavailable:') => ({
    errors: [
      {
        message: `Subgraph "shop" ${verb} ${reason}`,
        path: ['_entities', 0, 'shopAccounts'],
        extensions: { code, subgraph: 'shop' },
      },
      {
        message: `Subgraph "shop" ${verb} ${reason}`,
        path: ['_entities', 0, 'accounts'],
        extensions: { code, subgraph: 'shop' },
      },
    ],
  });

  it("passes the subgraph's own answer through, errors included, as a success", async () => {
    const body = {
      data: { _entities: [null] },
      errors: [{ message: 'Source "shop" is unavailable', path: ['_entities', 0, 'shopAccounts'] }],
    };
    const fake = await subgraph((res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
    );
    const { events, observer } = recorder();
    const source = new SubgraphDataSource({ name: 'shop', url: fake.url, observer });
    const response = await source.process(entityFetch());
    expect({ data: response.data, errors: response.errors }).toEqual(body);
    expect(events).toEqual([
      { subgraph: 'shop', state: 'closed' },
      { subgraph: 'shop', timed: true, failure: undefined },
    ]);
  });

  it('turns a 5xx into SUBGRAPH_UNAVAILABLE on every field, counted by the breaker', async () => {
    const fake = await subgraph((res) =>
      res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance'),
    );
    const { events, observer } = recorder();
    const source = new SubgraphDataSource({ name: 'shop', url: fake.url, observer });
    expect(await source.process(entityFetch())).toEqual(
      shopError('SUBGRAPH_UNAVAILABLE', 'HTTP 503 Service Unavailable'),
    );
    expect(source.breaker.consecutiveFailures).toBe(1);
    expect(events).toEqual([
      { subgraph: 'shop', state: 'closed' },
      { subgraph: 'shop', timed: true, failure: 'SUBGRAPH_UNAVAILABLE' },
    ]);
  });

  it('turns a 4xx into SUBGRAPH_REQUEST_FAILED with what the subgraph said; the subgraph is up, so the breaker does not count it', async () => {
    const fake = await subgraph((res) =>
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ errors: [{ message: 'Unknown type "Customer"' }] })),
    );
    const source = new SubgraphDataSource({ name: 'shop', url: fake.url });
    expect(await source.process(entityFetch())).toEqual(
      shopError('SUBGRAPH_REQUEST_FAILED', 'HTTP 400 Bad Request: Unknown type "Customer"', 'refused the request:'),
    );
    expect(source.breaker.consecutiveFailures).toBe(0);
  });

  it('turns a 2xx that is not a GraphQL response into SUBGRAPH_UNAVAILABLE', async () => {
    const fake = await subgraph((res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>'),
    );
    const source = new SubgraphDataSource({ name: 'shop', url: fake.url });
    expect(await source.process(entityFetch())).toEqual(
      shopError('SUBGRAPH_UNAVAILABLE', 'the answer is not a GraphQL response'),
    );
  });

  it('turns a refused connection into SUBGRAPH_UNAVAILABLE', async () => {
    const fake = await fakeSubgraph(() => {});
    await fake.close();
    const source = new SubgraphDataSource({ name: 'shop', url: fake.url });
    expect(await source.process(entityFetch())).toEqual(shopError('SUBGRAPH_UNAVAILABLE', 'connection refused'));
  });

  it('turns an answer that stalls after its headers into SUBGRAPH_TIMEOUT: the budget covers the body too', async () => {
    const fake = await subgraph((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
    });
    const source = new SubgraphDataSource({ name: 'shop', url: fake.url, timeoutMs: 200 });
    expect(await source.process(entityFetch())).toEqual(
      shopError('SUBGRAPH_TIMEOUT', 'no answer within 200 ms', 'timed out:'),
    );
    expect(source.breaker.consecutiveFailures).toBe(1);
  });

  it('puts the errors of a failed root fetch on its root fields', async () => {
    const fake = await subgraph((res) => res.writeHead(502).end());
    const source = new SubgraphDataSource({ name: 'shop', url: fake.url });
    const rootFetch = {
      kind: 'incoming operation',
      request: { query: ROOT_FETCH },
      incomingRequestContext: {},
      context: {},
    };
    const extensions = { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'shop' };
    const message = 'Subgraph "shop" is unavailable: HTTP 502 Bad Gateway';
    expect(await source.process(rootFetch as never)).toEqual({
      errors: [
        { message, path: ['shopAccount'], extensions },
        { message, path: ['other'], extensions },
      ],
    });
  });

  it('fails fast once the breaker is open, without calling the subgraph', async () => {
    const fake = await subgraph((res) => res.writeHead(500).end());
    const { events, observer } = recorder();
    const source = new SubgraphDataSource({ name: 'shop', url: fake.url, breaker: { failureThreshold: 2 }, observer });
    await source.process(entityFetch());
    await source.process(entityFetch());
    expect(await source.process(entityFetch())).toEqual(
      shopError('SUBGRAPH_UNAVAILABLE', 'circuit breaker open after 2 consecutive failures'),
    );
    expect(fake.calls).toBe(2);
    expect(events).toEqual([
      { subgraph: 'shop', state: 'closed' },
      { subgraph: 'shop', timed: true, failure: 'SUBGRAPH_UNAVAILABLE' },
      { subgraph: 'shop', state: 'open' },
      { subgraph: 'shop', timed: true, failure: 'SUBGRAPH_UNAVAILABLE' },
      { subgraph: 'shop', timed: false, failure: 'SUBGRAPH_UNAVAILABLE' },
    ]);
  });
});
