import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import mysql from 'mysql2/promise';
import neo4j, { type Driver } from 'neo4j-driver';
import { Pool } from 'pg';
import { loadEmbeddedConfig } from '@c360/embedded/config';
import { REPO_ROOT, startProduct, type Product } from '@c360/embedded/product';
import { startThrowawayRedis } from '@c360/gateway/testing';
import { startCommerceSubgraph } from '@c360/subgraph-commerce';
import { startCrmSubgraph } from '@c360/subgraph-crm';
import type { RunningServer } from '@c360/kit/http';
import { E2E_AUTH, PRODUCTION_ACCESS } from '../e2e/gateway-resilience/fixtures';
import { startTcpProxy, type TcpProxy } from '@c360/test-setup/tcp-proxy';
import { TEST_ENV, testEnv } from '@c360/test-setup/test-env';
import { pollFor, waitFor } from '@c360/test-setup/waiting';
import { CUSTOMER_PAGE, cachedPeople, freePort, sleep, startLoad, until, type Answer, type Person } from './load';

/**
 * The fault suite: the whole product under a steady load of customer pages
 * (known customers and never-asked emails) while faults are injected into
 * the real services, one after the other. Each fault is a test of its
 * promise; the suite prints a table of what the load saw.
 *
 * Nothing shared is ever stopped: Redis is a private redis-server of the
 * suite's own, Neo4j the product's own bundled one (its own port and data
 * folder, never the test Neo4j other suites share), which the suite kills,
 * and PostgreSQL and MariaDB are reached through TCP proxies of its own,
 * which it cuts and restores.
 */
const TIMEOUT_MS = 5000;
const COOLDOWN_MS = 1000;
/** How long the slow subgraph holds each request: 4 budgets. */
const SLOW_MS = 4 * TIMEOUT_MS;
const PEOPLE = 12;

/**
 * The product's log: what its supervisor says is kept (the suite checks it
 * said it restarted Neo4j); everything goes to stdout at TEST_LOG_LEVEL when set.
 */
const supervisorLog: { level: number; msg: string; [field: string]: unknown }[] = [];
const shownFrom = process.env.TEST_LOG_LEVEL ? pino.levels.values[process.env.TEST_LOG_LEVEL] : undefined;
const logger = pino(
  { name: 'c360', level: 'info', base: { service: 'c360' } },
  {
    write(line: string) {
      const entry = JSON.parse(line) as (typeof supervisorLog)[number];
      if (entry.component === 'supervisor' || /bundled Neo4j/.test(entry.msg)) supervisorLog.push(entry);
      if (shownFrom !== undefined && entry.level >= shownFrom) process.stdout.write(line);
    },
  },
);

let product: Product;
let redis: Awaited<ReturnType<typeof startThrowawayRedis>>;
let redisPort: number;
const proxies: Record<'postgres' | 'mariadb', TcpProxy> = {} as never;
/** The product's own Neo4j, read directly (never through the product). */
let direct: Driver;
let neo4jUri: string;
const neo4jDataDir = mkdtempSync(path.join(tmpdir(), 'c360-faults-neo4j-'));
let people: Person[] = [];
let crmPort: number;
let commercePort: number;
/** Servers the suite started in place of the product's own (restarted subgraphs, the slow relay). */
const replacements: { stop(): Promise<void> }[] = [];

let phase = 'warm-up';
let faulty = new Set<string>();
let load: ReturnType<typeof startLoad>;
const table: { fault: string; errors: number; served: number; lost: number; note: string }[] = [];

const through = (url: string, proxy: TcpProxy) => {
  const u = new URL(url);
  u.host = `127.0.0.1:${proxy.port}`;
  return u.href.replace(/\/$/, '');
};

