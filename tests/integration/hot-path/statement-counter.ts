import net from 'node:net';

/**
 * A TCP proxy in front of a real PostgreSQL or MariaDB server that counts the
 * statements its clients send, read from the wire protocol (so that nothing in
 * the product has to report them):
 *
 * - PostgreSQL: a simple query (`Q`) or an extended-protocol execute (`E`);
 * - MariaDB/MySQL: a packet with sequence id 0 carrying COM_QUERY (0x03) or
 *   COM_STMT_EXECUTE (0x17) — a command, not a handshake packet.
 *
 * Client → server bytes are parsed; the rest is piped through untouched.
 */
export class StatementCounter {
  statements = 0;
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly engine: 'postgres' | 'mysql',
    private readonly target: { host: string; port: number },
  ) {
    this.server = net.createServer((client) => this.connect(client));
  }

  /** Starts a counter in front of the server of `url`; `url()` then gives the same URL through it. */
  static async start(url: string): Promise<StatementCounter & { url: string }> {
    const parsed = new URL(url);
    const engine = parsed.protocol.startsWith('postgres') ? 'postgres' : 'mysql';
    const counter = new StatementCounter(engine, {
      host: parsed.hostname,
      port: Number(parsed.port) || (engine === 'postgres' ? 5432 : 3306),
    });
    await new Promise<void>((resolve) => counter.server.listen(0, '127.0.0.1', resolve));
    parsed.hostname = '127.0.0.1';
    parsed.port = String((counter.server.address() as net.AddressInfo).port);
    return Object.assign(counter, { url: parsed.toString() });
  }

  private connect(client: net.Socket): void {
    const upstream = net.connect(this.target.port, this.target.host);
    this.sockets.add(client).add(upstream);
    let buffer = Buffer.alloc(0);
    let started = this.engine === 'mysql'; // PostgreSQL's first messages (startup, SSL request) have no type byte
    client.on('data', (chunk) => {
      upstream.write(chunk);
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (this.engine === 'postgres') {
          if (!started) {
            if (buffer.length < 8) break;
            const length = buffer.readInt32BE(0);
            if (buffer.length < length) break;
            const code = buffer.readInt32BE(4);
            // An SSL or GSS encryption request is followed by another startup message.
            if (code !== 80877103 && code !== 80877104) started = true;
            buffer = buffer.subarray(length);
            continue;
          }
          if (buffer.length < 5) break;
          const length = buffer.readInt32BE(1);
          if (buffer.length < 1 + length) break;
          const type = String.fromCharCode(buffer[0]!);
          if (type === 'Q' || type === 'E') this.statements += 1;
          buffer = buffer.subarray(1 + length);
        } else {
          if (buffer.length < 4) break;
          const length = buffer.readUIntLE(0, 3);
          if (buffer.length < 4 + length) break;
          const sequence = buffer[3];
          const command = buffer[4];
          if (sequence === 0 && (command === 0x03 || command === 0x17)) this.statements += 1;
          buffer = buffer.subarray(4 + length);
        }
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
