/**
 * Demo seed: fills the demo CRM and web shop with generated people on first
 * run, and writes the ground truth that identity-resolution tests and
 * benchmarks score against.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateDataset, groundTruthJson, type GroundTruth } from './generate';
import { loadDataset, type SeedTargets } from './load';

export * from './generate';
export * from './load';

/** Repository root; relative paths are taken from here, not from the cwd. */
const REPO_ROOT = path.resolve(__dirname, '..', '..');

export const DEFAULT_TRUTH_PATH = 'demo/data/ground-truth.json';

export interface SeedDemoOptions extends SeedTargets {
  /** Where to write the ground truth; relative to the repository root. @default 'demo/data/ground-truth.json' */
  truthPath?: string;
  /** Reseed even if the CRM already has contacts, replacing all demo rows. @default false */
  force?: boolean;
  /** Number of people to generate. @default 3000 */
  people?: number;
  /** Progress messages. @default no output */
  log?: (msg: string) => void;
}

export interface SeedDemoResult {
  /** False when the CRM already had contacts and `force` was not set. */
  seeded: boolean;
  /** What this call wrote: all zero when it did not seed. */
  people: number;
  crmContacts: number;
  shopAccounts: number;
  orders: number;
}

/** Absolute path of the ground truth file for a path given relative to the repository root. */
export function resolveTruthPath(truthPath: string = DEFAULT_TRUTH_PATH): string {
  return path.resolve(REPO_ROOT, truthPath);
}

export async function writeGroundTruth(truth: GroundTruth, truthPath: string = DEFAULT_TRUTH_PATH): Promise<string> {
  const file = resolveTruthPath(truthPath);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, groundTruthJson(truth));
  return file;
}

/**
 * Seeds the demo source systems on first run only: a CRM that already has
 * contacts is left alone (it may hold the user's own edits) unless `force`.
 * The ground truth is written after the data is committed, so that it never
 * describes rows that are not there.
 */
export async function seedDemo(opts: SeedDemoOptions): Promise<SeedDemoResult> {
  const { pg, mysql, truthPath = DEFAULT_TRUTH_PATH, force = false, people, log = () => undefined } = opts;
  if (!force) {
    const { rows } = await pg.query<{ present: boolean }>('SELECT EXISTS (SELECT 1 FROM contacts) AS present');
    if (rows[0]?.present) {
      log('seed: CRM already has contacts, leaving the demo data as it is (force to reseed)');
      return {
        seeded: false,
        people: 0,
        crmContacts: 0,
        shopAccounts: 0,
        orders: 0,
      };
    }
  }
  const ds = generateDataset({ people });
  const loaded = await loadDataset(ds, { pg, mysql }, log);
  const file = await writeGroundTruth(ds.groundTruth, truthPath);
  log(`seed: ground truth for ${ds.stats.people} people written to ${path.relative(process.cwd(), file) || file}`);
  return {
    seeded: true,
    people: ds.stats.people,
    crmContacts: loaded.crmContacts,
    shopAccounts: loaded.shopAccounts,
    orders: loaded.orders,
  };
}