beforeAll(async () => {
  process.stdout.write(
    "[faults] starting a private Redis, proxies to PostgreSQL and MariaDB, and the product with a Neo4j of the suite's own…\n",
  );
  redisPort = await freePort();
  redis = await startThrowawayRedis(redisPort);
  proxies.postgres = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
  proxies.mariadb = await startTcpProxy({ host: '127.0.0.1', port: 3306 });
  const neo4jPort = await freePort();
  neo4jUri = `bolt://127.0.0.1:${neo4jPort}`;
  crmPort = await freePort();
  commercePort = await freePort();
  const pg = (name: string) => through(TEST_ENV[name]!, proxies.postgres);
  const config = loadEmbeddedConfig(
    testEnv({
      SEED_DEMO: 'false',
      C360_MODE: 'production',
      ...PRODUCTION_ACCESS,
      // Each subgraph behind its own HTTP port, as in the distributed topology: a subgraph the suite
      // stops, restarts or slows down (a relay on its port) is the one the gateway reaches.
      GATEWAY_IN_PROCESS: 'false',
      CRM_DATABASE_URL: pg('CRM_DATABASE_URL'),
      WEB_DATABASE_URL: pg('WEB_DATABASE_URL'),
      CONSENT_DATABASE_URL: pg('CONSENT_DATABASE_URL'),
      PROFILE_DATABASE_URL: pg('PROFILE_DATABASE_URL'),
      PRIVACY_DATABASE_URL: pg('PRIVACY_DATABASE_URL'),
      COMMERCE_DATABASE_URL: through(TEST_ENV.COMMERCE_DATABASE_URL!, proxies.mariadb),
      SURVEYS_DATABASE_URL: through(TEST_ENV.SURVEYS_DATABASE_URL!, proxies.mariadb),
      // The product starts and supervises its own bundled Neo4j (as `npm start` does), which the suite kills.
      NEO4J_URI: undefined,
      NEO4J_BOLT_PORT: String(neo4jPort),
      NEO4J_DATA_DIR: neo4jDataDir,
      REDIS_URL: redis.url,
      CRM_PORT: String(crmPort),
      COMMERCE_PORT: String(commercePort),
      SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS),
      SUBGRAPH_BREAKER_FAILURES: '3',
      SUBGRAPH_BREAKER_COOLDOWN_MS: String(COOLDOWN_MS),
      SOURCE_TIMEOUT_MS: '1000',
      FEED_POLL_INTERVAL_MS: '1000',
      RATE_LIMIT_POINTS: '1000000',
    }),
  );
  // No demo seed: the till export folder may not exist yet (an empty one is a store with no sales).
  mkdirSync(path.resolve(REPO_ROOT, config.STORES_EXPORT_DIR), { recursive: true });
  product = await waitFor(
    "the product (subgraphs, identity feeds, gateway) behind the suite's proxies",
    `PostgreSQL :${proxies.postgres.port}, MariaDB :${proxies.mariadb.port}, Neo4j ${neo4jUri} (its own), Redis ${redis.url}`,
    () => startProduct(config, logger),
    { timeoutMs: 300_000, hint: 'Run with TEST_LOG_LEVEL=info to see what it started and what it waits for.' },
  );
  direct = neo4j.driver(neo4jUri, undefined, { disableLosslessIntegers: true });
  people = await createPeople(PEOPLE);
  await ingested(people);
  load = startLoad({
    url: product.gateway.url,
    headers: E2E_AUTH,
    people,
    concurrency: 2,
    faulty: () => faulty,
    phase: () => phase,
    invalidate: async (person) => {
      const res = await fetch(product.gateway.url.replace(/\/graphql$/, '/admin/cache/invalidate'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...E2E_AUTH },
        body: JSON.stringify({
          records: [
            { system: 'crm', localId: person.contactId },
            { system: 'commerce', localId: person.accountId },
          ],
        }),
      });
      if (!res.ok) throw new Error(`cache invalidation answered ${res.status}: ${await res.text()}`);
    },
  });
  // Cold caches, plans and pools first: the faults are measured on a warm product.
  await recovered('warm-up', 120_000);
}, 500_000);

afterAll(async () => {
  await load?.stop();
  printTable();
  for (const server of replacements.reverse()) await server.stop().catch(() => undefined);
  await direct?.close();
  await product?.stop();
  for (const proxy of Object.values(proxies)) await proxy?.close();
  await redis?.stop();
  if (people.length > 0) await removePeople(people);
  // The suite's own graph goes with its folder.
  rmSync(neo4jDataDir, { recursive: true, force: true });
}, 90_000);

