import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Logger } from './logger';

/** A started HTTP server and how to stop it. */
export interface RunningServer {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  /** The Express app it serves: its router stack is the inventory of its routes (tests/security). */
  readonly app?: express.Express;
  stop(): Promise<void>;
}

/**
 * Answers request errors raised before GraphQL runs (malformed JSON, a body
 * over the limit) as GraphQL-shaped JSON with a code, instead of Express's
 * default HTML page with a stack trace.
 */
const jsonErrors: express.ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) return next(err);
  const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
  const code =
    err?.type === 'entity.parse.failed'
      ? 'BAD_REQUEST'
      : err?.type === 'entity.too.large'
        ? 'PAYLOAD_TOO_LARGE'
        : status < 500
          ? 'BAD_REQUEST'
          : 'INTERNAL_SERVER_ERROR';
  const message =
    code === 'BAD_REQUEST' && err?.type === 'entity.parse.failed'
      ? `The request body is not valid JSON: ${err.message}`
      : code === 'PAYLOAD_TOO_LARGE'
        ? `The request body is larger than the limit of ${err.limit} bytes`
        : status < 500
          ? String(err?.message ?? 'Bad request')
          : 'Internal server error';
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};

/** How every server of this process stops; set once by the entry point (SHUTDOWN_DRAIN_MS). */
const shutdown = { drainMs: 2000 };

/**
 * How long a stopping server lets in-flight requests finish before it cuts
 * their connections (SHUTDOWN_DRAIN_MS; an orchestrator's grace period must be longer).
 */
export function configureShutdown(options: { drainMs: number }): void {
  shutdown.drainMs = options.drainMs;
}

/**
 * Stops a process once on SIGINT or SIGTERM (and on any other process event
 * named in `also`, e.g. `disconnect` for a supervised child): logs the
 * signal, awaits `stop`, exits 0. A second signal while stopping is ignored.
 */
export function stopOnSignals(
  stop: () => Promise<unknown>,
  logger: Pick<Logger, 'info'>,
  also: ('disconnect' | 'beforeExit')[] = [],
): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await stop();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal));
  for (const event of also) process.on(event, () => void shutdown(event));
}

/**
 * Listens on host:port (port 0 picks a free one) and resolves once bound.
 *
 * `stop()` drains: `/ready` answers 503 at once (a load balancer stops
 * sending new requests), the listening socket closes, idle keep-alive
 * connections close, responses still being written say `Connection: close`,
 * and in-flight requests get up to the drain deadline to finish before their
 * connections are cut. Only then does `beforeStop` release what the requests
 * used (Apollo Server, pools, Redis).
 */
export async function listen(
  name: string,
  app: express.Express,
  host: string,
  port: number,
  path = '',
  beforeStop: () => Promise<void> = async () => {},
): Promise<RunningServer & { server: http.Server; app: express.Express }> {
  app.use(jsonErrors);
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | null = null;
  const server = http.createServer((req, res) => {
    if (draining) {
      res.setHeader('connection', 'close');
      if (req.url === '/ready' || req.url?.startsWith('/ready?')) {
        res.statusCode = 503;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ status: 'draining', service: name }));
        return;
      }
    }
    inFlight += 1;
    res.on('close', () => {
      inFlight -= 1;
      if (inFlight === 0) idle?.();
    });
    app(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(
              `${name}: port ${port} on ${host} is already in use; stop the other process or choose another port`,
            )
          : err,
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  let stopped: Promise<void> | null = null;
  return {
    name,
    server,
    app,
    port: bound,
    url: `http://${host}:${bound}${path}`,
    stop() {
      stopped ??= (async () => {
        draining = true;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // In-flight requests get until the deadline, then their sockets are cut.
        await new Promise<void>((resolve) => {
          const force = setTimeout(done, shutdown.drainMs);
          idle = done;
          if (inFlight === 0) done();
          function done() {
            clearTimeout(force);
            idle = null;
            resolve();
          }
        });
        server.closeAllConnections();
        await closed;
        await beforeStop();
      })();
      return stopped;
    },
  };
}
