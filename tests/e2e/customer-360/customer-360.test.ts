import { readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { generateAllSources, type GroundTruthPerson } from '@c360/demo/seed';

import { loadEmbeddedConfig } from '@c360/embedded/config';
import { REPO_ROOT, startProduct, type Product } from '@c360/embedded/product';
import { Pool } from 'pg';
import { audience, httpGateway } from '@c360/subgraph-profile/audience';
import { createLogger } from '@c360/kit/logger';
import { postGraphQL } from '@c360/kit/testing';
import { TEST_TRUTH_PATH, testEnv } from '@c360/test-setup/test-env';

import { freshDemo } from '@c360/test-setup/fresh-demo';

/** What a call-centre page asks for: one query by email, every source. */
const CUSTOMER_360 = /* GraphQL */ `
  query Customer360($email: String!) {
    customerByIdentifier(kind: EMAIL, value: $email) {
      id
      sourceRecords {
        system
        localId
      }
      crmContacts {
        contactId
        firstName
        lastName
      }
      shopAccounts {
        accountId
        orders(first: 100) {
          totalCount
          edges {
            node {
              orderNumber
            }
          }
        }
      }
      loyaltyCards {
        cardNumber
      }
      storePurchases(first: 100) {
        totalCount
        edges {
          node {
            receiptNumber
          }
        }
      }
      webSessions(first: 100) {
        totalCount
        edges {
          node {
            sessionId
            cookieId
          }
        }
      }
      helpDeskUsers {
        id
      }
      supportTickets(first: 100) {
        totalCount
        edges {
          node {
            id
            subject
          }
        }
      }
      surveyResponses(first: 100) {
        totalCount
        edges {
          node {
            responseId
          }
        }
      }
      consents {
        purpose
        channel
        granted
        subjectId
      }
      consentHistory(first: 100) {
        totalCount
      }
    }
  }
`;

const SYSTEMS = ['crm', 'commerce', 'stores', 'web', 'support', 'surveys', 'consent'];
const PEOPLE = Number(testEnv().DEMO_PEOPLE);

let product: Product;
let register: Pool;
let everywhere: GroundTruthPerson[];
const seed = generateAllSources(PEOPLE);

beforeAll(async () => {
  // A short source budget, so that the slow-source test stays quick.
  const config = loadEmbeddedConfig(testEnv({ SEED_DEMO: 'false', SOURCE_TIMEOUT_MS: '800' }));
  // A clean slate: every test source reseeded from the generator, and an empty test Neo4j.
  await freshDemo(config, PEOPLE);
  register = new Pool({ connectionString: config.CONSENT_DATABASE_URL, max: 1 });
  product = await startProduct(config, createLogger(config.LOG_LEVEL), {
    truthPath: TEST_TRUTH_PATH,
    pollFeeds: false,
  });
  const truth = JSON.parse(readFileSync(TEST_TRUTH_PATH, 'utf8')) as { people: GroundTruthPerson[] };
  const marked = new Set(seed.dataset.people.filter((p) => p.everywhere).map((p) => p.id));
  everywhere = truth.people.filter((p) => marked.has(p.id));
}, 300_000);

/** Segments this run defines, deleted after it: the test database outlives the run. */
const definedSegments: string[] = [];

afterAll(async () => {
  for (const name of definedSegments)
    await postGraphQL(product.gateway.url, 'mutation ($name: String!) { deleteSegment(name: $name) }', { name });
  await register?.end();
  await product?.stop();
});

const sorted = (values: Iterable<string>) => [...values].sort();
const norm = (card: string) => card.replace(/[\s-]/g, '').toUpperCase();

describe('customer 360: one query by email returns a person from every source, as the seed has them', () => {
  it('has people present in every source', () => {
    expect(everywhere.length).toBeGreaterThanOrEqual(20);
    for (const person of everywhere)
      expect(sorted(new Set(person.records.map((r) => r.system)))).toEqual(sorted(SYSTEMS));
  });

  it('returns, for each of them, every source’s records exactly as the seed wrote them', async () => {
    const { dataset, sources } = seed;
    for (const person of everywhere.slice(0, 12)) {
      const email = seed.dataset.people.find((p) => p.id === person.id)!.personalEmail;
      const res = await postGraphQL(product.gateway.url, CUSTOMER_360, { email: ` ${email.toUpperCase()} ` });
      expect(res.errors).toBeUndefined();
      const customer = res.data!.customerByIdentifier;
      const records = (customer.sourceRecords as Array<{ system: string; localId: string }>).map(
        (r) => `${r.system}:${r.localId}`,
      );
      // Only this person's records, and at least one from every source.
      const own = new Set(person.records.map((r) => `${r.system}:${r.localId}`));
      expect(records.filter((r) => !own.has(r))).toEqual([]);
      expect(sorted(new Set(records.map((r) => r.split(':')[0]!)))).toEqual(sorted(SYSTEMS));
      const linked = (system: string) =>
        records.filter((r) => r.startsWith(`${system}:`)).map((r) => r.slice(system.length + 1));

      // CRM: the contacts, with the names the seed typed.
      expect(sorted(customer.crmContacts.map((c: { contactId: string }) => c.contactId))).toEqual(
        sorted(linked('crm')),
      );
      for (const c of customer.crmContacts) {
        const row = dataset.crm.contacts.find((x) => x.contactId === c.contactId)!;
        expect([c.firstName, c.lastName]).toEqual([row.firstName, row.lastName]);
      }
      // Shop: the accounts and every order of each.
      for (const account of customer.shopAccounts) {
        const orders = dataset.commerce.orders.filter((o) => String(o.accountId) === account.accountId);
        expect(account.orders.totalCount).toBe(orders.length);
        expect(sorted(account.orders.edges.map((e: { node: { orderNumber: string } }) => e.node.orderNumber))).toEqual(
          sorted(orders.map((o) => o.orderNumber)),
        );
      }
      expect(sorted(customer.shopAccounts.map((a: { accountId: string }) => a.accountId))).toEqual(
        sorted(linked('commerce')),
      );
      // Stores: the loyalty cards, and every receipt made with one of them.
      const cards = new Set(linked('stores'));
      expect(sorted(customer.loyaltyCards.map((c: { cardNumber: string }) => norm(c.cardNumber)))).toEqual(
        sorted(cards),
      );
      const receipts = sources.stores.data.receipts.filter((r) => r.loyaltyCard && cards.has(norm(r.loyaltyCard)));
      expect(customer.storePurchases.totalCount).toBe(receipts.length);
      expect(
        sorted(customer.storePurchases.edges.map((e: { node: { receiptNumber: string } }) => e.node.receiptNumber)),
      ).toEqual(sorted(receipts.map((r) => r.receiptNumber)).slice(0, 100));
      // Web: the sessions of the cookies identity tied to this person.
      const cookies = new Set(linked('web'));
      const sessions = sources.web.data.sessions.filter((s) => cookies.has(s.domainUserid));
      expect(customer.webSessions.totalCount).toBe(sessions.length);
      expect(sorted(customer.webSessions.edges.map((e: { node: { sessionId: string } }) => e.node.sessionId))).toEqual(
        sorted(sessions.map((s) => s.domainSessionid)).slice(0, 100),
      );
      // Help desk: the users and their tickets.
      const users = new Set(linked('support'));
      expect(sorted(customer.helpDeskUsers.map((u: { id: string }) => u.id))).toEqual(sorted(users));
      const tickets = sources.support.data.tickets.filter((t) => users.has(String(t.requester_id)));
      expect(customer.supportTickets.totalCount).toBe(tickets.length);
      expect(sorted(customer.supportTickets.edges.map((e: { node: { subject: string } }) => e.node.subject))).toEqual(
        sorted(tickets.map((t) => t.subject)),
      );
      // Surveys: the responses of the participants linked.
      const participants = sources.surveys.data.participants.filter((p) => linked('surveys').includes(String(p.tid)));
      const responses = sources.surveys.data.responses.filter((r) =>
        participants.some((p) => p.sid === r.sid && p.token === r.token),
      );
      expect(customer.surveyResponses.totalCount).toBe(responses.length);
      expect(customer.surveyResponses.totalCount).toBeGreaterThan(0);
      // Consent: the current state and the whole history of the subjects linked.
      const subjects = new Set(linked('consent'));
      const { rows } = await register.query<{ events: string }>(
        'SELECT count(*) AS events FROM consent_event WHERE subject_id = ANY($1::uuid[])',
        [[...subjects]],
      );
      expect(customer.consentHistory.totalCount).toBe(Number(rows[0]!.events));
      expect(customer.consentHistory.totalCount).toBeGreaterThan(0);
      expect(customer.consents.length).toBeGreaterThan(0);
      for (const state of customer.consents) expect(subjects.has(state.subjectId)).toBe(true);
    }
  });
});

/** A customer list page: 100 customers with their orders, tickets and last web session. */
const CUSTOMER_LIST = /* GraphQL */ `
  query CustomerList($ids: [ID!]!) {
    customers(ids: $ids) {
      id
      shopAccounts {
        accountId
        orders(first: 3) {
          totalCount
          edges {
            node {
              orderNumber
              lines {
                sku
                quantity
              }
            }
          }
        }
      }
      supportTickets(first: 3) {
        totalCount
        edges {
          node {
            subject
            status
          }
        }
      }
      lastWebSession {
        sessionId
        startedAt
        pageViews {
          url
        }
      }
    }
  }
`;

type Counted = { db: { stats: { queries: number } } };
const queriesOf = (name: 'commerce' | 'support' | 'web' | 'crm' | 'stores' | 'surveys' | 'consent') =>
  (product.sources[name] as unknown as Counted).db.stats;

describe('customer 360: batching', () => {
  it('reads 100 customers with orders, tickets and last sessions in one source round trip per level', async () => {
    // The 100 customers with records in the most sources.
    const { records } = await product.driver.executeQuery(
      `MATCH (r:SourceRecord)-[:BELONGS_TO]->(c:Customer)
       WITH c, count(DISTINCT r.system) AS systems, collect(DISTINCT r.system) AS names
       WHERE 'commerce' IN names AND 'support' IN names AND 'web' IN names
       RETURN c.id AS id ORDER BY systems DESC, id LIMIT 100`,
    );
    const ids = records.map((r) => r.get('id') as string);
    expect(ids).toHaveLength(100);
    const before = Object.fromEntries((['commerce', 'support', 'web'] as const).map((n) => [n, queriesOf(n).queries]));

    const res = await postGraphQL(product.gateway.url, CUSTOMER_LIST, { ids });
    expect(res.errors).toBeUndefined();
    const customers = res.data!.customers as Array<Record<string, any>>;
    expect(customers.map((c) => c.id)).toEqual(ids);
    // Every customer came back with data from each of the three sources.
    for (const c of customers) {
      expect(c.shopAccounts.length).toBeGreaterThan(0);
      expect(c.supportTickets.totalCount).toBeGreaterThan(0);
      expect(c.lastWebSession).not.toBeNull();
    }
    const used = (n: 'commerce' | 'support' | 'web') => queriesOf(n).queries - before[n]!;
    // commerce: accounts, then their order pages, then the orders' lines.
    expect(used('commerce')).toBe(3);
    // help desk: one search for every requester's tickets.
    expect(used('support')).toBe(1);
    // web: the customers' sessions, then those sessions' events.
    expect(used('web')).toBe(2);
  });
});

describe('unified customer: golden record, live segments, consent-aware audience', () => {
  const EMAIL_PROFILE = /* GraphQL */ `
    query ($email: String!) {
      customerByIdentifier(kind: EMAIL, value: $email) {
        id
        profile {
          email {
            value
            lineage {
              system
              localId
            }
            candidates {
              value
              lineage {
                system
                localId
              }
            }
          }
        }
      }
    }
  `;
  const SET_RULE = /* GraphQL */ `
    mutation ($rule: SurvivorshipRuleInput!) {
      setSurvivorshipRule(attribute: EMAIL, rule: $rule) {
        version
      }
    }
  `;

  it('changing the email survivorship rule through the mutation changes profile.email on the next query, with lineage', async () => {
    // A person whose records hold different emails in different systems: a conflict the rule decides.
    let found: { email: string; system: string; value: string } | null = null;
    for (const person of everywhere.slice(0, -2)) {
      const email = seed.dataset.people.find((p) => p.id === person.id)!.personalEmail;
      const res = await postGraphQL(product.gateway.url, EMAIL_PROFILE, { email });
      const golden = res.data!.customerByIdentifier.profile.email;
      // Another system whose records all give one email, other than the golden one: putting that
      // system first must make its email win, whichever of its records is the most recent.
      const candidates = golden.candidates as Array<{ value: string; lineage: { system: string } }>;
      const other = candidates.find((c) => {
        const sameSystem = candidates.filter((d) => d.lineage.system === c.lineage.system);
        return (
          c.value !== golden.value &&
          c.lineage.system !== golden.lineage.system &&
          sameSystem.every((d) => d.value === c.value)
        );
      });
      if (other) {
        found = { email, system: other.lineage.system, value: other.value };
        break;
      }
    }
    expect(found).not.toBeNull();
    try {
      const set = await postGraphQL(product.gateway.url, SET_RULE, {
        rule: { strategies: ['SOURCE_PRIORITY', 'MOST_RECENT'], sourcePriority: [found!.system] },
      });
      expect(set.errors).toBeUndefined();
      const after = await postGraphQL(product.gateway.url, EMAIL_PROFILE, { email: found!.email });
      expect(after.data!.customerByIdentifier.profile.email).toMatchObject({
        value: found!.value,
        lineage: { system: found!.system },
      });
    } finally {
      await postGraphQL(product.gateway.url, SET_RULE, {
        rule: { strategies: ['MOST_RECENT', 'MOST_FREQUENT'], sourcePriority: [] },
      });
    }
  });

  it('a segment defined at run time includes exactly the customers whose seeded orders satisfy it', async () => {
    const name = `frequent-online-${Date.now()}`;
    definedSegments.push(name);
    const define = await postGraphQL(
      product.gateway.url,
      /* GraphQL */ `
        mutation ($name: String!, $rule: JSON!) {
          defineSegment(name: $name, description: "Three online orders or more", rule: $rule) {
            name
          }
        }
      `,
      { name, rule: { field: 'kpi.onlineOrderCount', op: 'gte', value: 3 } },
    );
    expect(define.errors).toBeUndefined();
    const { records } = await product.driver.executeQuery(
      `MATCH (r:SourceRecord {system: 'commerce'})-[:BELONGS_TO]->(c:Customer)
       RETURN c.id AS id, collect(r.localId) AS accounts ORDER BY id LIMIT 100`,
    );
    const ids = records.map((r) => r.get('id') as string);
    const res = await postGraphQL(
      product.gateway.url,
      /* GraphQL */ `
        query ($ids: [ID!]!) {
          customers(ids: $ids) {
            id
            segments {
              name
            }
          }
        }
      `,
      { ids },
    );
    expect(res.errors).toBeUndefined();
    const members = (res.data!.customers as Array<{ id: string; segments: Array<{ name: string }> }>)
      .filter((c) => c.segments.some((s) => s.name === name))
      .map((c) => c.id);
    // Expected from the seed: orders that count (not cancelled or refunded) over the customer's shop accounts.
    const counted = (account: string) =>
      seed.dataset.commerce.orders.filter(
        (o) => String(o.accountId) === account && o.status !== 'cancelled' && o.status !== 'refunded',
      ).length;
    const expected = records
      .filter((r) => (r.get('accounts') as string[]).reduce((n, a) => n + counted(a), 0) >= 3)
      .map((r) => r.get('id') as string);
    expect(expected.length).toBeGreaterThan(0);
    expect(members.sort()).toEqual(expected.sort());
  });

  it('an email audience leaves out every customer without email marketing consent', async () => {
    const name = `everyone-${Date.now()}`;
    definedSegments.push(name);
    await postGraphQL(
      product.gateway.url,
      'mutation ($name: String!, $rule: JSON!) { defineSegment(name: $name, rule: $rule) { name } }',
      { name, rule: { field: 'kpi.orderCount', op: 'gte', value: 0 } },
    );
    const exported: string[] = [];
    const call = httpGateway(product.gateway.url, undefined);
    for await (const page of audience(call, { segment: name, channel: 'EMAIL', pageSize: 500 })) {
      exported.push(...page.members.map((m) => m.customerId));
    }
    expect(exported.length).toBeGreaterThan(0);
    // The oracle: each customer's latest MARKETING/EMAIL consent event, read from the register.
    const { records } = await product.driver.executeQuery(
      `MATCH (r:SourceRecord {system: 'consent'})-[:BELONGS_TO]->(c:Customer) RETURN c.id AS id, collect(r.localId) AS subjects`,
    );
    const granted = new Set<string>();
    const withdrawn = new Set<string>();
    for (const r of records) {
      const { rows } = await register.query<{ status: string }>(
        `SELECT status FROM consent_event WHERE subject_id = ANY($1::uuid[]) AND purpose = 'MARKETING' AND channel = 'EMAIL'
         ORDER BY occurred_at DESC, seq DESC LIMIT 1`,
        [r.get('subjects')],
      );
      if (rows[0]?.status === 'GRANTED') granted.add(r.get('id'));
      if (rows[0]?.status === 'WITHDRAWN') withdrawn.add(r.get('id'));
    }
    expect(withdrawn.size).toBeGreaterThan(0);
    expect(exported.filter((id) => withdrawn.has(id))).toEqual([]);
    // Only customers who said yes, and (those with a golden email) all of them.
    expect(exported.filter((id) => !granted.has(id))).toEqual([]);
    expect(exported.length).toBeGreaterThan(granted.size * 0.8);
  });
});

describe('customer 360: failure isolation', () => {
  const PARTIAL = /* GraphQL */ `
    query ($email: String!) {
      customerByIdentifier(kind: EMAIL, value: $email) {
        id
        crmContacts {
          contactId
        }
        shopAccounts {
          accountId
        }
        supportTickets(first: 5) {
          totalCount
        }
        loyaltyCards {
          cardNumber
        }
      }
    }
  `;
  // A person not asked for before by any test, so that no answer the gateway cached hides the outage.
  const emailOf = (fromEnd: number) =>
    seed.dataset.people.find((p) => p.id === everywhere.at(-fromEnd)!.id)!.personalEmail;

  it('answers within the budget when the help desk is slow: tickets null with SOURCE_UNAVAILABLE naming support, the rest present', async () => {
    product.helpdesk!.setLatency(5_000);
    try {
      const started = Date.now();
      const res = await postGraphQL(product.gateway.url, PARTIAL, { email: emailOf(1) });
      expect(Date.now() - started).toBeLessThan(3_000);
      const customer = res.data!.customerByIdentifier;
      expect(customer.supportTickets).toBeNull();
      expect(customer.crmContacts.length).toBeGreaterThan(0);
      expect(customer.shopAccounts.length).toBeGreaterThan(0);
      expect(customer.loyaltyCards.length).toBeGreaterThan(0);
      expect(res.errors).toEqual([
        expect.objectContaining({
          path: ['customerByIdentifier', 'supportTickets'],
          extensions: expect.objectContaining({ code: 'SOURCE_UNAVAILABLE', source: 'support' }),
        }),
      ]);
    } finally {
      product.helpdesk!.setLatency(0);
    }
  });

  it('answers when the help desk is down and the till export folder is gone: those fields null, each error naming its source', async () => {
    product.helpdesk!.setDown(true);
    const dir = product.config.STORES_EXPORT_DIR;
    const moved = `${dir}.away`;
    renameSync(path.resolve(REPO_ROOT, dir), path.resolve(REPO_ROOT, moved));
    try {
      await waitFor(async () => {
        const res = await postGraphQL(product.gateway.url, PARTIAL, { email: emailOf(2) });
        return res.data?.customerByIdentifier?.loyaltyCards === null;
      });
      const res = await postGraphQL(product.gateway.url, PARTIAL, { email: emailOf(2) });
      const customer = res.data!.customerByIdentifier;
      expect(customer).toMatchObject({ supportTickets: null, loyaltyCards: null });
      expect(customer.crmContacts.length).toBeGreaterThan(0);
      expect(customer.shopAccounts.length).toBeGreaterThan(0);
      const failures = (res.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code, e.extensions?.source]);
      expect(failures.sort()).toEqual([
        ['customerByIdentifier.loyaltyCards', 'SOURCE_UNAVAILABLE', 'stores'],
        ['customerByIdentifier.supportTickets', 'SOURCE_UNAVAILABLE', 'support'],
      ]);
    } finally {
      renameSync(path.resolve(REPO_ROOT, moved), path.resolve(REPO_ROOT, dir));
      product.helpdesk!.setDown(false);
    }
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
