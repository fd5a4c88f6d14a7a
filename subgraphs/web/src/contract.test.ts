import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { deriveWebModel, insertWebRows, type WebEvent } from '@c360/demo/seed/sources/web';
import { createLogger } from '@c360/kit/logger';
import { postGraphQL } from '@c360/kit/testing';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { startWebSubgraph } from '.';

const logger = createLogger('silent');
const url = TEST_ENV.WEB_DATABASE_URL!;
const tag = randomUUID().slice(0, 8);
// A random day after every seeded time, so that concurrent runs never see each other's rows in the feed.
const base = Date.parse('2031-01-01T00:00:00Z') + Math.floor(Math.random() * 3000) * 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 86_400_000;

const cookie = { a: `ck-${tag}-a`, b: `ck-${tag}-b`, c: `ck-${tag}-c` };
const sid = { a1: `${tag}-a1`, a2: `${tag}-a2`, b1: `${tag}-b1`, c1: `${tag}-c1`, b2: `${tag}-b2` };
const SITE = 'https://shop.test';
const landing = `${SITE}/p/mug?utm_source=google&utm_medium=cpc&utm_campaign=spring&gclid=G-${tag}`;

let pool: Pool;
let web: Awaited<ReturnType<typeof startWebSubgraph>>;
const written: WebEvent[] = [];

/** An event as the tracker sends it, with this test's device and country unless given. */
function ev(name: WebEvent['eventName'], at: number, session: string, extra: Partial<WebEvent> = {}): WebEvent {
  const [cookieKey, idx] = [session.slice(-2, -1) as keyof typeof cookie, Number(session.slice(-1))];
  return {
    eventId: randomUUID(),
    eventName: name,
    collectorTstamp: iso(at + 200),
    derivedTstamp: iso(at),
    domainUserid: cookie[cookieKey],
    domainSessionid: session,
    domainSessionidx: idx,
    userId: null,
    pageViewId: null,
    pageUrl: null,
    pageTitle: null,
    pageReferrer: null,
    mktMedium: null,
    mktSource: null,
    mktCampaign: null,
    mktClickid: null,
    mktNetwork: null,
    deviceClass: 'Desktop',
    brFamily: 'Firefox',
    osFamily: 'Linux',
    geoCountry: 'FR',
    productSku: null,
    productName: null,
    productQuantity: null,
    productPrice: null,
    productCurrency: null,
    ...extra,
  };
}

/** Writes events and refreshes the derived sessions and cookies of the cookies they touch, as the modelling job does. */
async function track(events: WebEvent[]): Promise<void> {
  written.push(...events);
  const cookies = [...new Set(events.map((e) => e.domainUserid))];
  await pool.query('DELETE FROM derived.snowplow_web_sessions WHERE domain_userid = ANY($1)', [cookies]);
  await pool.query('DELETE FROM derived.snowplow_web_users WHERE domain_userid = ANY($1)', [cookies]);
  const model = deriveWebModel(written.filter((e) => cookies.includes(e.domainUserid)));
  await insertWebRows(pool, { events, ...model });
}

const mkt = { mktMedium: 'cpc', mktSource: 'google', mktCampaign: 'spring' };
const A1 = base;
const A2 = base + DAY;
const C1 = base + DAY / 2;
const B1 = base + 2 * DAY;

