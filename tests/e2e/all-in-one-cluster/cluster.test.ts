/**
 * The all-in-one product on every core (`c360 start` with GATEWAY_WORKERS=2): two workers, each
 * the whole product, share its ports under a supervising primary. Both answer, with the same
 * answers; a killed worker is restarted by the primary while the other keeps answering.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startCluster, type RunningCluster } from '@c360/embedded/cluster';
import { loadEmbeddedConfig } from '@c360/embedded/config';
import { SEMI_SPACE_MIB } from '@c360/embedded/node-flags';
import { REPO_ROOT } from '@c360/embedded/product';
import { createLogger } from '@c360/kit/logger';
import { lineSink } from '@c360/test-setup/lines';
import { TEST_TRUTH_PATH, testEnv } from '@c360/test-setup/test-env';

const PAGE = /* GraphQL */ `
  query Page($email: String!) {
    customerByIdentifier(kind: EMAIL, value: $email) {
      id
      crmContacts {
        contactId
        lastName
      }
      shopAccounts {
        accountId
      }
    }
  }
`;

let product: RunningCluster;
const lines: string[] = [];

beforeAll(async () => {
  // Budgets wide enough for a loaded CI machine: this suite is about the processes, not the timeouts.
  const env = testEnv({
    LOG_LEVEL: 'info',
    GATEWAY_WORKERS: '2',
    SUBGRAPH_TIMEOUT_MS: '30000',
    SOURCE_TIMEOUT_MS: '10000',
  });
  product = await startCluster(loadEmbeddedConfig(env), createLogger('warn'), {
    workers: 2,
    env,
    // The workers run start.ts, which finds itself a cluster worker (as `c360 start` does).
    exec: path.join(REPO_ROOT, 'embedded', 'src', 'start.ts'),
    args: [],
    execArgv: ['--import', 'tsx'],
    initialBackoffMs: 2000,
    start: { truthPath: TEST_TRUTH_PATH },
    out: lineSink(lines),
  });
}, 600_000);

afterAll(async () => {
  await product?.stop();
});

/** One POST on a connection of its own (the primary hands each new connection to the next worker). */
function post(url: string, body: unknown): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    // A connection the primary handed to a worker at the instant it died is lost with it (node:cluster).
    req.setTimeout(60_000, () => req.destroy(new Error(`no answer from ${url} within 60 s`)));
    req.end(JSON.stringify(body));
  });
}

/** user+system CPU ticks of a process. */
const cpuTicks = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
};

const truth = () =>
  JSON.parse(readFileSync(TEST_TRUTH_PATH, 'utf8')) as {
    people: { records: { system: string }[]; identifiers: { kind: string; value: string }[] }[];
  };

const emailOfSomeoneInCrmAndShop = () => {
  const person = truth().people.find(
    (p) =>
      p.records.some((r) => r.system === 'crm') &&
      p.records.some((r) => r.system === 'commerce') &&
      p.identifiers.some((i) => i.kind === 'EMAIL'),
  )!;
  return person.identifiers.find((i) => i.kind === 'EMAIL')!.value;
};

describe('all-in-one on every core', () => {
  it('prefixes each worker’s log lines with its name, and only the leader follows the feeds', () => {
    expect(lines.some((l) => l.startsWith('worker1  | '))).toBe(true);
    expect(lines.some((l) => l.startsWith('worker2  | '))).toBe(true);
    expect(lines.some((l) => l.startsWith('worker1  | ') && l.includes('identity graph caught up'))).toBe(true);
    expect(lines.some((l) => l.startsWith('worker2  | ') && l.includes('identity graph caught up'))).toBe(false);
  });

  it('gives each worker a young generation sized for scan pages (embedded/src/node-flags.ts)', () => {
    for (const worker of product.workers()) {
      const argv = readFileSync(`/proc/${worker.pid}/cmdline`, 'utf8').split('\0');
      expect(argv).toContain(`--max-semi-space-size=${SEMI_SPACE_MIB}`);
    }
  });

  it('serves from both workers, with the same answers', async () => {
    const email = emailOfSomeoneInCrmAndShop();
    const [one, two] = product.workers();
    const before = [cpuTicks(one!.pid), cpuTicks(two!.pid)];
    // One after the other, each on a new connection: the primary deals them to the workers in turn.
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await post(product.url, { query: PAGE, variables: { email } }));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual(answers[0]!.json);
    }
    expect(answers[0]!.json.data.customerByIdentifier.crmContacts.length).toBeGreaterThan(0);
    // Each worker did part of the work.
    expect(cpuTicks(one!.pid)).toBeGreaterThan(before[0]!);
    expect(cpuTicks(two!.pid)).toBeGreaterThan(before[1]!);
  });

  it('restarts a killed worker, and the other answers meanwhile', async () => {
    const email = emailOfSomeoneInCrmAndShop();
    const victim = product.workers()[1]!;
    process.kill(victim.pid, 'SIGKILL');
    // Once the primary knows (a connection handed over at the instant of the crash dies with the
    // worker, as an in-flight request would), and while it is down (the restart waits 2 s first),
    // every request is answered by the other worker.
    const noticed = Date.now() + 30_000;
    while (product.supervisor.status().worker2?.state === 'up') {
      if (Date.now() > noticed) throw new Error('the primary did not notice that worker2 died');
      await new Promise((r) => setTimeout(r, 50));
    }
    for (let i = 0; i < 6; i++) {
      const answer = await post(product.url, { query: PAGE, variables: { email } });
      expect(answer.status).toBe(200);
      expect(answer.json.errors).toBeUndefined();
    }
    const deadline = Date.now() + 300_000;
    while (product.supervisor.status().worker2?.state !== 'up' || product.workers()[1]!.pid === victim.pid) {
      if (Date.now() > deadline)
        throw new Error(`worker2 not restarted: ${JSON.stringify(product.supervisor.status())}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(product.supervisor.status().worker2).toEqual({ state: 'up', restarts: 1 });
    const restarted = product.workers()[1]!;
    const before = cpuTicks(restarted.pid);
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await post(product.url, { query: PAGE, variables: { email } }));
    for (const answer of answers) expect(answer.json).toEqual(answers[0]!.json);
    expect(cpuTicks(restarted.pid)).toBeGreaterThan(before);
  }, 400_000);
});
