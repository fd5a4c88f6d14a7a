import { randomUUID } from 'node:crypto';
import express from 'express';
import { signCaller } from '@c360/kit/auth';
import { listen, type RunningServer } from '@c360/kit/http';
import { createLogger } from '@c360/kit/logger';
import { createTestPgSchema, postGraphQL, type TestPgSchema } from '@c360/kit/testing';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { startPrivacySubgraph, type PrivacySubgraph } from '.';
import { PrivacyStore } from './store';

/**
 * The promise of `requestErasure`: when it answers, the person is suppressed
 * in the identity graph. Two privacy instances share one database, their
 * workers poll every few milliseconds (busy), and 200 erasures are asked of
 * both at once — some of the same customer to both instances — against a
 * stand-in identity subgraph that takes a few milliseconds to suppress.
 */
const SECRET = 'privacy-race-test-secret';
const ADMIN = signCaller({ client: 'privacy-officer', scopes: ['customer:read', 'pii:read', 'admin'] }, SECRET);
const ROUNDS = 200;

let db: TestPgSchema;
let standIn: RunningServer;
const instances: PrivacySubgraph[] = [];
/** Customers the stand-in identity has suppressed (erase answered). */
const suppressed = new Set<string>();
/** Customers whose two plan calls the stand-in orders (see the second test). */
const raced = new Map<string, { calls: number; second: Promise<void>; arrived: () => void }>();
/** Identity erase calls per customer (the request and the caches task's sweep both call it). */
const eraseCalls = new Map<string, number>();

