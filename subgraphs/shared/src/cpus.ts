import { readFileSync } from 'node:fs';
import os from 'node:os';

/**
 * The cores this process may use: the machine's, or fewer under a cgroup v2 CPU quota (a
 * container's CPU limit, which `os.availableParallelism()` does not see: a pod limited to 2 CPUs
 * on a 32-core node would otherwise start 32 workers).
 */
export function usableCpus(cpuMax: () => string = () => readFileSync('/sys/fs/cgroup/cpu.max', 'utf8')): number {
  const cores = os.availableParallelism();
  let quota: string;
  try {
    quota = cpuMax();
  } catch {
    return cores; // no cgroup v2 here: the machine's cores
  }
  const [max, period] = quota.trim().split(/\s+/);
  const limit = Number(max) / Number(period);
  if (max === 'max' || !Number.isFinite(limit) || limit <= 0) return cores;
  return Math.max(1, Math.min(cores, Math.ceil(limit)));
}
