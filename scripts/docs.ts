/**
 * `npm run docs`: writes the parts of the documentation that the code knows
 * better than a person — the configuration table (docs/configuration.md),
 * and the README's commands and ports tables — between `<!-- generated:NAME -->`
 * markers. `npm run docs -- --check` (and tests/docs) fails when one is stale.
 *
 * Configuration: every environment variable of every config shape (the
 * objects that `parseEnv` reads), its default from the zod schema, and its
 * meaning from the JSDoc comment in front of it — a variable without one fails.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import ts from 'typescript';
import type { z } from 'zod';
import { buildProgram } from '@c360/cli';
import { gatewayEnv } from '@c360/gateway/config';
import { embeddedEnv } from '@c360/embedded/config';
import { redisEnv } from '@c360/kit/redis';
import { identityEnv } from '@c360/subgraph-identity/main';
import { SEGMENT_FIELDS, SEGMENT_OPERATORS } from '@c360/subgraph-profile/segments';

export const ROOT = path.join(__dirname, '..');

/** The config shapes, and who reads them. A shape's variables are documented once, by their first reader. */
const SHAPES: { file: string; exportName: string; reader: string; shape: Record<string, z.ZodTypeAny> }[] = [
  // Spread into the gateway's and every service's shape; documented where they are defined.
  { file: 'subgraphs/shared/src/redis.ts', exportName: 'redisEnv', reader: 'gateway', shape: redisEnv },
  { file: 'gateway/src/config.ts', exportName: 'gatewayEnv', reader: 'gateway', shape: gatewayEnv },
  {
    file: 'embedded/src/config.ts',
    exportName: 'embeddedEnv',
    reader: 'all-in-one (`c360 start`)',
    shape: embeddedEnv,
  },
  {
    file: 'subgraphs/identity/src/main.ts',
    exportName: 'identityEnv',
    reader: 'identity alone (`npm run identity`)',
    shape: identityEnv,
  },
];

/** Variables whose name is a pattern (read by `subgraphOverridesFrom`). */
const PATTERNS: ConfigRow[] = [
  {
    name: 'SUBGRAPH_URL_<NAME>',
    default: 'from graph-schema/supergraph.yaml',
    meaning: 'routing URL of one subgraph, e.g. `SUBGRAPH_URL_CRM=http://crm:4002/graphql`',
    readers: ['gateway'],
  },
  {
    name: 'SUBGRAPH_TIMEOUT_MS_<NAME>',
    default: '`SUBGRAPH_TIMEOUT_MS`',
    meaning: 'budget of one fetch to one subgraph, e.g. `SUBGRAPH_TIMEOUT_MS_SUPPORT=1500`',
    readers: ['gateway'],
  },
  {
    name: 'FEED_URL_<SOURCE>',
    default: '—',
    meaning: 'observation feed an identity replica consumes, e.g. `FEED_URL_CRM=http://crm:4002/observations`',
    readers: ['identity alone (`npm run identity`)'],
  },
];

/** What each npm script is for; a script missing here fails the check, so that the table stays whole. */
export const SCRIPTS: Record<string, string> = {
  start: '`c360 start`',
  'start:prod': '`c360 start` from the build (`node dist/c360.js start`)',
  gateway: '`c360 gateway`',
  build: 'compiles `c360` to `dist/c360.js`, what production runs',
  test: 'every test, on the real services, a lane per core',
  'test:browser': 'the customer page in Chromium (`/usr/bin/chromium`, playwright-core); also part of `npm test`',
  typecheck: 'TypeScript strict check',
  lint: 'ESLint, Prettier, import rules',
  'lint:deps': 'import rules: no cycles, no deep imports across packages',
  format: 'Prettier, writing',
  compose: 'composes `graph-schema/supergraph.graphql`',
  codegen: 'typed resolvers and client documents (`codegen.yml`)',
  'build:app': 'builds the customer page and the explorer (`apps/customer-page/dist`), registers its manifest',
  docs: 'writes the generated tables of the docs',
  seed: '`c360 seed` with a 12 GiB heap (`-- --force --people N`: docs/segments.md, Seeding at scale)',
  neo4j: '`c360 neo4j`',
  'identity:bench': 'identity graph ingestion and lookups',
  'identity:check': 'invariants of a live identity graph; exit 1 on a violation',
  'identity:profile': 'statements per page and Neo4j against writer CPU per record of a first load',
  bench: 'customer-360 page under load, against the baselines',
  identity: 'the identity subgraph alone (one replica of a fleet)',
  'test:fleet': 'Redis Cluster, Sentinel and multi-replica tests',
  'ci:repeat': 'CI (`.ci/run`) on N fresh clones of HEAD in a row (`-- 20`): flaky tests, and a table of the runs',
  'start:service': 'one service of the distributed topology (`c360 start --only <service>`)',
  'test:faults': 'the fault suite alone (part of `npm test`): load while services fail',
  'identity:eval':
    'precision/recall/F1: the identity graph on the demo truth, or `--file F --truth T` for the batch matcher',
  'bench:matching': 'the batch matcher on a generated dirty file of up to 1M rows',
  'bench:page': 'the customer page in Chromium: ms to every panel of the 360 view, cold and warm',
  'bench:profile': 'the all-in-one product under load and `--cpu-prof`: the top of its profile',
  'bench:audience':
    'the audience export on a seeded product (`-- --people N`): customers/s, export equal to `Segment.members`',
  'matching:generate': 'synthetic dirty customer files with their truth (levels easy … extreme)',
  'matching:levels': "the batch matcher's precision/recall/F1 per difficulty level",
};

