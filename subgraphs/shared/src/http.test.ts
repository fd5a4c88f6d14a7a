import express from 'express';
import { configureShutdown, listen } from './http';

/**
 * Graceful shutdown: a stopping server takes no new connections, lets the
 * requests in flight finish within the drain deadline (SHUTDOWN_DRAIN_MS),
 * cuts the ones that outlast it, and only then releases what requests use.
 */
function slowApp(ms: number, events: string[] = []) {
  const app = express();
  app.get('/slow', (_req, res) => {
    res.on('finish', () => events.push('responded'));
    const timer = setTimeout(() => res.json({ done: true }), ms);
    res.on('close', () => clearTimeout(timer));
  });
  return app;
}

afterEach(() => configureShutdown({ drainMs: 2000 }));

describe('listen().stop()', () => {
  it('lets a request in flight finish before it stops, and releases resources after it', async () => {
    configureShutdown({ drainMs: 5000 });
    const events: string[] = [];
    const server = await listen('test', slowApp(600, events), '127.0.0.1', 0, '', async () => {
      events.push('released');
    });
    const base = server.url;
    const inFlight = fetch(`${base}/slow`).then(async (res) => ({ status: res.status, body: await res.json() }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = server.stop().then(() => events.push('stopped'));
    expect(await inFlight).toEqual({ status: 200, body: { done: true } });
    await stopped;
    expect(events).toEqual(['responded', 'released', 'stopped']);
    // No new connections once stopping.
    await expect(fetch(`${base}/slow`)).rejects.toThrow();
  });

  it('cuts the requests that outlast the drain deadline', async () => {
    configureShutdown({ drainMs: 300 });
    const server = await listen('test', slowApp(10_000), '127.0.0.1', 0);
    const inFlight = fetch(`${server.url}/slow`).then(
      (res) => res.status,
      () => 'cut',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await server.stop();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await inFlight).toBe('cut');
  });
});
