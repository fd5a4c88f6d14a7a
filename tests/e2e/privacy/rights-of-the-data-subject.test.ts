import { readFileSync } from 'node:fs';
import { buildSchema, isObjectType } from 'graphql';
import mysql from 'mysql2/promise';
import { Pool } from 'pg';
import { generateAllSources, type GroundTruthPerson } from '@c360/demo/seed';

import { loadEmbeddedConfig } from '@c360/embedded/config';
import { SOURCE_NAMES, startProduct, type Product } from '@c360/embedded/product';
import { DEMO_KEYS } from '@c360/gateway/auth/demo-keys';
import { DEFAULT_SUPERGRAPH_PATH } from '@c360/gateway/server';
import { ERASE_PATH } from '@c360/kit/admin';
import { signCaller, subgraphAuthDefaults } from '@c360/kit/auth';
import { RedisCache } from '@c360/kit/cache';
import type { TillExportFolder } from '@c360/subgraph-stores/sources/till-exports';
import { createLogger } from '@c360/kit/logger';
import { postGraphQL } from '@c360/kit/testing';
import { TEST_TRUTH_PATH, testEnv } from '@c360/test-setup/test-env';

import { freshDemo } from '@c360/test-setup/fresh-demo';

/**
 * Rights of the data subject, end to end on the seeded demo: the access
 * export holds every source, the identity links, the consent history and
 * who read the person's data; an erasure reaches every source system, the
 * identity graph (with tombstones that a replayed feed respects) and the
 * caches, and its job says so task by task — also when a source is down for a while.
 */
const PEOPLE = Number(testEnv().DEMO_PEOPLE);
const seed = generateAllSources(PEOPLE);
const OFFICER = { 'x-api-key': DEMO_KEYS['privacy-officer'] };
const SALES = { 'x-api-key': DEMO_KEYS['sales-app'] };
const TARGETS = ['identity', ...[...SOURCE_NAMES].sort(), 'caches'];

let product: Product;
let everywhere: GroundTruthPerson[];
let crm: Pool;
let web: Pool;
let consent: Pool;
let commerce: mysql.Pool;
let surveys: mysql.Pool;

const LOOKUP = /* GraphQL */ `
  query Lookup($email: String!) {
    customerByIdentifier(kind: EMAIL, value: $email) {
      id
      identifiers {
        kind
        value
      }
      sourceRecords {
        system
        localId
      }
      crmContacts {
        firstName
        lastName
      }
      shopAccounts {
        email
      }
      helpDeskUsers {
        name
      }
    }
  }
`;

const JOB = /* GraphQL */ `
  fragment Job on ErasureJob {
    id
    customerId
    status
    requestedBy
    reason
    completedAt
    tasks {
      target
      status
      records
      erased
      attempts
      lastError
    }
    events {
      target
      type
    }
  }
`;
const REQUEST_ERASURE = /* GraphQL */ `
  mutation Erase($id: ID!, $reason: String) {
    requestErasure(id: $id, reason: $reason) {
      ...Job
    }
  }
  ${JOB}
`;
const ERASURE_JOB = /* GraphQL */ `
  query ErasureJob($id: ID!) {
    erasureJob(id: $id) {
      ...Job
    }
  }
  ${JOB}
`;
const EXPORT = /* GraphQL */ `
  query Export($id: ID!) {
    exportCustomerData(id: $id) {
      customerId
      exportedAt
      data
      piiReads {
        client
        operationName
        fields
      }
      errors {
        field
        code
        message
      }
    }
  }
`;

interface Job {
  id: string;
  status: string;
  tasks: {
    target: string;
    status: string;
    records: number;
    erased: number | null;
    attempts: number;
    lastError: string | null;
  }[];
  events: { target: string | null; type: string }[];
}

const emailOf = (person: GroundTruthPerson) => seed.dataset.people.find((p) => p.id === person.id)!.personalEmail;

async function lookup(email: string) {
  const res = await postGraphQL(product.gateway.url, LOOKUP, { email }, OFFICER);
  expect(res.errors).toBeUndefined();
  return res.data!.customerByIdentifier as {
    id: string;
    identifiers: { kind: string; value: string }[];
    sourceRecords: { system: string; localId: string }[];
  } | null;
}

