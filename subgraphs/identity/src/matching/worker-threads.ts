import { dirname, join } from 'node:path';

/**
 * What the matcher's worker threads share (compare-pairs.ts for the batch matcher, score-blocks.ts for the bulk
 * load): the slots of a shared control block where a worker counts what it finished and says it failed, and
 * the code that starts a worker's script.
 */

/** Slot of the control block counting what the workers finished (the main thread waits on it). */
export const DONE = 1;
/** Slot counting the workers that failed. */
export const FAILED = 3;

/** Where a worker reports: its control block and the first failure's message (UTF-8, zero-terminated). */
export interface FailureReport {
  control: Int32Array;
  failure: Uint8Array;
}

/**
 * Records a worker's failure (the first message kept) and wakes the main thread. The message is written before
 * the failure is counted, so that the main thread, which reads it once it sees the count, never reads it empty:
 * the first worker to fail claims the message buffer's last byte (always zero otherwise, the message ends before it).
 */
export function reportFailure(target: FailureReport, error: unknown): void {
  const last = target.failure.length - 1;
  if (Atomics.compareExchange(target.failure, last, 0, 1) === 0) {
    const text = new TextEncoder().encode(error instanceof Error ? (error.stack ?? error.message) : String(error));
    target.failure.set(text.subarray(0, last - 1));
  }
  Atomics.add(target.control, FAILED, 1);
  Atomics.notify(target.control, DONE);
}

/** The first failure's message, as a worker reported it (zero-terminated; the last byte is the claim). */
export function failureText(failure: Uint8Array): string {
  const end = failure.indexOf(0);
  return new TextDecoder().decode(failure.slice(0, end < 0 || end >= failure.length - 1 ? failure.length - 1 : end));
}

/**
 * A worker thread's code (for `new Worker(code, { eval: true })`): loads its script by absolute path, whatever
 * the working directory: `source` (a file of this folder) through tsx in a checkout, `built` (scripts/build.mjs
 * puts it next to dist/c360.js) in production. A script that does not load is reported like any failure, in
 * the control block and failure message of the worker's data.
 */
export function workerScript(source: string, built: string): string {
  const load = __filename.endsWith('.ts')
    ? `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(join(__dirname, source))});`
    : `require(${JSON.stringify(join(dirname(__filename), built))});`;
  // As reportFailure, which the script that failed to load cannot import.
  return `try { ${load} } catch (error) {
  const data = require('node:worker_threads').workerData;
  const last = data.failure.length - 1;
  if (Atomics.compareExchange(data.failure, last, 0, 1) === 0) {
    data.failure.set(new TextEncoder().encode(String(error && error.stack || error)).subarray(0, last - 1));
  }
  Atomics.add(data.control, ${FAILED}, 1);
  Atomics.notify(data.control, ${DONE});
}`;
}
