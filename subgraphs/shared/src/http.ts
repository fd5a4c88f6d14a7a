import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

/** A started HTTP server and how to stop it. */
export interface RunningServer {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Listens on host:port (port 0 picks a free one) and resolves once bound. */
export async function listen(
  name: string,
  app: express.Express,
  host: string,
  port: number,
  path = '',
  beforeStop: () => Promise<void> = async () => {},
): Promise<RunningServer & { server: http.Server }> {
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
