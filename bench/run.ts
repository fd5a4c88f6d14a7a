/**
 * `npm run bench`: the customer 360 query under load, in one process and one
 * run, against four servers on this machine:
 *
 *   a. warm   — the gateway with its caches, every customer fetched once before;
 *   b. cold   — the same gateway, caches emptied, each request a customer not seen yet;
 *   c. nocache — a second gateway over the same subgraphs with every cache off;
 *   d. ceiling — a bare node:http server answering a fixed JSON of the same size.
 *
 * Each scenario runs `--rounds` times (interleaved, so that drift in the
 * machine's speed hits all of them alike) and the median round is reported,
 * with the ratios a/d, a/c and b/c. Results are printed and written to
 * bench/results/latest.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
import { DEFAULT_TRUTH_PATH, type GroundTruth } from '@c360/demo/seed';
import { FREE_PORTS, loadEmbeddedConfig } from '@c360/embedded/config';
import { REPO_ROOT, startProduct } from '@c360/embedded/product';
import { startGateway } from '@c360/gateway/server';
import { generateSecret } from '@c360/kit/auth';
import { RedisCache } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';

const USAGE = `Usage: npm run bench -- [--duration 10] [--connections 16] [--rounds 3]

Starts the product (bundled Neo4j on port 7695, Redis database 4, the demo
source databases, seeded if empty), then loads the customer 360 query with
autocannon. Writes bench/results/latest.json.`;

const QUERY = readFileSync(path.join(__dirname, 'customer-360.graphql'), 'utf8');
const RESULTS = path.join(__dirname, 'results', 'latest.json');

interface Measured {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

const print = (line: string) => process.stdout.write(`${line}\n`);

async function load(
  url: string,
  bodies: () => string,
  options: { duration: number; connections: number },
): Promise<Measured> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: options.connections,
    duration: options.duration,
    requests: [{ setupRequest: (req) => ({ ...req, body: bodies() }) }],
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function medianRound(rounds: Measured[]): Measured {
  const byRate = [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return { ...byRate[Math.floor(byRate.length / 2)]!, latencyP50Ms: median(rounds.map((r) => r.latencyP50Ms)) };
}

async function main(): Promise<number> {
  const { values: args } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '16' },
      rounds: { type: 'string', default: '3' },
      help: { type: 'boolean', default: false },
    },
  });
  if (args.help) {
    print(USAGE);
    return 0;
  }
  const duration = Number(args.duration);
  const connections = Number(args.connections);
  const rounds = Number(args.rounds);
  if (![duration, connections, rounds].every((n) => Number.isInteger(n) && n > 0)) {
    console.error(`--duration, --connections and --rounds take positive integers.\n\n${USAGE}`);
    return 2;
  }

  const config = loadEmbeddedConfig({
    ...process.env,
    ...FREE_PORTS,
    NEO4J_BOLT_PORT: '7695',
    NEO4J_DATA_DIR: '.data/bench/neo4j',
    REDIS_URL: 'redis://127.0.0.1:6379/4',
    // One secret for both gateways: the no-cache one signs its subgraph requests as the product's does.
    SUBGRAPH_SHARED_SECRET: generateSecret(),
    LOG_LEVEL: 'warn',
  });
  const logger = createLogger(config.LOG_LEVEL, 'bench');
  print('bench: starting the product (first run seeds the demo sources and builds the identity graph)…');
  const product = await startProduct(config, logger, { pollFeeds: false });
  const nocache = await startGateway({
    config: { ...config, GATEWAY_CACHE: false },
    logger,
    subgraphUrls: product.gateway.subgraphs,
  });
  const ceilingBody = { current: '{}' };
  const ceiling = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(ceilingBody.current);
  });
  await new Promise<void>((resolve) => ceiling.listen(0, '127.0.0.1', resolve));
  const ceilingUrl = `http://127.0.0.1:${(ceiling.address() as { port: number }).port}/`;

  try {
    const truth = JSON.parse(readFileSync(path.join(REPO_ROOT, DEFAULT_TRUTH_PATH), 'utf8')) as GroundTruth;
    // The people spread over the most silos: the heaviest customer 360 answers.
    const emails = truth.people
      .map((p) => ({ p, systems: new Set(p.records.map((r) => r.system)).size }))
      .sort((a, b) => b.systems - a.systems)
      .map(({ p }) => p.identifiers.find((i) => i.kind === 'EMAIL')?.value)
      .filter((e): e is string => Boolean(e));
    const body = (email: string) => JSON.stringify({ query: QUERY, variables: { email } });
    const hot = emails.slice(0, 50);
    let next = 0;
    const rotating = (list: string[]) => () => body(list[next++ % list.length]!);

    // The ceiling answers the same bytes as a real answer.
    const sample = await fetch(product.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(hot[0]!),
    });
    ceilingBody.current = await sample.text();
    const sampleJson = JSON.parse(ceilingBody.current) as { errors?: unknown[] };
    const emptyCaches = async () => {
      if (product.cache instanceof RedisCache) await product.cache.redis.flushdb();
    };
    if (sampleJson.errors) throw new Error(`the customer 360 query fails: ${JSON.stringify(sampleJson.errors)}`);
    print(
      `bench: answer size ${ceilingBody.current.length} bytes; ${connections} connections, ${duration} s × ${rounds} rounds`,
    );

    const results: Record<'warm' | 'cold' | 'nocache' | 'ceiling', Measured[]> = {
      warm: [],
      cold: [],
      nocache: [],
      ceiling: [],
    };
    // Cold: every cache emptied (the gateway's fetches, identity's lookups, APQ: all in this Redis
    // database) and each request a customer not asked for since.
    const coldList = emails.slice(hot.length);
    for (let round = 1; round <= rounds; round++) {
      print(`round ${round}/${rounds}`);
      await emptyCaches();
      next = 0;
      results.cold.push(await load(product.gateway.url, rotating(coldList), { duration, connections }));
      if (next > coldList.length) {
        print(`  (cold round asked ${next} times for ${coldList.length} people: some answers were warm)`);
      }
      print(`  cold     ${results.cold.at(-1)!.requestsPerSecond} req/s`);
      // Warm: a fixed set of customers, fetched once before.
      for (const email of hot)
        await fetch(product.gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: body(email),
        });
      next = 0;
      results.warm.push(await load(product.gateway.url, rotating(hot), { duration, connections }));
      print(`  warm     ${results.warm.at(-1)!.requestsPerSecond} req/s`);
      next = 0;
      results.nocache.push(await load(nocache.url, rotating(hot), { duration, connections }));
      print(`  no cache ${results.nocache.at(-1)!.requestsPerSecond} req/s`);
      results.ceiling.push(await load(ceilingUrl, () => '{}', { duration, connections }));
      print(`  ceiling  ${results.ceiling.at(-1)!.requestsPerSecond} req/s`);
    }

    const m = {
      warm: medianRound(results.warm),
      cold: medianRound(results.cold),
      nocache: medianRound(results.nocache),
      ceiling: medianRound(results.ceiling),
    };
    const ratio = (a: Measured, b: Measured) => Math.round((a.requestsPerSecond / b.requestsPerSecond) * 100) / 100;
    const ratios = {
      'warm/ceiling': ratio(m.warm, m.ceiling),
      'warm/nocache': ratio(m.warm, m.nocache),
      'cold/nocache': ratio(m.cold, m.nocache),
    };
    print('\nscenario   req/s   p50 ms  p99 ms  requests  non-2xx');
    for (const [name, r] of Object.entries(m)) {
      print(
        `${name.padEnd(9)} ${String(r.requestsPerSecond).padStart(6)} ${String(r.latencyP50Ms).padStart(8)} ${String(r.latencyP99Ms).padStart(7)} ${String(r.requests).padStart(9)} ${String(r.non2xx).padStart(8)}`,
      );
    }
    print(
      `\nratios: ${Object.entries(ratios)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(
      RESULTS,
      `${JSON.stringify({ at: new Date().toISOString(), duration, connections, rounds, answerBytes: ceilingBody.current.length, medians: m, ratios, perRound: results }, null, 2)}\n`,
    );
    print(`written to ${path.relative(process.cwd(), RESULTS)}`);
    return 0;
  } finally {
    ceiling.close();
    await nocache.stop();
    await product.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`bench failed: ${err.message}`);
    process.exit(1);
  },
);
