import { CircuitBreaker, type BreakerState } from './breaker';

/** A breaker on a clock the test moves by hand, recording its state changes. */
function breakerAt(options: { failureThreshold?: number; cooldownMs?: number } = {}) {
  const clock = { now: 1_000_000 };
  const changes: [BreakerState, BreakerState][] = [];
  const breaker = new CircuitBreaker({
    ...options,
    now: () => clock.now,
    onStateChange: (state, previous) => changes.push([previous, state]),
  });
  return { breaker, clock, changes };
}

describe('CircuitBreaker', () => {
  it('stays closed below the threshold, and a success resets the count', () => {
    const { breaker, changes } = breakerAt({ failureThreshold: 3 });
    breaker.failure();
    breaker.failure();
    breaker.success();
    breaker.failure();
    breaker.failure();
    expect({ state: breaker.state, failures: breaker.consecutiveFailures, acquired: breaker.tryAcquire() }).toEqual({
      state: 'closed',
      failures: 2,
      acquired: true,
    });
    expect(changes).toEqual([]);
  });

  it('opens after N consecutive failures and refuses calls until the cool-down is over', () => {
    const { breaker, clock, changes } = breakerAt({ failureThreshold: 3, cooldownMs: 10_000 });
    for (let i = 0; i < 3; i++) breaker.failure();
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    clock.now += 9_999;
    expect({ acquired: breaker.tryAcquire(), retryInMs: breaker.retryInMs }).toEqual({ acquired: false, retryInMs: 1 });
    expect(changes).toEqual([['closed', 'open']]);
  });

  it('half-opens after the cool-down and lets exactly one trial through; its success closes the breaker', () => {
    const { breaker, clock, changes } = breakerAt({ failureThreshold: 2, cooldownMs: 5_000 });
    breaker.failure();
    breaker.failure();
    clock.now += 5_000;
    expect(breaker.state).toBe('half-open');
    expect([breaker.tryAcquire(), breaker.tryAcquire()]).toEqual([true, false]);
    breaker.success();
    expect({ state: breaker.state, failures: breaker.consecutiveFailures, acquired: breaker.tryAcquire() }).toEqual({
      state: 'closed',
      failures: 0,
      acquired: true,
    });
    expect(changes).toEqual([
      ['closed', 'open'],
      ['open', 'half-open'],
      ['half-open', 'closed'],
    ]);
  });

  it('opens again for a whole cool-down when the trial fails', () => {
    const { breaker, clock, changes } = breakerAt({ failureThreshold: 1, cooldownMs: 5_000 });
    breaker.failure();
    clock.now += 6_000;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failure();
    expect({ state: breaker.state, retryInMs: breaker.retryInMs, acquired: breaker.tryAcquire() }).toEqual({
      state: 'open',
      retryInMs: 5_000,
      acquired: false,
    });
    expect(changes).toEqual([
      ['closed', 'open'],
      ['open', 'half-open'],
      ['half-open', 'open'],
    ]);
  });

  it('is not closed by a late success of a call sent before it opened', () => {
    const { breaker } = breakerAt({ failureThreshold: 1 });
    breaker.failure();
    breaker.success();
    expect({ state: breaker.state, failures: breaker.consecutiveFailures }).toEqual({ state: 'open', failures: 1 });
  });

  it('uses 5 failures and a 10 s cool-down by default', () => {
    const breaker = new CircuitBreaker();
    expect({ failureThreshold: breaker.failureThreshold, cooldownMs: breaker.cooldownMs }).toEqual({
      failureThreshold: 5,
      cooldownMs: 10_000,
    });
  });

  it('refuses a threshold that is not a positive integer, or a negative cool-down, saying what it received', () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0 })).toThrow(
      new RangeError('failureThreshold must be a positive integer, received 0'),
    );
    expect(() => new CircuitBreaker({ failureThreshold: 1.5 })).toThrow(
      new RangeError('failureThreshold must be a positive integer, received 1.5'),
    );
    expect(() => new CircuitBreaker({ cooldownMs: -1 })).toThrow(
      new RangeError('cooldownMs must be >= 0, received -1'),
    );
  });
});
