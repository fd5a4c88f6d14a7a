/**
 * `c360 bulk-load`: the bulk first load of an empty identity graph
 * (subgraphs/identity/src/bulk-load.ts, docs/identity-graph.md "Bulk first
 * load"), for a platform
 * engineer bringing millions of records in before the feeds take over.
 *
 * It reads every observation feed named FEED_URL_<SOURCE> (signed with
 * SUBGRAPH_SHARED_SECRET, as the identity service reads them) and the rules
 * of IDENTITY_RULES_PATH, then either:
 * - imports into the bundled Neo4j of a data dir (`--data-dir`, default
 *   NEO4J_DATA_DIR or .data/neo4j), which must not be running: it starts it
 *   on NEO4J_BOLT_PORT to check that the graph is empty, stops it for Neo4j's
 *   importer, starts it again for the indexes, and stops it; or
 * - with your own Neo4j (`--out DIR`, NEO4J_URI), checks that its graph is
 *   empty, writes the importer's files to DIR and prints the
 *   `neo4j-admin database import full` command to run with the server stopped.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j, { type Driver } from 'neo4j-driver';
import { z } from 'zod';
import { MemoryCache } from '@c360/kit/cache';
import { parseEnv, port, urlWith } from '@c360/kit/config';
import { createLogger } from '@c360/kit/logger';
import { BulkLoadRefused, importBulkLoad, prepareBulkLoad } from '@c360/subgraph-identity/bulk-load';
import { FeedConsumer } from '@c360/subgraph-identity/feed';
import { IdentityGraph } from '@c360/subgraph-identity/graph';
import { loadRules } from '@c360/subgraph-identity/rules';
import { bundledImportTarget, startBundledNeo4j, type ImportFiles } from './neo4j';

const USAGE = `usage: c360 bulk-load [--data-dir DIR | --out DIR] [--page-size N]

The bulk first load of an empty identity graph: every feed of FEED_URL_<SOURCE> read to its end,
the customers decided in memory by the identity rules (IDENTITY_RULES_PATH), the graph written by
Neo4j's own importer with the feeds' watermarks, so that the feeds go on from there.

  --data-dir DIR  the bundled Neo4j's data dir (default NEO4J_DATA_DIR, else .data/neo4j); stop
                  c360 first: the importer needs the server stopped
  --out DIR       with your own Neo4j (NEO4J_URI): write the importer's files to DIR and print the
                  neo4j-admin command to run with the server stopped
  --page-size N   records asked per feed page (default 10000)
  --help          this text

The whole load is decided in memory: about 2.5 GB of heap per million records, 6.5 GB with match
attributes and the probabilistic matcher on. A load that does not fit is refused after reading,
naming the NODE_OPTIONS=--max-old-space-size=MB to run it with. The matcher uses every core, each
worker thread with its own copy of the records: about 7 GB resident per million on two cores.

Environment: FEED_URL_<SOURCE> (e.g. FEED_URL_CRM=http://crm:4002/observations),
SUBGRAPH_SHARED_SECRET, IDENTITY_RULES_PATH, DEFAULT_PHONE_REGION, NEO4J_BOLT_PORT (bundled),
NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE (--out).`;

const env = {
  NEO4J_BOLT_PORT: port(7687),
  NEO4J_DATA_DIR: z.string().default('.data/neo4j'),
  NEO4J_URI: urlWith(['bolt', 'neo4j', 'bolt+s', 'neo4j+s', 'bolt+ssc', 'neo4j+ssc']).optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  SUBGRAPH_SHARED_SECRET: z.string().optional(),
  IDENTITY_RULES_PATH: z.string().optional(),
  DEFAULT_PHONE_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code like FR')
    .default('FR'),
};

/** The neo4j-admin command for files written with --out. */
export function importCommand(files: ImportFiles, database = 'neo4j'): string {
  return [
    `neo4j-admin database import full ${database}`,
    '--id-type=integer --overwrite-destination=true --bad-tolerance=0 --strict=true',
    `--multiline-fields=${files.multiline}`,
    ...files.nodes.map((n) => `--nodes=${n.label}=${n.file}`),
    ...files.relationships.map((r) => `--relationships=${r.type}=${r.file}`),
  ].join(' \\\n  ');
}

