import os from 'node:os';
import { usableCpus, workerCount } from './cluster';

describe('how many workers c360 start forks', () => {
  const cores = os.availableParallelism();

  it('takes GATEWAY_WORKERS when set', () => {
    expect(workerCount({ GATEWAY_WORKERS: 3 })).toBe(3);
  });

  it('is one per core without a CPU limit', () => {
    expect(usableCpus(() => 'max 100000\n')).toBe(cores);
    expect(
      usableCpus(() => {
        throw new Error('ENOENT');
      }),
    ).toBe(cores);
  });

  it('follows a container CPU limit (cgroup v2 cpu.max), rounded up, never below one', () => {
    expect(usableCpus(() => '100000 100000\n')).toBe(1);
    expect(usableCpus(() => '50000 100000\n')).toBe(1);
    expect(usableCpus(() => '150000 100000\n')).toBe(Math.min(cores, 2));
  });

  it('ignores a cpu.max it cannot read', () => {
    expect(usableCpus(() => 'garbage')).toBe(cores);
  });
});
