import { Worker } from 'node:worker_threads';
import type { Compare, ComparatorInput } from './comparator';
import { DONE, FAILED, failureText, workerScript } from './worker-threads';

/**
 * The comparing phase of the batch matcher on several threads: every candidate pair compared once
 * into the code of its comparison vector (Σ (level + 1) · place of the field).
 *
 * The main thread and `threads - 1` worker threads take chunks of pairs in turn from a shared counter
 * (a slow thread takes fewer), and write each pair's code into shared memory. The records' interned
 * values are shared, not copied (ComparatorInput's typed arrays live on SharedArrayBuffers); each
 * thread builds its own caches over the distinct values. A pair's levels depend on its two records
 * only, so the codes are the same on any number of threads.
 *
 * `runBatch` is synchronous, so the main thread does not wait on messages: it compares chunks itself,
 * then waits on the shared counters (Atomics.wait). A worker that fails reports it in shared memory
 * and leaves its chunk; a worker that never starts, or stops answering, has its unfinished chunks
 * taken back by the main thread after STALL_MS without progress. Neither loses a pair: a chunk taken
 * back is compared again, to the same codes.
 */

/** Pairs per chunk a thread takes at a time. */
const CHUNK = 1 << 16;
/** Pairs between two progress counts. */
const TICK = 1 << 12;
/** Without progress from any thread this long, the main thread compares the unfinished chunks itself. */
const STALL_MS = 30_000;

/** Slots of the shared control block. */
const NEXT = 0; // next chunk to take (DONE, 1: chunks finished; FAILED, 3: workers that failed)
const COMPARED = 2; // pairs compared, for progress
/** Chunk states. */
const FREE = 0;
const TAKEN = 1;
const FINISHED = 2;

export interface CompareJob {
  input: ComparatorInput;
  left: Int32Array;
  right: Int32Array;
  /** Per field: the place of its level in a pair's code. */
  places: number[];
  /** Out: per pair, its code. */
  codes: Float64Array;
  control: Int32Array;
  chunkState: Int32Array;
  /** The first failure's message, UTF-8, zero-terminated. */
  failure: Uint8Array;
  /** Per thread (the main one first): chunks it compared. */
  chunksBy: Int32Array;
  /** This thread's index in `chunksBy` (each worker receives its own). */
  thread: number;
}

/** Compares the pairs of every chunk this thread takes; returns when none is left to take. */
export function compareChunks(job: CompareJob, compare: Compare, onTick?: () => void): void {
  const { control, chunkState } = job;
  const levels = new Int8Array(job.places.length);
  const chunks = chunkState.length;
  const tick = () => {
    Atomics.add(control, COMPARED, TICK);
    onTick?.();
  };
  for (;;) {
    const c = Atomics.add(control, NEXT, 1);
    if (c >= chunks) return;
    // Already compared by the main thread, which took it back while this thread was slow to come.
    if (Atomics.compareExchange(chunkState, c, FREE, TAKEN) !== FREE) continue;
    compareChunk(job, c, compare, levels, tick);
    finish(job, c, TAKEN, true);
  }
}

/** Writes the code of every pair of chunk c; `tick` every TICK pairs. */
function compareChunk(job: CompareJob, c: number, compare: Compare, levels: Int8Array, tick?: () => void): void {
  const { left, right, places, codes } = job;
  const F = places.length;
  const end = Math.min(codes.length, (c + 1) * CHUNK);
  for (let p = c * CHUNK; p < end; p++) {
    compare(left[p]!, right[p]!, levels);
    let code = 0;
    for (let f = 0; f < F; f++) code += (levels[f]! + 1) * places[f]!;
    codes[p] = code;
    if (tick && (p & (TICK - 1)) === TICK - 1) tick();
  }
}

/**
 * Marks chunk c finished if it was still in state `from` (a chunk taken back is finished once), counted to
 * this thread when `counted`. The count comes before the chunk is said done: the main thread reads the counts
 * as soon as the last chunk is done.
 */
function finish(job: CompareJob, c: number, from: number, counted: boolean): void {
  if (Atomics.compareExchange(job.chunkState, c, from, FINISHED) === from) {
    if (counted) Atomics.add(job.chunksBy, job.thread, 1);
    Atomics.add(job.control, DONE, 1);
    Atomics.notify(job.control, DONE);
  }
}

