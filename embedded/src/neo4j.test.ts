import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { boltAnswers, startBundledNeo4j, type BundledNeo4j } from './neo4j';
import { freePort } from '@c360/test-setup/ports';

/**
 * The bundled Neo4j dies (killed): its death is detected, logged and told to
 * whoever supervises it, and it can be started again on the same port and
 * data. A server of the test's own, in a temporary folder: never the test Neo4j.
 */
let neo4j: BundledNeo4j | undefined;

/** A JSON logger that keeps its lines, to read what was logged. */
function capturingLogger(level: string) {
  const lines: Record<string, any>[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'c360-neo4j-restart-'));

afterAll(async () => {
  await neo4j?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('bundled Neo4j', () => {
  it('says when it dies, and starts again on the same port', async () => {
    const { logger, lines } = capturingLogger('info');
    neo4j = await startBundledNeo4j({ port: await freePort(), dataDir, logger });
    expect(await boltAnswers(neo4j.uri)).toBe(true);
    const pid = neo4j.pid!;
    const died = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      neo4j!.onExit(resolve),
    );
    process.kill(pid, 'SIGKILL');
    expect(await died).toEqual({ code: null, signal: 'SIGKILL' });
    expect(lines.filter((l) => l.msg === 'bundled Neo4j exited unexpectedly').map((l) => [l.pid, l.signal])).toEqual([
      [pid, 'SIGKILL'],
    ]);
    expect(neo4j.pid).toBeNull();
    expect(await boltAnswers(neo4j.uri)).toBe(false);

    await neo4j.restart();
    expect(await boltAnswers(neo4j.uri)).toBe(true);
    expect(neo4j.pid).not.toBe(pid);
    // A stop asked for is no death.
    await neo4j.stop();
    expect(lines.filter((l) => l.msg === 'bundled Neo4j exited unexpectedly')).toHaveLength(1);
  }, 600_000);
});
