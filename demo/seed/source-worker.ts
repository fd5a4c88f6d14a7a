/**
 * A worker thread of the seed (source-jobs.ts): seeds its further sources in order, on
 * connections of its own, and reports log lines, progress and each source's truth records to
 * the main thread. A failure is reported, then the worker ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { seedSource, type SourceWorkerData, type SourceWorkerMessage } from './source-jobs';
import { openSeedTargets } from './targets';

const data = workerData as SourceWorkerData;
const post = (m: SourceWorkerMessage) => parentPort!.postMessage(m);

async function main(): Promise<void> {
  const targets = openSeedTargets(data.locations, data.locations.root);
  try {
    for (const source of data.sources) {
      const truth = await seedSource(source, data.ctx, targets.sources, {
        force: data.force,
        defaultPhoneRegion: data.defaultPhoneRegion,
        log: (message) => post({ kind: 'log', message }),
        progress: {
          phase(name, total, unit) {
            post({ kind: 'phase', name, total, unit });
            return { advance: (count) => post({ kind: 'advance', name, count }) };
          },
        },
      });
      post({ kind: 'done', source, truth });
    }
  } finally {
    await targets.close();
  }
}

main().catch((err: unknown) => post({ kind: 'failed', message: String((err as Error)?.stack ?? err) }));
