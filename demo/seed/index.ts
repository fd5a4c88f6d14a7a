/**
 * Demo seed: fills every demo source system (CRM, web shop, store tills, web
 * analytics, help desk, surveys, consent register) with generated people on
 * first run, and writes the ground truth that identity-resolution tests and
 * benchmarks score against.
 */
import { access, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateDataset, groundTruthJson, type GroundTruth } from './generate';
import type { Pool as PgPool } from 'pg';
import type { Pool as MysqlPool } from 'mysql2/promise';
import { resolveHelpdeskDataFile } from '../sources/helpdesk';
import { loadDataset, type SeedTargets } from './load';
import { addSourceTruth } from './sources/contract';
import { generateConsent, loadConsent } from './sources/consent';
import { generateStores, loadStores } from './sources/stores';
import { generateSupport, loadSupport } from './sources/support';
import { generateSurveys, loadSurveys } from './sources/surveys';
import { generateWeb, loadWeb } from './sources/web';

export * from './generate';
export * from './load';

/** Repository root; relative paths are taken from here, not from the cwd. */
const REPO_ROOT = path.resolve(__dirname, '..', '..');

export const DEFAULT_TRUTH_PATH = 'demo/data/ground-truth.json';

export interface FurtherSourceTargets {
  /** Web analytics warehouse (PostgreSQL). */
  web: PgPool;
  /** Survey tool database (MariaDB). */
  surveys: MysqlPool;
  /** Consent register (PostgreSQL), migrated by its loader. */
  consent: PgPool;
  /** Till export folder. */
  storesDir: string;
  /** Help-desk simulator data file. */
  helpdeskFile: string;
}

export interface SeedDemoOptions extends SeedTargets {
  /** The sources beyond the CRM and the shop; omitted in tests that only need those two. */
  sources?: FurtherSourceTargets;
  /** Where to write the ground truth; relative to the repository root. @default 'demo/data/ground-truth.json' */
  truthPath?: string;
  /** Reseed every source even if it holds data, replacing all demo rows. @default false */
  force?: boolean;
  /** Number of people to generate. @default 3000 */
  people?: number;
  /** Region of national phone numbers given without one. @default 'FR' */
  defaultPhoneRegion?: string;
  /** Progress messages. @default no output */
  log?: (msg: string) => void;
}

export interface SeedDemoResult {
  /** False when every source already held data and `force` was not set. */
  seeded: boolean;
  /** The sources written by this call (an empty source is seeded, one holding data left alone). */
  sources: string[];
  /** What this call wrote to the CRM and the shop: all zero when it did not seed them. */
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

const exists = async (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * Generates every source's demo data and the ground truth over all of them.
 * Pure and deterministic, like each generator.
 */
export function generateAllSources(people?: number) {
  const dataset = generateDataset({ people });
  const ctx = { seed: dataset.seed, nowMs: Date.parse(dataset.now), people: dataset.people };
  const sources = {
    stores: generateStores(ctx),
    web: generateWeb(ctx),
    support: generateSupport(ctx),
    surveys: generateSurveys(ctx),
    consent: generateConsent(ctx),
  };
  for (const seeded of Object.values(sources)) addSourceTruth(dataset.groundTruth, seeded.truth);
  return { dataset, sources };
}

/** Whether each source already holds data: such a source is left alone unless `force` (it may hold the user's edits). */
async function sourcesHoldingData(opts: SeedDemoOptions): Promise<Set<string>> {
  const holding = new Set<string>();
  const { rows } = await opts.pg.query<{ present: boolean }>('SELECT EXISTS (SELECT 1 FROM contacts) AS present');
  if (rows[0]?.present) holding.add('crm+commerce');
  const src = opts.sources;
  if (!src) return holding;
  const web = await src.web.query<{ present: boolean }>('SELECT EXISTS (SELECT 1 FROM atomic.events) AS present');
  if (web.rows[0]?.present) holding.add('web');
  const [surveys] = await src.surveys.query('SELECT EXISTS (SELECT 1 FROM lime_surveys) AS present');
  if ((surveys as Array<{ present: number }>)[0]?.present) holding.add('surveys');
  // The register's tables exist only once its migrations ran (by its loader or its subgraph).
  const migrated = await src.consent.query<{ table: string | null }>(
    "SELECT to_regclass('consent_event')::text AS table",
  );
  if (migrated.rows[0]?.table) {
    const consent = await src.consent.query<{ present: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM consent_event) AS present',
    );
    if (consent.rows[0]?.present) holding.add('consent');
  }
  const exportsPresent = await readdir(src.storesDir).then(
    (names) => names.some((n) => n.toLowerCase().endsWith('.csv')),
    () => false,
  );
  if (exportsPresent) holding.add('stores');
  if (await exists(resolveHelpdeskDataFile(src.helpdeskFile))) holding.add('support');
  return holding;
}

/**
 * Seeds the demo source systems: each source that is empty gets its share of
 * the generated people; a source that holds data is left alone (it may hold
 * the user's own edits) unless `force`. Generation is deterministic, so the
 * ground truth, written after the data is committed, describes every source
 * whichever of them this call wrote.
 */
export async function seedDemo(opts: SeedDemoOptions): Promise<SeedDemoResult> {
  const { pg, mysql, truthPath = DEFAULT_TRUTH_PATH, force = false, people, log = () => undefined } = opts;
  const holding = force ? new Set<string>() : await sourcesHoldingData(opts);
  const all = opts.sources ? ['crm+commerce', 'stores', 'web', 'support', 'surveys', 'consent'] : ['crm+commerce'];
  const toSeed = all.filter((s) => !holding.has(s));
  if (toSeed.length === 0) {
    log('seed: every demo source already holds data, leaving it as it is (force to reseed)');
    return { seeded: false, sources: [], people: 0, crmContacts: 0, shopAccounts: 0, orders: 0 };
  }
  const { dataset: ds, sources: seeds } = generateAllSources(people);
  const result: SeedDemoResult = { seeded: true, sources: [], people: 0, crmContacts: 0, shopAccounts: 0, orders: 0 };
  if (toSeed.includes('crm+commerce')) {
    const loaded = await loadDataset(ds, { pg, mysql }, log);
    Object.assign(result, {
      people: ds.stats.people,
      crmContacts: loaded.crmContacts,
      shopAccounts: loaded.shopAccounts,
      orders: loaded.orders,
    });
    result.sources.push('crm', 'commerce');
  }
  const src = opts.sources;
  if (src) {
    const { stores, web, support, surveys, consent } = seeds;
    const loaders: Record<string, () => Promise<unknown>> = {
      stores: () => loadStores(stores.data, { dir: src.storesDir, log }),
      web: () => loadWeb(web.data, { pool: src.web, log }),
      support: () => loadSupport(support.data, { file: src.helpdeskFile, log }),
      surveys: () => loadSurveys(surveys.data, { pool: src.surveys, log }),
      consent: () =>
        loadConsent(consent.data, { pool: src.consent, force, defaultPhoneRegion: opts.defaultPhoneRegion, log }),
    };
    for (const [name, load] of Object.entries(loaders)) {
      if (!toSeed.includes(name)) continue;
      await load();
      result.sources.push(name);
    }
  }
  // Without the further sources, the truth covers the CRM and the shop only.
  const truth = src ? ds.groundTruth : generateDataset({ people }).groundTruth;
  const file = await writeGroundTruth(truth, truthPath);
  log(
    `seed: ${result.sources.join(', ')} seeded; ground truth for ${ds.stats.people} people written to ${path.relative(process.cwd(), file) || file}`,
  );
  return result;
}
