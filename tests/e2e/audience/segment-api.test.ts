import { loadEmbeddedConfig } from '@c360/embedded/config';
import { startProduct, type Product } from '@c360/embedded/product';

import { DEMO_KEYS } from '@c360/gateway/auth/demo-keys';
import { RedisCache } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';
import { postGraphQL } from '@c360/kit/testing';
import { TEST_TRUTH_PATH, testEnv } from '@c360/test-setup/test-env';

import { appendFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkpointPath, exportAudience, httpGateway, main } from '@c360/subgraph-profile/audience';
import { freshDemo } from '@c360/test-setup/fresh-demo';

/**
 * The segment API a marketer's editor uses — Segment.size, Segment.members
 * (cursor pages) and Query.segmentPreview — evaluated in bulk by the audience
 * engine, against what the gateway answers customer by customer
 * (Customer.segments, Customer.contactability) on the seeded demo.
 */
const PEOPLE = 400;
const ADMIN = { 'x-api-key': DEMO_KEYS['privacy-officer'] };
const SALES = { 'x-api-key': DEMO_KEYS['sales-app'] };
const ANALYST = { 'x-api-key': DEMO_KEYS.analyst };
/** Segment definitions outlive the test run (the profile database is versioned): a fresh name per run. */
const NAME = `e2e-audience-${Date.now()}`;
const RULE = {
  any: [
    { field: 'kpi.orderCount', op: 'gte', value: 3 },
    { field: 'contactable.EMAIL', op: 'eq', value: true },
  ],
};

let product: Product;

async function gql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = ADMIN) {
  return postGraphQL(product.gateway.url, query, variables, headers);
}

/** Every customer, with segments and contactability, as the gateway computes them one customer at a time. */
async function everyCustomer(): Promise<{ id: string; segments: string[]; email: boolean }[]> {
  const out: { id: string; segments: string[]; email: boolean }[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await gql(
      'query($after: String) { customerIds(first: 1000, after: $after) { ids endCursor hasNextPage } }',
      {
        after,
      },
    );
    const { ids, endCursor, hasNextPage } = page.data!.customerIds as {
      ids: string[];
      endCursor: string;
      hasNextPage: boolean;
    };
    for (let i = 0; i < ids.length; i += 100) {
      const res = await gql(
        'query($ids: [ID!]!) { customers(ids: $ids) { id segments { name } contactability { channel contactable } } }',
        { ids: ids.slice(i, i + 100) },
      );
      expect(res.errors).toBeUndefined();
      for (const c of res.data!.customers as {
        id: string;
        segments: { name: string }[];
        contactability: { channel: string; contactable: boolean }[];
      }[]) {
        out.push({
          id: c.id,
          segments: c.segments.map((s) => s.name),
          email: c.contactability.some((x) => x.channel === 'EMAIL' && x.contactable),
        });
      }
    }
    if (!hasNextPage) return out;
    after = endCursor;
  }
}

async function pageMembers(name: string, first: number, extra = '', vars: Record<string, unknown> = {}) {
  const ids: string[] = [];
  const contacts: (string | null)[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const res = await gql(
      `query($name: String!, $first: Int, $after: String${extra ? ', $channel: String' : ''}) {
        segment(name: $name) { members(first: $first, after: $after${extra}) { edges { cursor node { id } contact } pageInfo { endCursor hasNextPage } } }
      }`,
      { name, first, after, ...vars },
    );
    expect(res.errors).toBeUndefined();
    const conn = (res.data!.segment as { members: any }).members;
    ids.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
    contacts.push(...conn.edges.map((e: { contact: string | null }) => e.contact));
    pages++;
    if (!conn.pageInfo.hasNextPage) return { ids, contacts, pages };
    after = conn.pageInfo.endCursor;
  }
}

beforeAll(async () => {
  // Functional checks, not latency ones: a machine loaded by other work must not turn them into timeouts.
  const config = loadEmbeddedConfig(
    testEnv({ SEED_DEMO: 'false', SOURCE_TIMEOUT_MS: '20000', SUBGRAPH_TIMEOUT_MS: '30000' }),
  );
  await freshDemo(config, PEOPLE);
  product = await startProduct(config, createLogger(config.LOG_LEVEL), {
    truthPath: TEST_TRUTH_PATH,
    pollFeeds: false,
  });
  await (product.cache as RedisCache).redis.flushdb();
}, 300_000);

afterAll(async () => {
  // This run's segments deleted: the test database outlives the run, and other suites (the customer page's
  // keyboard walk through the segment list) read the list it would otherwise grow by a score each run.
  if (product) {
    const list = await gql('{ segments { name } }');
    for (const { name } of (list.data?.segments ?? []) as { name: string }[])
      if (name.startsWith(NAME)) await gql('mutation($name: String!) { deleteSegment(name: $name) }', { name });
  }
  await product?.stop();
});

