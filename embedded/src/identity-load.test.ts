/**
 * `c360 bulk-load` as a platform engineer runs it: the sources' feeds
 * over HTTP (a server of the test's own serving synthetic feeds in the
 * sources' page format), a bundled Neo4j data dir of the test's own, then
 * the product's Neo4j started on it again to see what was loaded. The
 * equivalence with the feeds' own ingest is bulk-load.test.ts's.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import pino from 'pino';
import { pageReader, syntheticFeeds } from '@c360/subgraph-identity/scripts/synthetic';
import { main } from './identity-load';
import { startBundledNeo4j } from './neo4j';
import { freePort } from '@c360/test-setup/ports';

const SYSTEMS = ['crm', 'shop', 'web'];
const RECORDS = 1500;
const dir = mkdtempSync(path.join(tmpdir(), 'c360-bulk-load-'));
const dataDir = path.join(dir, 'neo4j');
const data = syntheticFeeds({ records: RECORDS, seed: 5, systems: SYSTEMS, tag: 'load', phoneDigit: 5 });
let feeds: http.Server;
let env: NodeJS.ProcessEnv;

/** Runs the command, keeping what it printed. */
async function run(args: string[], environment: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = jest.spyOn(console, 'error').mockImplementation((...m: unknown[]) => void err.push(m.join(' ')));
  try {
    return { code: await main(args, environment), out: out.join(''), err: err.join('\n') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

beforeAll(async () => {
  const readers = new Map(SYSTEMS.map((s) => [s, pageReader(data.feeds.get(s) ?? [])]));
  feeds = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    const read = readers.get(url.pathname.split('/')[2] ?? '');
    if (!read) return void res.writeHead(404).end();
    void read(url.searchParams.get('after'), Number(url.searchParams.get('limit'))).then((page) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page)),
    );
  });
  await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
  const { port } = feeds.address() as net.AddressInfo;
  env = {
    NEO4J_BOLT_PORT: String(await freePort()),
    ...Object.fromEntries(SYSTEMS.map((s) => [`FEED_URL_${s.toUpperCase()}`, `http://127.0.0.1:${port}/feeds/${s}`])),
  };
});

afterAll(async () => {
  await new Promise((resolve) => feeds?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('c360 bulk-load', () => {
  it('loads the feeds into a stopped bundled Neo4j; refuses one that runs, and a graph with records', async () => {
    const loaded = await run(['--data-dir', dataDir, '--page-size', '400'], env);
    expect(loaded.err).toBe('');
    expect(loaded.code).toBe(0);
    expect(loaded.out).toMatch(/indexes online/);
    expect(existsSync(path.join(dataDir, 'bulk-load'))).toBe(false);

    const server = await startBundledNeo4j({
      port: Number(env.NEO4J_BOLT_PORT),
      dataDir,
      logger: pino({ level: 'warn' }),
    });
    const driver = neo4j.driver(server.uri, undefined, { disableLosslessIntegers: true });
    try {
      // While it runs, the command refuses to touch it.
      const busy = await run(['--data-dir', dataDir], env);
      expect(busy.code).toBe(1);
      expect(busy.err).toMatch(/already answers on port/);

      const { records } = await driver.executeQuery(
        `MATCH (r:SourceRecord) WITH count(r) AS records
         MATCH (f:FeedCursor) RETURN records, collect([f.source, f.cursor]) AS cursors`,
      );
      const distinct = new Set(SYSTEMS.flatMap((s) => data.feeds.get(s)!.map((r) => `${r.system}/${r.localId}`)));
      expect(records[0]!.get('records')).toBe(distinct.size);
      // Each feed's watermark after its last record: the identity service goes on from there.
      expect(new Map(records[0]!.get('cursors') as [string, string][])).toEqual(
        new Map(SYSTEMS.map((s) => [s, String(data.feeds.get(s)!.length)])),
      );
      // With your own Neo4j (--out), a graph that holds records is refused too, before any file is written.
      const out = path.join(dir, 'files');
      const own = await run(['--out', out], { ...env, NEO4J_URI: server.uri });
      expect(own.code).toBe(1);
      expect(own.err).toMatch(/only loads an empty graph/);
      expect(existsSync(out)).toBe(false);

      await driver.executeQuery('MATCH (n) DETACH DELETE n');
      const files = await run(['--out', out], { ...env, NEO4J_URI: server.uri });
      expect(files.code).toBe(0);
      expect(files.out).toMatch(/neo4j-admin database import full neo4j/);
      expect(files.out).toContain(`--nodes=SourceRecord=${path.join(out, 'records.csv')}`);
      const lines = readFileSync(path.join(out, 'records.csv'), 'utf8').trim().split('\n');
      expect(lines).toHaveLength(distinct.size + 1);
    } finally {
      await driver.close();
      await server.stop();
    }
  }, 600_000);

  it('says what is missing before it reads anything', async () => {
    const noFeeds = await run(['--data-dir', dataDir], { NEO4J_BOLT_PORT: env.NEO4J_BOLT_PORT });
    expect(noFeeds.code).toBe(2);
    expect(noFeeds.err).toMatch(/FEED_URL_<SOURCE>/);
    const noUri = await run(['--out', path.join(dir, 'x')], env);
    expect(noUri.code).toBe(2);
    expect(noUri.err).toMatch(/set NEO4J_URI/);
    const both = await run(['--out', 'a', '--data-dir', 'b'], env);
    expect(both.code).toBe(2);
  });
});