beforeAll(async () => {
  pool = new Pool({ connectionString: url });
  const pv = { a: `${tag}-pv-a`, b: `${tag}-pv-b`, c: `${tag}-pv-c`, d: `${tag}-pv-d`, tea: `${tag}-pv-tea` };
  const ann = { userId: 'Ann.Smith@Example.com ' };
  await track([
    // A1: an ad click, a landing page read for 40 s, a login, a product put in the cart, a checkout.
    ev('ad_click', A1, sid.a1, {
      ...mkt,
      pageViewId: pv.a,
      pageUrl: landing,
      mktClickid: `G-${tag}`,
      mktNetwork: 'Google',
    }),
    ev('page_view', A1 + 1000, sid.a1, {
      ...mkt,
      pageViewId: pv.a,
      pageUrl: landing,
      pageTitle: 'Mug | Shop',
      pageReferrer: 'https://www.google.com/',
    }),
    ev('page_ping', A1 + 11_000, sid.a1, { ...mkt, pageViewId: pv.a, pageUrl: landing }),
    ev('page_ping', A1 + 41_000, sid.a1, { ...mkt, pageViewId: pv.a, pageUrl: landing }),
    ev('page_view', A1 + 50_000, sid.a1, {
      pageViewId: pv.b,
      pageUrl: `${SITE}/account/login`,
      pageTitle: 'Sign in',
      pageReferrer: landing,
    }),
    ev('login', A1 + 60_000, sid.a1, { ...ann, pageViewId: pv.b, pageUrl: `${SITE}/account/login` }),
    ev('page_view', A1 + 70_000, sid.a1, { ...ann, pageViewId: pv.c, pageUrl: `${SITE}/p/mug`, pageTitle: 'Mug' }),
    ev('add_to_cart', A1 + 75_000, sid.a1, {
      ...ann,
      pageViewId: pv.c,
      productSku: 'SKU-1',
      productName: 'Mug',
      productQuantity: 2,
      productPrice: '19.99',
      productCurrency: 'EUR',
    }),
    ev('page_view', A1 + 90_000, sid.a1, { ...ann, pageViewId: pv.d, pageUrl: `${SITE}/checkout` }),
    ev('checkout_started', A1 + 95_000, sid.a1, { ...ann, pageViewId: pv.d, pageUrl: `${SITE}/checkout` }),
    // A2: back the next day, logs in again (typed differently), leaves a cart.
    ev('page_view', A2, sid.a2, { pageViewId: `${tag}-pv-home`, pageUrl: `${SITE}/`, pageTitle: 'Home' }),
    ev('login', A2 + 5000, sid.a2, { userId: 'ann.smith@example.com', pageViewId: `${tag}-pv-home` }),
    ev('page_view', A2 + 8000, sid.a2, {
      userId: 'ann.smith@example.com',
      pageViewId: pv.tea,
      pageUrl: `${SITE}/p/tea`,
      pageTitle: 'Tea',
      pageReferrer: `${SITE}/`,
    }),
    ev('add_to_cart', A2 + 9000, sid.a2, {
      userId: 'ann.smith@example.com',
      pageViewId: pv.tea,
      productSku: 'SKU-2',
      productName: 'Tea',
      productQuantity: 1,
      productPrice: '5.00',
      productCurrency: 'EUR',
    }),
    ev('page_ping', A2 + 30_000, sid.a2, { userId: 'ann.smith@example.com', pageViewId: pv.tea }),
    // C1: Bob on his phone, logs in.
    ev('page_view', C1, sid.c1, {
      pageViewId: `${tag}-pv-bob`,
      pageUrl: `${SITE}/`,
      deviceClass: 'Phone',
      brFamily: 'Mobile Safari',
      osFamily: 'iOS',
      geoCountry: 'GB',
    }),
    ev('login', C1 + 4000, sid.c1, { userId: 'bob@example.com', deviceClass: 'Phone', geoCountry: 'GB' }),
    // B1: Ann's tablet, never logged in: anonymous until the identity graph ties it to her.
    ev('page_view', B1, sid.b1, {
      pageViewId: `${tag}-pv-sale`,
      pageUrl: `${SITE}/c/sale`,
      pageReferrer: 'https://www.instagram.com/',
    }),
  ]);
  web = await startWebSubgraph({ databaseUrl: url, logger, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await web.stop();
  const cookies = Object.values(cookie);
  await pool.query('DELETE FROM atomic.events WHERE domain_userid = ANY($1)', [cookies]);
  await pool.query('DELETE FROM derived.snowplow_web_sessions WHERE domain_userid = ANY($1)', [cookies]);
  await pool.query('DELETE FROM derived.snowplow_web_users WHERE domain_userid = ANY($1)', [cookies]);
  await pool.end();
});

const SESSION_FIELDS = /* GraphQL */ `
  fragment S on WebSession {
    sessionId
    cookieId
    sessionIndex
    startedAt
    endedAt
    durationSeconds
    landingPageUrl
    landingPageTitle
    referrer
    utmCampaign
    utmSource
    utmMedium
    device {
      type
      browser
      operatingSystem
    }
    country
    loggedIn
    pageViewCount
    pageViews {
      viewedAt
      url
      title
      referrer
      timeOnPageSeconds
    }
    adClicks {
      clickedAt
      network
      campaign
      clickId
      landingPageUrl
    }
    cartEvents {
      action
      at
      sku
      productName
      quantity
      unitPrice {
        amount
        currency
      }
    }
  }
`;

const CUSTOMER_WEB = /* GraphQL */ `
  query ($r: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $r) {
      ... on Customer {
        webSessions(first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            cursor
            node {
              ...S
            }
          }
        }
        lastWebSession {
          sessionId
          loggedIn
        }
        abandonedWebCarts {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              sessionId
              cookieId
              abandonedAt
              items {
                sku
                productName
                quantity
                unitPrice {
                  amount
                  currency
                }
              }
              value {
                amount
                currency
              }
            }
          }
        }
      }
    }
  }
  ${SESSION_FIELDS}
`;

const ann = {
  __typename: 'Customer',
  id: 'c-ann',
  sourceRecords: [
    { system: 'web', localId: cookie.a },
    // Another system's record whose id happens to be Bob's cookie: not web's, so not read.
    { system: 'crm', localId: cookie.c },
    { system: 'web', localId: cookie.b },
  ],
};
const bob = { __typename: 'Customer', id: 'c-bob', sourceRecords: [{ system: 'web', localId: cookie.c }] };
// A customer known to other systems only, one of whose ids happens to look like a cookie: not web's.
const stranger = { __typename: 'Customer', id: 'c-x', sourceRecords: [{ system: 'commerce', localId: cookie.a }] };

const sessionA1 = {
  sessionId: sid.a1,
  cookieId: cookie.a,
  sessionIndex: 1,
  startedAt: iso(A1),
  endedAt: iso(A1 + 95_000),
  durationSeconds: 95,
  landingPageUrl: landing,
  landingPageTitle: 'Mug | Shop',
  referrer: 'https://www.google.com/',
  utmCampaign: 'spring',
  utmSource: 'google',
  utmMedium: 'cpc',
  device: { type: 'Desktop', browser: 'Firefox', operatingSystem: 'Linux' },
  country: 'FR',
  loggedIn: true,
  pageViewCount: 4,
  pageViews: [
    {
      viewedAt: iso(A1 + 1000),
      url: landing,
      title: 'Mug | Shop',
      referrer: 'https://www.google.com/',
      timeOnPageSeconds: 40,
    },
    {
      viewedAt: iso(A1 + 50_000),
      url: `${SITE}/account/login`,
      title: 'Sign in',
      referrer: landing,
      timeOnPageSeconds: 0,
    },
    { viewedAt: iso(A1 + 70_000), url: `${SITE}/p/mug`, title: 'Mug', referrer: null, timeOnPageSeconds: 0 },
    { viewedAt: iso(A1 + 90_000), url: `${SITE}/checkout`, title: null, referrer: null, timeOnPageSeconds: 0 },
  ],
  adClicks: [
    { clickedAt: iso(A1), network: 'Google', campaign: 'spring', clickId: `G-${tag}`, landingPageUrl: landing },
  ],
  cartEvents: [
    {
      action: 'ADD_TO_CART',
      at: iso(A1 + 75_000),
      sku: 'SKU-1',
      productName: 'Mug',
      quantity: 2,
      unitPrice: { amount: '19.99', currency: 'EUR' },
    },
    { action: 'CHECKOUT_STARTED', at: iso(A1 + 95_000), sku: null, productName: null, quantity: null, unitPrice: null },
  ],
};

describe('web subgraph contract', () => {
  it('publishes its SDL with the Customer extension reading the source records', async () => {
    const res = await postGraphQL(web.url, '{ _service { sdl } }');
    const sdl: string = res.data?._service.sdl;
    expect(sdl).toContain('lastWebSession: WebSession @requires(fields: "sourceRecords { system localId }")');
    expect(sdl).toMatch(
      /webSessions\([\s\S]*?\): WebSessionConnection @requires\(fields: "sourceRecords \{ system localId \}"\)/,
    );
    expect(sdl).toMatch(/abandonedWebCarts\([\s\S]*?\): AbandonedWebCartConnection @requires/);
  });

  it("resolves many customers' sessions, pages, ad clicks and carts in one query per level", async () => {
    const before = web.db.stats.queries;
    const res = await postGraphQL(web.url, CUSTOMER_WEB, { first: 2, r: [ann, bob, stranger] });
    expect(res.errors).toBeUndefined();
    const [a, b, x] = res.data!._entities;
    // Newest first across Ann's two browsers, without Bob's session.
    expect(a.webSessions.totalCount).toBe(3);
    expect(a.webSessions.pageInfo).toEqual({ hasNextPage: true, endCursor: a.webSessions.edges[1].cursor });
    expect(a.webSessions.edges.map((e: { node: { sessionId: string } }) => e.node.sessionId)).toEqual([sid.b1, sid.a2]);
    expect(a.webSessions.edges[0].node).toEqual({
      sessionId: sid.b1,
      cookieId: cookie.b,
      sessionIndex: 1,
      startedAt: iso(B1),
      endedAt: iso(B1),
      durationSeconds: 0,
      landingPageUrl: `${SITE}/c/sale`,
      landingPageTitle: null,
      referrer: 'https://www.instagram.com/',
      utmCampaign: null,
      utmSource: null,
      utmMedium: null,
      device: { type: 'Desktop', browser: 'Firefox', operatingSystem: 'Linux' },
      country: 'FR',
      loggedIn: false,
      pageViewCount: 1,
      pageViews: [
        {
          viewedAt: iso(B1),
          url: `${SITE}/c/sale`,
          title: null,
          referrer: 'https://www.instagram.com/',
          timeOnPageSeconds: 0,
        },
      ],
      adClicks: [],
      cartEvents: [],
    });
    expect(
      a.webSessions.edges[1].node.pageViews.map((p: { timeOnPageSeconds: number }) => p.timeOnPageSeconds),
    ).toEqual([0, 22]);
    expect(a.lastWebSession).toEqual({ sessionId: sid.b1, loggedIn: false });
    // The cart of A1 was checked out; the one left in A2 was not.
    expect(a.abandonedWebCarts).toEqual({
      totalCount: 1,
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
      edges: [
        {
          node: {
            sessionId: sid.a2,
            cookieId: cookie.a,
            abandonedAt: iso(A2 + 9000),
            items: [{ sku: 'SKU-2', productName: 'Tea', quantity: 1, unitPrice: { amount: '5.00', currency: 'EUR' } }],
            value: { amount: '5.00', currency: 'EUR' },
          },
        },
      ],
    });
    expect(b.webSessions.totalCount).toBe(1);
    expect(b.webSessions.edges[0].node).toMatchObject({
      sessionId: sid.c1,
      device: { type: 'Phone', browser: 'Mobile Safari', operatingSystem: 'iOS' },
      country: 'GB',
      loggedIn: true,
      durationSeconds: 4,
    });
    expect(b.lastWebSession).toEqual({ sessionId: sid.c1, loggedIn: true });
    expect(x).toEqual({
      webSessions: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] },
      lastWebSession: null,
      abandonedWebCarts: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] },
    });
    // Sessions (webSessions and lastWebSession together), their events, the carts: one round trip each.
    expect(web.db.stats.queries - before).toBe(3);
  });

  it('pages through sessions with the cursor, the total staying the same', async () => {
    const page1 = await postGraphQL(web.url, CUSTOMER_WEB, { first: 2, r: [ann] });
    const after = page1.data!._entities[0].webSessions.pageInfo.endCursor;
    const page2 = await postGraphQL(web.url, CUSTOMER_WEB, { first: 2, after, r: [ann] });
    expect(page2.errors).toBeUndefined();
    expect(page2.data!._entities[0].webSessions).toEqual({
      totalCount: 3,
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
      edges: [{ cursor: expect.any(String), node: sessionA1 }],
    });
    // Past the last session: an empty page that still knows the total.
    const end = page2.data!._entities[0].webSessions.pageInfo.endCursor;
    const page3 = await postGraphQL(web.url, CUSTOMER_WEB, { first: 2, after: end, r: [ann] });
    expect(page3.data!._entities[0].webSessions).toEqual({
      totalCount: 3,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [],
    });
  });

  it('makes one sessions query and one events query for a hundred customers', async () => {
    const r = [
      ann,
      bob,
      ...Array.from({ length: 98 }, (_, i) => ({
        __typename: 'Customer',
        id: `c-${i}`,
        sourceRecords: [{ system: 'web', localId: `ck-${tag}-none-${i}` }],
      })),
    ];
    const before = web.db.stats.queries;
    const res = await postGraphQL(
      web.url,
      /* GraphQL */ `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Customer {
              webSessions(first: 5) {
                totalCount
                edges {
                  node {
                    sessionId
                    pageViews {
                      url
                    }
                  }
                }
              }
              lastWebSession {
                sessionId
              }
            }
          }
        }
      `,
      { r },
    );
    expect(res.errors).toBeUndefined();
    const entities = res.data!._entities;
    expect(entities).toHaveLength(100);
    expect(entities.map((e: { webSessions: { totalCount: number } }) => e.webSessions.totalCount)).toEqual([
      3,
      1,
      ...Array(98).fill(0),
    ]);
    expect(entities[0].webSessions.edges[2].node.pageViews).toHaveLength(4);
    expect(web.db.stats.queries - before).toBe(2);
  });

  it('rejects a bad page size or cursor with BAD_USER_INPUT naming the argument', async () => {
    for (const first of [0, 101]) {
      const res = await postGraphQL(web.url, CUSTOMER_WEB, { first, r: [ann] });
      expect(res.data!._entities[0].webSessions).toBeNull();
      expect(res.errors).toEqual([
        expect.objectContaining({
          message: `Invalid first: expected an integer from 1 to 100, received ${first}`,
          path: ['_entities', 0, 'webSessions'],
          extensions: { code: 'BAD_USER_INPUT', field: 'first' },
        }),
      ]);
    }
    const badCursor = await postGraphQL(web.url, CUSTOMER_WEB, { after: 'nope', r: [ann] });
    expect(badCursor.errors).toEqual([
      expect.objectContaining({
        message: 'Invalid after: expected a web sessions cursor (pageInfo.endCursor), received "nope"',
        path: ['_entities', 0, 'webSessions'],
        extensions: { code: 'BAD_USER_INPUT', field: 'after' },
      }),
    ]);
    // The rest of the answer is unharmed.
    expect(badCursor.data!._entities[0].lastWebSession).toEqual({ sessionId: sid.b1, loggedIn: false });
    const carts = await postGraphQL(
      web.url,
      /* GraphQL */ `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Customer {
              abandonedWebCarts(after: "bm9wZQ") {
                totalCount
              }
            }
          }
        }
      `,
      { r: [ann] },
    );
    expect(carts.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('finds a session by id, through Query.webSession and as an entity; an unknown id is null', async () => {
    const byQuery = await postGraphQL(
      web.url,
      /* GraphQL */ `
        query ($id: ID!) {
          webSession(sessionId: $id) {
            ...S
          }
          missing: webSession(sessionId: "no-such-session") {
            sessionId
          }
        }
        ${SESSION_FIELDS}
      `,
      { id: sid.a1 },
    );
    expect(byQuery).toEqual({ status: 200, data: { webSession: sessionA1, missing: null } });
    const byKey = await postGraphQL(
      web.url,
      /* GraphQL */ `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on WebSession {
              sessionId
              cookieId
            }
          }
        }
      `,
      {
        r: [
          { __typename: 'WebSession', sessionId: sid.c1 },
          { __typename: 'WebSession', sessionId: 'nope' },
        ],
      },
    );
    expect(byKey).toEqual({ status: 200, data: { _entities: [{ sessionId: sid.c1, cookieId: cookie.c }, null] } });
  });

  it('answers null with SOURCE_UNAVAILABLE on each web field when the warehouse is down, and keeps serving', async () => {
    const down = await startWebSubgraph({
      databaseUrl: 'postgres://postgres@127.0.0.1:1/c360_test_web',
      sourceTimeoutMs: 500,
      logger,
      host: '127.0.0.1',
      port: 0,
    });
    try {
      const res = await postGraphQL(down.url, CUSTOMER_WEB, { r: [ann] });
      expect(res.data).toEqual({ _entities: [{ webSessions: null, lastWebSession: null, abandonedWebCarts: null }] });
      const errors = res.errors ?? [];
      expect(errors.map((e) => e.path).sort()).toEqual([
        ['_entities', 0, 'abandonedWebCarts'],
        ['_entities', 0, 'lastWebSession'],
        ['_entities', 0, 'webSessions'],
      ]);
      for (const error of errors) {
        expect(error.extensions).toEqual(expect.objectContaining({ code: 'SOURCE_UNAVAILABLE', source: 'web' }));
      }
      expect((await fetch(down.url.replace(/\/graphql$/, '/health'))).status).toBe(503);
      const feed = await fetch(down.url.replace(/\/graphql$/, '/observations'));
      expect(feed.status).toBe(503);
      // Still alive and answering.
      const again = await postGraphQL(down.url, '{ _service { sdl } }');
      expect(again.status).toBe(200);
    } finally {
      await down.stop();
    }
  });

  it('gives up on a stuck warehouse query within the source budget', async () => {
    const slow = await startWebSubgraph({ databaseUrl: url, sourceTimeoutMs: 500, logger, host: '127.0.0.1', port: 0 });
    const locker = await pool.connect();
    try {
      // Another transaction holding the sessions table makes every read of it wait.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE derived.snowplow_web_sessions IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const res = await postGraphQL(
        slow.url,
        /* GraphQL */ `
          query ($r: [_Any!]!) {
            _entities(representations: $r) {
              ... on Customer {
                lastWebSession {
                  sessionId
                }
              }
            }
          }
        `,
        { r: [bob] },
      );
      expect(Date.now() - started).toBeLessThan(2000);
      expect(res.data).toEqual({ _entities: [{ lastWebSession: null }] });
      expect(res.errors?.[0]).toEqual(
        expect.objectContaining({
          path: ['_entities', 0, 'lastWebSession'],
          extensions: expect.objectContaining({ code: 'SOURCE_UNAVAILABLE', source: 'web' }),
        }),
      );
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
      await slow.stop();
    }
  });
});