describe('segment size, members and preview', () => {
  it('pages exactly the customers Customer.segments names, in id order, and counts them', async () => {
    const defined = await gql(
      'mutation($name: String!, $rule: JSON!) { defineSegment(name: $name, rule: $rule) { name version } }',
      { name: NAME, rule: RULE },
    );
    expect(defined.errors).toBeUndefined();
    const all = await everyCustomer();
    const expected = all.filter((c) => c.segments.includes(NAME)).map((c) => c.id);
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.length).toBeLessThan(all.length);

    const paged = await pageMembers(NAME, 7);
    expect(paged.ids).toEqual([...expected].sort());
    // A page answers once it has read for a while: a loaded machine may give shorter pages, never fewer.
    expect(paged.pages).toBeGreaterThanOrEqual(Math.ceil(expected.length / 7));

    const size = await gql('query($name: String!) { segment(name: $name) { size } }', { name: NAME });
    expect(size.errors).toBeUndefined();
    expect((size.data!.segment as { size: number }).size).toBe(expected.length);

    // Contactable by email: the members whose EMAIL contactability is true, each with their email.
    const reachable = await pageMembers(NAME, 50, ', channel: $channel', { channel: 'EMAIL' });
    expect(reachable.ids).toEqual(
      all
        .filter((c) => c.email && expected.includes(c.id))
        .map((c) => c.id)
        .sort(),
    );
    expect(reachable.contacts.every((c) => typeof c === 'string' && c.includes('@'))).toBe(true);
  }, 240_000);

  it('agrees with Customer.segments on every field the bulk reads push down (KPI totals, contacts, consents)', async () => {
    // One segment per field family: purchase totals per currency and window (commerce's GROUP BY, the
    // stores' totals), support tickets, NPS, web visits, golden contacts and consents read as compact rows.
    const rules: Record<string, unknown> = {
      spent12: { field: 'kpi.spentLast12Months', op: 'gt', value: 100 },
      total: { field: 'kpi.totalSpent', op: 'gte', value: 300 },
      basket: { field: 'kpi.averageBasket', op: 'lt', value: 60 },
      recent: { field: 'kpi.daysSinceLastPurchase', op: 'lte', value: 120 },
      first: { field: 'kpi.daysSinceFirstPurchase', op: 'gt', value: 500 },
      rfm: {
        all: [
          { field: 'kpi.frequencyScore', op: 'gte', value: 2 },
          { field: 'kpi.monetaryScore', op: 'gte', value: 3 },
        ],
      },
      both: {
        all: [
          { field: 'kpi.onlineOrderCount', op: 'gte', value: 1 },
          { field: 'kpi.storePurchaseCount', op: 'gte', value: 1 },
        ],
      },
      pace: { field: 'kpi.purchasesPerMonth', op: 'gt', value: 0.3 },
      tickets: { field: 'kpi.openSupportTickets', op: 'gte', value: 1 },
      nps: { field: 'kpi.lastNps', op: 'gte', value: 7 },
      web: { field: 'kpi.daysSinceLastWebVisit', op: 'lte', value: 60 },
      reach: {
        any: [
          { field: 'contactable.SMS', op: 'eq', value: true },
          { field: 'contactable.POST', op: 'eq', value: true },
        ],
      },
      domain: {
        field: 'profile.emailDomain',
        op: 'in',
        value: ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com'],
      },
    };
    const names = Object.fromEntries(Object.keys(rules).map((k) => [k, `${NAME}-${k}`]));
    for (const [key, rule] of Object.entries(rules)) {
      const defined = await gql(
        'mutation($name: String!, $rule: JSON!) { defineSegment(name: $name, rule: $rule) { name } }',
        {
          name: names[key],
          rule,
        },
      );
      expect(defined.errors).toBeUndefined();
    }
    const all = await everyCustomer();
    for (const key of Object.keys(rules)) {
      const expected = all.filter((c) => c.segments.includes(names[key]!)).map((c) => c.id);
      // Each rule must select some customers and not all, or it would not tell the two paths apart.
      expect({ key, some: expected.length > 0, notAll: expected.length < all.length }).toEqual({
        key,
        some: true,
        notAll: true,
      });
      const paged = await pageMembers(names[key]!, 1000);
      expect({ key, ids: paged.ids }).toEqual({ key, ids: [...expected].sort() });
    }
  }, 300_000);

  it('previews an unsaved rule, and names the place of a mistake in it', async () => {
    const all = await everyCustomer();
    const expected = all
      .filter((c) => c.segments.includes(NAME))
      .map((c) => c.id)
      .sort();
    const preview = await gql(
      'query($rule: JSON!) { segmentPreview(rule: $rule, sample: 5) { size members { id } } }',
      {
        rule: RULE,
      },
    );
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.segmentPreview).toEqual({
      size: expected.length,
      members: expected.slice(0, 5).map((id) => ({ id })),
    });

    const wrong = await gql('query($rule: JSON!) { segmentPreview(rule: $rule) { size } }', {
      rule: { all: [{ field: 'kpi.orderCount', op: 'gt', value: 'many' }] },
    });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0]?.message).toContain('rule.all.0.value');

    const badCursor = await gql(
      'query($name: String!) { segment(name: $name) { members(after: "nope") { edges { cursor } } } }',
      {
        name: NAME,
      },
    );
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  }, 240_000);

  it('gives contact points only to a client holding pii:read', async () => {
    const withPii = await gql(
      'query($name: String!) { segment(name: $name) { members(first: 3, channel: "EMAIL") { edges { node { id } contact } } } }',
      { name: NAME },
      SALES,
    );
    expect(withPii.errors).toBeUndefined();
    const analyst = await gql(
      'query($name: String!) { segment(name: $name) { members(first: 3, channel: "EMAIL") { edges { node { id } contact } } } }',
      { name: NAME },
      ANALYST,
    );
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }, 120_000);
});

