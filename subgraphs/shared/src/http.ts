import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

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

/** Listens on host:port (port 0 picks a free one) and resolves once bound. */
export async function listen(
  name: string,
  app: express.Express,
  host: string,
  port: number,
  path = '',
  beforeStop: () => Promise<void> = async () => {},
): Promise<RunningServer & { server: http.Server; app: express.Express }> {
  app.use(jsonErrors);
  const server = http.createServer(app);
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
  return {
    name,
    server,
    app,
    port: bound,
    url: `http://${host}:${bound}${path}`,
    async stop() {
      await beforeStop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Requests still in flight get a short grace period, then their sockets are cut.
      const force = setTimeout(() => server.closeAllConnections(), 2000);
      await closed;
      clearTimeout(force);
    },
  };
}
