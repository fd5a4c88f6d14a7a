/**
 * A worker thread of the bulk load's scoring (score-blocks.ts): scores the chunks of blocks it takes and sends
 * their pairs to the main thread. A failure is reported in shared memory, where the main thread, which never
 * waits on events, reads it and scores those chunks itself.
 */
import { workerData } from 'node:worker_threads';
import { runWorker, type WorkerStart } from './score-blocks';

runWorker(workerData as WorkerStart);
