import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { databasesOf, type EmbeddedConfig } from '@c360/embedded/config';
import { ensureDemoDatabases } from '@c360/embedded/services';
import { createLogger } from '@c360/kit/logger';
import { seedTestConfig } from '@c360/test-setup/seed-config';
import { generateTruth, seedDemo, type SeedDemoOptions } from './index';
import type { SeedProgress } from './load';
import { openSeedTargets } from './targets';

/**
 * The further sources seeded in worker threads (as from 50,000 people) write what the seed writes in one
 * thread: the same rows in every source, the same files, the same ground truth; a worker that fails fails
 * the seed, naming why, once the others are done.
 */
const PEOPLE = 400;
const dir = mkdtempSync(path.join(tmpdir(), 'c360-seed-workers-'));

const inline = seedTestConfig('seedinline', dir, 'inline');
const workers = seedTestConfig('seedworkers', dir, 'workers');
const truthOf = (name: string) => path.join(dir, name, 'ground-truth.json');

async function seed(
  config: EmbeddedConfig,
  name: string,
  extra: Partial<SeedDemoOptions> = {},
): Promise<{ lines: string[]; phases: Map<string, { total: number; done: number; unit: string }> }> {
  const lines: string[] = [];
  const phases = new Map<string, { total: number; done: number; unit: string }>();
  const progress: SeedProgress = {
    phase(phase, total, unit = 'rows') {
      const state = { total, done: 0, unit };
      phases.set(phase, state);
      return { advance: (count) => (state.done += count) };
    },
  };
  const targets = openSeedTargets(config, dir);
  try {
    await seedDemo({
      ...targets,
      people: PEOPLE,
      force: true,
      truthPath: truthOf(name),
      log: (line) => lines.push(line),
      progress,
      ...extra,
    });
  } finally {
    await targets.close();
  }
  return { lines, phases };
}

/** A digest of every source's content, ids the register draws at random left out. */
async function contentOf(config: EmbeddedConfig, name: string): Promise<Record<string, unknown>> {
  const targets = openSeedTargets(config, dir);
  try {
    const one = async (pool: { query: (sql: string) => Promise<{ rows: Array<{ digest: string }> }> }, sql: string) =>
      (await pool.query(sql)).rows[0]!.digest;
    // Every table of the survey tool (one tokens and one responses table per survey), its rows without the ids MariaDB
    // numbers itself (auto-increment: they follow the order of concurrent inserts), sorted and hashed.
    const surveys: Record<string, string> = {};
    const [columns] = await targets.sources.surveys.query(
      `SELECT table_name AS name, column_name AS col FROM information_schema.columns
       WHERE table_schema = DATABASE() AND table_name LIKE 'lime\\_%' AND extra NOT LIKE '%auto_increment%'
       ORDER BY table_name, ordinal_position`,
    );
    const byTable = new Map<string, string[]>();
    for (const { name: table, col } of columns as Array<{ name: string; col: string }>) {
      byTable.set(table, [...(byTable.get(table) ?? []), col]);
    }
    for (const [table, cols] of byTable) {
      const [rows] = await targets.sources.surveys.query(
        `SELECT ${cols.map((c) => `\`${c}\``).join(', ')} FROM \`${table}\``,
      );
      const lines = (rows as unknown[]).map((row) => JSON.stringify(row)).sort();
      surveys[table] = createHash('sha256').update(lines.join('\n')).digest('hex');
    }
    const storesDir = path.join(dir, name, 'stores');
    return {
      crm: await one(
        targets.pg,
        "SELECT md5(string_agg(c::text, '|' ORDER BY c.contact_id)) AS digest FROM contacts c",
      ),
      web: await one(
        targets.sources.web,
        "SELECT md5(string_agg(e::text, '|' ORDER BY e.event_id)) AS digest FROM atomic.events e",
      ),
      consent: await one(
        targets.sources.consent,
        `SELECT md5(string_agg(concat_ws(',', subject_id, purpose, channel, status, occurred_at, source), '|'
                ORDER BY subject_id, occurred_at, purpose, channel, status)) AS digest FROM consent_event`,
      ),
      surveys,
      stores: createHash('sha256')
        .update(
          readdirSync(storesDir)
            .sort()
            .map((file) => `${file}:${readFileSync(path.join(storesDir, file), 'utf8')}`)
            .join('\n'),
        )
        .digest('hex'),
      helpdesk: readFileSync(path.join(dir, name, 'helpdesk.json'), 'utf8'),
    };
  } finally {
    await targets.close();
  }
}

beforeAll(async () => {
  for (const config of [inline, workers]) await ensureDemoDatabases(databasesOf(config), createLogger('silent'));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo seed with the further sources in worker threads', () => {
  it('writes every source and the truth as the seed in one thread does, with a progress bar per source', async () => {
    await seed(inline, 'inline', { workers: false });
    const { lines, phases } = await seed(workers, 'workers', { workers: true, locations: { ...workers, root: dir } });
    expect(lines.join('\n')).toMatch(/crm, commerce, stores, web, support, surveys, consent seeded/);
    expect(await contentOf(workers, 'workers')).toEqual(await contentOf(inline, 'inline'));
    const truth = readFileSync(truthOf('workers'), 'utf8');
    expect(truth).toBe(readFileSync(truthOf('inline'), 'utf8'));
    expect(JSON.parse(truth)).toEqual(generateTruth(PEOPLE));
    // One bar per phase, each run to its total (the web's in visitors: people, then anonymous cookies).
    expect([...phases.keys()].sort()).toEqual(
      ['consent', 'crm+commerce', 'generate', 'stores', 'support', 'surveys', 'web'].sort(),
    );
    for (const [phase, { total, done }] of phases) expect({ phase, done }).toEqual({ phase, done: total });
    expect(phases.get('web')!.unit).toBe('visitors');
  }, 240_000);

  it('fails the seed when a worker fails, naming why, after the other workers are done', async () => {
    const broken = { ...workers, CONSENT_DATABASE_URL: `${workers.CONSENT_DATABASE_URL}_missing`, root: dir };
    const failure = await seed(workers, 'workers', { workers: true, locations: broken }).catch((err: Error) => err);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/database "[^"]+_missing" does not exist/);
    // The web, written by another worker, is whole.
    const targets = openSeedTargets(workers, dir);
    try {
      const { rows } = await targets.sources.web.query<{ n: string }>('SELECT count(*) AS n FROM atomic.events');
      expect(Number(rows[0]!.n)).toBeGreaterThan(PEOPLE);
    } finally {
      await targets.close();
    }
  }, 240_000);
});
