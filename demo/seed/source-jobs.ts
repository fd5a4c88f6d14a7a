/**
 * The further demo sources (stores, web analytics, help desk, surveys, consent), each generated for
 * the people and written to its system by one call, in this thread or in a worker thread of its own
 * (source-worker.ts): a million people's sources are written by several threads at once.
 */
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import type { SourceSeedContext, SourceTruthRecord } from './sources/contract';
import { generateConsent, loadConsent } from './sources/consent';
import { generateStores, loadStores } from './sources/stores';
import { generateSupport, loadSupport } from './sources/support';
import { generateSurveys, loadSurveys } from './sources/surveys';
import { loadWeb, streamWeb } from './sources/web';
import { advancing, type PhaseProgress, type SeedProgress } from './load';
import type { FurtherSourceTargets, SeedLocations } from './targets';

export const FURTHER_SOURCES = ['stores', 'web', 'support', 'surveys', 'consent'] as const;
export type FurtherSource = (typeof FURTHER_SOURCES)[number];

export interface SourceJobOptions {
  force: boolean;
  defaultPhoneRegion?: string;
  log: (msg: string) => void;
  progress?: SeedProgress;
}

/**
 * Generates one further source for the people of `ctx` and writes it to its target (replacing
 * what it held); resolves to the source's ground truth records. The web's events are written as
 * they are generated (streamWeb): they would not fit in memory for a million people.
 */
export async function seedSource(
  name: FurtherSource,
  ctx: SourceSeedContext,
  src: FurtherSourceTargets,
  opts: SourceJobOptions,
): Promise<SourceTruthRecord[]> {
  const { log, progress } = opts;
  if (name === 'web') {
    let last = 0;
    const web = streamWeb(ctx, (done) => {
      // Called while loadWeb reads the chunks, once `phase` is set.
      phase?.advance(done - last);
      last = done;
    });
    const phase = progress?.phase('web', web.visitors, 'visitors');
    await loadWeb(web.data, { pool: src.web, log });
    return web.truth;
  }
  if (name === 'consent') {
    const { data, truth } = generateConsent(ctx);
    const phase = progress?.phase('consent', data.captures.length);
    await loadConsent(data, {
      pool: src.consent,
      force: opts.force,
      defaultPhoneRegion: opts.defaultPhoneRegion,
      log,
      progress: advancing(phase),
    });
    return truth;
  }
  // The file and MariaDB sources: written whole, their bar full once they are.
  const seeded = {
    stores: () => {
      const { data, truth } = generateStores(ctx);
      return { truth, rows: data.receipts.length, load: () => loadStores(data, { dir: src.storesDir, log }) };
    },
    support: () => {
      const { data, truth } = generateSupport(ctx);
      return { truth, rows: data.tickets.length, load: () => loadSupport(data, { file: src.helpdeskFile, log }) };
    },
    surveys: () => {
      const { data, truth } = generateSurveys(ctx);
      return { truth, rows: data.responses.length, load: () => loadSurveys(data, { pool: src.surveys, log }) };
    },
  }[name]();
  const phase = progress?.phase(name, seeded.rows);
  await seeded.load();
  phase?.advance(seeded.rows);
  return seeded.truth;
}

/** What the main thread gives a source worker (source-worker.ts). */
export interface SourceWorkerData {
  sources: FurtherSource[];
  ctx: SourceSeedContext;
  /** Where the sources live, and the folder their relative paths are taken from. */
  locations: SeedLocations & { root: string };
  force: boolean;
  defaultPhoneRegion?: string;
}

/** What a source worker tells the main thread. */
export type SourceWorkerMessage =
  | { kind: 'log'; message: string }
  | { kind: 'phase'; name: string; total: number; unit?: string }
  | { kind: 'advance'; name: string; count: number }
  | { kind: 'done'; source: FurtherSource; truth: SourceTruthRecord[] }
  | { kind: 'failed'; message: string };

/** The worker's code: source-worker.ts through tsx in a checkout, seed-worker.js beside dist/c360.js in production. */
function workerCode(): string {
  const load = __filename.endsWith('.ts')
    ? `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(path.join(__dirname, 'source-worker.ts'))});`
    : `require(${JSON.stringify(path.join(path.dirname(__filename), 'seed-worker.js'))});`;
  return `try { ${load} } catch (error) {
  require('node:worker_threads').parentPort.postMessage({ kind: 'failed', message: String(error && error.stack || error) });
}`;
}

/**
 * Seeds `sources`, in order, in a worker thread with its own connections (opened from
 * `locations`); its log lines and progress come to this thread's `opts`. Resolves to the truth
 * records of each source once all are written; rejects with the first failure, the worker ended.
 */
export function seedSourcesInWorker(
  data: SourceWorkerData,
  opts: Pick<SourceJobOptions, 'log' | 'progress'> & { heapMb?: number },
): Promise<Map<FurtherSource, SourceTruthRecord[]>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerCode(), {
      eval: true,
      workerData: data,
      resourceLimits: opts.heapMb ? { maxOldGenerationSizeMb: opts.heapMb } : undefined,
    });
    const phases = new Map<string, PhaseProgress | undefined>();
    const truths = new Map<FurtherSource, SourceTruthRecord[]>();
    let failure: Error | null = null;
    worker.on('message', (m: SourceWorkerMessage) => {
      if (m.kind === 'log') opts.log(m.message);
      else if (m.kind === 'phase') phases.set(m.name, opts.progress?.phase(m.name, m.total, m.unit));
      else if (m.kind === 'advance') phases.get(m.name)?.advance(m.count);
      else if (m.kind === 'done') truths.set(m.source, m.truth);
      else failure ??= new Error(m.message);
    });
    worker.on('error', (err) => {
      failure ??= err;
    });
    worker.on('exit', (code) => {
      if (failure) reject(failure);
      else if (truths.size !== data.sources.length)
        reject(new Error(`seed worker for ${data.sources.join(', ')} ended (exit code ${code}) before it was done`));
      else resolve(truths);
    });
  });
}
