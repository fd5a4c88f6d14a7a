/**
 * What `npm start` runs is supervised: units start in order (each awaited
 * before the next), a unit that exits by itself is restarted with an
 * exponential back-off (and says so in the log), and `stop()` stops them in
 * the reverse order. A unit is anything with an `exited` promise: a child
 * process (a subgraph of the distributed topology, the bundled Neo4j JVM) or
 * a server of this process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import type { Logger } from '@c360/kit/logger';
import { withYoungGeneration } from './node-flags';

/** How a started unit ended on its own. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One start of a unit. */
export interface Started {
  /** Settles when the unit ends by itself (a crash, an exit); never when it was stopped by `stop()`. */
  readonly exited: Promise<Exit>;
  stop(): Promise<void>;
}

export interface UnitSpec<T extends Started> {
  /** The name logs and `status()` use, e.g. `neo4j`, `crm`. */
  name: string;
  /** Starts the unit; resolves once it serves. `attempt` is 0 at first, then 1, 2 … for restarts. */
  start(attempt: number): Promise<T>;
  /** Called after each successful restart with the new start (e.g. to point something at it again). */
  restarted?(unit: T): void;
}

export interface SupervisorOptions {
  logger: Logger;
  /** First restart delay. @default 500 */
  initialBackoffMs?: number;
  /** Longest restart delay. @default 30000 */
  maxBackoffMs?: number;
  /** A unit that ran this long without exiting gets its back-off reset. @default 60000 */
  resetAfterMs?: number;
}

export type UnitState = 'starting' | 'up' | 'restarting' | 'stopped';

interface Unit {
  name: string;
  state: UnitState;
  current: Started | null;
  restarts: number;
  stop(): Promise<void>;
}

export class Supervisor {
  private readonly units: Unit[] = [];
  private stopping = false;
  private readonly log: Logger;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly resetAfterMs: number;

  constructor(options: SupervisorOptions) {
    this.log = options.logger.child({ component: 'supervisor' });
    this.initialBackoffMs = options.initialBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.resetAfterMs = options.resetAfterMs ?? 60_000;
  }

  /** Starts a unit (rejecting when its first start fails) and keeps it running until `stop()`. */
  async add<T extends Started>(spec: UnitSpec<T>): Promise<T> {
    const unit: Unit = { name: spec.name, state: 'starting', current: null, restarts: 0, stop: async () => {} };
    const first = await spec.start(0);
    unit.current = first;
    unit.state = 'up';
    this.units.push(unit);
    let wake: (() => void) | null = null;
    let timer: NodeJS.Timeout | null = null;
    unit.stop = async () => {
      unit.state = 'stopped';
      if (timer) clearTimeout(timer);
      wake?.();
      await unit.current?.stop();
    };
    void (async () => {
      let backoff = this.initialBackoffMs;
      let running: Started = first;
      let since = Date.now();
      for (;;) {
        const exit = await Promise.race([running.exited, new Promise<null>((r) => (wake = () => r(null)))]);
        if (!exit || this.stopping || unit.state === 'stopped') return;
        if (Date.now() - since > this.resetAfterMs) backoff = this.initialBackoffMs;
        for (;;) {
          unit.state = 'restarting';
          unit.current = null;
          this.log.warn(
            { service: spec.name, code: exit.code, signal: exit.signal, restartInMs: backoff },
            `${spec.name} exited (${exit.signal ?? `code ${exit.code}`}); restarting in ${backoff} ms`,
          );
          await new Promise<void>((resolve) => {
            timer = setTimeout(resolve, backoff);
            wake = resolve;
          });
          if (this.stopping || (unit.state as UnitState) === 'stopped') return;
          backoff = Math.min(backoff * 2, this.maxBackoffMs);
          unit.restarts += 1;
          try {
            running = await spec.start(unit.restarts);
          } catch (err) {
            this.log.error({ service: spec.name, err: (err as Error).message }, `${spec.name} failed to restart`);
            continue;
          }
          if (this.stopping || (unit.state as UnitState) === 'stopped') {
            await running.stop();
            return;
          }
          unit.current = running;
          unit.state = 'up';
          since = Date.now();
          this.log.info({ service: spec.name, restarts: unit.restarts }, `${spec.name} restarted`);
          spec.restarted?.(running as T);
          break;
        }
      }
    })();
    return first;
  }