describe('c360 audience export', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'c360-audience-'));
  const call = () => httpGateway(product.gateway.url, DEMO_KEYS['privacy-officer']);
  const ndjsonIds = (file: string) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { customerId: string }).customerId);

  it('writes what members pages through, contactable by email, and never an erased customer', async () => {
    const before = await pageMembers(NAME, 100, ', channel: $channel', { channel: 'EMAIL' });
    // Erase a member: the export must leave them out.
    const erased = before.ids[3]!;
    const job = await gql('mutation($id: ID!) { requestErasure(id: $id, reason: "audience e2e") { id status } }', {
      id: erased,
    });
    expect(job.errors).toBeUndefined();
    const jobId = (job.data!.requestErasure as { id: string }).id;
    for (let i = 0; ; i++) {
      const state = await gql('query($id: ID!) { erasureJob(id: $id) { status } }', { id: jobId });
      if ((state.data!.erasureJob as { status: string }).status === 'DONE') break;
      if (i > 240) throw new Error('erasure not done in time');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const members = await pageMembers(NAME, 100, ', channel: $channel', { channel: 'EMAIL' });
    expect(members.ids).not.toContain(erased);
    expect(members.ids).toEqual(before.ids.filter((id) => id !== erased));

    const out = path.join(dir, 'email.ndjson');
    const result = await exportAudience(call(), {
      segment: NAME,
      channel: 'EMAIL',
      format: 'ndjson',
      out,
      pageSize: 9,
    });
    expect(result).toMatchObject({ complete: true, members: members.ids.length, resumedFrom: 0 });
    const lines = readFileSync(out, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(lines.map((l: { customerId: string }) => l.customerId)).toEqual(members.ids);
    expect(lines.map((l: { email: string }) => l.email)).toEqual(members.contacts);
    expect(existsSync(checkpointPath(out))).toBe(false);
  }, 240_000);

  it('resumes an interrupted export where it stopped, without a duplicate or a gap', async () => {
    const members = await pageMembers(NAME, 1000);
    const out = path.join(dir, 'all.ndjson');
    const first = await exportAudience(call(), {
      segment: NAME,
      channel: null,
      format: 'ndjson',
      out,
      pageSize: 10,
      stopAfterPages: 2,
    });
    expect(first).toMatchObject({ complete: false, members: 20 });
    expect(existsSync(checkpointPath(out))).toBe(true);
    // The process died in the middle of writing the next page: half a line after the checkpoint.
    appendFileSync(out, '{"customerId":"half-writ');
    const second = await exportAudience(call(), { segment: NAME, channel: null, format: 'ndjson', out, pageSize: 10 });
    expect(second).toMatchObject({ complete: true, resumedFrom: 20, members: members.ids.length });
    expect(ndjsonIds(out)).toEqual(members.ids);

    // The command line, CSV: the same members, a header, exit code 0.
    const csvOut = path.join(dir, 'all.csv');
    const code = await main(['export', NAME, '--format', 'csv', '--out', csvOut, '--url', product.gateway.url], {
      C360_API_KEY: DEMO_KEYS['sales-app'],
    });
    expect(code).toBe(0);
    expect(readFileSync(csvOut, 'utf8').split('\n').filter(Boolean)).toEqual(['customerId', ...members.ids]);
    expect(await main(['export', NAME, '--format', 'xml', '--out', csvOut])).toBe(2);
    expect(
      await main(['export', 'no-such-segment', '--out', csvOut, '--url', product.gateway.url], {
        C360_API_KEY: DEMO_KEYS['sales-app'],
      }),
    ).toBe(1);
  }, 240_000);
});
