import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { MatchingRules } from '../rules';
import {
  blockKeysOf,
  evidenceOf,
  fingerprint,
  matcherSettings,
  scoreCandidatesFrom,
  variantsOf,
  type Comparable,
  type MatcherSettings,
  type VariantSource,
} from './live';
import type { NormalizedRecord } from './normalize';
import { DONE, FAILED, failureText, reportFailure, workerScript } from './worker-threads';

/**
 * The bulk load's matcher (bulk-load.ts, planMatching) on several threads, in two phases:
 *
 * 1. **Preparing**: each record's match keys as stored (JSON), fingerprint and blocking keys. The records are
 *    cut into one range per thread; the main thread prepares the first, each worker thread one of the others
 *    and sends it back. A worker keeps the comparison variants it computed for the second phase.
 * 2. **Scoring**: every pair of records that share a bounded block and are in two customers, scored once, in
 *    key order, as the write path scores it. A pair is scored in the first bounded block (lowest index) its two
 *    records share: a thread needs no set of the pairs already scored, and any thread can take any block. The
 *    threads take chunks of blocks in turn from a shared counter (a slow thread takes fewer). The blocks, the
 *    records' blocks and their customers are on shared memory. A worker sends each chunk's pairs at or above
 *    the lower threshold to the main thread.
 *
 * The records are copied to each worker once, when it starts. The main thread never waits on events
 * (planBulkLoad is synchronous): it works, then waits on shared counters and reads the workers' messages
 * synchronously. A worker that fails, or makes no progress for STALL_MS, has its unfinished work done again by
 * the main thread, and a chunk's pairs are kept once, from whichever thread finished it first. The answers are
 * the same on any number of threads: ranges are put back in order, and pairs are returned in (from, to) order.
 */

/** Pairs a chunk of blocks holds, at least (a chunk is whole blocks), unless told otherwise. */
const CHUNK_PAIRS = 1 << 15;
/** Without progress from any thread this long, the main thread does the unfinished work itself. */
const STALL_MS = 30_000;

/** Slots of a shared control block. */
const NEXT = 0; // next chunk to take (DONE, 1: chunks finished, or ranges prepared; FAILED, 3: workers that failed)
const SCORED = 2; // pairs scored, for progress
/** Chunk states. */
const FREE = 0;
const TAKEN = 1;
const FINISHED = 2;

/** What the preparing phase gives per record (null and empty for a record without match keys). */
export interface PreparedRecords {
  /** Match keys as stored: JSON. */
  keys: (string | null)[];
  fingerprints: (string | null)[];
  /** Blocking keys (hashed, sorted). */
  blocks: string[][];
}

/** The records and blocks to score, as planMatching built them. */
export interface BlockScoringInput {
  /** Per record: what the matcher compares, or null for a record without match keys. */
  candidates: (Comparable | null)[];
  /** Per record: its key (a pair is scored from the smaller key). */
  keys: string[];
  /** Per record: its customer's number after the deterministic decision. */
  customer: Int32Array;
  /** The bounded blocks (2 to maxBlockSize records): block b's records are members[blockStart[b] … blockStart[b + 1]). */
  blockStart: Int32Array;
  members: Int32Array;
  /** Per record: its bounded blocks, ascending: recordBlocks[recordStart[n] … recordStart[n + 1]). */
  recordStart: Int32Array;
  recordBlocks: Int32Array;
}

type SharedArrays = Omit<BlockScoringInput, 'candidates' | 'keys'>;

/** A pair scored at or above the lower threshold: `from` has the smaller key; evidence as stored (JSON). */
export interface ScoredBlockPair {
  from: number;
  to: number;
  link: boolean;
  score: number;
  probability: number;
  evidence: string;
}

/** What a thread returns for one chunk: [chunk, pairs scored, pairs kept]. */
type ChunkResult = [number, number, ScoredBlockPair[]];

/** The scoring phase's shared state, sent to every worker. */
interface ScoringJob {
  input: SharedArrays;
  /** First block of each chunk, and one past the last block at the end. */
  chunkStart: Int32Array;
  control: Int32Array;
  chunkState: Int32Array;
  /** The first failure's message, UTF-8, zero-terminated. */
  failure: Uint8Array;
}

