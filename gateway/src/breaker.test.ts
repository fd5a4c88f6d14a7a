import { CircuitBreaker, type BreakerPermit, type BreakerState } from './breaker';

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

/** A permit the breaker must give now. */
function acquire(breaker: CircuitBreaker): BreakerPermit {
  const permit = breaker.tryAcquire();
  if (!permit) throw new Error(`no permit in state ${breaker.state}`);
  return permit;
}

/** `n` calls that fail, one after the other. */
function fail(breaker: CircuitBreaker, n: number): void {
  for (let i = 0; i < n; i++) acquire(breaker).failure();
}

describe('CircuitBreaker', () => {
  it('stays closed below the threshold, and a success resets the count', () => {
    const { breaker, changes } = breakerAt({ failureThreshold: 3 });
    fail(breaker, 2);
    acquire(breaker).success();
    fail(breaker, 2);
    expect({ state: breaker.state, failures: breaker.consecutiveFailures, acquired: !!breaker.tryAcquire() }).toEqual({
      state: 'closed',
      failures: 2,
      acquired: true,
    });
    expect(changes).toEqual([]);
  });

  it('opens after N consecutive failures and refuses calls until the cool-down is over', () => {
    const { breaker, clock, changes } = breakerAt({ failureThreshold: 3, cooldownMs: 10_000 });
    fail(breaker, 3);
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBeNull();
    clock.now += 9_999;
    expect({ acquired: breaker.tryAcquire(), retryInMs: breaker.retryInMs }).toEqual({ acquired: null, retryInMs: 1 });
    expect(changes).toEqual([['closed', 'open']]);
  });

  it('half-opens after the cool-down and lets exactly one trial through; its success closes the breaker', () => {
    const { breaker, clock, changes } = breakerAt({ failureThreshold: 2, cooldownMs: 5_000 });
    fail(breaker, 2);
    clock.now += 5_000;
    expect(breaker.state).toBe('half-open');
    const trial = acquire(breaker);
    expect({ trial: trial.trial, second: breaker.tryAcquire() }).toEqual({ trial: true, second: null });
    trial.success();
    expect({ state: breaker.state, failures: breaker.consecutiveFailures, acquired: !!breaker.tryAcquire() }).toEqual({
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
    fail(breaker, 1);
    clock.now += 6_000;
    acquire(breaker).failure();
    expect({ state: breaker.state, retryInMs: breaker.retryInMs, acquired: breaker.tryAcquire() }).toEqual({
      state: 'open',
      retryInMs: 5_000,
      acquired: null,
    });
    expect(changes).toEqual([
      ['closed', 'open'],
      ['open', 'half-open'],
      ['half-open', 'open'],
    ]);
  });

  it('is not closed by a late success of a call sent before it opened', () => {
    const { breaker } = breakerAt({ failureThreshold: 1 });
    const late = acquire(breaker);
    fail(breaker, 1);
    late.success();
    expect({ state: breaker.state, failures: breaker.consecutiveFailures }).toEqual({ state: 'open', failures: 1 });
  });

  it('lets only the trial decide a half-open breaker: a late failure neither re-opens it nor frees a second trial', () => {
    const { breaker, clock, changes } = breakerAt({ failureThreshold: 1, cooldownMs: 5_000 });
    const late = acquire(breaker); // sent while closed, answers after the cool-down
    fail(breaker, 1);
    clock.now += 5_000;
    const trial = acquire(breaker);
    late.failure();
    expect({ state: breaker.state, another: breaker.tryAcquire() }).toEqual({ state: 'half-open', another: null });
    trial.success();
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual([
      ['closed', 'open'],
      ['open', 'half-open'],
      ['half-open', 'closed'],
    ]);
  });

  it('lets only the trial decide a half-open breaker: a late success does not close it', () => {
    const { breaker, clock } = breakerAt({ failureThreshold: 1, cooldownMs: 5_000 });
    const late = acquire(breaker);
    fail(breaker, 1);
    clock.now += 5_000;
    const trial = acquire(breaker);
    late.success();
    expect(breaker.state).toBe('half-open');
    trial.failure();
    expect(breaker.state).toBe('open');
  });

  it('does not count a late failure from before the trial once the trial closed it again', () => {
    const { breaker, clock } = breakerAt({ failureThreshold: 1, cooldownMs: 5_000 });
    const late = acquire(breaker);
    fail(breaker, 1);
    clock.now += 5_000;
    acquire(breaker).success();
    late.failure();
    expect({ state: breaker.state, failures: breaker.consecutiveFailures }).toEqual({ state: 'closed', failures: 0 });
  });

  it('counts a permit once, however often it is settled', () => {
    const { breaker } = breakerAt({ failureThreshold: 2 });
    const permit = acquire(breaker);
    permit.failure();
    permit.failure();
    expect({ state: breaker.state, failures: breaker.consecutiveFailures }).toEqual({ state: 'closed', failures: 1 });
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
