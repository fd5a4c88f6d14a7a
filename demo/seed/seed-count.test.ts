import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { databasesOf } from '@c360/embedded/config';
import { ensureDemoDatabases } from '@c360/embedded/services';
import { createLogger } from '@c360/kit/logger';
import { seedTestConfig } from '@c360/test-setup/seed-config';
import { generateDataset, groundTruthJson, type GroundTruth } from './generate';
import { generateAllSources, seedDemo } from './index';
import { openSeedTargets } from './targets';

/**
 * The demo seed over databases seeded before: the sources it seeds now and the ground truth it writes describe the
 * people already there, whatever count this call asks for (a new checkout over a CRM another one seeded for 400
 * people once wrote the truth of 1000, and tests looked for people who were not there).
 */
const dir = mkdtempSync(path.join(tmpdir(), 'c360-seed-count-'));
const config = seedTestConfig('seedcount', dir);
const truthPath = path.join(dir, 'ground-truth.json');
const truth = () => JSON.parse(readFileSync(truthPath, 'utf8')) as GroundTruth;

async function seed(people: number, force = false): Promise<string[]> {
  const lines: string[] = [];
  const targets = openSeedTargets(config, dir);
  try {
    await seedDemo({ ...targets, people, force, truthPath, log: (line) => lines.push(line) });
  } finally {
    await targets.close();
  }
  return lines;
}

beforeAll(async () => {
  const sources = ['crm', 'commerce', 'web', 'surveys', 'consent'];
  const all = databasesOf(config);
  await ensureDemoDatabases(
    Object.fromEntries(Object.entries(all).filter(([name]) => sources.includes(name))),
    createLogger('silent'),
  );
  await seed(60, true);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo seed over seeded databases', () => {
  it('writes the truth of the count the CRM was seeded for, when a new checkout has none', async () => {
    expect(truth().people).toHaveLength(60);
    rmSync(truthPath);
    const lines = await seed(100);
    expect(lines.join('\n')).toMatch(/generated for 60 people \(not 100\)/);
    expect(truth()).toEqual(generateAllSources(60).dataset.groundTruth);
  });

  it("seeds a source that is empty (a new checkout's till exports) for the same people as the CRM", async () => {
    rmSync(path.join(dir, 'stores'), { recursive: true, force: true });
    rmSync(truthPath);
    const lines = await seed(100);
    expect(lines.join('\n')).toMatch(/stores seeded; ground truth for 60 people/);
    const systems = new Set(truth().people.flatMap((p) => p.records.map((r) => r.system)));
    expect(systems.has('stores')).toBe(true);
    expect(truth().people).toHaveLength(60);
  });

  it('rewrites a truth that describes another count than the databases hold (another checkout reseeded them)', async () => {
    writeFileSync(truthPath, groundTruthJson(generateDataset({ people: 100 }).groundTruth));
    await seed(100);
    expect(truth().people).toHaveLength(60);
  });

  it('follows the asked count again after a forced reseed', async () => {
    await seed(80, true);
    rmSync(truthPath);
    await seed(80);
    expect(truth().people).toHaveLength(80);
  });
  it('over a CRM seeded before counts were recorded, seeds and writes the truth as asked', async () => {
    const targets = openSeedTargets(config, dir);
    try {
      await targets.pg.query('DROP TABLE demo_seed');
    } finally {
      await targets.close();
    }
    rmSync(truthPath);
    await seed(80);
    expect(truth().people).toHaveLength(80);
  });
});