beforeAll(async () => {
  db = await createTestPgSchema(TEST_ENV.PRIVACY_DATABASE_URL!, 'privacy', 2);
  const app = express();
  app.use(express.json());
  app.post('/admin/erasure/plan', async (req, res) => {
    const id = req.body.customerId as string;
    const race = raced.get(id);
    if (race) {
      // The first plan call waits for the second (both requests have looked at the jobs: none), answers; the second
      // answers only once the first request's identity task has suppressed the person (so with no plan).
      race.calls++;
      if (race.calls === 1) await race.second;
      else {
        race.arrived();
        while (!suppressed.has(id)) await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
    res.json({
      plan: suppressed.has(id)
        ? null
        : { customerId: id, customerIds: [id], records: [{ system: 'alpha', localId: `A-${id}` }] },
    });
  });
  app.post('/admin/erasure/erase', (req, res) => {
    const ids = req.body.customerIds as string[];
    for (const id of ids) eraseCalls.set(id, (eraseCalls.get(id) ?? 0) + 1);
    // Suppression takes a little time, as in Neo4j: the window in which a worker could take the task.
    setTimeout(
      () => {
        for (const id of ids) suppressed.add(id);
        res.json({ records: req.body.records, customerIds: ids, identifiersDeleted: 1, eventsDeleted: 0 });
      },
      2 + Math.floor(Math.random() * 10),
    );
  });
  app.post('/admin/erase', (req, res) => res.json({ erased: req.body.localIds.length }));
  standIn = await listen('stand-in', app, '127.0.0.1', 0);
  const base = standIn.url.replace(/\/graphql$/, '');
  for (let i = 0; i < 2; i++) {
    instances.push(
      await startPrivacySubgraph({
        databaseUrl: db.url,
        identityUrl: base,
        sourceUrls: { alpha: base },
        gatewayUrl: () => null,
        retryBaseMs: 50,
        retryMaxMs: 200,
        pollMs: 2,
        logger: createLogger('silent'),
        host: '127.0.0.1',
        auth: { mode: 'production', secrets: [SECRET] },
      }),
    );
  }
}, 30_000);

afterAll(async () => {
  for (const instance of instances) await instance.stop();
  await standIn?.stop();
  await db?.drop();
});

const REQUEST = /* GraphQL */ `
  mutation ($id: ID!) {
    requestErasure(id: $id) {
      id
      tasks {
        target
        status
      }
    }
  }
`;

type Answer = { id: string; tasks: { target: string; status: string }[]; suppressedWhenAnswered: boolean };

async function requestOn(instance: PrivacySubgraph, customer: string): Promise<Answer> {
  const res = await postGraphQL(instance.url, REQUEST, { id: customer }, ADMIN);
  if (res.errors) throw new Error(`requestErasure failed: ${JSON.stringify(res.errors)}`);
  // Checked the moment the answer arrives, before anything else can run.
  return {
    ...(res.data!.requestErasure as Omit<Answer, 'suppressedWhenAnswered'>),
    suppressedWhenAnswered: suppressed.has(customer),
  };
}

describe('requestErasure against busy workers of two privacy instances', () => {
  it(`has suppressed the person when it answers, ${ROUNDS} times out of ${ROUNDS}`, async () => {
    const failures: string[] = [];
    const customers: string[] = [];
    let asked = 0;
    // Waves of 10 erasures in flight; every fifth customer is asked of both instances at once.
    while (asked < ROUNDS) {
      const wave: Promise<void>[] = [];
      for (let i = 0; i < 10 && asked < ROUNDS; i++, asked++) {
        const customer = `c-${randomUUID()}`;
        customers.push(customer);
        const targets = asked % 5 === 0 ? instances : [instances[asked % 2]!];
        for (const instance of targets) {
          wave.push(
            requestOn(instance, customer).then((a) => {
              const identity = a.tasks.find((t) => t.target === 'identity');
              if (!a.suppressedWhenAnswered || identity?.status !== 'DONE') {
                failures.push(`${customer}: suppressed=${a.suppressedWhenAnswered}, identity task ${identity?.status}`);
              }
            }),
          );
        }
      }
      await Promise.all(wave);
    }
    expect(failures).toEqual([]);
    // Every job still finishes (the workers run the sources and caches stages), and none was run twice at once.
    const until = Date.now() + 30_000;
    for (;;) {
      const { rows } = await db.pool.query(`SELECT count(*)::int AS open FROM erasure_job WHERE status = 'OPEN'`);
      if (rows[0].open === 0) break;
      if (Date.now() > until) throw new Error(`${rows[0].open} erasure job(s) still open after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS jobs, count(*) FILTER (WHERE t.attempts <> 1)::int AS retried
       FROM erasure_job j JOIN erasure_task t ON t.job_id = j.job_id AND t.target = 'identity'`,
    );
    expect(rows[0]).toEqual({ jobs: ROUNDS, retried: 0 });
    // The identity graph was called twice per person: the identity task, then the caches task's sweep.
    expect(customers.filter((c) => eraseCalls.get(c) !== 2)).toEqual([]);
  }, 120_000);

  it('answers both requests with the one job when the second plans after the first suppressed the person', async () => {
    const customer = `c-${randomUUID()}`;
    let arrived!: () => void;
    raced.set(customer, {
      calls: 0,
      second: new Promise<void>((resolve) => (arrived = resolve)),
      arrived: () => arrived(),
    });
    const answers = await Promise.all(instances.map((instance) => requestOn(instance, customer)));
    expect(raced.get(customer)!.calls).toBe(2);
    expect(answers.map((a) => a.id)).toEqual([answers[0]!.id, answers[0]!.id]);
    for (const answer of answers) {
      expect(answer.suppressedWhenAnswered).toBe(true);
      expect(answer.tasks.find((t) => t.target === 'identity')?.status).toBe('DONE');
    }
  });
  it('answers with the open job it met when that job finishes before it is read: no error, no second job', async () => {
    // The window of the race CI met once (a job of another instance finishing between this request's insert and its
    // read of the open job), held open here by finishing the job at the moment of the read.
    const store = new PrivacyStore(db.pool);
    const customerId = `c-${randomUUID()}`;
    const job = {
      customerId,
      reason: null,
      tasks: [{ target: 'identity', stage: 0, localIds: [customerId] }],
      leaseMs: 1000,
    };
    const first = await store.createJob({ ...job, requestedBy: 'first' });
    const read = store.openJobOf.bind(store);
    jest.spyOn(store, 'openJobOf').mockImplementationOnce(async (id) => {
      await db.pool.query(`UPDATE erasure_job SET status = 'DONE', completed_at = now() WHERE job_id = $1`, [
        first.jobId,
      ]);
      return read(id);
    });
    await expect(store.createJob({ ...job, requestedBy: 'second' })).resolves.toEqual({
      jobId: first.jobId,
      created: false,
      claimed: [],
    });
    const { rows } = await db.pool.query(`SELECT count(*)::int AS jobs FROM erasure_job WHERE customer_id = $1`, [
      customerId,
    ]);
    expect(rows[0].jobs).toBe(1);
  });
});
