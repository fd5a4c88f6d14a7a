/**
 * Per-client rate limits, counted in Redis so that every gateway replica
 * shares them (rate-limiter-flexible's RateLimiterRedis: one atomic Lua call
 * per request, fixed windows).
 *
 * Redis down is not an outage: the limiter fails open to an in-memory
 * limiter of the same size in each replica (so N replicas let through up to N
 * times the limit, and the counts restart), logs a warning at most every 10
 * seconds and counts each degraded decision in
 * `c360_gateway_redis_degraded_total{component="rate_limit"}`. Should even that
 * fail, the request goes through.
 */
import type express from 'express';
import type { RedisClient } from '@c360/kit/redis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '@c360/kit/logger';
import type { Principal } from '../auth/authenticate';
import type { RateLimit } from '../auth/clients';
import { recordOf, sendError } from '../request';

export interface RateLimitOptions {
  /** Redis shared by the gateway replicas; `null` counts in memory only. */
  redis: RedisClient | null;
  /** Limit of clients without their own in the clients file (RATE_LIMIT_POINTS per RATE_LIMIT_DURATION_SECONDS). */
  defaultLimit: RateLimit;
  /** Prefix of the counters' Redis keys. @default 'c360:gw:rl' */
  keyPrefix?: string;
  /** Where the degraded mode is reported. @default no logging */
  logger?: Logger;
  /** Called for each decision taken without Redis. @default none */
  onDegraded?: () => void;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
  /** Whether Redis could not be used for this decision. */
  degraded: boolean;
}

interface Limiters {
  redis: RateLimiterRedis | null;
  memory: RateLimiterMemory;
}

export class ClientRateLimiter {
  private readonly limiters = new Map<string, Limiters>();
  private readonly keyPrefix: string;
  private lastWarning = 0;

  constructor(private readonly options: RateLimitOptions) {
    this.keyPrefix = options.keyPrefix ?? 'c360:gw:rl';
  }

  /** One request by `principal`. */
  async consume(principal: Principal): Promise<RateDecision> {
    const limit = principal.rateLimit ?? this.options.defaultLimit;
    const key = `client:${principal.client}`;
    const limiters = this.limitersFor(limit);
    if (limiters.redis) {
      try {
        return decision(limit, await limiters.redis.consume(key), true, false);
      } catch (outcome) {
        if (outcome instanceof RateLimiterRes) return decision(limit, outcome, false, false);
        this.degraded(outcome);
      }
    }
    try {
      return decision(limit, await limiters.memory.consume(key), true, limiters.redis !== null);
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return decision(limit, outcome, false, limiters.redis !== null);
      this.options.logger?.error({ err: String(outcome) }, 'rate limiter failed: request let through');
      return { allowed: true, limit: limit.points, remaining: limit.points, resetSeconds: 0, degraded: true };
    }
  }

  private limitersFor(limit: RateLimit): Limiters {
    const id = `${limit.points}:${limit.durationSeconds}`;
    let limiters = this.limiters.get(id);
    if (!limiters) {
      const settings = { points: limit.points, duration: limit.durationSeconds, keyPrefix: `${this.keyPrefix}:${id}` };
      limiters = {
        redis: this.options.redis
          ? new RateLimiterRedis({ ...settings, storeClient: this.options.redis, rejectIfRedisNotReady: true })
          : null,
        memory: new RateLimiterMemory(settings),
      };
      this.limiters.set(id, limiters);
    }
    return limiters;
  }

  private degraded(err: unknown) {
    this.options.onDegraded?.();
    const now = Date.now();
    if (now - this.lastWarning > 10_000) {
      this.lastWarning = now;
      this.options.logger?.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'Redis unavailable: rate limits are counted in this process only',
      );
    }
  }
}

function decision(limit: RateLimit, res: RateLimiterRes, allowed: boolean, degraded: boolean): RateDecision {
  return {
    allowed,
    limit: limit.points,
    remaining: Math.max(0, res.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    degraded,
  };
}

/**
 * Express middleware: counts the request against its client's limit, sets
 * the `RateLimit-Limit`/`-Remaining`/`-Reset` headers (IETF draft), and
 * answers 429 RATE_LIMITED with `Retry-After` once the limit is reached.
 * The anonymous developer of development mode is not limited.
 */
export function rateLimitMiddleware(limiter: ClientRateLimiter): express.RequestHandler {
  return async (_req, res, next) => {
    const principal = recordOf(res).principal!;
    // The anonymous developer exists only in development, on one's own machine (and under load tests).
    if (principal.via === 'anonymous') return next();
    const result = await limiter.consume(principal);
    res.setHeader('RateLimit-Limit', String(result.limit));
    res.setHeader('RateLimit-Remaining', String(result.remaining));
    res.setHeader('RateLimit-Reset', String(result.resetSeconds));
    if (result.allowed) return next();
    res.setHeader('Retry-After', String(result.resetSeconds));
    sendError(
      res,
      429,
      'RATE_LIMITED',
      `Client "${principal.client}" sent more than ${result.limit} requests in its window; retry after ${result.resetSeconds} s`,
      { retryAfterSeconds: result.resetSeconds },
    );
  };
}
