/**
 * `npm run bench:audience [-- --people 20000] [--rounds 3] [--feeds]`: the audience export on a seeded product.
 *
 * Seeds every demo source with N people (once per N: a marker remembers it), loads a new seed's
 * identity graph by the bulk first load (`c360 bulk-load`; with --feeds, through the feeds when the
 * product starts), starts the whole product on its own databases, bundled Neo4j and ports (the
 * identity graph catching up with whatever is new), defines a segment, then, in interleaved
 * rounds, (a) exports the segment with
 * `c360 audience export` (through the gateway: Segment.members, the bulk path) and (b) pages
 * `segment { members }` with a client of its own. Writes bench/results/audience.json with
 * `people`, `customers`, `members`, `customers_per_s` (customers evaluated per second of export,
 * median of the rounds), `exported_equals_members` (every round's file holds exactly the
 * members paged), and `machine` (with the load average: other work on the machine counts).
 *
 * Beside other checkouts on the same machine, give it databases, a Neo4j port and a Redis
 * database of its own: BENCH_DATABASE_PREFIX (default c360_bench_audience), BENCH_NEO4J_BOLT_PORT
 * (default 7745), BENCH_REDIS_URL (default redis://127.0.0.1:6379/12); BENCH_POSTGRES_URL and
 * BENCH_MYSQL_URL name the servers. Its files live under this checkout's .data/bench-audience.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemo } from '@c360/demo/seed';
import { openSeedTargets } from '@c360/demo/seed/targets';
import { FREE_PORTS, databasesOf, loadEmbeddedConfig, type EmbeddedConfig } from '@c360/embedded/config';
import { REPO_ROOT, SOURCE_NAMES, sourceStarters, startDemoHelpdesk, startProduct } from '@c360/embedded/product';
import { main as bulkLoad } from '@c360/embedded/identity-load';
import { configureSubgraphAuth, generateSecret } from '@c360/kit/auth';
import { MemoryCache } from '@c360/kit/cache';
import { ensureDemoDatabases } from '@c360/embedded/services';
import { createLogger, type Logger } from '@c360/kit/logger';
import { exportAudience, httpGateway } from '@c360/subgraph-profile/audience';
import { SubgraphAudienceData } from '@c360/subgraph-profile/audience-data';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    people: { type: 'string' },
    rounds: { type: 'string' },
    'page-size': { type: 'string' },
    feeds: { type: 'boolean' },
  },
});
const PEOPLE = Number(values.people ?? 20_000);
const ROUNDS = Number(values.rounds ?? 3);
const RESULTS = path.join(REPO_ROOT, 'bench', 'results', 'audience.json');
const DATA = path.join(REPO_ROOT, '.data', 'bench-audience');
const PG = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const MY = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const PREFIX = process.env.BENCH_DATABASE_PREFIX ?? 'c360_bench_audience';

const RULE = {
  any: [
    { field: 'kpi.spentLast12Months', op: 'gt', value: 100 },
    {
      all: [
        { field: 'contactable.EMAIL', op: 'eq', value: true },
        { field: 'kpi.orderCount', op: 'gte', value: 1 },
      ],
    },
  ],
};

const print = (line: string) => process.stdout.write(`${line}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const load = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

/**
 * The identity graph of a new seed by the bulk first load (`c360 bulk-load`: every feed read to its end, decided
 * in memory, written by Neo4j's importer) instead of the feeds, which take hours at a million people: the source
 * subgraphs are started on their own to serve their feeds, and stopped after. The feeds then find nothing new.
 */
async function bulkLoadIdentity(config: EmbeddedConfig, logger: Logger): Promise<void> {
  const secret = generateSecret();
  configureSubgraphAuth({ mode: config.C360_MODE, secrets: [secret] });
  const helpdesk = await startDemoHelpdesk(config, logger);
  const starters = sourceStarters(
    config,
    { host: config.HOST, logger, sourceTimeoutMs: config.SOURCE_TIMEOUT_MS },
    new MemoryCache(),
    helpdesk.url,
  );
  const running: { stop(): Promise<void>; url: string }[] = [];
  try {
    const environment: NodeJS.ProcessEnv = {
      ...process.env,
      SUBGRAPH_SHARED_SECRET: secret,
      NEO4J_BOLT_PORT: String(config.NEO4J_BOLT_PORT),
      DEFAULT_PHONE_REGION: config.DEFAULT_PHONE_REGION,
      ...(config.IDENTITY_RULES_PATH ? { IDENTITY_RULES_PATH: config.IDENTITY_RULES_PATH } : {}),
    };
    for (const name of SOURCE_NAMES) {
      const server = await starters[name]();
      running.push(server);
      environment[`FEED_URL_${name.toUpperCase()}`] = server.url.replace(/\/graphql$/, '/observations');
    }
    const code = await bulkLoad(['--data-dir', config.NEO4J_DATA_DIR], environment);
    if (code !== 0) throw new Error(`the bulk first load of the identity graph failed (exit ${code}): see above`);
  } finally {
    for (const server of running.reverse()) await server.stop();
    await helpdesk.stop();
  }
}