export interface ConfigRow {
  name: string;
  default: string;
  meaning: string;
  readers: string[];
}

/** The JSDoc comment in front of each property of an exported object literal, by property name. */
function jsDocs(file: string, exportName: string): Map<string, string> {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const docs = new Map<string, string>();
  const visit = (node: ts.Node) => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === exportName &&
      node.initializer &&
      ts.isObjectLiteralExpression(node.initializer)
    ) {
      for (const prop of node.initializer.properties) {
        if (!prop.name || !(ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) continue;
        const ranges = ts.getLeadingCommentRanges(text, prop.getFullStart()) ?? [];
        const doc = ranges
          .map((r) => text.slice(r.pos, r.end))
          .filter((c) => c.startsWith('/**'))
          .pop();
        if (doc) {
          docs.set(
            prop.name.text,
            doc
              .replace(/^\/\*\*|\*\/$/g, '')
              .split('\n')
              .map((line) => line.replace(/^\s*\*\s?/, '').trim())
              .filter(Boolean)
              .join(' '),
          );
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return docs;
}

/** The raw default of a zod schema (before transforms), or undefined. */
function defaultOf(schema: z.ZodTypeAny): unknown {
  let s: z.ZodTypeAny | undefined = schema;
  while (s) {
    const def = s._def as {
      typeName?: string;
      defaultValue?: () => unknown;
      schema?: z.ZodTypeAny;
      innerType?: z.ZodTypeAny;
    };
    if (def.typeName === 'ZodDefault' && def.defaultValue) return def.defaultValue();
    s = def.schema ?? def.innerType;
  }
  return undefined;
}

const cell = (value: string) => value.replace(/\|/g, '\\|');

export function configRows(): { rows: ConfigRow[]; problems: string[] } {
  const rows = new Map<string, ConfigRow>();
  const problems: string[] = [];
  for (const { file, exportName, reader, shape } of SHAPES) {
    const docs = jsDocs(file, exportName);
    for (const [name, schema] of Object.entries(shape)) {
      const known = rows.get(name);
      if (known) {
        if (!known.readers.includes(reader)) known.readers.push(reader);
        continue;
      }
      const meaning = docs.get(name);
      if (!meaning) problems.push(`${file}: ${exportName}.${name} has no JSDoc comment saying what it is`);
      const d = defaultOf(schema);
      rows.set(name, {
        name,
        default: d === undefined ? '—' : `\`${typeof d === 'number' ? String(d) : String(d)}\``,
        meaning: meaning ?? '',
        readers: [reader],
      });
    }
  }
  return { rows: [...rows.values(), ...PATTERNS], problems };
}

export function configTable(): string {
  const { rows } = configRows();
  return [
    '| variable | default | read by | meaning |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| \`${r.name}\` | ${cell(r.default)} | ${r.readers.join(', ')} | ${cell(r.meaning)} |`),
  ].join('\n');
}

export function portsTable(): string {
  const rows = configRows()
    .rows.filter((r) => /(^|_)PORT$/.test(r.name) && r.default !== '—')
    .map((r) => {
      // "Port of the crm subgraph (CRM contacts); 0 picks a free port." → "crm subgraph (CRM contacts)"
      const service = r.meaning.replace(/^(bolt )?port of (the )?/i, '').replace(/;.*$|\.$/, '') || r.name;
      return `| ${r.default.replace(/`/g, '')} | ${cell(service)} | \`${r.name}\` |`;
    });
  return ['| port | what | setting |', '| ---: | --- | --- |', ...rows].join('\n');
}

/** The README's commands: the c360 subcommands and the npm scripts a newcomer needs first. */
const README_SCRIPTS = ['start', 'test', 'build', 'start:prod', 'bench'];

export function commandsTable(): { table: string; scripts: string; problems: string[] } {
  const problems: string[] = [];
  const program = buildProgram();
  const lines = ['| command | what it does |', '| --- | --- |'];
  const walk = (cmd: typeof program, prefix: string) => {
    for (const sub of cmd.commands) {
      const name = `${prefix} ${sub.name()}`;
      if (sub.commands.length > 0) walk(sub, name);
      else lines.push(`| \`npx ${name}\` | ${cell(sub.summary() || sub.description().split('\n')[0]!)} |`);
    }
  };
  walk(program, 'c360');
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const scriptLines = ['| script | what it does |', '| --- | --- |'];
  for (const script of Object.keys(pkg.scripts)) {
    const what = SCRIPTS[script];
    if (!what) problems.push(`package.json script "${script}" has no description in scripts/docs.ts SCRIPTS`);
    const command = script === 'start' || script === 'test' ? `npm ${script}` : `npm run ${script}`;
    const row = `| \`${command}\` | ${cell(what ?? '')} |`;
    scriptLines.push(row);
    if (README_SCRIPTS.includes(script)) lines.push(row);
  }
  for (const script of Object.keys(SCRIPTS)) {
    if (!(script in pkg.scripts))
      problems.push(`scripts/docs.ts describes "${script}", which package.json does not have`);
  }
  return { table: lines.join('\n'), scripts: scriptLines.join('\n'), problems };
}

/** Replaces the text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. */
export function fill(text: string, name: string, content: string, file: string): string {
  const begin = `<!-- generated:${name} -->`;
  const end = `<!-- /generated:${name} -->`;
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${file}: no ${begin} … ${end} markers`);
  return `${text.slice(0, i + begin.length)}\n${content}\n${text.slice(j)}`;
}

export function segmentTables(): { fields: string; operators: string } {
  const fields = Object.entries(SEGMENT_FIELDS).map(
    ([name, f]) => `| \`${name}\` | ${f.type} | ${cell(f.description)} |`,
  );
  const operators = Object.entries(SEGMENT_OPERATORS).map(([op, types]) => `| \`${op}\` | ${types.join(', ')} |`);
  return {
    fields: ['| field | type | meaning |', '| --- | --- | --- |', ...fields].join('\n'),
    operators: ['| operator | field types |', '| --- | --- |', ...operators].join('\n'),
  };
}

