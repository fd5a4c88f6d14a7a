import { randomUUID } from 'node:crypto';
import { MemoryCache, RedisCache, type Cache } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { BatchedCache } from './batched-cache';
import {
  customerTag,
  FetchCache,
  maxAgeOf,
  recordTag,
  stableJson,
  tagsOf,
  withoutAddedTypenames,
  withTypenames,
} from './fetch-cache';

const logger = createLogger('silent');

describe.each([
  ['Redis', () => RedisCache.connect(TEST_ENV.REDIS_URL!, logger, `test:${randomUUID()}:`)],
  ['in-process LRU', () => new MemoryCache()],
  ['Redis, batched', () => new BatchedCache(RedisCache.connect(TEST_ENV.REDIS_URL!, logger, `test:${randomUUID()}:`))],
])('FetchCache over %s', (_name, make) => {
  let cache: Cache;
  let fetchCache: FetchCache;
  const outcomes: string[] = [];

  beforeEach(async () => {
    cache = make();
    if (cache instanceof RedisCache) await cache.ready();
    if (cache instanceof BatchedCache && cache.store instanceof RedisCache) await cache.store.ready();
    outcomes.length = 0;
    fetchCache = new FetchCache({ cache, observer: { lookup: (_s, outcome) => outcomes.push(outcome) } });
  });
  afterEach(() => cache.close());

  const request = (id: string) => ({
    query:
      'query($representations:[_Any!]!){_entities(representations:$representations){...on Customer{shopAccounts{email}}}}',
    variables: { representations: [{ __typename: 'Customer', id }] },
  });
  const entry = (ttlSeconds: number, tags: string[]) => (body: string) => ({ body, ttlSeconds, tags });

  it('serves a second identical fetch from the cache', async () => {
    const key = fetchCache.key('commerce', request('c1'), 'customer:read');
    let fetches = 0;
    const fetch = async () => `{"n":${++fetches}}`;
    const first = await fetchCache.getOrFetch('commerce', key, String, fetch, entry(60, []));
    const second = await fetchCache.getOrFetch('commerce', key, String, fetch, entry(60, []));
    expect([first, second, fetches]).toEqual(['{"n":1}', '{"n":1}', 1]);
    expect(outcomes).toEqual(['miss', 'hit']);
  });

  it("fetches a request's later fetches without a lookup once one of its fetches missed, and still writes them", async () => {
    const fetched: string[] = [];
    const get = (id: string, client: object) =>
      fetchCache.getOrFetch(
        'commerce',
        fetchCache.key('commerce', request(id), 'p'),
        String,
        async () => {
          fetched.push(id);
          return `{"id":"${id}"}`;
        },
        entry(60, [customerTag(id)]),
        undefined,
        client,
      );
    // Entries are written off the response path: time for them to land (one Redis round trip).
    const written = () => new Promise((r) => setTimeout(r, 100));
    // Another request left an entry for c2 behind.
    await get('c2', {});
    await written();
    const cold = {};
    expect(await get('c1', cold)).toBe('{"id":"c1"}');
    // The request that missed fetches c2 again rather than wait for a lookup…
    expect(await get('c2', cold)).toBe('{"id":"c2"}');
    expect(fetched).toEqual(['c2', 'c1', 'c2']);
    // … and writes what it fetched: a request that has not missed finds it.
    await written();
    expect(await get('c1', {})).toBe('{"id":"c1"}');
    expect(fetched).toEqual(['c2', 'c1', 'c2']);
    expect(outcomes).toEqual(['miss', 'miss', 'miss', 'hit']);
  });

  it("drops a whole subgraph's entries, for every replica sharing the cache", async () => {
    const replica = new FetchCache({ cache, generationTtlMs: 0 });
    const fetches: string[] = [];
    const get = (on: FetchCache, subgraph: string) =>
      on.getOrFetch(
        subgraph,
        on.key(subgraph, request('c9'), 'p'),
        String,
        async () => {
          fetches.push(subgraph);
          return `{"n":${fetches.length}}`;
        },
        entry(60, []),
      );
    await get(fetchCache, 'profile');
    await get(fetchCache, 'commerce');
    expect(await get(replica, 'profile')).toBe('{"n":1}');
    await fetchCache.invalidateSubgraph('profile');
    // The replica reads the new generation (here at once: generationTtlMs 0); the other subgraph keeps its entry.
    expect(await get(replica, 'profile')).toBe('{"n":3}');
    expect(await get(fetchCache, 'profile')).toBe('{"n":3}');
    expect(await get(replica, 'commerce')).toBe('{"n":2}');
    expect(fetches).toEqual(['profile', 'commerce', 'profile']);
  });

  it('makes one fetch for N identical concurrent misses', async () => {
    const key = fetchCache.key('commerce', request('c2'), 'p');
    let fetches = 0;
    const slow = () => new Promise<string>((resolve) => setTimeout(() => resolve(`{"n":${++fetches}}`), 50));
    const results = await Promise.all(
      Array.from({ length: 20 }, () => fetchCache.getOrFetch('commerce', key, String, slow, entry(60, []))),
    );
    expect(fetches).toBe(1);
    expect(new Set(results)).toEqual(new Set(['{"n":1}']));
    expect(outcomes.filter((o) => o === 'coalesced')).toHaveLength(19);
  });

  it('does not keep what the hints say not to cache, nor a failed fetch', async () => {
    const key = fetchCache.key('commerce', request('c3'), 'p');
    let fetches = 0;
    await fetchCache.getOrFetch(
      'commerce',
      key,
      String,
      async () => `${++fetches}`,
      () => null,
    );
    await fetchCache.getOrFetch('commerce', key, String, async () => `${++fetches}`, entry(0, []));
    await expect(
      fetchCache.getOrFetch('commerce', key, String, () => Promise.reject(new Error('down')), entry(60, [])),
    ).rejects.toThrow('down');
    await fetchCache.getOrFetch('commerce', key, String, async () => `${++fetches}`, entry(60, []));
    expect(fetches).toBe(3);
  });

  it('drops exactly the entries tagged with an invalidated customer', async () => {
    const [k1, k2] = [fetchCache.key('identity', request('a'), 'p'), fetchCache.key('identity', request('b'), 'p')];
    await fetchCache.getOrFetch('identity', k1, String, async () => 'a1', entry(60, [customerTag('A')]));
    await fetchCache.getOrFetch('identity', k2, String, async () => 'b1', entry(60, [customerTag('B')]));
    expect(await fetchCache.invalidate([customerTag('A'), customerTag('nobody')])).toBe(1);
    expect(await fetchCache.getOrFetch('identity', k1, String, async () => 'a2', entry(60, []))).toBe('a2');
    expect(await fetchCache.getOrFetch('identity', k2, String, async () => 'b2', entry(60, []))).toBe('b1');
  });

  it('never shares an entry across partitions (scope sets)', async () => {
    const withPii = fetchCache.key('crm', request('c4'), 'customer:read pii:read');
    const withoutPii = fetchCache.key('crm', request('c4'), 'customer:read');
    expect(withPii).not.toBe(withoutPii);
  });
});

