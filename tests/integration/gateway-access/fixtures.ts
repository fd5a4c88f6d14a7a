import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';

/**
 * A stand-in in front of a subgraph that forwards every request with all its
 * headers (so that the gateway's signature reaches the subgraph), counts the
 * GraphQL requests and keeps the last one's headers. It passes the subgraph's
 * Cache-Control on only when asked (`cacheControl`), so that the gateway caches
 * nothing behind it unless the test is about caching. In `inject` mode it
 * answers `injected` itself, as a subgraph with a bad day would.
 */
export interface Relay {
  url: string;
  calls: number;
  lastHeaders: http.IncomingHttpHeaders;
  mode: 'pass' | 'inject';
  injected: unknown;
  close(): Promise<void>;
}

export async function startRelay(target: string, options: { cacheControl?: boolean } = {}): Promise<Relay> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method === 'POST') {
      relay.calls += 1;
      relay.lastHeaders = req.headers;
    }
    if (relay.mode === 'inject') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(relay.injected));
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name)) headers[name] = value;
    }
    try {
      const upstream = await fetch(new URL(req.url ?? '/', target), {
        method: req.method,
        headers,
        body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
      });
      const cacheControl = options.cacheControl ? upstream.headers.get('cache-control') : null;
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'application/json',
        ...(cacheControl ? { 'cache-control': cacheControl } : {}),
      });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch (err) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end((err as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relay: Relay = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    calls: 0,
    lastHeaders: {},
    mode: 'pass',
    injected: null,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return relay;
}

/** A JSON logger that keeps its lines, to read what the gateway logged. */
export function capturingLogger(level = 'info') {
  const lines: Record<string, any>[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** POSTs a GraphQL request body as is, with headers; returns status, headers and parsed body. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, body: json };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}
