import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { createCache, MemoryCache, RedisCache } from './cache';

/** A logger whose lines the test can read. */
function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

describe('createCache', () => {
  it('falls back to an in-process LRU, with a warning saying how to start Redis, when none answers and REDIS_URL is unset', async () => {
    const { logger, lines } = capturingLogger();
    const cache = await createCache({ fallbackUrl: 'redis://127.0.0.1:1' }, logger);
    expect(cache.kind).toBe('memory');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        msg: expect.stringContaining('using an in-process LRU cache (start Redis with `redis-server'),
      }),
    ]);
    await cache.close();
  });

  it('uses the local Redis when it answers, and an explicit REDIS_URL even while it is down', async () => {
    const { logger } = capturingLogger();
    const local = await createCache({ fallbackUrl: TEST_ENV.REDIS_URL! }, logger);
    expect(local.kind).toBe('redis');
    await local.close();
    const explicit = await createCache({ url: 'redis://127.0.0.1:1', fallbackUrl: TEST_ENV.REDIS_URL! }, logger);
    expect(explicit.kind).toBe('redis');
    await explicit.close();
  });
});

describe.each([
  [
    'RedisCache',
    async () => {
      const cache = RedisCache.connect(TEST_ENV.REDIS_URL!, pino({ level: 'silent' }), `test:${randomUUID()}:`);
      await cache.ready();
      return cache;
    },
  ],
  ['MemoryCache', async () => new MemoryCache()],
])('%s', (_name, make) => {
  it('stores with a TTL, deletes, and expires', async () => {
    const cache = await make();
    try {
      await cache.set('a', '1', 1);
      await cache.set('b', '2', 60);
      expect([await cache.get('a'), await cache.get('b'), await cache.get('c')]).toEqual(['1', '2', undefined]);
      await cache.delete(['b', 'never-set']);
      expect(await cache.get('b')).toBeUndefined();
      await new Promise((r) => setTimeout(r, 1100));
      expect(await cache.get('a')).toBeUndefined();
    } finally {
      await cache.close();
    }
  });
});

/** One argument list of a MONITOR line (`"set" "k\\"ey" "v\\x00"`): quoted, with sdscatrepr's escapes. */
function monitorArgs(text: string): string[] {
  const args: string[] = [];
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b' };
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    let arg = '';
    for (i++; i < text.length && text[i] !== '"'; i++) {
      if (text[i] !== '\\') arg += text[i];
      else if (text[++i] === 'x') {
        arg += String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16));
        i += 2;
      } else arg += escapes[text[i]!] ?? text[i];
    }
    args.push(arg);
  }
  return args;
}

/**
 * MONITOR on a plain socket: calls `onCommand` with each command the server runs and where it came from (a client's
 * address, or `lua` for a script's calls); resolves once the server has answered MONITOR (every later command is
 * reported). Not ioredis's monitor(): under the traffic of other suites beside this one, its connection could read
 * the first reported commands before it knew it was monitoring, and fail with "Command queue state error".
 */