/** What a worker receives when it starts. */
export interface WorkerStart {
  candidates: (Comparable | null)[];
  keys: string[];
  matching: MatchingRules;
  /** The records it prepares: [from, to). */
  range: [number, number];
  /** The preparing phase's control block (DONE: ranges sent; FAILED) and failure message. */
  control: Int32Array;
  failure: Uint8Array;
  port: MessagePort;
}

/** Messages from a worker. */
type FromWorker = { prepared: [number, number]; records: PreparedRecords } | { chunk: ChunkResult };

/** Each record's variants, computed once per thread (the records' own objects key them). */
export function variantMemo(): VariantSource {
  const cache = new WeakMap<Comparable, NormalizedRecord[]>();
  return {
    variantsOf(c: Comparable): NormalizedRecord[] {
      let v = cache.get(c);
      if (!v) {
        v = variantsOf(c);
        cache.set(c, v);
      }
      return v;
    },
  };
}

/** The preparing phase for records [from, to). */
export function prepareRecords(
  candidates: (Comparable | null)[],
  from: number,
  to: number,
  memo: VariantSource,
  onProgress?: (done: number) => void,
): PreparedRecords {
  const out: PreparedRecords = { keys: [], fingerprints: [], blocks: [] };
  for (let n = from; n < to; n++) {
    if (onProgress && (n - from) % 10_000 === 0) onProgress(n - from);
    const c = candidates[n];
    out.keys.push(c ? JSON.stringify(c.keys) : null);
    out.fingerprints.push(c ? fingerprint(c.keys, c.emails, c.phones) : null);
    out.blocks.push(c ? blockKeysOf(c, memo) : []);
  }
  return out;
}

/** Chunks of whole blocks of at least CHUNK_PAIRS pairs each (the last one may hold fewer). */
function chunksOf(blockStart: Int32Array, chunkPairs: number): Int32Array {
  const starts = [0];
  let pairs = 0;
  const blocks = blockStart.length - 1;
  for (let b = 0; b < blocks; b++) {
    const size = blockStart[b + 1]! - blockStart[b]!;
    pairs += (size * (size - 1)) / 2;
    if (pairs >= chunkPairs && b + 1 < blocks) {
      starts.push(b + 1);
      pairs = 0;
    }
  }
  starts.push(blocks);
  return Int32Array.from(starts);
}

/** Whether records a and b share a bounded block before block `block` (their pair is then scored there). */
function sharedBefore(input: SharedArrays, a: number, b: number, block: number): boolean {
  const { recordStart, recordBlocks } = input;
  let i = recordStart[a]!;
  let j = recordStart[b]!;
  const [endI, endJ] = [recordStart[a + 1]!, recordStart[b + 1]!];
  while (i < endI && j < endJ) {
    const [x, y] = [recordBlocks[i]!, recordBlocks[j]!];
    if (x >= block || y >= block) return false;
    if (x === y) return true;
    if (x < y) i++;
    else j++;
  }
  return false;
}

/** Scores the pairs of chunk c: those scored first in its blocks, in two customers. */
function scoreChunk(
  job: ScoringJob,
  candidates: (Comparable | null)[],
  keys: string[],
  settings: MatcherSettings,
  memo: VariantSource,
  c: number,
  tick: (pairs: number) => void,
): ChunkResult {
  const { blockStart, members, customer } = job.input;
  const kept: ScoredBlockPair[] = [];
  let scored = 0;
  const lower = settings.thresholds.lower;
  for (let block = job.chunkStart[c]!; block < job.chunkStart[c + 1]!; block++) {
    const [start, end] = [blockStart[block]!, blockStart[block + 1]!];
    let inBlock = 0;
    for (let i = start; i < end; i++) {
      for (let j = i + 1; j < end; j++) {
        const [a, b] = [members[i]!, members[j]!];
        if (customer[a] === customer[b] || sharedBefore(job.input, a, b, block)) continue;
        const [from, to] = keys[a]! < keys[b]! ? [a, b] : [b, a];
        const pair = scoreCandidatesFrom(candidates[from]!, candidates[to]!, settings, lower, memo);
        inBlock += 1;
        if (!pair) continue;
        const evidence = evidenceOf(pair);
        kept.push({
          from,
          to,
          link: pair.decision === 'link',
          score: evidence.score,
          probability: evidence.probability,
          evidence: JSON.stringify(evidence),
        });
      }
    }
    scored += inBlock;
    tick(inBlock);
  }
  return [c, scored, kept];
}

