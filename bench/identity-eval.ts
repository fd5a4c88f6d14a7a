/**
 * `npm run identity:eval [-- --people N]`
 *
 * How well the identity graph resolves the demo seed, end to end through the
 * real path: seeds fresh demo source systems, starts the product, lets the
 * identity feed catch up into a wiped Neo4j of its own, then scores the
 * customers in the graph against the seed's ground truth with pairwise
 * precision, recall and F1. Writes bench/results/identity-eval.json.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { Client } from 'pg';
import pino from 'pino';
import { databasesOf, FREE_PORTS, loadEmbeddedConfig } from '@c360/embedded/config';
import type { BundledNeo4j } from '@c360/embedded/neo4j';
import { startProduct, type Product } from '@c360/embedded/product';
import { ensureDemoDatabases, ServiceUnavailableError } from '@c360/embedded/services';
import { resolveTruthPath, type GroundTruth } from '@c360/demo/seed';
import { z } from 'zod';
import { ConfigError, parseEnv } from '@c360/kit/config';
import type { Logger } from '@c360/kit/logger';
import type { FeedRunResult } from '@c360/subgraph-identity/feed';
import type { IdentifierKind } from '@c360/subgraph-identity/normalize';
import { resolve, type RecordState } from '@c360/subgraph-identity/resolve';
import { DEFAULT_RULES } from '@c360/subgraph-identity/rules';
import {
  EVAL_NEO4J_DATA_DIR,
  evalNeo4jPort,
  startEvalNeo4j,
  wipeNeo4j,
  writeResult,
} from '@c360/subgraph-identity/scripts/eval-neo4j';
import { pairwiseMetrics, type PairwiseMetrics } from '@c360/subgraph-identity/scripts/metrics';
import { main as evalFile } from '@c360/subgraph-identity/scripts/eval-file';

const USAGE = `usage: npm run identity:eval -- [--people N]
       npm run identity:eval -- --file F [--file G] --truth T [--id COLUMN] [--map …]   (batch matcher on a labelled file)

  --people N   people the demo seed generates (default 3000, 10 to 200000)
  --help       this text

Uses databases of its own, replaced at every run: c360_eval_crm (PostgreSQL),
c360_eval_commerce (MariaDB) … (set EVAL_DATABASE_PREFIX to use other names than
c360_eval_*) and a bundled Neo4j on port 7689 (set EVAL_NEO4J_BOLT_PORT to change
it) with data in ${EVAL_NEO4J_DATA_DIR}; its cache is Redis db 3 (EVAL_REDIS_URL).

Scores two stages: deterministic alone (the graph's clusters re-resolved in
memory without the probabilistic links) and deterministic + probabilistic (the
graph as the feeds left it), and counts the review queue.`;

const TRUTH_PATH = '.data/eval/ground-truth.json';
const RESULT_FILE = 'identity-eval.json';
const EXAMPLES = 5;

/**
 * startProduct reports the feed catch-up only in its log, under this message;
 * reading it there times the real ingestion without running it a second time.
 */
const CAUGHT_UP = 'identity graph caught up with the sources';

/** A resolution stage scored by the report: the clusters it produces from the graph. */
interface Stage {
  name: string;
  clusters(driver: Driver): Promise<Cluster[]>;
}

interface Cluster {
  customerId: string;
  records: string[];
}

const recordKey = (system: string, localId: string) => `${system}:${localId}`;

const STAGES: Stage[] = [
  {
    name: 'deterministic (shared email/phone)',
    clusters: deterministicClusters,
  },
  {
    name: 'deterministic + probabilistic',
    async clusters(driver) {
      const { records } = await driver.executeQuery(
        `MATCH (r:SourceRecord)-[:BELONGS_TO]->(c:Customer)
         RETURN c.id AS customerId, collect([r.system, r.localId]) AS records`,
      );
      return records.map((row) => ({
        customerId: row.get('customerId') as string,
        records: (row.get('records') as [string, string][]).map(([system, localId]) => recordKey(system, localId)),
      }));
    },
  },
];

/**
 * The clusters deterministic rules alone make of the graph: every record as
 * the graph holds it (identifiers, blocked ones, manual links, unlinked
 * records) re-resolved in memory by resolve() with the probabilistic SAME_AS
 * links left out: the same decision the graph makes without the matcher.
 */