describe('web observation feed', () => {
  const feedUrl = () => web.url.replace(/\/graphql$/, '/observations');
  const read = async (query: string) => (await (await fetch(`${feedUrl()}?${query}`)).json()) as any;
  // Just before this run's first event: every seeded cookie is older.
  const seek = Buffer.from(JSON.stringify([iso(base - 1), ''])).toString('base64url');

  it('serves one record per cookie in order of last activity, with the logins seen on it', async () => {
    const first = await read(`limit=2&after=${seek}`);
    expect(first).toEqual({
      records: [
        {
          system: 'web',
          localId: cookie.c,
          observedAt: iso(C1 + 4000),
          identifiers: [
            { kind: 'COOKIE', value: cookie.c },
            { kind: 'EMAIL', value: 'bob@example.com' },
          ],
        },
        {
          system: 'web',
          localId: cookie.a,
          observedAt: iso(A2 + 30_000),
          identifiers: [
            { kind: 'COOKIE', value: cookie.a },
            // As typed, in the order they were first used; the identity graph normalises them.
            { kind: 'EMAIL', value: 'Ann.Smith@Example.com ' },
            { kind: 'EMAIL', value: 'ann.smith@example.com' },
          ],
        },
      ],
      nextCursor: expect.any(String),
      hasMore: true,
    });
    // Resumes after the watermark: the anonymous tablet, with its cookie only.
    const second = await read(`limit=1&after=${first.nextCursor}`);
    expect(second.records).toEqual([
      { system: 'web', localId: cookie.b, observedAt: iso(B1), identifiers: [{ kind: 'COOKIE', value: cookie.b }] },
    ]);
    // Replaying a page gives the same records; reading past the last one gives none of them again.
    expect(await read(`limit=2&after=${seek}`)).toEqual(first);
    const after = await read(`limit=100&after=${second.nextCursor}`);
    expect(after.records.filter((r: { localId: string }) => r.localId.includes(tag))).toEqual([]);
  });

  it('brings a cookie round again when it logs in later, now with the email', async () => {
    const before = await read(`limit=3&after=${seek}`);
    const watermark = before.nextCursor;
    const B2 = base + 3 * DAY;
    await track([
      ev('page_view', B2, sid.b2, { pageViewId: `${tag}-pv-b2`, pageUrl: `${SITE}/` }),
      ev('login', B2 + 7000, sid.b2, { userId: 'ANN.SMITH@EXAMPLE.COM', pageViewId: `${tag}-pv-b2` }),
    ]);
    const next = await read(`limit=1&after=${watermark}`);
    expect(next.records).toEqual([
      {
        system: 'web',
        localId: cookie.b,
        observedAt: iso(B2 + 7000),
        identifiers: [
          { kind: 'COOKIE', value: cookie.b },
          { kind: 'EMAIL', value: 'ANN.SMITH@EXAMPLE.COM' },
        ],
      },
    ]);
  });

  it('refuses a malformed cursor or limit with 400', async () => {
    const bad = await fetch(`${feedUrl()}?after=garbage`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^after: expected a cursor/);
    expect((await fetch(`${feedUrl()}?limit=0`)).status).toBe(400);
  });
});