/** Scores every chunk this thread takes; `onChunk` gets each one's result before it is marked finished. */
function scoreChunks(
  job: ScoringJob,
  candidates: (Comparable | null)[],
  keys: string[],
  settings: MatcherSettings,
  memo: VariantSource,
  onChunk: (result: ChunkResult) => void,
  onTick?: () => void,
): void {
  const { control, chunkState } = job;
  const chunks = chunkState.length;
  const tick = (pairs: number) => {
    Atomics.add(control, SCORED, pairs);
    onTick?.();
  };
  for (;;) {
    const c = Atomics.add(control, NEXT, 1);
    if (c >= chunks) return;
    if (Atomics.compareExchange(chunkState, c, FREE, TAKEN) !== FREE) continue;
    onChunk(scoreChunk(job, candidates, keys, settings, memo, c, tick));
    finish(job, c, TAKEN);
  }
}

/** Marks chunk c finished if it was still in state `from` (a chunk taken back is finished once). */
function finish(job: ScoringJob, c: number, from: number): void {
  if (Atomics.compareExchange(job.chunkState, c, from, FINISHED) === from) {
    Atomics.add(job.control, DONE, 1);
    Atomics.notify(job.control, DONE);
  }
}

/**
 * A worker thread's work (score-blocks-worker.ts): prepares its range and sends it; then scores the chunks it
 * takes when the scoring job comes, sending each chunk's pairs as it finishes.
 */
export function runWorker(start: WorkerStart): void {
  const memo = variantMemo();
  try {
    const records = prepareRecords(start.candidates, start.range[0], start.range[1], memo);
    start.port.postMessage({ prepared: start.range, records } satisfies FromWorker);
    Atomics.add(start.control, DONE, 1);
    Atomics.notify(start.control, DONE);
  } catch (error) {
    reportFailure(start, error);
    start.port.close();
    return;
  }
  start.port.once('message', (job: ScoringJob) => {
    try {
      const settings = matcherSettings(start.matching);
      scoreChunks(job, start.candidates, start.keys, settings, memo, (chunk) =>
        start.port.postMessage({ chunk } satisfies FromWorker),
      );
    } catch (error) {
      reportFailure(job, error);
    } finally {
      start.port.close();
    }
  });
}

export interface MatchingThreadsOptions {
  /** Threads, the main one included. */
  threads: number;
  /** The matcher's rules (each worker builds its settings from them). */
  matching: MatchingRules;
  /** The main thread's variants of the records. @default computed here */
  memo?: VariantSource;
  /** Whether the main thread scores chunks too (else it only waits, and takes back what a failed worker left). @default true */
  mainScores?: boolean;
  /** Pairs a chunk of blocks holds at least: the unit the threads take in turn. @default 32768 */
  chunkPairs?: number;
  onWarning?: (message: string) => void;
}

export interface BlockScoring {
  /** Pairs at or above the lower threshold, in (from, to) order. */
  pairs: ScoredBlockPair[];
  scoredPairs: number;
  /** Chunks scored by worker threads (the rest by the main thread). */
  chunksByWorkers: number;
  chunks: number;
}

interface Helper {
  worker: Worker;
  port: MessagePort;
  range: [number, number];
  /** Whether it prepared its range (only those score). */
  ready: boolean;
}

/** The main thread's side of the matcher's threads; see the top of this file. Call close() when done. */
export class MatchingThreads {
  private readonly helpers: Helper[] = [];
  private readonly memo: VariantSource;
  private readonly settings: MatcherSettings;
  /** The ranges this thread prepares: its own, and those of workers that could not start. */
  private readonly mainRanges: [number, number][];
  private readonly prepareControl: Int32Array;
  private readonly prepareFailure: Uint8Array;
  private readonly results = new Map<number, ChunkResult>();
  private readonly preparedRanges = new Map<number, PreparedRecords>();
  private chunksByWorkers = 0;