async function job(id: string): Promise<Job> {
  const res = await postGraphQL(product.gateway.url, ERASURE_JOB, { id }, OFFICER);
  expect(res.errors).toBeUndefined();
  return res.data!.erasureJob as Job;
}

async function waitFor(id: string, done: (job: Job) => boolean, timeoutMs = 60_000): Promise<Job> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const current = await job(id);
    if (done(current)) return current;
    if (Date.now() > until) throw new Error(`erasure job not as expected in time: ${JSON.stringify(current)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The n-th person present everywhere whom the identity graph resolved whole
 * (one customer holding exactly their records): erasing a customer erases
 * what the graph knows as that person, so a person split over two customers
 * would rightly leave the other one.
 */
async function resolvedPerson(n: number): Promise<GroundTruthPerson> {
  let seen = 0;
  for (const person of everywhere) {
    const customer = await lookup(emailOf(person));
    const key = (r: { system: string; localId: string }) => `${r.system}:${r.localId}`;
    const truth = person.records.map(key).sort();
    if (customer && JSON.stringify(customer.sourceRecords.map(key).sort()) === JSON.stringify(truth)) {
      if (seen === n) return person;
      seen += 1;
    }
  }
  throw new Error(`fewer than ${n + 1} people present everywhere are resolved whole`);
}

const taskOf = (j: Job, target: string) => j.tasks.find((t) => t.target === target)!;

/** What each source's own storage still holds of these records, read without the product. */
async function stillHeld(records: { system: string; localId: string }[]): Promise<string[]> {
  const ids = (system: string) => records.filter((r) => r.system === system).map((r) => r.localId);
  const held: string[] = [];
  const count = async (label: string, rows: Promise<number>) => {
    if ((await rows) > 0) held.push(label);
  };
  await count(
    'crm',
    crm.query('SELECT 1 FROM contacts WHERE contact_id = ANY($1)', [ids('crm')]).then((r) => r.rowCount ?? 0),
  );
  await count(
    'web',
    web
      .query(
        `SELECT 1 FROM atomic.events WHERE domain_userid = ANY($1) UNION ALL
         SELECT 1 FROM derived.snowplow_web_users WHERE domain_userid = ANY($1)`,
        [ids('web')],
      )
      .then((r) => r.rowCount ?? 0),
  );
  await count(
    'consent',
    consent
      .query(
        `SELECT 1 FROM consent_subject_identifier WHERE subject_id = ANY($1::uuid[]) UNION ALL
         SELECT 1 FROM consent_event WHERE subject_id = ANY($1::uuid[])`,
        [ids('consent')],
      )
      .then((r) => r.rowCount ?? 0),
  );
  const accounts = ids('commerce').map(Number);
  if (accounts.length > 0) {
    const [rows] = await commerce.query<mysql.RowDataPacket[]>(
      `SELECT account_id FROM customer_account WHERE account_id IN (?) UNION ALL
       SELECT account_id FROM sales_order WHERE account_id IN (?) UNION ALL
       SELECT account_id FROM cart WHERE account_id IN (?)`,
      [accounts, accounts, accounts],
    );
    if (rows.length > 0) held.push('commerce');
  }
  const tids = ids('surveys').map(Number);
  if (tids.length > 0) {
    const [rows] = await surveys.query<mysql.RowDataPacket[]>('SELECT tid FROM lime_tokens WHERE tid IN (?)', [tids]);
    if (rows.length > 0) held.push('surveys');
  }
  // The till exports and the help desk: through the sources' own clients, as their feeds would read them.
  const cards = await (product.sources.stores.db as TillExportFolder).cardsByNumbers(ids('stores'));
  if (cards.some((c) => c.member || c.receipts.length > 0)) {
    held.push('stores');
  }
  const helpdesk = await fetch(
    new URL(`/api/v2/users/show_many.json?ids=${ids('support').join(',')}`, product.helpdesk!.url),
    { headers: { authorization: `Bearer ${product.config.HELPDESK_API_TOKEN}` } },
  );
  if (ids('support').length > 0 && ((await helpdesk.json()) as { users: unknown[] }).users.length > 0) {
    held.push('support');
  }
  return held.sort();
}

/** Calls a source subgraph's erase endpoint as a product service would, signed with the product's secret. */
async function eraseAt(system: string, localIds: string[], scopes: string[] = ['admin']) {
  const source = product.sources[system as keyof Product['sources']];
  const response = await fetch(new URL(ERASE_PATH, source.url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signCaller({ client: 'e2e-tests', scopes }, subgraphAuthDefaults().secrets![0]!),
    },
    body: JSON.stringify({ localIds }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** Every string value in the test Redis database that mentions one of `needles`. */
async function redisMentions(needles: string[]): Promise<string[]> {
  const redis = (product.cache as RedisCache).redis;
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      if (needles.some((n) => key.includes(n))) found.push(key);
      const type = await redis.type(key);
      const value =
        type === 'string' ? await redis.get(key) : type === 'set' ? (await redis.smembers(key)).join(' ') : '';
      if (value && needles.some((n) => value.toLowerCase().includes(n.toLowerCase()))) found.push(key);
    }
  } while (cursor !== '0');
  return found;
}

beforeAll(async () => {
  const config = loadEmbeddedConfig(
    testEnv({
      SEED_DEMO: 'false',
      PRIVACY_RETRY_BASE_MS: '300',
      PRIVACY_RETRY_MAX_MS: '1000',
      // An export or an erasure fans out to every source and the identity graph (through the gateway
      // again) inside one privacy fetch: at load 20 it outran the default 5 s budgets (SUBGRAPH_TIMEOUT
      // of privacy, then of identity inside the export: 3 runs in 3). This suite tests what they do, not
      // how fast: wide budgets for a loaded machine, the privacy fetch wider than the ones it makes.
      SUBGRAPH_TIMEOUT_MS: '30000',
      SUBGRAPH_TIMEOUT_MS_PRIVACY: '60000',
    }),
  );
  await freshDemo(config, PEOPLE);
  crm = new Pool({ connectionString: config.CRM_DATABASE_URL, max: 1 });
  web = new Pool({ connectionString: config.WEB_DATABASE_URL, max: 1 });
  consent = new Pool({ connectionString: config.CONSENT_DATABASE_URL, max: 1 });
  commerce = mysql.createPool({ uri: config.COMMERCE_DATABASE_URL, connectionLimit: 1 });
  surveys = mysql.createPool({ uri: config.SURVEYS_DATABASE_URL, connectionLimit: 1 });
  // Jobs of earlier runs name customers of a graph that is gone: start the register empty.
  const privacy = new Pool({ connectionString: config.PRIVACY_DATABASE_URL, max: 1 });
  await privacy
    .query('TRUNCATE erasure_event, erasure_task, erasure_job, pii_read')
    .catch(() => undefined)
    .finally(() => privacy.end());
  product = await startProduct(config, createLogger(config.LOG_LEVEL), {
    truthPath: TEST_TRUTH_PATH,
    pollFeeds: false,
  });
  const truth = JSON.parse(readFileSync(TEST_TRUTH_PATH, 'utf8')) as { people: GroundTruthPerson[] };
  const marked = new Set(seed.dataset.people.filter((p) => p.everywhere).map((p) => p.id));
  everywhere = truth.people.filter((p) => marked.has(p.id));
  await (product.cache as RedisCache).redis.flushdb();
}, 300_000);

afterAll(async () => {
  await Promise.all([crm?.end(), web?.end(), consent?.end(), commerce?.end(), surveys?.end()]);
  await product?.stop();
});

describe('right of access: exportCustomerData', () => {
  it('exports every Customer field of every source, the identity links, the consent history and who read the data', async () => {
    const person = await resolvedPerson(1);
    const customer = (await lookup(emailOf(person)))!;
    // A sales rep reads the person's personal data: the audit must show it in the export.
    const read = await postGraphQL(
      product.gateway.url,
      /* GraphQL */ `
        query SalesRepPage($id: ID!) {
          customer(id: $id) {
            id
            crmContacts {
              firstName
              personalEmail
            }
          }
        }
      `,
      { id: customer.id },
      SALES,
    );
    expect(read.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const res = await postGraphQL(product.gateway.url, EXPORT, { id: customer.id }, OFFICER);
    expect(res.errors).toBeUndefined();
    const exported = res.data!.exportCustomerData;
    expect(exported.customerId).toBe(customer.id);
    expect(exported.errors).toEqual([]);

    // Every field of the supergraph's Customer type, without a list to keep up to date.
    const supergraph = buildSchema(readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8'), { assumeValidSDL: true });
    const type = supergraph.getType('Customer');
    if (!isObjectType(type)) throw new Error('no Customer type');
    expect(Object.keys(exported.data).sort()).toEqual(Object.keys(type.getFields()).sort());

    const data = exported.data;
    const systems = new Set(person.records.map((r) => r.system));
    expect([...systems].sort()).toEqual([...SOURCE_NAMES].sort());
    expect(data.crmContacts.length).toBeGreaterThan(0);
    expect(data.shopAccounts.length).toBeGreaterThan(0);
    expect(data.loyaltyCards.length).toBeGreaterThan(0);
    expect(data.webSessions.edges.length).toBe(data.webSessions.totalCount);
    expect(data.helpDeskUsers.length).toBeGreaterThan(0);
    expect(data.surveyResponses.edges.length).toBe(data.surveyResponses.totalCount);
    expect(data.consents.length).toBeGreaterThan(0);
    expect(data.consentHistory.totalCount).toBeGreaterThan(0);
    expect(data.consentHistory.edges.length).toBe(data.consentHistory.totalCount);
    expect(data.identityLinks.length).toBeGreaterThan(0);
    expect(data.identityHistory.length).toBeGreaterThan(0);
    expect(data.sourceRecords).toEqual(customer.sourceRecords);
    expect(data.identifiers).toEqual(customer.identifiers);
    expect(exported.piiReads).toEqual(
      expect.arrayContaining([
        {
          client: 'sales-app',
          operationName: 'SalesRepPage',
          fields: ['CrmContact.firstName', 'CrmContact.personalEmail'],
        },
      ]),
    );
    // The export is a read of personal data too, audited under the officer who asked for it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const reads = await postGraphQL(
      product.gateway.url,
      'query ($id: ID!) { piiReads(customerId: $id) { client operationName } }',
      { id: customer.id },
      OFFICER,
    );
    expect(reads.data!.piiReads).toEqual(
      expect.arrayContaining([{ client: 'privacy-officer', operationName: 'CustomerDataExport' }]),
    );
  });

  it('answers null for an unknown customer', async () => {
    const res = await postGraphQL(product.gateway.url, EXPORT, { id: 'no-such-customer' }, OFFICER);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ exportCustomerData: null });
  });
});

describe('right to erasure: requestErasure', () => {
  it('erases a person present in every source: no query, export, cache entry or replayed feed returns them, and every task is DONE', async () => {
    const person = await resolvedPerson(0);
    const email = emailOf(person);
    const customer = (await lookup(email))!;
    expect(new Set(customer.sourceRecords.map((r) => r.system))).toEqual(new Set(SOURCE_NAMES));
    // The identifiers that lead to this customer (an identifier shared with another person leads to them, not here).
    const own: { kind: string; value: string }[] = [];
    for (const identifier of customer.identifiers) {
      const res = await postGraphQL(
        product.gateway.url,
        'query ($kind: IdentifierKind!, $value: String!) { customerByIdentifier(kind: $kind, value: $value) { id } }',
        identifier,
        OFFICER,
      );
      if (res.data?.customerByIdentifier?.id === customer.id) own.push(identifier);
    }
    expect(own.length).toBeGreaterThan(1);
    expect(await stillHeld(customer.sourceRecords)).toEqual([...SOURCE_NAMES].sort());

    const res = await postGraphQL(
      product.gateway.url,
      REQUEST_ERASURE,
      { id: customer.id, reason: 'GDPR art. 17 request #42' },
      OFFICER,
    );
    expect(res.errors).toBeUndefined();
    const started = res.data!.requestErasure as Job & { requestedBy: string; reason: string; customerId: string };
    expect(started).toMatchObject({
      customerId: customer.id,
      requestedBy: 'privacy-officer',
      reason: 'GDPR art. 17 request #42',
    });
    expect(started.tasks.map((t) => t.target)).toEqual(TARGETS);
    // Suppressed at once: the identity task is done before the answer, and no lookup finds the person.
    expect(taskOf(started, 'identity')).toMatchObject({ status: 'DONE', attempts: 1 });
    expect(await lookup(email)).toBeNull();

    const done = await waitFor(started.id, (j) => j.status === 'DONE');
    expect(done.tasks.map((t) => [t.target, t.status])).toEqual(TARGETS.map((t) => [t, 'DONE']));
    for (const system of SOURCE_NAMES) {
      const records = customer.sourceRecords.filter((r) => r.system === system).length;
      expect(taskOf(done, system)).toMatchObject({ records, erased: records, lastError: null });
    }
    expect(done.events.map((e) => e.type)).toEqual(expect.arrayContaining(['requested', 'task-done', 'job-done']));

    // No query by id or by any of their identifiers.
    const byId = await postGraphQL(
      product.gateway.url,
      'query ($id: ID!) { customer(id: $id) { id } }',
      { id: customer.id },
      OFFICER,
    );
    expect(byId.data).toEqual({ customer: null });
    for (const identifier of own) {
      const found = await postGraphQL(
        product.gateway.url,
        'query ($kind: IdentifierKind!, $value: String!) { customerByIdentifier(kind: $kind, value: $value) { id } }',
        identifier,
        OFFICER,
      );
      expect({ identifier, data: found.data }).toEqual({ identifier, data: { customerByIdentifier: null } });
    }
    // No export.
    const exported = await postGraphQL(product.gateway.url, EXPORT, { id: customer.id }, OFFICER);
    expect(exported.data).toEqual({ exportCustomerData: null });
    // No source system holds them any more.
    expect(await stillHeld(customer.sourceRecords)).toEqual([]);
    // Erasing again is safe: every source answers that it had nothing left to erase.
    for (const system of SOURCE_NAMES) {
      const ids = customer.sourceRecords.filter((r) => r.system === system).map((r) => r.localId);
      expect({ system, ...(await eraseAt(system, ids)) }).toEqual({ system, status: 200, body: { erased: 0 } });
    }
    // No cache entry (identity, gateway, help desk) names them.
    expect(await redisMentions([customer.id, ...own.map((i) => i.value)])).toEqual([]);

    // Every feed replayed from the start does not bring them back…
    await product.driver.executeQuery('MATCH (f:FeedCursor) DETACH DELETE f');
    await product.identity.feed.runOnce();
    // …nor do observations of their records that a source not erased yet would still send.
    const replay = await product.identity.graph.observe(
      customer.sourceRecords.map((r) => ({
        system: r.system,
        localId: r.localId,
        observedAt: new Date().toISOString(),
        identifiers: own.map((i) => ({ kind: i.kind as 'EMAIL', value: i.value })),
      })),
    );
    expect(replay.size).toBe(0);
    expect(await lookup(email)).toBeNull();
    const again = await postGraphQL(
      product.gateway.url,
      'query ($id: ID!) { customer(id: $id) { id } }',
      { id: customer.id },
      OFFICER,
    );
    expect(again.data).toEqual({ customer: null });

    // Erasing again: nothing left to erase.
    const twice = await postGraphQL(product.gateway.url, REQUEST_ERASURE, { id: customer.id }, OFFICER);
    expect(twice.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('keeps the job open while a source is down, retrying its task, and closes it once the source is back', async () => {
    const person = await resolvedPerson(2);
    const customer = (await lookup(emailOf(person)))!;
    product.helpdesk!.setDown(true);
    let started: Job;
    try {
      const res = await postGraphQL(product.gateway.url, REQUEST_ERASURE, { id: customer.id }, OFFICER);
      expect(res.errors).toBeUndefined();
      started = res.data!.requestErasure as Job;
      const stuck = await waitFor(started.id, (j) => taskOf(j, 'support').attempts >= 3);
      expect(stuck.status).toBe('OPEN');
      expect(taskOf(stuck, 'support')).toMatchObject({ status: 'FAILED', erased: null });
      expect(taskOf(stuck, 'support').lastError).toMatch(/^support: .*answered 503: the help desk answered 503/);
      // Every other source is done; the caches wait for every source.
      for (const system of SOURCE_NAMES.filter((s) => s !== 'support'))
        expect(taskOf(stuck, system).status).toBe('DONE');
      expect(taskOf(stuck, 'caches').status).toBe('PENDING');
      expect(
        stuck.events.filter((e) => e.type === 'attempt-failed' && e.target === 'support').length,
      ).toBeGreaterThanOrEqual(2);
    } finally {
      product.helpdesk!.setDown(false);
    }
    const done = await waitFor(started.id, (j) => j.status === 'DONE');
    expect(done.tasks.map((t) => [t.target, t.status])).toEqual(TARGETS.map((t) => [t, 'DONE']));
    expect(taskOf(done, 'support').attempts).toBeGreaterThanOrEqual(4);
    expect(await stillHeld(customer.sourceRecords)).toEqual([]);
  });
});

describe('rights of the data subject: misuse', () => {
  it('refuses every privacy operation without the admin scope (FORBIDDEN)', async () => {
    const person = await resolvedPerson(3);
    const customer = (await lookup(emailOf(person)))!;
    for (const [query, variables] of [
      [REQUEST_ERASURE, { id: customer.id }],
      [ERASURE_JOB, { id: '00000000-0000-4000-8000-000000000000' }],
      [EXPORT, { id: customer.id }],
    ] as const) {
      const res = await postGraphQL(product.gateway.url, query, variables, SALES);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    // Nothing happened to the person.
    expect((await lookup(emailOf(person)))?.id).toBe(customer.id);
  });

  it('refuses malformed ids (BAD_USER_INPUT), and says NOT_FOUND or null for unknown ones', async () => {
    const bad = await postGraphQL(product.gateway.url, REQUEST_ERASURE, { id: 'not an id!' }, OFFICER);
    expect(bad.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      [
        'BAD_USER_INPUT',
        'Invalid id: expected a customer id (1 to 100 letters, digits, - or _), received "not an id!"',
      ],
    ]);
    const badJob = await postGraphQL(product.gateway.url, ERASURE_JOB, { id: 'job-1' }, OFFICER);
    expect(badJob.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const unknown = await postGraphQL(product.gateway.url, REQUEST_ERASURE, { id: 'no-such-customer' }, OFFICER);
    expect(unknown.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const noJob = await postGraphQL(
      product.gateway.url,
      ERASURE_JOB,
      { id: '00000000-0000-4000-8000-000000000000' },
      OFFICER,
    );
    expect(noJob.errors).toBeUndefined();
    expect(noJob.data).toEqual({ erasureJob: null });
  });

  it('refuses the source erase endpoints to callers without the admin scope, and malformed requests', async () => {
    const forbidden = await eraseAt('crm', ['CRM-000001'], ['customer:read', 'pii:read']);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const malformed = await eraseAt('crm', [''] as string[]);
    expect(malformed).toEqual({
      status: 400,
      body: {
        error: {
          code: 'BAD_USER_INPUT',
          message: 'expected {"localIds": [non-empty strings]}, received {"localIds":[""]}',
        },
      },
    });
  });

  it('refuses the source erase endpoints to callers that do not come signed by the product', async () => {
    const response = await fetch(new URL('/admin/erase', product.sources.crm.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-c360-signature': 'v1=forged', 'x-c360-scopes': 'admin' },
      body: JSON.stringify({ localIds: ['CRM-000001'] }),
    });
    expect(response.status).toBe(401);
  });
});