async function deterministicClusters(driver: Driver): Promise<Cluster[]> {
  const { records } = await driver.executeQuery(
    `MATCH (r:SourceRecord)
     OPTIONAL MATCH (r)-[:BELONGS_TO]->(c:Customer)
     RETURN [r.system, r.localId] AS k, c.id AS customerId, coalesce(r.pinned, false) AS pinned, r.nameKey AS nameKey,
            [(r)-[:HAS]->(i:Identifier) | {kind: i.kind, value: i.value, blocked: coalesce(i.blocked, false)}] AS identifiers,
            [(r)-[l:SAME_AS]-(o:SourceRecord) WHERE NOT l.rule STARTS WITH 'probabilistic:' | [o.system, o.localId]] AS sameAs`,
  );
  const key = (k: [string, string]) => `${k[0]}\u0000${k[1]}`;
  const holders = new Map<string, string[]>();
  for (const row of records) {
    for (const i of row.get('identifiers') as { kind: string; value: string; blocked: boolean }[]) {
      if (i.blocked) continue;
      const id = `${i.kind}|${i.value}`;
      holders.set(id, [...(holders.get(id) ?? []), key(row.get('k'))]);
    }
  }
  const states = new Map<string, RecordState>();
  for (const row of records) {
    const k = key(row.get('k'));
    states.set(k, {
      key: k,
      customerId: null,
      customerCreatedAt: null,
      pinned: row.get('pinned') as boolean,
      nameKey: row.get('nameKey') as string | null,
      identifiers: (row.get('identifiers') as { kind: IdentifierKind; value: string; blocked: boolean }[]).map((i) => ({
        ...i,
        others: i.blocked ? [] : holders.get(`${i.kind}|${i.value}`)!.filter((o) => o !== k),
      })),
      sameAs: (row.get('sameAs') as [string, string][]).map((o) => ({ other: key(o), rule: 'manual' })),
    });
  }
  let n = 0;
  const { assignment } = resolve(states, DEFAULT_RULES, () => `deterministic-${++n}`);
  const clusters = new Map<string, string[]>();
  for (const [k, customerId] of assignment) {
    const [system, localId] = k.split('\u0000') as [string, string];
    clusters.set(customerId, [...(clusters.get(customerId) ?? []), recordKey(system, localId)]);
  }
  return [...clusters].map(([customerId, recs]) => ({ customerId, records: recs }));
}

/**
 * The review queue against the truth: how many pending pairs are one person,
 * overall and by score band (what a steward would accept, and where the link
 * threshold could sit).
 */
async function reviewQueue(driver: Driver, personOf: Map<string, string>) {
  const { records } = await driver.executeQuery(
    `MATCH (m:MatchReview {status: 'PENDING'})-[:CONCERNS {side: 'left'}]->(a:SourceRecord),
           (m)-[:CONCERNS {side: 'right'}]->(b:SourceRecord)
     WHERE NOT (a)-[:BELONGS_TO]->()<-[:BELONGS_TO]-(b)
     RETURN a.system + ':' + a.localId AS a, b.system + ':' + b.localId AS b, m.score AS score`,
  );
  const bands = new Map<number, { pairs: number; samePerson: number }>();
  let samePerson = 0;
  for (const r of records) {
    const p = personOf.get(r.get('a') as string);
    const same = p !== undefined && p === personOf.get(r.get('b') as string);
    const band = Math.floor(r.get('score') as number);
    const entry = bands.get(band) ?? { pairs: 0, samePerson: 0 };
    entry.pairs += 1;
    entry.samePerson += Number(same);
    bands.set(band, entry);
    samePerson += Number(same);
  }
  return {
    pending: records.length,
    samePerson,
    byScore: [...bands].sort(([a], [b]) => b - a).map(([from, e]) => ({ from, ...e })),
  };
}

/**
 * What the people still split are split by: each part outside a person's
 * largest customer, by source system and by whether it carries match keys (a
 * part without, such as a cookie that never logged in, no matcher can join).
 */