  constructor(
    private readonly candidates: (Comparable | null)[],
    private readonly keys: string[],
    private readonly options: MatchingThreadsOptions,
  ) {
    this.memo = options.memo ?? variantMemo();
    this.settings = matcherSettings(options.matching);
    const n = candidates.length;
    const threads = Math.max(1, Math.min(options.threads, n));
    const range = (t: number): [number, number] => [Math.floor((n * t) / threads), Math.floor((n * (t + 1)) / threads)];
    this.mainRanges = [range(0)];
    this.prepareControl = new Int32Array(new SharedArrayBuffer(16));
    this.prepareFailure = new Uint8Array(new SharedArrayBuffer(2048));
    for (let t = 1; t < threads; t++) {
      try {
        const { port1, port2 } = new MessageChannel();
        const start: WorkerStart = {
          candidates,
          keys,
          matching: options.matching,
          range: range(t),
          control: this.prepareControl,
          failure: this.prepareFailure,
          port: port2,
        };
        const worker = new Worker(workerScript('score-blocks-worker.ts', 'score-blocks-worker.js'), {
          eval: true,
          workerData: start,
          transferList: [port2],
        });
        // Its failures are reported in shared memory; an 'error' event without a listener would end the process.
        worker.on('error', () => {});
        worker.unref();
        this.helpers.push({ worker, port: port1, range: range(t), ready: false });
      } catch (error) {
        this.mainRanges.push(range(t));
        options.onWarning?.(`matching on one thread fewer: a worker thread could not start (${String(error)})`);
      }
    }
  }

  /** Reads every message the workers sent so far. */
  private drain(): void {
    for (const helper of this.helpers) {
      for (let m = receiveMessageOnPort(helper.port); m; m = receiveMessageOnPort(helper.port)) {
        const message = m.message as FromWorker;
        if ('prepared' in message) {
          this.preparedRanges.set(message.prepared[0], message.records);
          helper.ready = true;
        } else if (!this.results.has(message.chunk[0])) {
          this.results.set(message.chunk[0], message.chunk);
          this.chunksByWorkers += 1;
        }
      }
    }
  }

  /**
   * The preparing phase for every record, in order; `onProgress` hears of this thread's records every 10 000
   * (its share of the load: the workers prepare theirs beside it).
   */
  prepare(onProgress?: (done: number, of: number) => void): PreparedRecords {
    const mine = this.mainRanges.reduce((sum, [from, to]) => sum + to - from, 0);
    let before = 0;
    for (const r of this.mainRanges) {
      const report = onProgress && ((done: number) => onProgress(before + done, mine));
      this.preparedRanges.set(r[0], prepareRecords(this.candidates, ...r, this.memo, report));
      before += r[1] - r[0];
    }
    const started = performance.now();
    let warned = false;
    for (;;) {
      this.drain();
      if (this.helpers.every((h) => h.ready)) break;
      const failed = Atomics.load(this.prepareControl, FAILED) > 0;
      if (failed || performance.now() - started > STALL_MS * 4) {
        if (!warned) {
          warned = true;
          this.options.onWarning?.(
            failed
              ? `a matching thread failed; the main thread prepares its records (${failureText(this.prepareFailure)})`
              : `a matching thread took ${(STALL_MS * 4) / 1000} s more than this one to prepare its records; the main thread prepares them`,
          );
        }
        for (const helper of this.helpers) {
          if (helper.ready) continue;
          this.preparedRanges.set(helper.range[0], prepareRecords(this.candidates, ...helper.range, this.memo));
        }
        break;
      }
      Atomics.wait(this.prepareControl, DONE, Atomics.load(this.prepareControl, DONE), 250);
    }
    const out: PreparedRecords = { keys: [], fingerprints: [], blocks: [] };
    for (const from of [...this.preparedRanges.keys()].sort((a, b) => a - b)) {
      const part = this.preparedRanges.get(from)!;
      for (let i = 0; i < part.keys.length; i++) {
        out.keys.push(part.keys[i]!);
        out.fingerprints.push(part.fingerprints[i]!);
        out.blocks.push(part.blocks[i]!);
      }
    }
    this.preparedRanges.clear();
    if (out.keys.length !== this.candidates.length) {
      throw new Error(`MatchingThreads: ${out.keys.length} records prepared of ${this.candidates.length} (a bug)`);
    }
    return out;
  }

