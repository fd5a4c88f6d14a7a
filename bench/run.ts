/**
 * `npm run bench`: the customer 360 query under load, side by side, in one run on one machine:
 *
 *   a. nocache     — c360 all-in-one (one worker per core, subgraphs called in process), every gateway cache off;
 *   b. distributed — c360's gateway alone, caches off, over HTTP in front of one process per subgraph;
 *   c. apollo      — vanilla @apollo/gateway + @apollo/server, no plugins, in front of the same processes;
 *   d. hive        — Hive Gateway (@graphql-hive/gateway) in front of the same processes;
 *   e. warm        — c360 all-in-one with its caches, the 50 customers fetched twice before (an answer is
 *                    kept from its second miss on: GATEWAY_CACHE_ADMISSION);
 *   f. cold        — the same, caches emptied, every request a customer not asked for since (a first miss);
 *   f'. nocold     — a's gateway (caches off) over the same customers as f, in the same order: Redis
 *                    emptied (the identity subgraph's own lookup cache too), every request a customer not
 *                    asked for since — what f is compared with (cold_vs_nocache); f and f' take turns at
 *                    going first (ABBA), so that neither always finds the other's warm buffers, after
 *                    warm-up passes of each, not recorded, until their rates hold within 5% from one pass
 *                    to the next; cold_vs_nocache is the median of the rounds' ratios;
 *   g. ceiling     — a bare node:http server answering a fixed body of the same size;
 *
 * at 1, 16 and 64 connections, plus a 100-customer list query (`customers(ids)`) on a–d.
 * Before loading, the answers of a, b, c and d for the 50 customers are compared field for field.
 * Rounds are interleaved (every scenario once per round) and medians reported; each run starts once every
 * process of the bench is idle again (settle), so that no scenario pays for the background work of the one
 * before it. For each run:
 * req/s, p50, p99, errors, and CPU milliseconds per answer: user+system CPU of the processes
 * that serve it (gateway, subgraphs, Neo4j, and the databases: PostgreSQL backends of the bench
 * databases, mariadbd, redis-server) over the run, divided by the answers.
 * Writes bench/results/latest.json.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Redis from 'ioredis';
import { Client } from 'pg';
import { startDistributed, type Distributed } from '@c360/embedded/distributed';
import { loadEmbeddedConfig } from '@c360/embedded/config';
import { REPO_ROOT } from '@c360/embedded/product';
import { createLogger } from '@c360/kit/logger';
import { benchEnv } from './env';
import { commandOf, cpuTicksOf } from './proc';
import { LIST_QUERY, QUERY } from './queries';

/** Every scenario, in the order of a round. */
const SCENARIOS = ['nocache', 'distributed', 'apollo', 'hive', 'warm', 'cold', 'nocold', 'ceiling'] as const;
type Scenario = (typeof SCENARIOS)[number];
/** The scenarios served by the subgraph processes (and their gateways). */
const OVER_PROCESSES: readonly Scenario[] = ['distributed', 'apollo', 'hive'];

const USAGE = `Usage: npm run bench -- [--duration 5] [--rounds 3] [--connections 1,16,64] [--quick] [--only cold,nocold]

Starts the product twice over the same databases (all-in-one; one process per
subgraph), Apollo Gateway and Hive Gateway in front of the subgraph processes,
then loads each in interleaved rounds. --quick: 2 s rounds, one round, 1 and 16
connections (for development). Databases: the *_DATABASE_URL variables, else
c360_bench_*; Neo4j on NEO4J_BOLT_PORT (7695); Redis REDIS_URL (database 4).
--only: these scenarios alone (of ${SCENARIOS.join(', ')}), still interleaved; the
subgraph processes and the other gateways start only when one of their scenarios runs.
Writes bench/results/latest.json.`;

const RESULTS = path.join(__dirname, 'results', 'latest.json');
const CLK_TCK = 100; // Linux USER_HZ: /proc times are in 1/100 s.

const print = (line: string) => process.stdout.write(`${line}\n`);

interface Measured {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  answers: number;
  errors: number;
  cpuMsPerRequest: number | null;
}

// ---- CPU accounting from /proc ------------------------------------------------------------

function ticksOf(pid: number): number {
  const ticks = cpuTicksOf(pid);
  return ticks ? ticks.user + ticks.system : 0; // 0: gone
}