function openMonitor(url: string, onCommand: (args: string[], source: string) => void): Promise<Socket> {
  const { hostname, port, password, username } = new URL(url);
  const command = (...args: string[]) =>
    `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    let buffered = '';
    let acknowledged = 0;
    const expected = password ? 2 : 1;
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('connect', () => {
      if (password)
        socket.write(
          username
            ? command('AUTH', decodeURIComponent(username), decodeURIComponent(password))
            : command('AUTH', decodeURIComponent(password)),
        );
      socket.write(command('MONITOR'));
    });
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let end: number;
      while ((end = buffered.indexOf('\r\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (line.startsWith('-')) return reject(new Error(`MONITOR refused: ${line.slice(1)}`));
        if (acknowledged < expected) {
          if (line === '+OK' && ++acknowledged === expected) resolve(socket);
          continue;
        }
        const reported = /^\+[\d.]+ \[\d+ ([^\]]+)\] (.*)$/.exec(line);
        if (reported) onCommand(monitorArgs(reported[2]!), reported[1]!);
      }
    });
  });
}

describe('RedisCache.setMany', () => {
  let cache: RedisCache;
  let monitor: Socket | undefined;
  const prefix = `test:${randomUUID()}:`;
  /** The commands clients sent that name this test's keys (MONITOR sees every one; those a script ran say `lua`). */
  const seen: string[][] = [];
  beforeAll(async () => {
    cache = RedisCache.connect(TEST_ENV.REDIS_URL!, pino({ level: 'silent' }), prefix);
    await cache.ready();
    monitor = await openMonitor(TEST_ENV.REDIS_URL!, (args, source) => {
      if (source !== 'lua' && args.some((a) => a.startsWith(prefix))) seen.push(args);
    });
  });
  /**
   * Waits until MONITOR has passed on every command this cache sent before the call: a marker read on the cache's
   * connection runs after them, and MONITOR reports in the order the server ran (a fixed wait was too short once).
   */
  async function monitored() {
    const marker = `${prefix}marker:${randomUUID()}`;
    await cache.redis.get(marker);
    const until = Date.now() + 10_000;
    while (!seen.some((args) => args.includes(marker))) {
      if (Date.now() > until) throw new Error('MONITOR did not report a marker command within 10 s');
      await new Promise((r) => setTimeout(r, 5));
    }
    seen.splice(0, seen.length, ...seen.filter((args) => !args.includes(marker)));
  }
  afterAll(async () => {
    monitor?.destroy();
    await cache?.close();
  });

  it('writes many entries and every tag they carry in one command, the tags lasting as long as their longest entry', async () => {
    await monitored();
    seen.length = 0;
    await cache.setMany([
      { key: 'a', value: 'value a', ttlSeconds: 60, tags: ['customer:1', 'record:crm:1'] },
      { key: 'b', value: 'value b', ttlSeconds: 120, tags: ['customer:1', 'record:web:2'] },
      { key: 'c', value: 'value c', ttlSeconds: 30, tags: ['customer:2'] },
    ]);
    await monitored();
    // One script run (EVALSHA, or EVAL where this server did not know the script yet: MONITOR lists no failed call).
    expect(seen).toHaveLength(1);
    expect(['eval', 'evalsha']).toContain(seen[0]![0]!.toLowerCase());
    expect(await cache.getMany(['a', 'b', 'c', 'd'])).toEqual(['value a', 'value b', 'value c', undefined]);
    // TTLs in whole seconds, read a moment after the write: within 2 s of what was asked (a loaded machine's moment).
    const ttl = (key: string) => cache.redis.ttl(prefix + key);
    const ttls = async (keys: string[]) => Promise.all(keys.map(ttl));
    for (const [got, want] of [
      [await ttls(['a', 'b', 'c']), [60, 120, 30]],
      [await ttls(['tag:customer:1', 'tag:record:crm:1', 'tag:customer:2']), [120, 60, 30]],
    ] as const)
      got.forEach((seconds, i) => {
        expect(seconds).toBeGreaterThan(want[i]! - 2);
        expect(seconds).toBeLessThanOrEqual(want[i]!);
      });
    // A later, shorter-lived entry never shortens a tag's life.
    await cache.setMany([{ key: 'e', value: 'value e', ttlSeconds: 5, tags: ['customer:1'] }]);
    expect(await ttl('tag:customer:1')).toBeGreaterThan(110);
    expect(await cache.invalidateTags(['customer:1'])).toBe(3);
    expect(await cache.getMany(['a', 'b', 'c', 'e'])).toEqual([undefined, undefined, 'value c', undefined]);
    expect(await cache.invalidateTags(['record:web:2', 'customer:2'])).toBe(1);
  });

  it('writes entries without tags, and nothing at all for an empty batch', async () => {
    await monitored();
    seen.length = 0;
    await cache.setMany([]);
    await cache.setMany([{ key: 'plain', value: 'v', ttlSeconds: 10 }]);
    await monitored();
    expect(seen).toHaveLength(1);
    expect(await cache.get('plain')).toBe('v');
  });

  it('writes a batch when the server has forgotten its script (SCRIPT FLUSH: it is sent whole again)', async () => {
    await cache.setMany([{ key: 'before-flush', value: 'v', ttlSeconds: 10, tags: ['flush'] }]);
    await cache.redis.script('FLUSH');
    await cache.setMany([{ key: 'after-flush', value: 'w', ttlSeconds: 10, tags: ['flush'] }]);
    expect(await cache.get('after-flush')).toBe('w');
    expect(await cache.invalidateTags(['flush'])).toBe(2);
  });
});

describe('RedisCache while Redis is down', () => {
  it('misses on read and drops writes without throwing, and warns once', async () => {
    const { logger, lines } = capturingLogger();
    const cache = RedisCache.connect('redis://127.0.0.1:1', logger);
    try {
      await expect(cache.set('k', 'v', 10)).resolves.toBeUndefined();
      await expect(cache.get('k')).resolves.toBeUndefined();
      await expect(cache.delete(['k'])).resolves.toBeUndefined();
      expect(lines.filter((l) => l.msg === 'Redis unavailable: serving uncached')).toHaveLength(1);
    } finally {
      await cache.close();
    }
  });
});
