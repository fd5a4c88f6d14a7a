/**
 * The gateway's view of its cache store: reads and writes of one turn of the
 * event loop go out together, so that a customer page's dozen fetch lookups
 * (and those of every other request in flight) cost one `MGET`, and its
 * entries with their tags one pipeline, instead of a round trip each.
 *
 * Writes are queued and flushed after the answers of the turn have been
 * handed to the sockets (`setImmediate`): a miss never waits for its entry to
 * be written. An invalidation first flushes what is queued, so that an entry
 * queued before it cannot land after it and outlive it.
 */
import type { Cache, CacheWrite } from '@c360/kit/cache';

interface PendingRead {
  key: string;
  resolve: (value: string | undefined) => void;
}

interface PendingWrite {
  entry: CacheWrite;
  resolve: () => void;
}

export class BatchedCache implements Cache {
  readonly kind: Cache['kind'];
  private reads: PendingRead[] = [];
  private writes: PendingWrite[] = [];
  private readScheduled = false;
  private writeScheduled = false;
  private readonly flushing = new Set<Promise<void>>();

  constructor(readonly store: Cache) {
    this.kind = store.kind;
  }

  /** A read, batched with the other reads of this turn of the event loop. */
  get(key: string): Promise<string | undefined> {
    if (!this.store.getMany) return this.store.get(key);
    return new Promise((resolve) => {
      this.reads.push({ key, resolve });
      if (!this.readScheduled) {
        this.readScheduled = true;
        setImmediate(() => void this.flushReads());
      }
    });
  }

  /**
   * Queues a write with its tags; resolves once it is in the store (callers need not wait). A read
   * asked after this call is sent after the write: it finds the entry.
   */
  setTagged(key: string, value: string, ttlSeconds: number, tags: string[]): Promise<void> {
    return new Promise((resolve) => {
      this.writes.push({ entry: { key, value, ttlSeconds, tags }, resolve });
      if (!this.writeScheduled) {
        this.writeScheduled = true;
        setImmediate(() => void this.flushWrites());
      }
    });
  }

  set(key: string, value: string, ttlSeconds: number): Promise<void> {
    return this.setTagged(key, value, ttlSeconds, []);
  }

  async tag(tags: string[], key: string, ttlSeconds: number): Promise<void> {
    await this.store.tag?.(tags, key, ttlSeconds);
  }

  async delete(keys: string[]): Promise<void> {
    await this.flushWrites();
    await this.store.delete(keys);
  }

  async invalidateTags(tags: string[]): Promise<number> {
    // What was queued before the invalidation is written before it, and so dropped by it.
    await this.flushWrites();
    return (await this.store.invalidateTags?.(tags)) ?? 0;
  }

  async close(): Promise<void> {
    await this.flushWrites();
    await this.store.close();
  }

  private async flushReads(): Promise<void> {
    this.readScheduled = false;
    const batch = this.reads;
    this.reads = [];
    if (batch.length === 0) return;
    const keys = [...new Set(batch.map((r) => r.key))];
    let values: (string | undefined)[];
    try {
      values = await this.store.getMany!(keys);
    } catch {
      values = [];
    }
    const byKey = new Map(keys.map((key, i) => [key, values[i]]));
    for (const read of batch) read.resolve(byKey.get(read.key));
  }

  /**
   * Sends what is queued now (one pipeline; a later read of the same connection is served after it);
   * resolves when it and every flush still in progress are in the store.
   */
  private flushWrites(): Promise<void> {
    this.writeScheduled = false;
    const batch = this.writes;
    this.writes = [];
    if (batch.length > 0) {
      const flush = (async () => {
        try {
          if (this.store.setMany) await this.store.setMany(batch.map((w) => w.entry));
          else
            for (const { entry } of batch) {
              await this.store.set(entry.key, entry.value, entry.ttlSeconds);
              if (entry.tags?.length) await this.store.tag?.(entry.tags, entry.key, entry.ttlSeconds);
            }
        } catch {
          // The cache degrades to a miss next time: it never fails an answer.
        } finally {
          for (const write of batch) write.resolve();
        }
      })();
      this.flushing.add(flush);
      void flush.then(() => this.flushing.delete(flush));
    }
    return Promise.all([...this.flushing]).then(() => {});
  }
}
