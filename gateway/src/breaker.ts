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

/**
 * A consecutive-failure circuit breaker. After `failureThreshold` failures in
 * a row it opens: calls fail fast for `cooldownMs`, so that a dead dependency
 * costs nothing instead of a full timeout per request. Then it half-opens and
 * lets exactly one trial call through: a success closes it, a failure opens
 * it for another cool-down.
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
   * Whether a call may go out now. In half-open state only one trial call is
   * let through at a time; it must be settled with `success()` or `failure()`.
   */
  tryAcquire(): boolean {
    switch (this.state) {
      case 'closed':
        return true;
      case 'open':
        return false;
      case 'half-open':
        if (this.trialInFlight) return false;
        this.trialInFlight = true;
        return true;
    }
  }

  /** The dependency answered. */
  success(): void {
    // A late success of a call sent before the breaker opened says little: only the trial closes an open breaker.
    if (this.current === 'open') return;
    this.failures = 0;
    this.trialInFlight = false;
    if (this.current === 'half-open') this.transition('closed');
  }

  /** The dependency failed (timed out, refused, answered 5xx). */
  failure(): void {
    this.failures += 1;
    if (this.current === 'half-open') {
      this.trialInFlight = false;
      this.open();
    } else if (this.current === 'closed' && this.failures >= this.failureThreshold) {
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
    this.onStateChange(next, previous);
  }
}
