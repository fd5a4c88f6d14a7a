/**
 * Every example of the README works as written, on the product as the quick
 * start runs it: the demo with its default 3000 people (in databases of this
 * test's own), every GraphQL block sent to the gateway, every `curl` run by
 * bash against it, every `npx c360 …` line run from the repository root.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadEmbeddedConfig } from '@c360/embedded/config';
import { REPO_ROOT, startProduct, type Product } from '@c360/embedded/product';
import { createLogger } from '@c360/kit/logger';
import { postGraphQL } from '@c360/kit/testing';
import { TEST_DATA_DIR, testEnv } from '@c360/test-setup/test-env';
import { startBundledNeo4j, type BundledNeo4j } from '@c360/embedded/neo4j';
import { createServer } from 'node:net';

const run = promisify(execFile);
const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const blocks = (lang: string) =>
  [...README.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
const graphqlExamples = blocks('graphql');
/** Shell commands of the README, continuation lines joined; the quick start's own npm commands are the CI's job. */
const shellExamples = blocks('bash')
  .flatMap((block) => block.replace(/\\\n\s*/g, ' ').split('\n'))
  .map((line) => line.replace(/\s+#.*$/, '').trim())
  .filter((line) => line !== '' && !/^npm (ci|start|test)\b/.test(line));

let product: Product;
let neo4j: BundledNeo4j;

/** A free TCP port on the loopback. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
const db = (kind: 'postgres' | 'mysql', name: string) =>
  kind === 'postgres'
    ? `postgres://postgres@127.0.0.1:5432/c360_test_readme_${name}`
    : `mysql://root@127.0.0.1:3306/c360_test_readme_${name}`;

beforeAll(async () => {
  // The README speaks of the default demo (3000 people): its own databases, data folder and Neo4j, so that
  // the test Neo4j the other suites build their graphs in is left as it was, whatever order jest runs them in.
  neo4j = await startBundledNeo4j({
    port: await freePort(),
    dataDir: `${TEST_DATA_DIR}/readme/neo4j`,
    logger: createLogger('silent'),
  });
  const config = loadEmbeddedConfig(
    testEnv({
      NEO4J_URI: neo4j.uri,
      DEMO_PEOPLE: '3000',
      CRM_DATABASE_URL: db('postgres', 'crm'),
      COMMERCE_DATABASE_URL: db('mysql', 'commerce'),
      WEB_DATABASE_URL: db('postgres', 'web'),
      SURVEYS_DATABASE_URL: db('mysql', 'surveys'),
      CONSENT_DATABASE_URL: db('postgres', 'consent'),
      PROFILE_DATABASE_URL: db('postgres', 'profile'),
      PRIVACY_DATABASE_URL: db('postgres', 'privacy'),
      STORES_EXPORT_DIR: `${TEST_DATA_DIR}/readme/stores/till-exports`,
      HELPDESK_DATA_PATH: `${TEST_DATA_DIR}/readme/helpdesk/helpdesk.json`,
    }),
  );
  product = await startProduct(config, createLogger(config.LOG_LEVEL), {
    truthPath: `${TEST_DATA_DIR}/readme/ground-truth.json`,
    pollFeeds: false,
  });
}, 600_000);

afterAll(async () => {
  await product?.stop();
  await neo4j?.stop();
});

describe('README examples', () => {
  it('has examples to run', () => {
    expect(graphqlExamples.length).toBeGreaterThan(0);
    expect(shellExamples.length).toBeGreaterThan(0);
  });

  it.each(graphqlExamples.map((q, i) => [i + 1, q]))('GraphQL example %i answers data, no error', async (_i, query) => {
    const res = await postGraphQL(product.gateway.url, query as string);
    expect(res.errors).toBeUndefined();
    for (const [field, value] of Object.entries(res.data ?? {}))
      expect({ field, value }).not.toEqual({ field, value: null });
  });

  it.each(shellExamples.map((c) => [c]))('%s', async (command) => {
    const base = product.gateway.url.replace(/\/graphql$/, '');
    const line = command.replace(/http:\/\/127\.0\.0\.1:4000/g, base);
    const { stdout } = await run('bash', ['-c', line], { cwd: REPO_ROOT, env: process.env, timeout: 120_000 });
    if (/^curl\b/.test(line)) {
      const body = JSON.parse(stdout) as { data?: Record<string, unknown>; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      for (const [field, value] of Object.entries(body.data ?? {}))
        expect({ field, value }).not.toEqual({ field, value: null });
      expect(Object.keys(body.data ?? {}).length).toBeGreaterThan(0);
    }
  });
});
