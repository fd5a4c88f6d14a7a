/**
 * Waiting for a service, said out loud: before a test waits for PostgreSQL,
 * Redis, Neo4j or a subgraph, it prints one line naming what it waits for and
 * where (on stderr, whatever LOG_LEVEL says), and a wait that runs out throws
 * an error that says what did not answer, where, and what to do about it —
 * instead of a bare jest timeout.
 */
export interface WaitOptions {
  /** How long to wait before giving up. */
  timeoutMs: number;
  /** What to check or do when it does not answer (appended to the error). */
  hint: string;
}

/** The one line a wait prints (on stderr, so that it shows even with LOG_LEVEL=silent). */
export function announce(what: string, where: string, timeoutMs: number): void {
  process.stderr.write(`[tests] waiting for ${what} at ${where} (up to ${Math.round(timeoutMs / 1000)} s)…\n`);
}

/** Runs `wait` (a start or a connection) after saying so; a failure or a timeout names `what`, `where` and the hint. */
export async function waitFor<T>(
  what: string,
  where: string,
  wait: () => Promise<T>,
  options: WaitOptions,
): Promise<T> {
  announce(what, where, options.timeoutMs);
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      wait(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${what} at ${where}: no answer within ${options.timeoutMs} ms. ${options.hint}`)),
          options.timeoutMs,
        );
      }),
    ]);
  } catch (err) {
    const message = (err as Error).message;
    if (message.includes(options.hint)) throw err;
    throw new Error(`${what} at ${where} failed after ${Date.now() - started} ms: ${message}\n${options.hint}`, {
      cause: err,
    });
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` until it holds, after saying what it waits for; a timeout names `what`, `where` and the hint. */
export async function pollFor(
  what: string,
  where: string,
  check: () => Promise<boolean> | boolean,
  options: WaitOptions & { everyMs?: number },
): Promise<number> {
  announce(what, where, options.timeoutMs);
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > options.timeoutMs) {
      throw new Error(`${what} at ${where}: not within ${options.timeoutMs} ms. ${options.hint}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 100));
  }
}
