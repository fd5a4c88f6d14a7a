import { GraphQLError } from 'graphql';
import type { Driver, Session } from 'neo4j-driver';
import type { Logger } from '@c360/kit/logger';

/**
 * A connectivity breaker in front of the Neo4j driver, so that the identity
 * subgraph fails fast while Neo4j is down instead of making every request wait.
 *
 * Left alone, the driver retries a managed transaction that cannot reach the
 * server for up to 30 s (maxTransactionRetryTime) — longer than the gateway's
 * budget of a fetch, so that each uncached lookup used to wait the whole
 * budget before its breaker opened, and the first good answer after Neo4j came
 * back waited behind the retries. Here:
 * - a call that fails with a connectivity error (ServiceUnavailable,
 *   SessionExpired), or that is still running after `probeAfterMs` while a
 *   probe of the server finds it unreachable, marks Neo4j down (a slow probe
 *   does not: on a busy machine slow is not down);
 * - while down, every call fails at once with SERVICE_UNAVAILABLE (lookups the
 *   Redis cache holds never get here), and calls in flight are released;
 * - a probe every `retryEveryMs` marks it up again as soon as it answers.
 * Transient errors (deadlocks) are still retried by the driver, as before.
 */
export interface Neo4jGuardOptions {
  logger: Logger;
  /** A call still running after this long makes the guard probe the server. @default 500 */
  probeAfterMs?: number;
  /** A probe that takes longer says nothing (slow, not down); the next one asks again. @default 2000 */
  probeTimeoutMs?: number;
  /** How often the server is probed while it is down. @default 500 */
  retryEveryMs?: number;
}

/** Neo4j cannot be reached: typed, with the source at fault, for the client and the gateway. */
export class Neo4jUnavailableError extends GraphQLError {
  constructor(reason: string) {
    super(`The identity graph (Neo4j) is unavailable: ${reason}`, {
      extensions: { code: 'SERVICE_UNAVAILABLE', source: 'neo4j' },
    });
    this.name = 'Neo4jUnavailableError';
  }
}

const CONNECTIVITY_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

/** Whether an error says the server cannot be reached (not that a query failed). */
export function isConnectivityError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECTIVITY_CODES.has(code);
}

export class Neo4jGuard {
  private down: { since: number; reason: string } | null = null;
  /** Rejects the calls in flight when Neo4j is found down. */
  private released: { promise: Promise<never>; reject: (err: Error) => void } = deferred();
  private probing: Promise<boolean> | null = null;
  private recovery: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly probeAfterMs: number;
  private readonly probeTimeoutMs: number;
  private readonly retryEveryMs: number;

  constructor(
    private readonly driver: Driver,
    private readonly options: Neo4jGuardOptions,
  ) {
    this.probeAfterMs = options.probeAfterMs ?? 500;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 2000;
    this.retryEveryMs = options.retryEveryMs ?? 500;
  }

  /** Whether Neo4j was last found reachable. */
  get up(): boolean {
    return this.down === null;
  }

  /** Runs a call to Neo4j: at once SERVICE_UNAVAILABLE while it is down. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.down) throw new Neo4jUnavailableError(`unreachable since ${new Date(this.down.since).toISOString()}`);
    const released = this.released.promise;
    const watch = setTimeout(() => void this.probe(), this.probeAfterMs);
    try {
      return await Promise.race([call(), released]);
    } catch (err) {
      if (err instanceof Neo4jUnavailableError) throw err;
      if (isConnectivityError(err)) {
        this.markDown((err as Error).message);
        throw new Neo4jUnavailableError((err as Error).message);
      }
      throw err;
    } finally {
      clearTimeout(watch);
    }
  }

  /**
   * Asks the server whether it answers; one probe at a time. Marks it down
   * when it cannot be reached — not when it is merely slow: a busy server is
   * no reason to refuse the calls it would still answer.
   */
  probe(): Promise<boolean> {
    this.probing ??= this.answers()
      .then((answer) => {
        if (answer === 'ok') return true;
        if (answer !== 'slow') this.markDown(answer.unreachable);
        return false;
      })
      .finally(() => {
        this.probing = null;
      });
    return this.probing;
  }

  /** Whether the server answers within `probeTimeoutMs` (changes no state). */
  private async answers(): Promise<'ok' | 'slow' | { unreachable: string }> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.driver.getServerInfo().then(() => 'ok' as const),
        new Promise<'slow'>((resolve) => {
          timer = setTimeout(() => resolve('slow'), this.probeTimeoutMs);
        }),
      ]);
    } catch (err) {
      return isConnectivityError(err) ? { unreachable: (err as Error).message } : 'ok';
    } finally {
      clearTimeout(timer);
    }
  }

  private markDown(reason: string): void {
    if (this.down || this.stopped) return;
    this.down = { since: Date.now(), reason };
    this.options.logger.warn(
      { err: reason },
      'Neo4j unreachable: identity lookups not in the cache fail at once (SERVICE_UNAVAILABLE) until it answers',
    );
    const { reject } = this.released;
    this.released = deferred();
    reject(new Neo4jUnavailableError(reason));
    this.scheduleRecovery();
  }

  private scheduleRecovery(): void {
    if (this.stopped) return;
    this.recovery = setTimeout(async () => {
      this.recovery = null;
      const down = this.down;
      if (!down) return;
      // Slow is not down: a server that is busy but reachable gets its calls back.
      const answer = await this.answers();
      if (answer === 'ok' || answer === 'slow') {
        this.down = null;
        this.options.logger.info({ downMs: Date.now() - down.since }, 'Neo4j reachable again');
        return;
      }
      this.scheduleRecovery();
    }, this.retryEveryMs);
    this.recovery.unref?.();
  }

  /** Stops probing (the driver is being closed). */
  stop(): void {
    this.stopped = true;
    if (this.recovery) clearTimeout(this.recovery);
  }
}

function deferred(): { promise: Promise<never>; reject: (err: Error) => void } {
  let reject!: (err: Error) => void;
  const promise = new Promise<never>((_, r) => {
    reject = r;
  });
  // Nobody may be waiting when it rejects.
  promise.catch(() => undefined);
  return { promise, reject };
}

const GUARDED_SESSION_METHODS = new Set(['executeRead', 'executeWrite', 'readTransaction', 'writeTransaction', 'run']);

/**
 * The driver with every transaction, managed or auto-commit (`session.run`,
 * which the graph's reads use), and `executeQuery` going through the guard.
 * Through it, `session.run` answers a promise of the whole result: awaited,
 * as every caller here does, not streamed. Migrations at start use the
 * driver as it is.
 */
export function guardDriver(driver: Driver, guard: Neo4jGuard): Driver {
  const guardSession = (session: Session): Session =>
    new Proxy(session, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        if (typeof prop === 'string' && GUARDED_SESSION_METHODS.has(prop)) {
          return (...args: unknown[]) =>
            guard.run(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  return new Proxy(driver, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      if (prop === 'session') {
        return (...args: unknown[]) => guardSession((value as (...a: unknown[]) => Session).apply(target, args));
      }
      if (prop === 'executeQuery') {
        return (...args: unknown[]) =>
          guard.run(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}
