import { readFileSync } from 'node:fs';

/**
 * User and system CPU a process has used so far, in clock ticks (1/100 s on Linux), from
 * /proc/<pid>/stat (utime and stime, fields 14 and 15 of the line); null when it is gone.
 */
export function cpuTicksOf(pid: number): { user: number; system: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name, which may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]), system: Number(fields[12]) };
  } catch {
    return null;
  }
}

/** A process's name (/proc/<pid>/comm), '?' when it is gone. */
export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}