/** As Prettier writes it (npm run lint checks Markdown too), so that the two never disagree. */
async function formatted(file: string, text: string): Promise<string> {
  const options = await prettier.resolveConfig(path.join(ROOT, file));
  return prettier.format(text, { ...options, filepath: path.join(ROOT, file) });
}

/** Every generated file with what it should hold now. */
export async function renderDocs(): Promise<{
  files: Record<string, { now: string; want: string }>;
  problems: string[];
}> {
  const config = configRows();
  const commands = commandsTable();
  const files: Record<string, { now: string; want: string }> = {};
  const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
  const readme = read('README.md');
  files['README.md'] = {
    now: readme,
    want: await formatted(
      'README.md',
      fill(fill(readme, 'commands', commands.table, 'README.md'), 'ports', portsTable(), 'README.md'),
    ),
  };
  const configuration = read('docs/configuration.md');
  files['docs/configuration.md'] = {
    now: configuration,
    want: await formatted(
      'docs/configuration.md',
      fill(configuration, 'config', configTable(), 'docs/configuration.md'),
    ),
  };
  const operators = read('docs/operators.md');
  files['docs/operators.md'] = {
    now: operators,
    want: await formatted('docs/operators.md', fill(operators, 'scripts', commands.scripts, 'docs/operators.md')),
  };
  const segments = read('docs/segments.md');
  const seg = segmentTables();
  files['docs/segments.md'] = {
    now: segments,
    want: await formatted(
      'docs/segments.md',
      fill(
        fill(segments, 'segment-fields', seg.fields, 'docs/segments.md'),
        'segment-operators',
        seg.operators,
        'docs/segments.md',
      ),
    ),
  };
  return { files, problems: [...config.problems, ...commands.problems] };
}

async function main() {
  const check = process.argv.includes('--check');
  const { files, problems } = await renderDocs();
  for (const p of problems) console.error(`docs: ${p}`);
  let stale = 0;
  for (const [file, { now, want }] of Object.entries(files)) {
    if (now === want) continue;
    stale++;
    if (check) console.error(`docs: ${file} is stale; run npm run docs`);
    else {
      writeFileSync(path.join(ROOT, file), want);
      console.log(`docs: wrote ${file}`);
    }
  }
  process.exitCode = problems.length > 0 ? 1 : check && stale > 0 ? 1 : 0;
}

if (require.main === module) void main();
