/**
 * Cache invalidations across processes. In the all-in-one product the
 * identity subgraph tells the gateway in process which customers a merge,
 * split or erasure changed; in a fleet the writer is one process among many
 * and the gateways are others. Writers publish what changed on a Redis
 * channel; every gateway replica listens and drops its cached entries (the
 * shared ones in Redis, and what it memoised in process: the subgraph generations).
 *
 * Pub/sub delivers to the replicas connected at that moment. That is enough
 * for the shared entries (one replica that hears it drops them for all), and
 * a replica that was disconnected re-reads the generations within a second
 * of reconnecting; every cached entry also has a TTL, so a message lost while
 * every gateway was away costs staleness of at most GATEWAY_CACHE_MAX_TTL_SECONDS.
 *
 * PUBLISH reaches every node of a Redis Cluster and survives a Sentinel
 * failover (the subscriber re-subscribes on the new master).
 *
 * A writer given the shared cache (`shared`) drops the customers' shared
 * entries itself before it publishes, so before its write answers: a page
 * asked right after a merge is never served from the cache, even when no
 * gateway has heard the message yet (pub/sub delivery is asynchronous). The
 * message still matters: a gateway drops what it had queued to write.
 */
import { randomUUID } from 'node:crypto';
import type { Cache } from './cache';
import type { Logger } from './logger';
import { createRedis, redisReady, type RedisClient, type RedisSettings } from './redis';

/** What changed: customers (merge, split, new records, erasure) and/or whole subgraphs, each with its new generation. */
export interface Invalidation {
  customers?: string[];
  /** Subgraph name → the generation its cached entries now carry (one value for every replica). */
  subgraphs?: Record<string, string>;
}

interface Envelope extends Invalidation {
  /** The publishing process, so that it can skip its own messages. */
  origin: string;
}

/** Tag of every cached entry (fetch or answer, gateway or subgraph) that read this customer. */
export const customerTag = (id: string): string => `customer:${id}`;

/** The gateways' key prefix in the shared Redis, unless GATEWAY_REDIS_PREFIX says otherwise. */
export const DEFAULT_GATEWAY_REDIS_PREFIX = 'c360:gw:';

/** @default channel of the product's invalidations */
export const INVALIDATION_CHANNEL = 'c360:invalidations';

export class InvalidationBus {
  /** This process, as named in the messages it publishes. */
  readonly origin = randomUUID();
  private subscriber: RedisClient | null = null;
  private lastWarning = 0;

  constructor(
    /** The connection to publish on (shared with the cache); null publishes nothing (no Redis: one process). */
    private readonly publisher: RedisClient | null,
    private readonly logger: Logger,
    private readonly channel = INVALIDATION_CHANNEL,
    /** The gateways' shared cache (their key prefix): the customers' entries in it are dropped before publishing. */
    private readonly shared: Pick<Cache, 'invalidateTags'> | null = null,
  ) {}

  /** Tells every listening process what changed; never throws (the caches' TTLs bound a lost message). */
  async publish(change: Invalidation): Promise<void> {
    if (!this.publisher) return;
    if (!change.customers?.length && !Object.keys(change.subgraphs ?? {}).length) return;
    const envelope: Envelope = { ...change, origin: this.origin };
    // Read your writes: gone from the shared cache before the write answers (never throws: Redis down warns).
    if (change.customers?.length) await this.shared?.invalidateTags?.(change.customers.map(customerTag));
    try {
      await this.publisher.publish(this.channel, JSON.stringify(envelope));
    } catch (err) {
      const now = Date.now();
      if (now - this.lastWarning > 10_000) {
        this.lastWarning = now;
        this.logger.warn(
          { err: (err as Error).message },
          'could not publish a cache invalidation: other replicas serve their cached entries until they expire',
        );
      }
    }
  }

  /**
   * Tells every gateway replica to drop all it cached of a subgraph (e.g. profile after a rule
   * change): they all switch to the one new generation published here.
   */
  async dropSubgraph(name: string): Promise<void> {
    await this.publish({ subgraphs: { [name]: randomUUID() } });
  }

  /**
   * Listens on a connection of its own (a subscribed connection can do
   * nothing else) and calls `handler` for each message from another process.
   * Resolves once subscribed, or after `timeoutMs` when Redis is not there
   * yet (it subscribes when Redis comes).
   */
  async listen(
    settings: RedisSettings,
    handler: (change: Invalidation) => Promise<void> | void,
    timeoutMs = 2000,
  ): Promise<void> {
    const subscriber = createRedis(settings, { role: 'subscriber' });
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, text: string) => {
      if (channel !== this.channel) return;
      let envelope: Envelope;
      try {
        envelope = JSON.parse(text) as Envelope;
      } catch {
        this.logger.warn({ channel }, 'ignored a malformed cache invalidation message');
        return;
      }
      if (envelope.origin === this.origin) return;
      Promise.resolve(handler({ customers: envelope.customers, subgraphs: envelope.subgraphs })).catch((err: Error) =>
        this.logger.warn({ err: err.message }, 'a cache invalidation from another replica failed'),
      );
    });
    const subscribed = subscriber.subscribe(this.channel).catch((err: Error) => {
      this.logger.warn({ err: err.message }, 'not subscribed to cache invalidations yet');
    });
    if (await redisReady(subscriber, timeoutMs)) await subscribed;
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
    this.subscriber = null;
  }
}