async function main() {
  if (!Number.isInteger(PEOPLE) || PEOPLE < 1) throw new Error(`--people: expected a positive integer`);
  const config = loadEmbeddedConfig({
    ...process.env,
    ...FREE_PORTS,
    C360_MODE: 'development',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    CRM_DATABASE_URL: `${PG}/${PREFIX}_crm`,
    WEB_DATABASE_URL: `${PG}/${PREFIX}_web`,
    CONSENT_DATABASE_URL: `${PG}/${PREFIX}_consent`,
    PROFILE_DATABASE_URL: `${PG}/${PREFIX}_profile`,
    PRIVACY_DATABASE_URL: `${PG}/${PREFIX}_privacy`,
    COMMERCE_DATABASE_URL: `${MY}/${PREFIX}_commerce`,
    SURVEYS_DATABASE_URL: `${MY}/${PREFIX}_surveys`,
    STORES_EXPORT_DIR: path.join(DATA, 'stores'),
    HELPDESK_DATA_PATH: path.join(DATA, 'helpdesk', 'helpdesk.json'),
    HELPDESK_RATE_LIMIT_PER_MINUTE: '1000000',
    NEO4J_BOLT_PORT: process.env.BENCH_NEO4J_BOLT_PORT ?? '7745',
    NEO4J_DATA_DIR: path.join(DATA, 'neo4j'),
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/12',
    // The export measures the engine, not the gateway's cache of members pages.
    GATEWAY_CACHE: 'false',
    // A shared, loaded machine: the sources' budgets are those of a batch job, not of an interactive query.
    SOURCE_TIMEOUT_MS: '30000',
    SUBGRAPH_TIMEOUT_MS: '60000',
  });
  const logger = createLogger(config.LOG_LEVEL);
  mkdirSync(DATA, { recursive: true });
  const marker = path.join(DATA, 'seeded.json');
  const seeded = existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as { people: number }).people : null;
  let seedSeconds: number | null = null;
  if (seeded !== PEOPLE) {
    print(`seeding ${PEOPLE} people into ${PREFIX}_* …`);
    rmSync(marker, { force: true });
    await ensureDemoDatabases(databasesOf(config), logger);
    const started = Date.now();
    const targets = openSeedTargets(config, REPO_ROOT);
    try {
      await seedDemo({
        ...targets,
        force: true,
        people: PEOPLE,
        locations: { ...config, root: REPO_ROOT },
        truthPath: path.join(DATA, 'ground-truth.json'),
        log: print,
      });
    } finally {
      await targets.close();
    }
    seedSeconds = (Date.now() - started) / 1000;
    // A new seed: the identity graph of the previous one must go.
    rmSync(path.join(DATA, 'neo4j'), { recursive: true, force: true });
    writeFileSync(marker, JSON.stringify({ people: PEOPLE, seedSeconds }));
    print(`seeded in ${seedSeconds.toFixed(1)} s`);
  }
  let bulkSeconds: number | null = null;
  if (!values.feeds && !existsSync(config.NEO4J_DATA_DIR)) {
    print('identity graph: bulk first load of the seed (--feeds: through the feeds instead) …');
    const started = Date.now();
    await bulkLoadIdentity(config, logger);
    bulkSeconds = (Date.now() - started) / 1000;
    print(`identity graph bulk-loaded in ${bulkSeconds.toFixed(1)} s`);
  }
  const startedAt = Date.now();
  const product = await startProduct(config, logger, {
    truthPath: path.join(DATA, 'ground-truth.json'),
    pollFeeds: false,
  });
  const startSeconds = (Date.now() - startedAt) / 1000;
  print(`product up and identity graph caught up in ${startSeconds.toFixed(1)} s`);
  try {
    const call = httpGateway(product.gateway.url, undefined);
    const name = `bench-audience-${Date.now()}`;
    const defined = await call(
      'mutation($name: String!, $rule: JSON!) { defineSegment(name: $name, rule: $rule) { name } }',
      {
        name,
        rule: RULE,
      },
    );
    if (defined.errors?.length) throw new Error(defined.errors[0]!.message);
    let customers = 0;
    for (let after: string | null = null; ;) {
      const res = await call(
        'query($after: String) { customerIds(first: 1000, after: $after) { ids endCursor hasNextPage } }',
        { after },
      );
      const page = res.data!.customerIds as { ids: string[]; endCursor: string; hasNextPage: boolean };
      customers += page.ids.length;
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    print(`${customers} customers; segment ${name}: ${JSON.stringify(RULE)}`);

    // Where the time of one bulk read goes: each subgraph's share, for 1000 customers at a time.
    const data = new SubgraphAudienceData({
      identityUrl: product.identity.server.url,
      sourceUrls: Object.fromEntries(SOURCE_NAMES.map((s) => [s, product.sources[s].url])),
    });
    const profileStarted = Date.now();
    let read = 0;
    for (let after: string | null = null; read < Math.min(customers, 10_000);) {
      const page = await data.customerIds(after, 1000);
      await data.customers(page.ids);
      read += page.ids.length;
      if (!page.hasNextPage) break;
      after = page.ids.at(-1)!;
    }
    const readSeconds = (Date.now() - profileStarted) / 1000;
    const perSubgraph = Object.fromEntries(
      Object.entries(data.timings).map(([k, t]) => [k, Math.round((t.ms / Math.max(1, t.customers)) * 1000)]),
    );
    print(
      `bulk reads alone: ${read} customers in ${readSeconds.toFixed(1)} s (${Math.round(read / readSeconds)}/s); ` +
        `ms per 1000 customers (sources in parallel, so they overlap): ${JSON.stringify(perSubgraph)}`,
    );

    const exportRuns: { seconds: number; members: number; load: number[] }[] = [];
    const memberRuns: { seconds: number; members: number }[] = [];
    let equal = true;
    let members = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const out = path.join(DATA, `export-${round}.ndjson`);
      rmSync(`${out}.checkpoint.json`, { force: true });
      let t = Date.now();
      const result = await exportAudience(call, { segment: name, channel: null, format: 'ndjson', out, restart: true });
      const exportSeconds = (Date.now() - t) / 1000;
      exportRuns.push({ seconds: exportSeconds, members: result.members, load: load() });

      t = Date.now();
      const paged: string[] = [];
      for (let after: string | null = null; ;) {
        const res = await call(
          'query($name: String!, $after: String) { segment(name: $name) { members(first: 1000, after: $after) { edges { node { id } } pageInfo { endCursor hasNextPage } } } }',
          { name, after },
        );
        if (res.errors?.length) throw new Error(res.errors[0]!.message);
        const conn = (res.data!.segment as any).members;
        paged.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
        if (!conn.pageInfo.hasNextPage) break;
        after = conn.pageInfo.endCursor;
      }
      memberRuns.push({ seconds: (Date.now() - t) / 1000, members: paged.length });
      const exported = readFileSync(out, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { customerId: string }).customerId);
      const same = exported.length === paged.length && exported.every((id, i) => id === paged[i]);
      equal &&= same;
      members = result.members;
      rmSync(out, { force: true });
      print(
        `round ${round}: export ${result.members} members of ${customers} customers in ${exportSeconds.toFixed(1)} s ` +
          `(${Math.round(customers / exportSeconds)} customers/s); members paged in ${memberRuns.at(-1)!.seconds.toFixed(1)} s; ` +
          `equal: ${same}; load ${load().join(' ')}`,
      );
    }
    const exportSeconds = median(exportRuns.map((r) => r.seconds));
    const summary = {
      people: PEOPLE,
      customers,
      members,
      customers_per_s: Math.floor(customers / exportSeconds),
      members_per_s: Math.floor(members / exportSeconds),
      export_seconds_median: exportSeconds,
      members_paging_seconds_median: median(memberRuns.map((r) => r.seconds)),
      exported_equals_members: equal,
      rounds: ROUNDS,
      seed_seconds:
        seedSeconds ?? (JSON.parse(readFileSync(marker, 'utf8')) as { seedSeconds: number | null }).seedSeconds,
      // The identity graph of a new seed: bulk-loaded (seconds), or through the feeds in the product's start (null).
      identity_bulk_load_seconds: bulkSeconds,
      product_start_and_ingest_seconds: startSeconds,
      rule: RULE,
      bulk_read_customers_per_s: Math.floor(read / readSeconds),
      bulk_read_ms_per_1000_customers: perSubgraph,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        nodeOptions: process.env.NODE_OPTIONS ?? null,
        loadAverage: load(),
        busy: os.loadavg()[0]! > 3,
        note: 'everything in one process (gateway, subgraphs, audience engine, export client) on a machine shared with other engineers',
      },
      at: new Date().toISOString(),
      perRound: exportRuns,
    };
    print(JSON.stringify(summary, null, 2));
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(summary, null, 2)}\n`);
    print(`written to ${path.relative(process.cwd(), RESULTS)}`);
  } finally {
    await product.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