/**
 * Waits until the processes are idle (under 10% of a core over 300 ms), at most `maxMs`: each scenario starts
 * from a quiet product, not in the wake of the one before it (a warm run leaves thousands of PII-read audit
 * records to deliver and store, which the run after it would pay for). Returns false when they did not settle.
 */
async function settle(pids: number[], maxMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const before = pids.reduce((sum, pid) => sum + ticksOf(pid), 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const used = ((pids.reduce((sum, pid) => sum + ticksOf(pid), 0) - before) * 1000) / CLK_TCK;
    if (used < 30) return true;
  }
  return false;
}

/** The process and its descendants (workers, the JVM under a shell). */
function withDescendants(pid: number): number[] {
  const out = [pid];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const child of children ? children.split(' ') : []) out.push(...withDescendants(Number(child)));
    }
  } catch {
    // gone
  }
  return out;
}

/** Pids of processes named exactly `name` (mariadbd, redis-server). */
function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

/** The PostgreSQL backends serving the bench's databases (not the other users of the server). */
async function postgresBackends(admin: Client, databases: string[]): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = ANY($1)', [
    databases,
  ]);
  return rows.map((r) => r.pid);
}

// ---- load ------------------------------------------------------------------------------------

async function load(
  url: string,
  body: () => string,
  options: { duration: number; connections: number; pids: () => Promise<number[]> | number[] | null },
): Promise<Measured> {
  const pidsBefore = (await options.pids()) ?? [];
  const before = new Map(pidsBefore.map((pid) => [pid, ticksOf(pid)]));
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: options.connections,
    duration: options.duration,
    requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
  });
  let cpuMsPerRequest: number | null = null;
  const pidsAfter = await options.pids();
  const answers = result['2xx'];
  if (pidsAfter) {
    let ticks = 0;
    // Backends that appeared during the run count from their start.
    // A backend gone by the end takes its CPU of the run with it (counted as nothing, never negative).
    const byCommand = new Map<string, number>();
    for (const pid of new Set([...pidsBefore, ...pidsAfter])) {
      const used = Math.max(0, ticksOf(pid) - (before.get(pid) ?? 0));
      ticks += used;
      const command = commandOf(pid);
      byCommand.set(command, (byCommand.get(command) ?? 0) + used);
    }
    cpuMsPerRequest = answers > 0 ? Math.round(((ticks * 1000) / CLK_TCK / answers) * 100) / 100 : null;
    // BENCH_CPU_DETAIL=1: where the CPU of a run went, per process name, in ms per answer.
    if (process.env.BENCH_CPU_DETAIL && answers > 0) {
      const parts = [...byCommand].sort((a, b) => b[1] - a[1]);
      print(
        `    cpu ms/answer by process: ${parts.map(([c, t]) => `${c} ${((t * 1000) / CLK_TCK / answers).toFixed(2)}`).join(', ')}`,
      );
    }
  }
  return {
    requestsPerSecond: Math.round(answers / options.duration),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    answers,
    errors: result.errors + result.timeouts + result.non2xx,
    cpuMsPerRequest,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Median over the rounds of a's req/s over b's in the same round (2 decimals; of an even count, the mean of the
 * middle two); NaN without a pair.
 */
function pairedRatio(a: Measured[] | undefined, b: Measured[] | undefined): number {
  const ratios = (a ?? [])
    .flatMap((m, i) => (b?.[i] ? [m.requestsPerSecond / b[i]!.requestsPerSecond] : []))
    .sort((x, y) => x - y);
  if (ratios.length === 0) return NaN;
  const mid = ratios.length / 2;
  const m = Number.isInteger(mid) ? (ratios[mid - 1]! + ratios[mid]!) / 2 : ratios[Math.floor(mid)]!;
  return Math.round(m * 100) / 100;
}

function medianOf(rounds: Measured[]): Measured {
  const byRate = [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const cpu = rounds.map((r) => r.cpuMsPerRequest).filter((c): c is number => c !== null);
  return {
    ...byRate[Math.floor(byRate.length / 2)]!,
    latencyP50Ms: median(rounds.map((r) => r.latencyP50Ms)),
    latencyP99Ms: median(rounds.map((r) => r.latencyP99Ms)),
    cpuMsPerRequest: cpu.length ? median(cpu) : null,
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
  };
}

// ---- processes -------------------------------------------------------------------------------

function forkReady<T>(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; ready: T }> {
  const child = fork(script, args, { env, execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { ready: T }) => resolve({ child, ready: message.ready }));
    child.once('exit', (code) =>
      reject(new Error(`${path.basename(script)} exited with code ${code} before it was ready`)),
    );
  });
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function post(url: string, body: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { status } = await post(url, JSON.stringify({ query: '{ __typename }' }));
      if (status === 200) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function stopChild(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

// ---- main ------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const { values: args } = parseArgs({
    options: {
      duration: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '3' },
      connections: { type: 'string', default: '1,16,64' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (args.help) {
    print(USAGE);
    return 0;
  }
  const duration = args.quick ? 2 : Number(args.duration);
  const rounds = args.quick ? 1 : Number(args.rounds);
  const levels = (args.quick ? '1,16' : args.connections!).split(',').map(Number);
  if (![duration, rounds, ...levels].every((n) => Number.isInteger(n) && n > 0)) {
    console.error(`--duration, --rounds and --connections take positive integers.\n\n${USAGE}`);
    return 2;
  }

  const only = args.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((s) => !(SCENARIOS as readonly string[]).includes(s)) ?? [];
  if (only?.length === 0 || unknown.length > 0) {
    console.error(`--only takes scenarios among ${SCENARIOS.join(', ')}; got ${args.only}.\n\n${USAGE}`);
    return 2;
  }
  const order: Scenario[] = SCENARIOS.filter((s) => !only || only.includes(s));
  const overProcesses = order.some((s) => OVER_PROCESSES.includes(s));

  const env = benchEnv();
  const truthPath = env.BENCH_TRUTH_PATH!;
  const config = loadEmbeddedConfig(env);
  const logger = createLogger(config.LOG_LEVEL, 'bench');
  const databases = Object.entries(env)
    .filter(([k, v]) => k.endsWith('_DATABASE_URL') && v?.startsWith('postgres'))
    .map(([, v]) => decodeURIComponent(new URL(v!).pathname.slice(1)));
  const admin = new Client({ connectionString: config.CRM_DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
  const redis = new Redis(config.REDIS_URL!, { lazyConnect: true });

  let allInOne: ChildProcess | null = null;
  let distributed: Distributed | null = null;
  let apollo: ChildProcess | null = null;
  let hive: ChildProcess | null = null;
  const ceilingBody = { current: '{}' };
  const ceiling = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(ceilingBody.current);
  });
  try {
    print('bench: starting c360 all-in-one (the first run seeds the demo sources and builds the identity graph)…');
    const aio = await forkReady<{ cached: string; nocache: string; neo4jPid: number | null; workers: number }>(
      path.join(__dirname, 'hosts', `all-in-one${path.extname(__filename)}`),
      [],
      env,
    );
    allInOne = aio.child;
    print(`bench: c360 all-in-one serves with ${aio.ready.workers} worker(s) (GATEWAY_WORKERS; 0 = one per core)`);
    await admin.connect();
    await redis.connect();
    let apolloUrl = '';
    let hiveUrl = '';
    if (overProcesses) {
      const neo4jUri = `bolt://127.0.0.1:${config.NEO4J_BOLT_PORT}`;
      print('bench: starting one process per subgraph, and c360 distributed gateway (caches off)…');
      distributed = await startDistributed({ ...config, NEO4J_URI: neo4jUri }, logger, {
        prepare: false,
        env: { ...env, NEO4J_URI: neo4jUri, GATEWAY_CACHE: 'false' },
        out: process.stderr,
      });
      const supergraph = readFileSync(path.join(REPO_ROOT, 'graph-schema', 'supergraph.graphql'), 'utf8').replace(
        /@join__graph\(name: "([a-z]+)", url: "[^"]*"\)/g,
        (_m, name: string) => `@join__graph(name: "${name}", url: "${distributed!.urls[name]}")`,
      );
      const supergraphPath = path.join(os.tmpdir(), `c360-bench-supergraph-${process.pid}.graphql`);
      writeFileSync(supergraphPath, supergraph);
      print('bench: starting vanilla Apollo Gateway and Hive Gateway in front of the subgraph processes…');
      const ap = await forkReady<string>(
        path.join(__dirname, 'hosts', `apollo-gateway${path.extname(__filename)}`),
        [supergraphPath],
        env,
      );
      apollo = ap.child;
      apolloUrl = ap.ready;
      const hivePort = await freePort();
      hive = spawn(
        path.join(REPO_ROOT, 'node_modules', '.bin', 'hive-gateway'),
        ['supergraph', supergraphPath, '--host', '127.0.0.1', '--port', String(hivePort), '--fork', '1'],
        { env, stdio: ['ignore', 'ignore', 'inherit'] },
      );
      hiveUrl = `http://127.0.0.1:${hivePort}/graphql`;
      await waitFor(hiveUrl, 180_000);
    }
    await new Promise<void>((resolve) => ceiling.listen(0, '127.0.0.1', resolve));
    const ceilingUrl = `http://127.0.0.1:${(ceiling.address() as { port: number }).port}/`;

    const subgraphPids = Object.entries(distributed?.processes ?? {})
      .filter(([name]) => name !== 'gateway')
      .flatMap(([, p]) => withDescendants(p.pid));
    const neo4jPids = aio.ready.neo4jPid ? [aio.ready.neo4jPid] : [];
    const dbPids = async () => [
      ...(await postgresBackends(admin, databases)),
      ...pidsNamed('mariadbd'),
      ...pidsNamed('redis-server'),
      ...neo4jPids,
    ];
    const targets: Record<Scenario, { url: string; pids: () => Promise<number[]> | null }> = {
      nocache: { url: aio.ready.nocache, pids: async () => [...withDescendants(allInOne!.pid!), ...(await dbPids())] },
      distributed: {
        url: distributed?.gatewayUrl ?? '',
        pids: async () => [
          ...withDescendants(distributed!.processes.gateway!.pid),
          ...subgraphPids,
          ...(await dbPids()),
        ],
      },
      apollo: {
        url: apolloUrl,
        pids: async () => [...withDescendants(apollo!.pid!), ...subgraphPids, ...(await dbPids())],
      },
      hive: { url: hiveUrl, pids: async () => [...withDescendants(hive!.pid!), ...subgraphPids, ...(await dbPids())] },
      warm: { url: aio.ready.cached, pids: async () => [...withDescendants(allInOne!.pid!), ...(await dbPids())] },
      cold: { url: aio.ready.cached, pids: async () => [...withDescendants(allInOne!.pid!), ...(await dbPids())] },
      nocold: { url: aio.ready.nocache, pids: async () => [...withDescendants(allInOne!.pid!), ...(await dbPids())] },
      ceiling: { url: ceilingUrl, pids: () => null },
    };

    // The customers: the people of the demo spread over the most silos (the heaviest pages).
    const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as {
      people: { records: { system: string }[]; identifiers: { kind: string; value: string }[] }[];
    };
    const emails = truth.people
      .map((p) => ({ p, systems: new Set(p.records.map((r) => r.system)).size }))
      .sort((a, b) => b.systems - a.systems)
      .map(({ p }) => p.identifiers.find((i) => i.kind === 'EMAIL')?.value)
      .filter((e): e is string => Boolean(e));
    const body = (email: string) => JSON.stringify({ query: QUERY, variables: { email } });
    const hot = emails.slice(0, 50);
    // Cold and nocold ask for the same customers in the same order, Redis emptied before each run: new to every
    // cache of the product each time, and the databases' own buffers as warm for one as for the other. (Every
    // other customer each, as before, gave cold the heavier one of each pair, the list being sorted by the
    // number of silos, and the faster run reached lighter customers further down its list.)
    const coldList = emails.slice(50);

    // Same answers, field for field, from a, b, c and d before any load (those that run).
    const compared = (['nocache', 'distributed', 'apollo', 'hive'] as const).filter(
      (s) => s === 'nocache' || order.includes(s),
    );
    print(`bench: comparing the answers of ${compared.join(', ')} for the 50 customers…`);
    const mismatches: string[] = [];
    for (const email of hot) {
      const answers = await Promise.all(
        compared.map(async (name) => ({
          name,
          answer: await post(targets[name].url, body(email)),
        })),
      );
      for (const { name, answer } of answers) {
        if (answer.status !== 200 || answer.json.errors)
          mismatches.push(
            `${name} ${email}: ${answer.status} ${JSON.stringify(answer.json.errors ?? '').slice(0, 300)}`,
          );
        else if (!isDeepStrictEqual(answer.json, answers[0]!.answer.json))
          mismatches.push(`${name} ${email}: differs from nocache`);
      }
    }
    if (mismatches.length > 0) {
      print(`bench: answers differ or fail:\n  ${mismatches.slice(0, 10).join('\n  ')}`);
      return 1;
    }
    const { json: sample } = await post(targets.nocache.url, body(hot[0]!));
    ceilingBody.current = JSON.stringify(sample);
    // The 100-customer list: the first 100 customer ids.
    const { json: idPage } = await post(
      targets.nocache.url,
      JSON.stringify({ query: '{ customerIds(first: 100) { ids } }' }),
    );
    const ids = (idPage.data as { customerIds: { ids: string[] } } | null | undefined)?.customerIds.ids ?? [];
    if (ids.length === 0) throw new Error(`no customer ids for the list query: ${JSON.stringify(idPage)}`);
    const listBody = JSON.stringify({ query: LIST_QUERY, variables: { ids } });
    print(
      `bench: answer ${ceilingBody.current.length} bytes; ${levels.join('/')} connections, ${duration} s × ${rounds} rounds`,
    );

    const runs: Record<string, Measured[]> = {};
    const record = (key: string, m: Measured) => (runs[key] ??= []).push(m);
    let coldSeen = 0;
    // Cold and nocold take turns at going first (ABBA over the runs at each connection count): the one that runs
    // second finds the databases' buffers, the caches of the operating system and the processes' heaps as the
    // first left them, for the same customers; always second, nocold had that advantage in every run.
    const turn = new Map<number, number>();
    const sequence = (connections: number): Scenario[] => {
      const n = turn.get(connections) ?? 0;
      turn.set(connections, n + 1);
      if ([0, 3].includes(n % 4)) return order;
      return order.map((s) => (s === 'cold' ? 'nocold' : s === 'nocold' ? 'cold' : s));
    };
    // A first pass over the cold customers, not recorded: the databases' buffers and prepared statements for
    // them, and the processes' code, are then as warm for the first round as for the last.
    // The processes keep getting faster for a while after that (Neo4j's and Node's compilers, the databases'
    // plans): a round run while they do favours whichever scenario goes second, and the first round of the ABBA
    // sequence, the most lopsided, has no partner round to balance it. So the warm-up passes repeat, both
    // scenarios taking turns, until a pass of each is within WARM_SPREAD of its pass before (at most WARM_PASSES).
    if (order.includes('cold') || order.includes('nocold')) {
      const WARM_SPREAD = 0.05;
      const WARM_PASSES = 6;
      const last = new Map<string, number>();
      for (let pass = 1; pass <= WARM_PASSES; pass++) {
        const rates: string[] = [];
        let steady = pass > 1;
        for (const scenario of ['cold', 'nocold'] as const) {
          if (!order.includes(scenario)) continue;
          await redis.flushdb();
          let next = 0;
          const { requestsPerSecond } = await load(
            targets[scenario].url,
            () => body(coldList[next++ % coldList.length]!),
            { duration, connections: Math.max(...levels), pids: targets[scenario].pids },
          );
          const before = last.get(scenario);
          if (before === undefined || Math.abs(requestsPerSecond - before) > WARM_SPREAD * before) steady = false;
          last.set(scenario, requestsPerSecond);
          rates.push(`${scenario} ${requestsPerSecond} req/s`);
        }
        print(`warm-up pass ${pass} (not recorded): ${rates.join(', ')}${steady ? ': steady' : ''}`);
        if (steady) break;
      }
    }
    for (let round = 1; round <= rounds; round++) {
      print(`round ${round}/${rounds}`);
      for (const connections of levels) {
        for (const scenario of sequence(connections)) {
          const everything = (await Promise.all(order.map(async (s) => (await targets[s].pids()) ?? []))).flat();
          if (!(await settle([...new Set(everything)])))
            print(`  (the product was still busy 10 s after the run before ${scenario}: measured anyway)`);
          let next = 0;
          let bodies = () => body(hot[next++ % hot.length]!);
          if (scenario === 'warm') for (const email of [...hot, ...hot]) await post(targets.warm.url, body(email));
          if (scenario === 'cold' || scenario === 'nocold') {
            await redis.flushdb();
            bodies = () => body(coldList[next++ % coldList.length]!);
          }
          if (scenario === 'ceiling') bodies = () => '{}';
          const m = await load(targets[scenario].url, bodies, { duration, connections, pids: targets[scenario].pids });
          if (scenario === 'cold') coldSeen = Math.max(coldSeen, next);
          record(`${scenario}@${connections}`, m);
          print(
            `  ${scenario.padEnd(11)} ${String(connections).padStart(2)} conn ${String(m.requestsPerSecond).padStart(6)} req/s  p50 ${m.latencyP50Ms} ms  p99 ${m.latencyP99Ms} ms  cpu ${m.cpuMsPerRequest ?? '-'} ms/req  errors ${m.errors}`,
          );
        }
      }
      for (const scenario of (['nocache', 'distributed', 'apollo', 'hive'] as const).filter((s) => order.includes(s))) {
        const m = await load(targets[scenario].url, () => listBody, {
          duration,
          connections: 16,
          pids: targets[scenario].pids,
        });
        record(`list-${scenario}@16`, m);
        print(
          `  list ${scenario.padEnd(11)} 16 conn ${String(m.requestsPerSecond).padStart(6)} req/s  p50 ${m.latencyP50Ms} ms  cpu ${m.cpuMsPerRequest ?? '-'} ms/req  errors ${m.errors}`,
        );
      }
    }
    if (coldSeen > coldList.length)
      print(`  (cold rounds asked for ${coldSeen} customers of ${coldList.length}: some were warm)`);

    const medians = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, medianOf(v)]));
    const at = levels.includes(16) ? 16 : levels[levels.length - 1]!;
    const rate = (key: string) => medians[key]?.requestsPerSecond ?? NaN;
    const ratio = (a: string, b: string) => Math.round((rate(a) / rate(b)) * 100) / 100;
    const summary = {
      cpu_ms_per_request_nocache: medians[`nocache@${at}`]?.cpuMsPerRequest ?? null,
      nocache_vs_apollo_gateway: ratio(`nocache@${at}`, `apollo@${at}`),
      nocache_vs_hive_gateway: ratio(`nocache@${at}`, `hive@${at}`),
      distributed_vs_apollo_gateway: ratio(`distributed@${at}`, `apollo@${at}`),
      distributed_vs_hive_gateway: ratio(`distributed@${at}`, `hive@${at}`),
      // Cold against no cache over the same customers (every one new, Redis emptied for both): the median of the
      // rounds' own ratios, each of a cold run and the nocold run beside it, so that the product warming up from
      // round to round (the databases' buffers and prepared statements for customers not asked for before) does
      // not pass for a difference between the two.
      cold_vs_nocache: pairedRatio(runs[`cold@${at}`], runs[`nocold@${at}`]),
      // Cold against the uncached hot 50, whose identity lookups the identity subgraph's own cache still holds.
      cold_vs_nocache_hot_customers: ratio(`cold@${at}`, `nocache@${at}`),
      warm_vs_ceiling: ratio(`warm@${at}`, `ceiling@${at}`),
      p50_ms_1conn_nocache: medians['nocache@1']?.latencyP50Ms ?? null,
      errors: Object.values(runs)
        .flat()
        .reduce((sum, r) => sum + r.errors, 0),
      ratios_at_connections: at,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        allInOneWorkers: aio.ready.workers,
        loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
        // What ran beside the bench is for whoever runs it to say (BENCH_NOTE); the load average is read at the end.
        note:
          process.env.BENCH_NOTE ??
          'mariadbd and redis-server CPU counted whole; load average read at the end of the run',
      },
    };
    print('\nscenario@conns        req/s   p50 ms   p99 ms  cpu ms/req  errors');
    for (const [key, m] of Object.entries(medians)) {
      print(
        `${key.padEnd(20)} ${String(m.requestsPerSecond).padStart(7)} ${String(m.latencyP50Ms).padStart(8)} ${String(m.latencyP99Ms).padStart(8)} ${String(m.cpuMsPerRequest ?? '-').padStart(11)} ${String(m.errors).padStart(7)}`,
      );
    }
    print(`\n${JSON.stringify(summary, null, 2)}`);
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(
      RESULTS,
      `${JSON.stringify({ ...summary, at: new Date().toISOString(), duration, rounds, connections: levels, answerBytes: ceilingBody.current.length, medians, perRound: runs }, null, 2)}\n`,
    );
    print(`written to ${path.relative(process.cwd(), RESULTS)}`);
    return 0;
  } finally {
    ceiling.close();
    await stopChild(hive);
    await stopChild(apollo);
    await distributed?.stop();
    await stopChild(allInOne);
    await admin.end().catch(() => {});
    redis.disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`bench failed: ${err.stack}`);
    process.exit(1);
  },
);