export async function main(args: string[], environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        'data-dir': { type: 'string' },
        out: { type: 'string' },
        'page-size': { type: 'string', default: '10000' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    print(USAGE);
    return 0;
  }
  const pageSize = Number(values['page-size']);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000) {
    console.error(`--page-size: expected an integer from 1 to 10000, received ${values['page-size']}\n\n${USAGE}`);
    return 2;
  }
  if (values.out !== undefined && values['data-dir'] !== undefined) {
    console.error(
      `--out and --data-dir: give one (--out for your own Neo4j, --data-dir for the bundled one)\n\n${USAGE}`,
    );
    return 2;
  }
  let config;
  try {
    config = parseEnv(env, environment);
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const feeds = Object.entries(environment)
    .filter(([key, value]) => key.startsWith('FEED_URL_') && value)
    .map(([key, value]) => ({ name: key.slice('FEED_URL_'.length).toLowerCase(), url: value! }));
  if (feeds.length === 0) {
    console.error(
      'no feed to read: set FEED_URL_<SOURCE> for each source (e.g. FEED_URL_CRM=http://127.0.0.1:4002/observations)',
    );
    return 2;
  }
  if (values.out !== undefined && !config.NEO4J_URI) {
    console.error('--out: set NEO4J_URI to your Neo4j (its graph must be empty); the bundled one takes --data-dir');
    return 2;
  }
  const logger = createLogger('warn', 'c360-bulk-load');
  const rules = loadRules(config.IDENTITY_RULES_PATH);
  const secret = config.SUBGRAPH_SHARED_SECRET?.split(',')[0]?.trim();
  const reader = (driver: Driver) =>
    new FeedConsumer(new IdentityGraph(driver, new MemoryCache(), logger, { rules }), feeds, logger, {
      pageSize,
      normalize: { defaultRegion: config.DEFAULT_PHONE_REGION },
      secret: () => secret,
    });
  const say = (line: string) => print(`bulk-load: ${line}`);
  const prepare = (driver: Driver, workDir: string) =>
    prepareBulkLoad({ driver, read: (onPage) => reader(driver).readToEnd(onPage), rules, workDir, onProgress: say });
  try {
    if (values.out !== undefined) {
      const auth = config.NEO4J_PASSWORD ? neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD) : undefined;
      const driver = neo4j.driver(config.NEO4J_URI!, auth, { disableLosslessIntegers: true });
      try {
        const prepared = await prepare(driver, path.resolve(values.out));
        say(`${prepared.counts.records} records, ${prepared.counts.customers} customers in the files.`);
        print(
          `\nNext, with the Neo4j server stopped (the import replaces the database):\n\n  ${importCommand(prepared.files)}\n\n` +
            'Then start Neo4j and the identity service: it applies the migrations (constraints, indexes) and its feeds go on from the watermarks in the files.',
        );
      } finally {
        await driver.close();
      }
      return 0;
    }
    const dataDir = path.resolve(values['data-dir'] ?? config.NEO4J_DATA_DIR);
    const server = await startBundledNeo4j({ port: config.NEO4J_BOLT_PORT, dataDir, logger });
    if (!server.started) {
      console.error(
        `a Neo4j already answers on port ${config.NEO4J_BOLT_PORT}: stop c360 (or that server) first, ` +
          'the importer needs the bundled server stopped',
      );
      return 1;
    }
    const target = bundledImportTarget(server, dataDir);
    const workDir = path.join(dataDir, 'bulk-load');
    try {
      const prepared = await prepare(target.driver(), workDir);
      await importBulkLoad(target, prepared.files, say);
      say(
        `${prepared.counts.records} records, ${prepared.counts.customers} customers in the graph; start c360 and the feeds go on from there`,
      );
      return 0;
    } finally {
      await target.driver().close();
      await server.stop();
      await rm(workDir, { recursive: true, force: true });
    }
  } catch (err) {
    if (err instanceof BulkLoadRefused) {
      console.error(`bulk-load: ${err.message}`);
      return 1;
    }
    console.error(`identity-load failed: ${(err as Error).message}`);
    return 1;
  }
}
