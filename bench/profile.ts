/**
 * `npm run bench:profile -- --scenario nocache|cold|nocold|warm|list [--duration 10] [--connections 16]`:
 * the all-in-one product of the bench (bench/hosts/all-in-one.ts) under `node --cpu-prof`,
 * loaded with the customer 360 query, then stopped; prints the functions with the most
 * self time (the top of the profile) and where the .cpuprofile is (open it in Chrome DevTools).
 * Same databases, Neo4j and customers as `npm run bench` (run that once first: it seeds them),
 * so never while `npm run bench` runs: both would start the bench's Neo4j.
 */
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Redis from 'ioredis';
import { REPO_ROOT } from '@c360/embedded/product';
import { benchEnv } from './env';
import { cpuTicksOf } from './proc';
import { LIST_QUERY, QUERY } from './queries';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time per function (name, file, line), in ms, from a V8 .cpuprofile. */
export function topOfProfile(
  file: string,
  lastMs = Number.POSITIVE_INFINITY,
  count = 25,
): { ms: number; share: number; fn: string }[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
    endTime: number;
  };
  // Only the samples of the last `lastMs` (the load, not the start-up).
  const times: number[] = [];
  let t = 0;
  for (const delta of profile.timeDeltas) times.push((t += delta));
  const from = times.at(-1)! - lastMs * 1000;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    if (times[i]! < from) return;
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url
      ? `${url.replace(/^.*node_modules\//, '~/').replace(`file://${REPO_ROOT}/`, '')}:${lineNumber + 1}`
      : '';
    const fn = `${functionName || '(anonymous)'} ${where}`.trim();
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (functionName !== '(idle)') total += ms;
    selfMs.set(fn, (selfMs.get(fn) ?? 0) + ms);
  });
  return [...selfMs.entries()]
    .filter(([fn]) => !fn.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([fn, ms]) => ({ ms: Math.round(ms), share: Math.round((ms / total) * 1000) / 10, fn }));
}

/** User and system CPU of one process so far, in ms (the product under load, alive while it is measured). */
function cpuMsOf(pid: number): { user: number; system: number } {
  const ticks = cpuTicksOf(pid);
  if (!ticks) throw new Error(`the profiled process ${pid} is gone`);
  return { user: ticks.user * 10, system: ticks.system * 10 }; // ticks of 1/100 s
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'nocache' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '16' },
    },
  });
  const scenario = args.scenario!;
  if (!['nocache', 'cold', 'nocold', 'warm', 'list'].includes(scenario))
    throw new Error('--scenario: nocache, cold, nocold, warm or list (the 100-customer list, caches off)');
  const dir = path.join(REPO_ROOT, '.data', 'bench', 'profiles');
  // One process to profile (the workers of a cluster would each write a profile of their own).
  const env: NodeJS.ProcessEnv = { ...benchEnv(), GATEWAY_WORKERS: process.env.GATEWAY_WORKERS ?? '1' };
  const child = fork(path.join(__dirname, 'hosts', `all-in-one${path.extname(__filename)}`), [], {
    env,
    execArgv: [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${dir}`],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ cached: string; nocache: string }>((resolve, reject) => {
    child.once('message', (m: { ready: { cached: string; nocache: string } }) => resolve(m.ready));
    child.once('exit', (code) => reject(new Error(`all-in-one exited with ${code}`)));
  });
  const truth = JSON.parse(readFileSync(env.BENCH_TRUTH_PATH!, 'utf8')) as {
    people: { records: { system: string }[]; identifiers: { kind: string; value: string }[] }[];
  };
  const emails = truth.people
    .map((p) => ({ p, systems: new Set(p.records.map((r) => r.system)).size }))
    .sort((a, b) => b.systems - a.systems)
    .map(({ p }) => p.identifiers.find((i) => i.kind === 'EMAIL')?.value)
    .filter((e): e is string => Boolean(e));
  const list = scenario === 'cold' || scenario === 'nocold' ? emails.slice(50) : emails.slice(0, 50);
  const url = ['nocache', 'nocold', 'list'].includes(scenario) ? ready.nocache : ready.cached;
  let body = (email: string) => JSON.stringify({ query: QUERY, variables: { email } });
  if (scenario === 'list') {
    // The first 100 customers, every one with the whole customer 360 page (as npm run bench's list).
    const page = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ customerIds(first: 100) { ids } }' }),
    });
    const ids = ((await page.json()) as { data: { customerIds: { ids: string[] } } }).data.customerIds.ids;
    const listBody = JSON.stringify({ query: LIST_QUERY, variables: { ids } });
    body = () => listBody;
  }
  if (scenario === 'cold' || scenario === 'nocold') {
    const redis = new Redis(env.REDIS_URL!);
    await redis.flushdb();
    redis.disconnect();
  }
  // Twice: an answer is kept from its second miss on (GATEWAY_CACHE_ADMISSION).
  if (scenario === 'warm')
    for (const email of [...list, ...list])
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(email) });
  let next = 0;
  const cpuBefore = cpuMsOf(child.pid!);
  const loadStarted = Date.now();
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: Number(args.connections),
    duration: Number(args.duration),
    requests: [{ setupRequest: (req) => ({ ...req, body: body(list[next++ % list.length]!) }) }],
  });
  const cpuAfter = cpuMsOf(child.pid!);
  const [user, system] = [cpuAfter.user - cpuBefore.user, cpuAfter.system - cpuBefore.system];
  const answers = Math.max(1, result['2xx']);
  process.stdout.write(
    `${scenario}: ${result['2xx']} answers, ${Math.round(result['2xx'] / Number(args.duration))} req/s, p50 ${result.latency.p50} ms, errors ${result.errors + result.non2xx + result.timeouts}\n` +
      // The profiled process only (gateway and subgraphs, under --cpu-prof): compare runs on the same load.
      `cpu: ${((user + system) / answers).toFixed(2)} ms per answer (user ${(user / answers).toFixed(2)}, system ${(system / answers).toFixed(2)}), load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
  );
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  const window = Date.now() - loadStarted;
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile') && f.includes(`.${child.pid}.`))
    .map((f) => path.join(dir, f))
    .at(0);
  if (!file) throw new Error(`no profile written in ${dir}`);
  process.stdout.write(
    `profile: ${path.relative(process.cwd(), file)} (the last ${Math.round(window / 1000)} s: the load and the stop)\n`,
  );
  process.stdout.write('self ms  share  function\n');
  for (const row of topOfProfile(file, window))
    process.stdout.write(`${String(row.ms).padStart(7)} ${String(row.share).padStart(5)}%  ${row.fn}\n`);
}

if (require.main === module)
  main().then(
    () => process.exit(0),
    (err: Error) => {
      console.error(`bench:profile failed: ${err.stack}`);
      process.exit(1);
    },
  );
