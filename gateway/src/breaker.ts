/** closed: calls go through; open: calls fail fast; half-open: one trial call decides. */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker. @default 5 */
  failureThreshold?: number;
  /** How long an open breaker fails fast before it lets one trial call through, in milliseconds. @default 10000 */
  cooldownMs?: number;
  /** Clock in milliseconds; tests pass their own. @default Date.now */
  now?: () => number;
  /** Called on every state change, e.g. to log it and export it as a metric. @default no-op */
  onStateChange?: (state: BreakerState, previous: BreakerState) => void;
}

/** The right to make one call, given by `tryAcquire()`; its outcome is told back through it (once). */
export interface BreakerPermit {
  /** Whether this is the trial call of a half-open breaker (the one whose outcome decides it). */
  readonly trial: boolean;
  /** The dependency answered. */
  success(): void;
  /** The dependency failed (timed out, refused, answered 5xx). */
  failure(): void;
}

/**
 * A consecutive-failure circuit breaker. After `failureThreshold` failures in
 * a row it opens: calls fail fast for `cooldownMs`, so that a dead dependency
 * costs nothing instead of a full timeout per request. Then it half-opens and
 * lets exactly one trial call through: a success closes it, a failure opens
 * it for another cool-down.
 *
 * Each call holds a permit that knows the state it was let through in: a call
 * only counts in that state. A late outcome — of a call let through while the
 * breaker was closed, settled after it opened (or half-opened, or closed again
 * after a trial) — changes nothing: only the trial decides a half-open breaker.
 *
 * Consecutive failures rather than a failure rate over a window (opossum's
 * model): a subgraph behind the gateway is either reachable or not, and a
 * count is simple to reason about and to configure.
 */
export class CircuitBreaker {
  readonly failureThreshold: number;
  readonly cooldownMs: number;
  private readonly now: () => number;
  private readonly onStateChange: (state: BreakerState, previous: BreakerState) => void;
  private current: BreakerState = 'closed';
  /** Bumped at every state change: a permit of an earlier epoch is late. */
  private epoch = 0;
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.cooldownMs = options.cooldownMs ?? 10_000;
    if (!Number.isInteger(this.failureThreshold) || this.failureThreshold < 1)
      throw new RangeError(`failureThreshold must be a positive integer, received ${options.failureThreshold}`);
    if (!(this.cooldownMs >= 0)) throw new RangeError(`cooldownMs must be >= 0, received ${options.cooldownMs}`);
    this.now = options.now ?? Date.now;
    this.onStateChange = options.onStateChange ?? (() => {});
  }

  /** The state now (an open breaker whose cool-down is over reports half-open). */
  get state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.cooldownMs) this.transition('half-open');
    return this.current;
  }

  /** Consecutive failures seen since the last success. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Milliseconds until an open breaker lets a trial call through; 0 when not open. */
  get retryInMs(): number {
    return this.state === 'open' ? Math.max(0, this.openedAt + this.cooldownMs - this.now()) : 0;
  }

  /**
   * A permit for a call that may go out now, or null (fail fast). In half-open
   * state only one trial call is let through at a time. The caller settles the
   * permit with `success()` or `failure()`.
   */
  tryAcquire(): BreakerPermit | null {
    switch (this.state) {
      case 'closed':
        return this.permit(false);
      case 'open':
        return null;
      case 'half-open':
        if (this.trialInFlight) return null;
        this.trialInFlight = true;
        return this.permit(true);
    }
  }

  private permit(trial: boolean): BreakerPermit {
    const epoch = this.epoch;
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      if (trial) this.settleTrial(epoch, ok);
      else this.settleCall(epoch, ok);
    };
    return { trial, success: () => settle(true), failure: () => settle(false) };
  }

  /** A call let through while closed: it counts only if the breaker is still in that same closed spell. */
  private settleCall(epoch: number, ok: boolean): void {
    if (epoch !== this.epoch || this.current !== 'closed') return;
    if (ok) {
      this.failures = 0;
      return;
    }
    this.failures += 1;
    if (this.failures >= this.failureThreshold) this.open();
  }

  /** The trial call of a half-open breaker: its outcome alone closes or re-opens it. */
  private settleTrial(epoch: number, ok: boolean): void {
    if (epoch !== this.epoch || this.current !== 'half-open') return;
    this.trialInFlight = false;
    if (ok) {
      this.failures = 0;
      this.transition('closed');
    } else {
      this.failures += 1;
      this.open();
    }
  }

  private open(): void {
    this.openedAt = this.now();
    this.transition('open');
  }

  private transition(next: BreakerState): void {
    const previous = this.current;
    if (previous === next) return;
    this.current = next;
    this.epoch += 1;
    if (next !== 'half-open') this.trialInFlight = false;
    this.onStateChange(next, previous);
  }
}