async function splitParts(driver: Driver, clusters: Cluster[], truth: GroundTruth) {
  const { records } = await driver.executeQuery(
    "MATCH (r:SourceRecord) WHERE r.matchKeys IS NOT NULL RETURN r.system + ':' + r.localId AS k",
  );
  const withKeys = new Set(records.map((r) => r.get('k') as string));
  const customerOf = new Map(clusters.flatMap((c) => c.records.map((r) => [r, c.customerId])));
  const parts = new Map<string, { withKeys: number; without: number }>();
  for (const person of truth.people) {
    const keys = person.records.map((r) => recordKey(r.system, r.localId));
    const sizes = new Map<string | undefined, number>();
    for (const k of keys) sizes.set(customerOf.get(k), (sizes.get(customerOf.get(k)) ?? 0) + 1);
    if (sizes.size < 2) continue;
    const main = [...sizes].sort(([, a], [, b]) => b - a)[0]![0];
    for (const k of keys) {
      if (customerOf.get(k) === main) continue;
      const system = k.slice(0, k.indexOf(':'));
      const entry = parts.get(system) ?? { withKeys: 0, without: 0 };
      if (withKeys.has(k)) entry.withKeys += 1;
      else entry.without += 1;
      parts.set(system, entry);
    }
  }
  return [...parts].sort(([a], [b]) => a.localeCompare(b)).map(([system, e]) => ({ system, ...e }));
}

interface Ingestion {
  seconds: number;
  feeds: FeedRunResult[];
}