describe('fetch cache helpers', () => {
  it('keys ignore the order of variables', () => {
    expect(stableJson({ b: 1, a: { d: [1, { f: 2, e: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":1,"f":2}]},"b":1}',
    );
  });

  it.each([
    ['max-age=60, public', 60],
    ['public, max-age=30', 30],
    ['max-age=60, private', 0],
    ['no-store', 0],
    [null, 0],
    ['max-age=abc', 0],
  ])('maxAgeOf(%s) = %d', (header, seconds) => expect(maxAgeOf(header)).toBe(seconds));

  it('tags a fetch with the customers and source records it is about', () => {
    const variables = {
      representations: [
        { __typename: 'Customer', id: 'c1', sourceRecords: [{ system: 'crm', localId: '42' }] },
        { __typename: 'ShopAccount', accountId: '7' },
      ],
    };
    const data = { customerByIdentifier: { __typename: 'Customer', id: 'c9', identifiers: [] } };
    expect(tagsOf(variables, data).sort()).toEqual(
      [customerTag('c1'), customerTag('c9'), recordTag('crm', '42')].sort(),
    );
  });

  it('asks every type under an alias of its own, and gives the planner back the answer to its own query', () => {
    // An @interfaceObject subgraph answers __typename with the interface's name: had the cache asked for
    // __typename itself, the planner would have merged `Account` over the `User` it knew, and dropped fields.
    const query = /* GraphQL */ `
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Account {
            __typename
            name
            owner {
              id
            }
          }
        }
      }
    `;
    expect(withTypenames(query)).toBe(
      'query ($representations: [_Any!]!) {\n  _entities(representations: $representations) {\n    ... on Account {\n' +
        '      __typename\n      name\n      owner {\n        id\n        _c360_typename: __typename\n      }\n' +
        '      _c360_typename: __typename\n    }\n    _c360_typename: __typename\n  }\n}',
    );
    expect(withTypenames(withTypenames(query))).toBe(withTypenames(query));
    const answer = {
      _entities: [
        {
          __typename: 'Account',
          _c360_typename: 'Account',
          name: 'a',
          owner: { id: 'c1', _c360_typename: 'Customer' },
        },
        null,
      ],
    };
    expect(withoutAddedTypenames(answer)).toEqual({
      _entities: [{ __typename: 'Account', name: 'a', owner: { id: 'c1' } }, null],
    });
    expect(answer._entities[0]!._c360_typename).toBe('Account');
    expect(tagsOf({}, answer)).toEqual([customerTag('c1')]);
  });
});
