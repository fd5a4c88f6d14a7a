import net from 'node:net';

/**
 * A TCP proxy of a test's own in front of a real service (PostgreSQL,
 * MariaDB, Neo4j …), so that a test can cut the service off from the product
 * — every connection reset, new ones refused — and restore it, without ever
 * stopping the shared server that other engineers' tests use.
 */
export interface TcpProxy {
  /** Port the product connects to. */
  port: number;
  /** Whether connections currently pass. */
  readonly open: boolean;
  /** Connections currently passing through. */
  readonly connections: number;
  /** Resets every connection and refuses new ones (the port stops listening), as a dead server does. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  let listening = false;
  const listen = (p: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', reject);
        listening = true;
        resolve();
      });
    });
  await listen(port);
  const bound = (server.address() as net.AddressInfo).port;
  const cut = async () => {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.resetAndDestroy();
    sockets.clear();
    await closed;
  };
  return {
    port: bound,
    get open() {
      return listening;
    },
    get connections() {
      return sockets.size / 2;
    },
    cut,
    async restore() {
      if (!listening) await listen(bound);
    },
    close: cut,
  };
}
