/**
 * The distributed topology: one process per subgraph, supervised. Killing a
 * subgraph's process makes the supervisor start it again (same port), and
 * meanwhile the gateway answers what the other subgraphs hold, with an error
 * naming the dead one, and says it is not ready.
 */
import { readFileSync } from 'node:fs';
import { loadEmbeddedConfig } from '@c360/embedded/config';
import { startDistributed, type Distributed } from '@c360/embedded/distributed';
import { SEMI_SPACE_MIB } from '@c360/embedded/node-flags';
import { createLogger } from '@c360/kit/logger';
import { postGraphQL } from '@c360/kit/testing';
import { lineSink } from '@c360/test-setup/lines';
import { TEST_TRUTH_PATH, testEnv } from '@c360/test-setup/test-env';

const PAGE = /* GraphQL */ `
  query Page($email: String!) {
    customerByIdentifier(kind: EMAIL, value: $email) {
      id
      crmContacts {
        contactId
      }
      shopAccounts {
        accountId
      }
    }
  }
`;

let product: Distributed;
const lines: string[] = [];

beforeAll(async () => {
  // The gateway's cache off: what it answers while crm is down must come from crm, or not at all.
  const env = testEnv({
    LOG_LEVEL: 'info',
    GATEWAY_CACHE: 'false',
    SUBGRAPH_TIMEOUT_MS: '30000',
    SOURCE_TIMEOUT_MS: '10000',
  });
  const config = loadEmbeddedConfig(env);
  product = await startDistributed(config, createLogger('warn'), {
    env,
    initialBackoffMs: 5000,
    out: lineSink(lines),
  });
}, 600_000);

afterAll(async () => {
  await product?.stop();
});

const eventually = async (check: () => Promise<void>, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
};

describe('distributed topology under a supervisor', () => {
  it('prefixes every service log line with the service', () => {
    expect(lines.some((l) => l.startsWith('crm      | '))).toBe(true);
    expect(lines.some((l) => l.startsWith('gateway  | '))).toBe(true);
  });

  it('gives each service process a young generation sized for scan pages (embedded/src/node-flags.ts)', () => {
    const services = Object.values(product.processes);
    expect(services.length).toBeGreaterThan(1);
    for (const service of services) {
      const argv = readFileSync(`/proc/${service!.pid}/cmdline`, 'utf8').split('\0');
      expect(argv).toContain(`--max-semi-space-size=${SEMI_SPACE_MIB}`);
    }
  });

  it('restarts a killed subgraph process, and the gateway answers partially meanwhile', async () => {
    const truth = JSON.parse(readFileSync(TEST_TRUTH_PATH, 'utf8')) as {
      people: { records: { system: string }[]; identifiers: { kind: string; value: string }[] }[];
    };
    const person = truth.people.find(
      (p) =>
        p.records.some((r) => r.system === 'crm') &&
        p.records.some((r) => r.system === 'commerce') &&
        p.identifiers.some((i) => i.kind === 'EMAIL'),
    )!;
    const email = person.identifiers.find((i) => i.kind === 'EMAIL')!.value;
    const base = product.gatewayUrl!.replace(/\/graphql$/, '');
    let before!: { data?: any; errors?: unknown[] };
    await eventually(async () => {
      before = await postGraphQL(product.gatewayUrl!, PAGE, { email });
      expect(before.errors).toBeUndefined();
      expect(before.data!.customerByIdentifier.crmContacts.length).toBeGreaterThan(0);
    });
    expect((await fetch(`${base}/ready`)).status).toBe(200);

    const crm = product.processes.crm!;
    process.kill(crm.pid, 'SIGKILL');

    // Meanwhile: the customer and the shop's data, crm's fields null with an error naming crm.
    await eventually(async () => {
      const during = await postGraphQL(product.gatewayUrl!, PAGE, { email });
      expect(during.data!.customerByIdentifier).toEqual({ ...before.data!.customerByIdentifier, crmContacts: null });
      expect(during.errors).toEqual([
        expect.objectContaining({
          path: ['customerByIdentifier', 'crmContacts'],
          extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'crm' }),
        }),
      ]);
    }, 3000);
    expect((await fetch(`${base}/ready`)).status).toBe(503);

    // Then the supervisor starts crm again, on the same address, and the page is whole.
    await eventually(async () => {
      expect(product.supervisor.status().crm).toEqual({ state: 'up', restarts: 1 });
      expect(product.processes.crm!.pid).not.toBe(crm.pid);
    }, 120_000);
    await eventually(async () => {
      const after = await postGraphQL(product.gatewayUrl!, PAGE, { email });
      expect(after).toEqual(before);
    }, 30_000);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  }, 300_000);
});
