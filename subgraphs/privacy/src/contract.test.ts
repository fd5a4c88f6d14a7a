import { randomUUID } from 'node:crypto';
import express from 'express';
import { signCaller } from '@c360/kit/auth';
import { listen, type RunningServer } from '@c360/kit/http';
import { createLogger } from '@c360/kit/logger';
import { createTestPgSchema, postGraphQL, type TestPgSchema } from '@c360/kit/testing';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { startPrivacySubgraph, type PrivacySubgraph } from '.';

/**
 * The privacy subgraph against stand-ins of the identity subgraph and of a
 * source (so that failures can be played), with its real database: its SDL,
 * the erasure job's stages, retries and refusals, and the PII-read audit.
 */
const SECRET = 'privacy-contract-test-secret';
const signed = (scopes: string[], client = 'privacy-officer') => signCaller({ client, scopes }, SECRET);
const ADMIN = signed(['customer:read', 'pii:read', 'admin']);

let privacy: PrivacySubgraph;
/** A schema of its own: no other run's privacy worker can take this test's tasks (and call its own stand-ins). */
let db: TestPgSchema;
let standIn: RunningServer;
/** How many more calls the stand-in source fails (503) before it erases. */
let sourceFailures = 0;
const sourceCalls: string[][] = [];
const identityErasures: unknown[] = [];
/** Customers the stand-in identity knows, with their records. */
const known = new Map<string, { system: string; localId: string }[]>();

beforeAll(async () => {
  db = await createTestPgSchema(TEST_ENV.PRIVACY_DATABASE_URL!, 'privacy', 2);
  const app = express();
  app.use(express.json());
  app.post('/admin/erasure/plan', (req, res) => {
    const records = known.get(req.body.customerId);
    res.json({
      plan: records ? { customerId: req.body.customerId, customerIds: [req.body.customerId], records } : null,
    });
  });
  app.post('/admin/erasure/erase', (req, res) => {
    identityErasures.push(req.body);
    res.json({ records: req.body.records, customerIds: req.body.customerIds, identifiersDeleted: 0, eventsDeleted: 0 });
  });
  app.post('/admin/erase', (req, res) => {
    sourceCalls.push(req.body.localIds);
    if (sourceFailures > 0) {
      sourceFailures -= 1;
      res.status(503).json({ error: { code: 'SOURCE_UNAVAILABLE', message: 'the alpha system is down' } });
      return;
    }
    res.json({ erased: req.body.localIds.length });
  });
  standIn = await listen('stand-in', app, '127.0.0.1', 0);
  const base = standIn.url.replace(/\/graphql$/, '');
  privacy = await startPrivacySubgraph({
    databaseUrl: db.url,
    identityUrl: base,
    sourceUrls: { alpha: base },
    gatewayUrl: () => null,
    retryBaseMs: 100,
    retryMaxMs: 400,
    pollMs: 50,
    logger: createLogger('silent'),
    host: '127.0.0.1',
    auth: { mode: 'production', secrets: [SECRET] },
  });
}, 30_000);

afterAll(async () => {
  await privacy?.stop();
  await standIn?.stop();
  await db?.drop();
});

const JOB = /* GraphQL */ `
  fragment Job on ErasureJob {
    id
    customerId
    status
    requestedBy
    tasks {
      target
      status
      records
      erased
      attempts
      lastError
    }
  }
`;
const REQUEST = /* GraphQL */ `
  mutation ($id: ID!) {
    requestErasure(id: $id, reason: "test") {
      ...Job
    }
  }
  ${JOB}
`;
const JOB_QUERY = /* GraphQL */ `
  query ($id: ID!) {
    erasureJob(id: $id) {
      ...Job
    }
  }
  ${JOB}
`;

type Job = {
  id: string;
  status: string;
  tasks: {
    target: string;
    status: string;
    attempts: number;
    lastError: string | null;
    erased: number | null;
    records: number;
  }[];
};