export interface ParallelOptions {
  threads: number;
  /**
   * Whether the main thread compares chunks too (else it only waits, and takes back what a failed
   * worker left: how the tests see the workers alone). @default true
   */
  mainCompares?: boolean;
  onProgress: (done: number) => void;
  onWarning: (message: string) => void;
}

/**
 * Every pair's code, on `threads` threads (the main one included), and the chunks each thread compared
 * (the main thread first; those it took back from a failed worker are not counted). `compare` is the
 * main thread's own comparison (built from `input`).
 */
export function comparePairs(
  input: ComparatorInput,
  compare: Compare,
  left: Int32Array,
  right: Int32Array,
  places: number[],
  options: ParallelOptions,
): { codes: Float64Array; chunksByThread: number[] } {
  const pairs = left.length;
  const chunks = Math.ceil(pairs / CHUNK);
  const threads = Math.max(1, Math.min(options.threads, chunks));
  const shared = threads > 1;
  // On shared memory when workers read and write it too.
  const memory = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const job: CompareJob = {
    input,
    left,
    right,
    places,
    codes: new Float64Array(memory(pairs * 8)),
    control: new Int32Array(memory(16)),
    chunkState: new Int32Array(memory(chunks * 4)),
    failure: new Uint8Array(memory(2048)),
    chunksBy: new Int32Array(memory(threads * 4)),
    thread: 0,
  };
  let lastReport = 0;
  const report = () => {
    const now = performance.now();
    if (now - lastReport < 250) return;
    lastReport = now;
    options.onProgress(Math.min(pairs, Atomics.load(job.control, COMPARED)));
  };
  const workers: Worker[] = [];
  if (shared) {
    if (!isShared(left) || !isShared(right) || input.ids.some((ids) => !isShared(ids))) {
      throw new Error('comparePairs: the records and pairs must be on shared memory to use several threads');
    }
    const script = workerScript('compare-worker.ts', 'matching-worker.js');
    for (let t = 1; t < threads; t++) {
      try {
        const worker = new Worker(script, { eval: true, workerData: { ...job, thread: t } });
        // Its failures are reported in shared memory; an 'error' event without a listener would end the process.
        worker.on('error', () => {});
        worker.unref();
        workers.push(worker);
      } catch (error) {
        options.onWarning(`comparing on one thread fewer: a worker thread could not start (${String(error)})`);
      }
    }
  }
  if (options.mainCompares !== false || workers.length === 0) compareChunks(job, compare, report);
  // Wait for the workers' chunks; take back those of a thread that stopped.
  let seen = Atomics.load(job.control, COMPARED);
  let since = performance.now();
  let warnedFailure = false;
  const warnFailure = () => {
    const message = failureText(job.failure);
    options.onWarning(`a comparing thread failed; its pairs were compared on the main thread (${message})`);
  };
  const levels = new Int8Array(places.length);
  while (Atomics.load(job.control, DONE) < chunks) {
    const done = Atomics.load(job.control, DONE);
    Atomics.wait(job.control, DONE, done, 250);
    report();
    const failed = Atomics.load(job.control, FAILED);
    if (failed > 0 && !warnedFailure) {
      warnedFailure = true;
      warnFailure();
    }
    const now = Atomics.load(job.control, COMPARED);
    if (now !== seen) {
      seen = now;
      since = performance.now();
    }
    if (failed > 0 || performance.now() - since > STALL_MS) {
      if (failed === 0)
        options.onWarning(`a comparing thread stopped for ${STALL_MS / 1000} s; the main thread takes over`);
      for (let c = 0; c < chunks; c++) {
        const state = Atomics.load(job.chunkState, c);
        if (state === FINISHED) continue;
        // Taken back: compared here, and finished once whichever thread ends it first.
        compareChunk(job, c, compare, levels);
        finish(job, c, state, false);
      }
      // Every pair's code is now written by this thread (a worker still busy writes the same codes).
      break;
    }
  }
  // A worker that failed before taking any chunk.
  if (!warnedFailure && Atomics.load(job.control, FAILED) > 0) warnFailure();
  for (const worker of workers) void worker.terminate();
  options.onProgress(pairs);
  return { codes: job.codes, chunksByThread: Array.from(job.chunksBy, (_, t) => Atomics.load(job.chunksBy, t)) };
}

const isShared = (a: ArrayBufferView) => a.buffer instanceof SharedArrayBuffer;