function parseCli(): { help: true } | { help: false; people: number } {
  const { values } = parseArgs({
    options: { people: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) return { help: true };
  const people = values.people === undefined ? 3000 : Number(values.people);
  if (!Number.isInteger(people) || people < 10 || people > 200_000) {
    throw new Error(`--people: expected an integer from 10 to 200000, received ${JSON.stringify(values.people)}`);
  }
  return { help: false, people };
}

const print = (line: string) => process.stdout.write(`${line}\n`);

/**
 * The product's logger. It logs at info whatever LOG_LEVEL says, because the
 * seed's and the feed's progress and the catch-up figures (handed to
 * `onCaughtUp`) are info lines; only lines at LOG_LEVEL or above are shown as
 * they are, progress is shown as progress lines and the rest is dropped.
 */
function evalLogger(shownLevel: string, onCaughtUp: (ingestion: Ingestion) => void): Logger {
  const shown = pino.levels.values[shownLevel] ?? pino.levels.values.warn!;
  let lastFeedLine = 0;
  return pino(
    { name: 'c360-eval', level: 'info' },
    {
      write(line: string) {
        const entry = JSON.parse(line) as {
          level: number;
          msg?: string;
          err?: string;
          seconds?: number;
          results?: FeedRunResult[];
        };
        const msg = entry.msg ?? '';
        if (entry.level >= shown) {
          const label = pino.levels.labels[entry.level] ?? 'log';
          process.stderr.write(`  ${label}: ${msg}${entry.err ? ` (${entry.err})` : ''}\n`);
        } else if (msg === CAUGHT_UP && entry.seconds !== undefined) {
          onCaughtUp({ seconds: entry.seconds, feeds: entry.results ?? [] });
        } else if (msg.startsWith('seed:') || msg.includes('Neo4j')) {
          print(`  ${msg}`);
        } else if (msg.startsWith('identity feed:') && Date.now() - lastFeedLine > 2000) {
          // A line per page would flood the terminal on large seeds.
          lastFeedLine = Date.now();
          print(`  ${msg}`);
        }
      },
    },
  );
}

/** Empties the eval CRM so that the seed, which leaves a CRM with contacts alone, runs fresh. */
async function emptyCrm(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query('DELETE FROM contacts');
  } finally {
    await client.end();
  }
}

/** Each record's identifiers as `KIND value`, blocked ones (which never link) marked. */
async function identifiersByRecord(driver: Driver): Promise<Map<string, { label: string; links: boolean }[]>> {
  const { records } = await driver.executeQuery(
    `MATCH (r:SourceRecord)-[:HAS]->(i:Identifier)
     RETURN r.system AS system, r.localId AS localId,
            collect({label: i.kind + ' ' + i.value, links: NOT coalesce(i.blocked, false)}) AS identifiers`,
  );
  return new Map(
    records.map((row) => [
      recordKey(row.get('system') as string, row.get('localId') as string),
      (row.get('identifiers') as { label: string; links: boolean }[]).sort((a, b) => a.label.localeCompare(b.label)),
    ]),
  );
}

/**
 * People split over several customers although two of their parts share an
 * identifier that links: deterministic resolution missed a link there. The
 * other splits share nothing (a typo'd email, an unlinked second account),
 * which only a probabilistic match can join.
 */
function splitDespiteSharedIdentifier(
  clusters: Cluster[],
  truth: GroundTruth,
  identifiersOf: Map<string, { label: string; links: boolean }[]>,
): string[] {
  const customerOf = new Map(clusters.flatMap((c) => c.records.map((r) => [r, c.customerId])));
  return truth.people
    .filter((person) => {
      const customersBy = new Map<string, Set<string | undefined>>();
      for (const { system, localId } of person.records) {
        const record = recordKey(system, localId);
        for (const identifier of identifiersOf.get(record) ?? []) {
          if (!identifier.links) continue;
          customersBy.set(
            identifier.label,
            (customersBy.get(identifier.label) ?? new Set()).add(customerOf.get(record)),
          );
        }
      }
      return [...customersBy.values()].some((customers) => customers.size > 1);
    })
    .map((person) => person.id);
}

function overMergeExamples(
  clusters: Cluster[],
  indexes: number[],
  personOf: Map<string, string>,
  identifiersOf: Map<string, { label: string; links: boolean }[]>,
) {
  return indexes.slice(0, EXAMPLES).map((i) => ({
    customerId: clusters[i]!.customerId,
    records: [...clusters[i]!.records].sort().map((record) => ({
      record,
      person: personOf.get(record) ?? null,
      identifiers: (identifiersOf.get(record) ?? []).map((id) => (id.links ? id.label : `${id.label} (blocked)`)),
    })),
  }));
}

const fixed = (n: number) => n.toFixed(4);

function printReport(
  rows: { stage: string; metrics: PairwiseMetrics; missedLinks: string[] }[],
  ingestion: Ingestion | null,
  graphRecords: number,
) {
  print('');
  print('identity resolution of the demo seed, pairwise over source records');
  const width = Math.max(...rows.map((r) => r.stage.length));
  for (const { stage, metrics: m } of rows) {
    print(
      `  ${stage.padEnd(width)}  precision ${fixed(m.precision)}  recall ${fixed(m.recall)}  F1 ${fixed(m.f1)}` +
        `  pairs predicted ${m.predictedPairs} true ${m.truePairs} both ${m.truePositivePairs}`,
    );
  }
  const line = (label: string, value: string) => print(`  ${label.padEnd(20)}${value}`);
  for (const { stage, metrics: m, missedLinks } of rows) {
    print('');
    print(`${stage}:`);
    line('records', `${m.records} (${graphRecords} in the graph, ${m.missingFromPredictions} missing from it)`);
    line('true people', String(m.trueClusters));
    line('predicted customers', String(m.predictedClusters));
    line('fully resolved', `${m.fullyResolved} people (${((100 * m.fullyResolved) / m.trueClusters).toFixed(1)}%)`);
    line(
      'split',
      `${m.split} people over several customers, ${missedLinks.length} of them although the parts share ` +
        `an identifier that links${missedLinks.length > 0 ? `: ${missedLinks.slice(0, EXAMPLES).join(', ')}` : ''}`,
    );
    line('over-merged', `${m.overMerged.length} customers holding records of more than one person`);
  }
  if (ingestion) {
    const records = ingestion.feeds.reduce((n, f) => n + f.records, 0);
    const rejected = ingestion.feeds.reduce((n, f) => n + f.rejected, 0);
    print('');
    print(
      `ingestion: ${records} records in ${ingestion.seconds.toFixed(1)} s ` +
        `(${Math.round(records / ingestion.seconds)} records/s, feeds over HTTP into Neo4j; ` +
        `${rejected} invalid identifiers rejected)`,
    );
  }
}

async function main(): Promise<number> {
  // `--file F --truth T`: the batch matcher on a labelled file, no services needed.
  if (process.argv.includes('--file')) return evalFile(process.argv.slice(2));
  let args: ReturnType<typeof parseCli>;
  let boltPort: number;
  let settings: { EVAL_DATABASE_PREFIX: string; EVAL_REDIS_URL: string };
  try {
    args = parseCli();
    boltPort = evalNeo4jPort();
    settings = parseEnv(
      {
        EVAL_DATABASE_PREFIX: z
          .string()
          .regex(/^[a-z][a-z0-9_]{0,40}$/, 'expected a database name prefix such as c360_eval')
          .default('c360_eval'),
        EVAL_REDIS_URL: z.string().url().default('redis://127.0.0.1:6379/3'),
      },
      process.env,
    );
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    print(USAGE);
    return 0;
  }

  const config = loadEmbeddedConfig({
    ...FREE_PORTS,
    LOG_LEVEL: 'warn',
    CRM_DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${settings.EVAL_DATABASE_PREFIX}_crm`,
    COMMERCE_DATABASE_URL: `mysql://root@127.0.0.1:3306/${settings.EVAL_DATABASE_PREFIX}_commerce`,
    WEB_DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${settings.EVAL_DATABASE_PREFIX}_web`,
    SURVEYS_DATABASE_URL: `mysql://root@127.0.0.1:3306/${settings.EVAL_DATABASE_PREFIX}_surveys`,
    CONSENT_DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${settings.EVAL_DATABASE_PREFIX}_consent`,
    PROFILE_DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${settings.EVAL_DATABASE_PREFIX}_profile`,
    PRIVACY_DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${settings.EVAL_DATABASE_PREFIX}_privacy`,
    STORES_EXPORT_DIR: '.data/eval/stores/till-exports',
    HELPDESK_DATA_PATH: '.data/eval/helpdesk/helpdesk.json',
    // A Redis database of its own: the feed invalidates identifier keys that the demo's cache also holds.
    REDIS_URL: settings.EVAL_REDIS_URL,
    NEO4J_BOLT_PORT: String(boltPort),
    NEO4J_DATA_DIR: EVAL_NEO4J_DATA_DIR,
    SEED_DEMO: 'true',
    DEMO_PEOPLE: String(args.people),
  });
  const seen: { ingestion: Ingestion | null } = { ingestion: null };
  const logger = evalLogger(config.LOG_LEVEL, (ingestion) => {
    seen.ingestion = ingestion;
  });

  let neo4jServer: BundledNeo4j | undefined;
  let driver: Driver | undefined;
  let product: Product | undefined;
  try {
    print(`identity eval: ${args.people} people, Neo4j on port ${boltPort}`);
    print('preparing the eval databases…');
    await ensureDemoDatabases(databasesOf(config), logger);
    await emptyCrm(config.CRM_DATABASE_URL);
    ({ server: neo4jServer, driver } = await startEvalNeo4j(boltPort, logger));
    await wipeNeo4j(driver);

    print('seeding, starting the product and ingesting the feeds…');
    const started = Date.now();
    product = await startProduct(config, logger, { truthPath: TRUTH_PATH, pollFeeds: false });
    print(`  product ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const { ingestion } = seen;
    if (!ingestion) print(`  warning: startProduct no longer logs "${CAUGHT_UP}": ingestion time unknown`);

    print('evaluating…');
    const truth = JSON.parse(await readFile(resolveTruthPath(TRUTH_PATH), 'utf8')) as GroundTruth;
    const truthClusters = truth.people.map((p) => p.records.map((r) => recordKey(r.system, r.localId)));
    const personOf = new Map(truth.people.flatMap((p) => p.records.map((r) => [recordKey(r.system, r.localId), p.id])));
    const graphRecords = (await driver.executeQuery('MATCH (r:SourceRecord) RETURN count(r) AS n')).records[0]!.get(
      'n',
    ) as number;

    const identifiersOf = await identifiersByRecord(driver);

    const rows = [];
    // The CRM and the shop are the sources that give names and addresses: the hard cases live there.
    const named = (records: string[]) => records.filter((r) => r.startsWith('crm:') || r.startsWith('commerce:'));
    const namedRows: { stage: string; metrics: PairwiseMetrics }[] = [];
    for (const stage of STAGES) {
      const clusters = await stage.clusters(driver);
      const metrics = pairwiseMetrics(
        clusters.map((c) => c.records),
        truthClusters,
      );
      namedRows.push({
        stage: stage.name,
        metrics: pairwiseMetrics(
          clusters.map((c) => named(c.records)).filter((c) => c.length > 0),
          truthClusters.map(named).filter((c) => c.length > 0),
        ),
      });
      rows.push({
        stage: stage.name,
        metrics,
        missedLinks: splitDespiteSharedIdentifier(clusters, truth, identifiersOf),
        overMergedExamples: overMergeExamples(clusters, metrics.overMerged, personOf, identifiersOf),
      });
    }

    printReport(rows, ingestion, graphRecords);
    print('');
    print('the same, over the CRM and shop records only (the sources with names and addresses):');
    const width = Math.max(...namedRows.map((r) => r.stage.length));
    for (const { stage, metrics: m } of namedRows) {
      print(
        `  ${stage.padEnd(width)}  precision ${fixed(m.precision)}  recall ${fixed(m.recall)}  F1 ${fixed(m.f1)}` +
          `  (${m.records} records, ${m.fullyResolved} of ${m.trueClusters} people fully resolved)`,
      );
    }
    const queue = await reviewQueue(driver, personOf);
    print('');
    print(
      `review queue: ${queue.pending} pending pairs, ${queue.samePerson} of them one person in the truth ` +
        '(what a data steward would accept); by score:',
    );
    for (const band of queue.byScore) {
      print(
        `  ${String(band.from).padStart(3)} to ${band.from + 1}: ${band.pairs} pairs, ${band.samePerson} one person`,
      );
    }
    const parts = await splitParts(driver, (await STAGES[STAGES.length - 1]!.clusters(driver)) ?? [], truth);
    print('');
    print('records still apart from their person (outside its largest customer), by source:');
    for (const p of parts) {
      print(`  ${p.system.padEnd(10)} ${p.withKeys} with match keys, ${p.without} without (nothing to match on)`);
    }
    for (const { stage, overMergedExamples } of rows) {
      if (overMergedExamples.length === 0) continue;
      print('');
      print(`over-merged customers of ${stage} (up to ${EXAMPLES}):`);
      for (const example of overMergedExamples) {
        print(`  customer ${example.customerId}`);
        for (const r of example.records) {
          print(`    ${r.record.padEnd(20)} person ${r.person ?? '(unknown)'}  ${r.identifiers.join(', ')}`);
        }
      }
    }

    const file = await writeResult(RESULT_FILE, {
      generatedAt: new Date().toISOString(),
      people: args.people,
      truthPath: TRUTH_PATH,
      neo4j: { port: boltPort, dataDir: EVAL_NEO4J_DATA_DIR },
      ingestion: ingestion && {
        records: ingestion.feeds.reduce((n, f) => n + f.records, 0),
        seconds: ingestion.seconds,
        feeds: ingestion.feeds,
      },
      graphRecords,
      reviewQueue: queue,
      crmAndShopOnly: namedRows.map(({ stage, metrics }) => ({
        stage,
        ...metrics,
        overMerged: metrics.overMerged.length,
      })),
      stages: rows.map(({ stage, metrics, missedLinks, overMergedExamples }) => ({
        stage,
        ...metrics,
        splitDespiteSharedIdentifier: missedLinks,
        overMerged: metrics.overMerged.length,
        overMergedExamples,
      })),
    });
    print('');
    print(`result written to ${file}`);
    return 0;
  } catch (err) {
    if (err instanceof ServiceUnavailableError || err instanceof ConfigError) {
      console.error(`\nidentity eval failed: ${err.message}`);
    } else {
      console.error('\nidentity eval failed:', err);
      console.error(
        `\nIf the Neo4j on port ${boltPort} belongs to something else, pick another port with EVAL_NEO4J_BOLT_PORT; ` +
          `if its store is damaged, delete ${EVAL_NEO4J_DATA_DIR} and rerun.`,
      );
    }
    return 1;
  } finally {
    await product?.stop();
    await driver?.close();
    await neo4jServer?.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error('identity eval failed:', err);
    process.exitCode = 1;
  },
);