  /** Every unit's state, in start order. */
  status(): Record<string, { state: UnitState; restarts: number }> {
    return Object.fromEntries(this.units.map((u) => [u.name, { state: u.state, restarts: u.restarts }]));
  }

  /** True when every unit is up. */
  get ready(): boolean {
    return this.units.length > 0 && this.units.every((u) => u.state === 'up');
  }

  /** Stops every unit, the last started first. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const unit of [...this.units].reverse()) {
      try {
        await unit.stop();
      } catch (err) {
        this.log.warn({ service: unit.name, err: (err as Error).message }, `error while stopping ${unit.name}`);
      }
    }
    this.units.length = 0;
  }
}

/**
 * The Node flags of a forked service: this process's loader flags (tsx in development, none on the
 * build), or tsx's when a TypeScript entry is forked from a process without it (jest).
 */
function execArgvFor(script: string): string[] {
  const inherited = withYoungGeneration(
    process.execArgv.filter((a) => !a.startsWith('--cpu-prof') && !a.startsWith('--inspect')),
  );
  if (script.endsWith('.ts') && !inherited.some((a) => a.includes('tsx'))) return [...inherited, '--import', 'tsx'];
  return inherited;
}

/** A service of the distributed topology, started as its own Node process. */
export interface ServiceProcess extends Started {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
}

/**
 * Forks `script` (the service entry, e.g. service-cli.ts) for service `name`
 * with `env`; every line it writes is re-written prefixed with the service
 * name. Resolves when the child reports, over IPC, the URL it listens on.
 */
export function forkService(options: {
  name: string;
  script: string;
  /** Arguments of the script. @default [name] */
  args?: string[];
  env: NodeJS.ProcessEnv;
  /** Where prefixed lines go. @default process.stdout */
  out?: NodeJS.WritableStream;
  /** @default 300000 */
  readyTimeoutMs?: number;
}): Promise<ServiceProcess> {
  const { name } = options;
  const child: ChildProcess = fork(options.script, options.args ?? [name], {
    env: options.env,
    execArgv: execArgvFor(options.script),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  return whenReady<string>(name, child, {
    out: options.out,
    readyTimeoutMs: options.readyTimeoutMs ?? 300_000,
    killAfterMs: 10_000,
  }).then((started) => ({ ...started, name, url: started.ready }));
}

/** A child process under a supervisor, once it reported over IPC that it serves. */
export interface ReadyChild<R> extends Started {
  readonly pid: number;
  /** What the child sent as `{ ready }`. */
  readonly ready: R;
}

/**
 * Watches a child (a forked service, a cluster worker) for the supervisor:
 * every line it writes is re-written prefixed with `name`; resolves with
 * what it sends over IPC as `{ ready }`; rejects, with its last lines, when
 * it exits first or (then killed) when it does not report within
 * `readyTimeoutMs`. `stop()` sends SIGTERM, then SIGKILL after `killAfterMs`.
 */
export function whenReady<R>(
  name: string,
  child: ChildProcess,
  options: {
    /** Where prefixed lines go. @default process.stdout */
    out?: NodeJS.WritableStream;
    /** @default no limit */
    readyTimeoutMs?: number;
    /** @default 10000 */
    killAfterMs?: number;
  } = {},
): Promise<ReadyChild<R>> {
  const out = options.out ?? process.stdout;
  const prefix = `${name.padEnd(9)}| `;
  const tail: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on('line', (line) => {
      out.write(`${prefix}${line}\n`);
      tail.push(line);
      if (tail.length > 20) tail.shift();
    });
  }
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let stopped = false;
  return new Promise<ReadyChild<R>>((resolve, reject) => {
    const timer =
      options.readyTimeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`${name} did not start within ${options.readyTimeoutMs! / 1000} s`));
          }, options.readyTimeoutMs);
    child.on('message', (message: { ready?: R }) => {
      if (!message?.ready) return;
      clearTimeout(timer);
      resolve({
        pid: child.pid!,
        ready: message.ready,
        // A stopped child's exit is not a crash: that promise then never settles.
        exited: exited.then((exit) => (stopped ? new Promise<Exit>(() => {}) : exit)),
        async stop() {
          stopped = true;
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const force = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 10_000);
          await exited;
          clearTimeout(force);
        },
      });
    });
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(
        new Error(
          `${name} exited (${exit.signal ?? `code ${exit.code}`}) before it was ready:\n${tail.slice(-10).join('\n')}`,
        ),
      );
    });
  });
}