async function waitFor(id: string, done: (job: Job) => boolean): Promise<Job> {
  const until = Date.now() + 15_000;
  for (;;) {
    const res = await postGraphQL(privacy.url, JOB_QUERY, { id }, ADMIN);
    const job = res.data!.erasureJob as Job;
    if (done(job)) return job;
    if (Date.now() > until) throw new Error(`job not as expected: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('privacy subgraph contract', () => {
  it('serves its SDL', async () => {
    const res = await postGraphQL(privacy.url, '{ _service { sdl } }', {}, ADMIN);
    const sdl = res.data!._service.sdl as string;
    for (const field of ['requestErasure(', 'erasureJob(', 'erasureJobs(', 'exportCustomerData(', 'piiReads(']) {
      expect(sdl).toContain(field);
    }
    expect(sdl).toContain('data: JSON @pii');
  });

  it('runs identity first, retries a failing source with backoff until it is done, and never closes a job with a record no source erases', async () => {
    const customer = `c-${randomUUID()}`;
    known.set(customer, [
      { system: 'alpha', localId: 'A-1' },
      { system: 'ghost', localId: 'G-1' },
    ]);
    sourceFailures = 2;
    const res = await postGraphQL(privacy.url, REQUEST, { id: customer }, ADMIN);
    expect(res.errors).toBeUndefined();
    const job = res.data!.requestErasure as Job;
    expect(job.tasks.map((t) => [t.target, t.records])).toEqual([
      ['identity', 1],
      ['alpha', 1],
      ['ghost', 1],
      ['caches', 3],
    ]);
    expect(job.tasks[0]).toMatchObject({ target: 'identity', status: 'DONE', attempts: 1 });
    expect(identityErasures.at(-1)).toEqual({
      erasureId: job.id,
      customerIds: [customer],
      records: [
        { system: 'alpha', localId: 'A-1' },
        { system: 'ghost', localId: 'G-1' },
      ],
    });
    // Asking again while the job is open answers the same job.
    const again = await postGraphQL(privacy.url, REQUEST, { id: customer }, ADMIN);
    expect((again.data!.requestErasure as Job).id).toBe(job.id);

    const settled = await waitFor(job.id, (j) => j.tasks[1]!.status === 'DONE' && j.tasks[2]!.attempts >= 3);
    expect(settled.status).toBe('OPEN');
    expect(settled.tasks[1]).toMatchObject({
      target: 'alpha',
      status: 'DONE',
      attempts: 3,
      erased: 1,
      lastError: null,
    });
    expect(settled.tasks[2]).toMatchObject({
      target: 'ghost',
      status: 'FAILED',
      lastError: 'ghost: no source subgraph is configured to erase "ghost" records',
    });
    expect(settled.tasks[3]).toMatchObject({ target: 'caches', status: 'PENDING', attempts: 0 });
  });

  it('refuses callers without the admin scope, malformed ids and unknown customers', async () => {
    const reader = signed(['customer:read', 'pii:read'], 'sales-app');
    const forbidden = await postGraphQL(privacy.url, REQUEST, { id: 'c-1' }, reader);
    expect(forbidden.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['FORBIDDEN', 'This operation needs the admin scope; client "sales-app" holds: customer:read pii:read'],
    ]);
    const unsigned = await fetch(privacy.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ erasureJobs(customerId: "c-1") { id } }' }),
    });
    expect(unsigned.status).toBe(401);
    const bad = await postGraphQL(privacy.url, '{ piiReads(customerId: "a b") { at } }', {}, ADMIN);
    expect(bad.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const unknown = await postGraphQL(privacy.url, REQUEST, { id: `c-${randomUUID()}` }, ADMIN);
    expect(unknown.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('stores the PII-read audit the gateway sends, and lists it by customer', async () => {
    const customer = `c-${randomUUID()}`;
    const post = (body: unknown, headers: Record<string, string>) =>
      fetch(new URL('/audit/pii-reads', privacy.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const read = {
      at: '2026-12-01T10:00:00.000Z',
      client: 'sales-app',
      requestId: 'r-1',
      operationName: 'Page',
      fields: ['CrmContact.firstName'],
      customerIds: [customer, 'someone-else'],
    };
    const gateway = signed(['admin'], 'gateway');
    expect(await (await post({ reads: [read] }, gateway)).json()).toEqual({ recorded: 1 });
    expect((await post({ reads: [{ ...read, fields: 'x' }] }, gateway)).status).toBe(400);
    expect((await post({ reads: [read] }, signed(['customer:read']))).status).toBe(403);
    const res = await postGraphQL(
      privacy.url,
      'query ($id: ID!) { piiReads(customerId: $id) { at client requestId operationName fields } }',
      { id: customer },
      ADMIN,
    );
    expect(res.data).toEqual({
      piiReads: [{ at: read.at, client: 'sales-app', requestId: 'r-1', operationName: 'Page', fields: read.fields }],
    });
  });
});
