/**
 * A worker thread of the batch matcher's comparing phase (compare-pairs.ts): builds its own comparison
 * from the shared records and compares the chunks of pairs it takes. A failure is reported in shared
 * memory, where the main thread, which never waits on messages, reads it and compares those pairs itself.
 */
import { workerData } from 'node:worker_threads';
import { comparatorFrom } from './comparator';
import { compareChunks, type CompareJob } from './compare-pairs';
import { reportFailure } from './worker-threads';

const job = workerData as CompareJob;
try {
  compareChunks(job, comparatorFrom(job.input));
} catch (error) {
  reportFailure(job, error);
}