/** Waits until the feeds brought every person's CRM contact and shop account into the graph. */
async function ingested(list: Person[], timeoutMs = 120_000): Promise<number> {
  return pollFor(
    `the identity feeds to bring ${list.length} people of the CRM and the shop into the graph`,
    neo4jUri,
    async () => {
      const { records } = await direct.executeQuery(
        `UNWIND $records AS rec MATCH (r:SourceRecord {system: rec.system, localId: rec.localId})-[:BELONGS_TO]->(:Customer)
         RETURN count(DISTINCT r) AS n`,
        {
          records: list.flatMap((p) => [
            { system: 'crm', localId: p.contactId },
            { system: 'commerce', localId: p.accountId },
          ]),
        },
      );
      return records[0]!.get('n') === list.length * 2;
    },
    {
      timeoutMs,
      everyMs: 250,
      hint: 'The feeds poll every FEED_POLL_INTERVAL_MS; run with TEST_LOG_LEVEL=info to see their runs and failures.',
    },
  );
}

/** People of the suite's own in the CRM and the shop (direct connections: never through a proxy). */
async function createPeople(n: number, tag = randomUUID().slice(0, 8)): Promise<Person[]> {
  const list = Array.from({ length: n }, (_, i) => ({
    email: `fault-${tag}-${i}@example.org`,
    contactId: `CRM-FLT-${tag}-${i}`,
    accountId: String(4_000_000_000 + Math.floor(Math.random() * 290_000_000)),
  }));
  const pg = new Pool({ connectionString: TEST_ENV.CRM_DATABASE_URL, max: 1 });
  const shop = await mysql.createConnection({ uri: TEST_ENV.COMMERCE_DATABASE_URL });
  try {
    for (const p of list) {
      await pg.query(
        `INSERT INTO contacts (contact_id, first_name, last_name, email_personal, country) VALUES ($1, 'Ada', 'Fault', $2, 'FR')`,
        [p.contactId, p.email],
      );
      await shop.query(
        `INSERT INTO customer_account (account_id, email, first_name, last_name, country, created_at, updated_at)
         VALUES (?, ?, 'Ada', 'Fault', 'FR', NOW(3), NOW(3))`,
        [p.accountId, p.email],
      );
    }
  } finally {
    await pg.end();
    await shop.end();
  }
  return list;
}

/** Removes the suite's people from the CRM and the shop (its graph is thrown away with its folder). */
async function removePeople(list: Person[]): Promise<void> {
  const pg = new Pool({ connectionString: TEST_ENV.CRM_DATABASE_URL, max: 1 });
  const shop = await mysql.createConnection({ uri: TEST_ENV.COMMERCE_DATABASE_URL });
  try {
    await pg.query('DELETE FROM contacts WHERE contact_id = ANY($1)', [list.map((p) => p.contactId)]);
    await shop.query('DELETE FROM customer_account WHERE account_id IN (?)', [list.map((p) => p.accountId)]);
  } finally {
    await pg.end();
    await shop.end();
  }
}

/**
 * Runs the load in a phase, with the given subgraphs or services at fault,
 * for `ms` — or until `enough` holds of the phase's answers so far (at most
 * `atMostMs`); returns the answers to the requests made in the phase
 * (waiting for the last ones to come back).
 */
async function during(
  name: string,
  at: string[],
  ms: number | { enough: (answers: Answer[]) => boolean; atMostMs: number },
): Promise<Answer[]> {
  // Only this call's answers: `recovered` runs rounds of the same name, and an earlier round's
  // degraded answers must not count against a later one (they made every recovery time out).
  const from = load.answers.length;
  const mine = () => load.answers.slice(from).filter((a) => a.phase === name);
  phase = name;
  faulty = new Set(at);
  if (typeof ms === 'number') await sleep(ms);
  else await until(`${name}: enough seen`, () => ms.enough(mine()), ms.atMostMs).catch(() => undefined);
  phase = `${name} (over)`;
  await until(`${name}: every request answered`, () => load.inFlight(name) === 0, 35_000);
  return mine();
}