  /** The scoring phase: every pair of the bounded blocks scored once, by this thread and the ready workers. */
  score(arrays: SharedArrays, onProgress?: (pairsScored: number) => void): BlockScoring {
    const chunkStart = chunksOf(arrays.blockStart, this.options.chunkPairs ?? CHUNK_PAIRS);
    const chunks = chunkStart.length - 1;
    const helpers = this.helpers.filter((h) => h.ready);
    const shared = helpers.length > 0;
    const memory = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    const share = (a: Int32Array) => {
      if (!shared || a.buffer instanceof SharedArrayBuffer) return a;
      const copy = new Int32Array(memory(a.byteLength));
      copy.set(a);
      return copy;
    };
    const job: ScoringJob = {
      input: {
        customer: share(arrays.customer),
        blockStart: share(arrays.blockStart),
        members: share(arrays.members),
        recordStart: share(arrays.recordStart),
        recordBlocks: share(arrays.recordBlocks),
      },
      chunkStart: share(chunkStart),
      control: new Int32Array(memory(16)),
      chunkState: new Int32Array(memory(Math.max(1, chunks) * 4)),
      failure: new Uint8Array(memory(2048)),
    };
    for (const helper of helpers) helper.port.postMessage(job);
    const keep = (result: ChunkResult) => {
      if (!this.results.has(result[0])) this.results.set(result[0], result);
    };
    let lastReport = 0;
    const report = () => {
      const now = performance.now();
      if (now - lastReport < 500) return;
      lastReport = now;
      onProgress?.(Atomics.load(job.control, SCORED));
    };
    if (this.options.mainScores !== false || helpers.length === 0) {
      scoreChunks(job, this.candidates, this.keys, this.settings, this.memo, keep, report);
    }
    let seen = Atomics.load(job.control, SCORED);
    let since = performance.now();
    while (Atomics.load(job.control, DONE) < chunks) {
      Atomics.wait(job.control, DONE, Atomics.load(job.control, DONE), 250);
      this.drain();
      report();
      const failed = Atomics.load(job.control, FAILED);
      const now = Atomics.load(job.control, SCORED);
      if (now !== seen) [seen, since] = [now, performance.now()];
      if (failed === 0 && performance.now() - since <= STALL_MS) continue;
      this.options.onWarning?.(
        failed > 0
          ? `a matching thread failed; the main thread scores what it left (${failureText(job.failure)})`
          : `a matching thread stopped for ${STALL_MS / 1000} s; the main thread takes over`,
      );
      // Taken back: what is not finished is scored here, and kept once whichever thread finishes it first.
      for (let c = 0; c < chunks; c++) {
        const state = Atomics.load(job.chunkState, c);
        if (state === FINISHED) continue;
        keep(scoreChunk(job, this.candidates, this.keys, this.settings, this.memo, c, () => {}));
        finish(job, c, state);
      }
      break;
    }
    this.drain();
    const pairs: ScoredBlockPair[] = [];
    let scoredPairs = 0;
    for (let c = 0; c < chunks; c++) {
      const result = this.results.get(c);
      if (!result)
        throw new Error(`MatchingThreads: chunk ${c} of ${chunks} has no result (a bug: every chunk is finished)`);
      scoredPairs += result[1];
      for (const pair of result[2]) pairs.push(pair);
    }
    this.results.clear();
    pairs.sort((x, y) => x.from - y.from || x.to - y.to);
    onProgress?.(scoredPairs);
    return { pairs, scoredPairs, chunksByWorkers: this.chunksByWorkers, chunks };
  }

  /** Stops the workers. */
  close(): void {
    for (const { worker, port } of this.helpers) {
      port.close();
      void worker.terminate();
    }
  }
}