function record(fault: string, answers: Answer[], lost: number, note: string): void {
  table.push({
    fault,
    errors: answers.filter((a) => a.errors.length > 0).length,
    served: answers.filter((a) => a.status === 200).length,
    lost,
    note,
  });
}

function printTable(): void {
  const rows = [
    ['fault', 'answers with errors', 'answers served', 'data lost', 'what it showed'],
    ...table.map((r) => [r.fault, String(r.errors), String(r.served), String(r.lost), r.note]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(
    `\n[faults] what the load saw (${TIMEOUT_MS} ms subgraph budget):\n${[line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n')}\n`,
  );
}

/** One customer page, asked directly (not part of the load). */
async function page(email: string): Promise<{ data?: any; errors?: unknown[] }> {
  const res = await fetch(product.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...E2E_AUTH },
    body: JSON.stringify({ query: CUSTOMER_PAGE, variables: { email } }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
}

/** Drops what the gateway cached of these people and asks their pages again: cached with a whole TTL ahead. */
async function cacheAnew(list: Person[]): Promise<void> {
  const ids: string[] = [];
  for (const p of list) {
    const body = await page(p.email);
    const id = body.data?.customerByIdentifier?.id as string | undefined;
    if (!id || body.errors?.length) throw new Error(`page of ${p.email} not whole: ${JSON.stringify(body)}`);
    ids.push(id);
  }
  const res = await fetch(product.gateway.url.replace(/\/graphql$/, '/admin/cache/invalidate'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...E2E_AUTH },
    body: JSON.stringify({ customers: ids }),
  });
  if (!res.ok) throw new Error(`cache invalidation answered ${res.status}: ${await res.text()}`);
  for (const p of list) await page(p.email);
  // Entries are written off the response path: a page asked again must find them.
  await sleep(300);
}

/** The gateway's readiness, as an operator sees it (with the subgraphs' states). */
async function ready(): Promise<{ status: number; body: any }> {
  const res = await fetch(product.gateway.url.replace(/\/graphql$/, '/ready'), { headers: E2E_AUTH });
  return { status: res.status, body: await res.json() };
}

/** The gateway's metrics (an operator route: read with the suite's key). */
async function metricsText(): Promise<string> {
  const res = await fetch(product.gateway.url.replace(/\/graphql$/, '/metrics'), { headers: E2E_AUTH });
  if (!res.ok) throw new Error(`/metrics answered ${res.status}: ${await res.text()}`);
  return res.text();
}

const lostIn = (answers: Answer[]) => answers.filter((a) => a.lost.length > 0);
const fiveHundreds = (answers: Answer[]) => answers.filter((a) => a.status >= 500 || a.status === 0);
const complete = (answers: Answer[]) =>
  answers.length > 0 && answers.every((a) => a.errors.length === 0 && a.lost.length === 0);

/** Waits until a whole round of the load comes back complete (every answer whole, no error). */
async function recovered(name: string, timeoutMs = 15_000): Promise<number> {
  let last: Answer[] = [];
  try {
    return await until(
      `${name}: full answers again`,
      async () => complete((last = await during(name, [], 1000))),
      timeoutMs,
    );
  } catch (err) {
    const sample = last.filter((a) => a.errors.length > 0 || a.lost.length > 0).slice(0, 3);
    throw new Error(`${(err as Error).message}; last answers: ${JSON.stringify(sample)}`);
  }
}

describe('fault suite: the product under load while services fail', () => {
  it('serves whole answers with nothing failing (baseline)', async () => {
    const answers = await during('baseline', [], 2000);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.errors.length > 0 || a.lost.length > 0)).toEqual([]);
    record('none (baseline)', answers, 0, `${answers.length} pages, all whole`);
  });

  it('a killed subgraph: partial answers naming it and the path, within the budget, no 5xx; whole again after its restart', async () => {
    await product.sources.crm.stop();
    let answers: Answer[];
    try {
      answers = await during('crm killed', ['crm'], 3000);
    } finally {
      // Restarted whatever the answers were: a failed promise here must not become the next fault's.
      replacements.push(
        await startCrmSubgraph({
          databaseUrl: product.config.CRM_DATABASE_URL,
          logger,
          host: '127.0.0.1',
          port: crmPort,
        }),
      );
    }
    expect(fiveHundreds(answers)).toEqual([]);
    expect(lostIn(answers)).toEqual([]);
    const degraded = answers.filter((a) => a.errors.length > 0);
    expect(degraded.length).toBeGreaterThan(0);
    for (const a of degraded) {
      expect(a.errors).toEqual([expect.stringMatching(/^SUBGRAPH_UNAVAILABLE@crm:customerByIdentifier\.crmContacts$/)]);
      expect(a.ms).toBeLessThan(TIMEOUT_MS + 1000);
    }
    const ms = await recovered('crm restarted');
    record(
      'kill the crm subgraph',
      answers,
      lostIn(answers).length,
      `crmContacts null + error naming crm; whole ${ms} ms after restart`,
    );
  });

  it('a slow subgraph: timeouts within the budget, the breaker opens, then closes once it is fast again', async () => {
    // In place of the shop's subgraph: a relay on its port that holds every request, in front of a new instance.
    await product.sources.commerce.stop();
    const commerce = await startCommerceSubgraph({
      databaseUrl: product.config.COMMERCE_DATABASE_URL,
      logger,
      host: '127.0.0.1',
      port: 0,
    });
    replacements.push(commerce);
    const relay = await startDelayingRelay(commercePort, commerce);
    replacements.push(relay);
    // Far longer than the budget: an answer that waited for the subgraph instead of timing out is told
    // apart from one that timed out by seconds, not by the few hundred ms a busy machine adds.
    relay.delayMs = SLOW_MS;
    let answers: Answer[];
    let ms: number;
    try {
      // Until the breaker answers for the slow subgraph (3 timeouts in a row first, at the budget's pace).
      answers = await during('commerce slow', ['commerce'], {
        enough: (seen) => seen.some((a) => a.errors.some((e) => e.startsWith('SUBGRAPH_UNAVAILABLE@commerce'))),
        atMostMs: 8 * TIMEOUT_MS,
      });
      relay.delayMs = 0;
      ms = await recovered('commerce fast again', 30_000);
    } finally {
      // The shop's subgraph on its own port again, without the relay, for the faults that follow.
      await relay.stop();
      await commerce.stop();
      replacements.push(
        await startCommerceSubgraph({
          databaseUrl: product.config.COMMERCE_DATABASE_URL,
          logger,
          host: '127.0.0.1',
          port: commercePort,
        }),
      );
    }
    expect(fiveHundreds(answers)).toEqual([]);
    expect(lostIn(answers)).toEqual([]);
    const codes = new Set(answers.flatMap((a) => a.errors.map((e) => e.split(':')[0])));
    expect(codes).toEqual(new Set(['SUBGRAPH_TIMEOUT@commerce', 'SUBGRAPH_UNAVAILABLE@commerce']));
    // Within the budget of the slow fetch plus the page's other fetches: never the slow subgraph's 20 s.
    // (TIMEOUT_MS + 1 s failed 1 run in 2 at load 11: an identity lookup before the 5 s fetch took 1.3 s.)
    for (const a of answers) expect(a.ms).toBeLessThan(2 * TIMEOUT_MS);
    const metrics = await metricsText();
    expect(metrics).toMatch(
      /c360_gateway_subgraph_failures_total\{subgraph="commerce",code="SUBGRAPH_UNAVAILABLE"\} [1-9]/,
    );
    await recovered('commerce back on its port');
    expect(await metricsText()).toMatch(/c360_gateway_subgraph_breaker_state\{subgraph="commerce",state="closed"\} 1/);
    record(
      `slow commerce subgraph (${SLOW_MS / 1000} s)`,
      answers,
      lostIn(answers).length,
      `timeouts, breaker opened (fail-fast), closed ${ms} ms after`,
    );
  });

  it('Redis killed: no errors, served uncached; cached again once it is back', async () => {
    await redis.stop();
    let answers: Answer[];
    try {
      answers = await during('redis killed', [], 3000);
    } finally {
      redis = await startThrowawayRedis(redisPort);
    }
    expect(answers.filter((a) => a.errors.length > 0 || a.lost.length > 0 || a.status !== 200)).toEqual([]);
    const hits = async () => {
      const text = await metricsText();
      return [
        ...text.matchAll(/^c360_gateway_(?:response_)?cache_lookups_total\{[^}]*outcome="hit"[^}]*\} (\d+)/gm),
      ].reduce((n, m) => n + Number(m[1]), 0);
    };
    const before = await hits();
    const ms = await until('cache hits again after Redis restarted', async () => {
      await during('redis back', [], 500);
      return (await hits()) > before;
    });
    record('kill Redis', answers, lostIn(answers).length, `served uncached; cache hits again ${ms} ms after restart`);
  });

  it('Neo4j killed: the supervisor restarts it and says so; /ready false meanwhile; cached lookups answer, the others fail fast and typed; feeds pause and resume with no observation lost or doubled', async () => {
    // The pages the load asks as they are, cached anew just before the kill (whatever Redis lost
    // before), so that none expires during the outage: those must all be served whole.
    await cacheAnew(cachedPeople(people));
    const pid = product.neo4j!.pid!;
    const logged = supervisorLog.length;
    const restartsBefore = product.supervisor.status().neo4j!.restarts;
    const neo4jState = () => product.supervisor.status().neo4j!.state;
    phase = 'neo4j killed';
    faulty = new Set(['identity', 'crm', 'commerce']);
    const from = load.answers.length;
    // The JVM `npm start` runs, killed as the OOM killer would: no shutdown, no warning.
    process.kill(pid, 'SIGKILL');
    // Observations made while the graph is away (asked by the load once they are in the graph).
    const late = await createPeople(4);
    await until('the supervisor to see Neo4j die', () => neo4jState() !== 'up', 30_000);
    // Readiness says so while the supervisor restarts it (it must, before the restart is over).
    let readiness: { status: number; body: any } | undefined;
    await until(
      '/ready to answer 503 naming identity down while Neo4j restarts',
      async () => {
        if (neo4jState() === 'up')
          throw new Error(`Neo4j restarted and /ready never said identity was down: ${JSON.stringify(readiness)}`);
        readiness = await ready();
        return readiness.status === 503 && readiness.body.subgraphs?.identity === 'down';
      },
      300_000,
    );
    await until('the supervisor to restart Neo4j', () => neo4jState() === 'up', 300_000);
    phase = 'neo4j killed (over)';
    await until('neo4j killed: every request answered', () => load.inFlight('neo4j killed') === 0, 35_000);
    const all = load.answers.slice(from).filter((a) => a.phase === 'neo4j killed');
    const ms = await recovered('neo4j back', 60_000);
    expect(product.supervisor.status().neo4j).toEqual({ state: 'up', restarts: restartsBefore + 1 });
    expect(product.neo4j!.pid).not.toBe(pid);
    // Ready again (each subgraph's /health answers within 1 s: on a busy machine, not at the first ask).
    await until('/ready to answer 200 again', async () => (await ready()).status === 200, 60_000);
    // The log says what happened to Neo4j and that it was restarted.
    const said = supervisorLog.slice(logged).map((l) => [l.level, l.msg]);
    expect(said).toEqual(
      expect.arrayContaining([
        [50, 'bundled Neo4j exited unexpectedly'],
        [40, expect.stringMatching(/^neo4j exited \(SIGKILL\); restarting in \d+ ms$/)],
        [30, 'neo4j restarted'],
      ]),
    );

    expect(fiveHundreds(all)).toEqual([]);
    const unknown = all.filter((a) => !a.known);
    expect(unknown.length).toBeGreaterThan(0);
    for (const a of unknown) {
      // Each uncached lookup is refused at once: never the whole budget of a fetch.
      if (a.errors.length > 0) expect(a.ms).toBeLessThan(TIMEOUT_MS);
    }
    const failedFast = unknown.filter((a) => a.errors.some((e) => e.startsWith('SERVICE_UNAVAILABLE')));
    expect(failedFast.length).toBeGreaterThan(0);
    const fromCache = all.filter((a) => a.known && !a.fresh);
    expect(fromCache.length).toBeGreaterThan(0);
    expect(fromCache.filter((a) => a.lost.length > 0 || a.errors.length > 0)).toEqual([]);
    const served = all.filter((a) => a.known && a.lost.length === 0 && a.errors.length === 0);
    // Every observation made during the outage is in the graph, once; so is every one before it.
    await ingested(late, 60_000);
    people.push(...late);
    const { records } = await direct.executeQuery(
      `UNWIND $records AS rec MATCH (r:SourceRecord {system: rec.system, localId: rec.localId})
       RETURN rec.system + ':' + rec.localId AS id, count(r) AS n`,
      {
        records: people.flatMap((p) => [
          { system: 'crm', localId: p.contactId },
          { system: 'commerce', localId: p.accountId },
        ]),
      },
    );
    expect(Object.fromEntries(records.map((r) => [r.get('id'), r.get('n')]))).toEqual(
      Object.fromEntries(
        people.flatMap((p) => [
          [`crm:${p.contactId}`, 1],
          [`commerce:${p.accountId}`, 1],
        ]),
      ),
    );
    record(
      'kill Neo4j (SIGKILL)',
      all,
      0,
      `restarted by the supervisor (logged); /ready 503 meanwhile; ${served.length} known pages served; ${failedFast.length} uncached refused fast (SERVICE_UNAVAILABLE); whole ${ms} ms after; ${late.length} observations made meanwhile ingested once`,
    );
    // A JVM restart after a kill (with store recovery) took 53 s at load 18 here (the first start 25 s).
  }, 300_000);

  it.each([
    ['postgres', 'crm', 'cut PostgreSQL (3 s)'],
    ['mariadb', 'commerce', 'cut MariaDB (3 s)'],
  ] as const)(
    '%s cut and restored: its sources degrade, pools recover, no stuck connection, no audit record lost',
    async (service, source, label) => {
      await proxies[service].cut();
      let answers: Answer[];
      try {
        answers = await during(`${service} down`, [source], 3000);
      } finally {
        await proxies[service].restore();
      }
      expect(fiveHundreds(answers)).toEqual([]);
      expect(lostIn(answers)).toEqual([]);
      const ms = await recovered(`${service} back`, 20_000);
      // Every page that read a CRM name is in the PII-read audit (sent again when the privacy database came back).
      const audited = load.answers.filter((a) => a.piiRead);
      const privacy = new Pool({ connectionString: TEST_ENV.PRIVACY_DATABASE_URL, max: 1 });
      try {
        const missing = async () => {
          const { rows } = await privacy.query<{ request_id: string }>(
            'SELECT DISTINCT request_id FROM pii_read WHERE request_id = ANY($1)',
            [audited.map((a) => a.requestId)],
          );
          const seen = new Set(rows.map((r) => r.request_id));
          return audited.filter((a) => !seen.has(a.requestId));
        };
        await until('every PII read audited', async () => (await missing()).length === 0, 20_000).catch(
          () => undefined,
        );
        const lost = await missing();
        expect(lost.map((a) => a.requestId)).toEqual([]);
        record(
          label,
          answers,
          lostIn(answers).length + lost.length,
          `pools recovered: whole ${ms} ms after restore; ${audited.length} PII reads all audited`,
        );
      } finally {
        await privacy.end();
      }
    },
  );
});

/** An HTTP relay on `port` in front of a subgraph, holding each request `delayMs` first. */
async function startDelayingRelay(
  port: number,
  target: RunningServer,
): Promise<{ delayMs: number; stop(): Promise<void> }> {
  const state = { delayMs: 0 };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (state.delayMs > 0) await sleep(state.delayMs);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name)) headers[name] = value;
    }
    try {
      const upstream = await fetch(new URL(req.url ?? '/', target.url), {
        method: req.method,
        headers,
        body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
      });
      const out: Record<string, string> = {
        'content-type': upstream.headers.get('content-type') ?? 'application/json',
      };
      const cacheControl = upstream.headers.get('cache-control');
      if (cacheControl) out['cache-control'] = cacheControl;
      res.writeHead(upstream.status, out).end(Buffer.from(await upstream.arrayBuffer()));
    } catch (err) {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end((err as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return Object.assign(state, {
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}
