import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import neo4j from 'neo4j-driver';
import type { Logger } from '@c360/kit/logger';

export const LAUNCHER_DIR = path.join(__dirname, '..', 'neo4j-launcher');

export interface BundledNeo4j {
  uri: string;
  /** True when this process started the server (and so stops it). */
  started: boolean;
  stop(): Promise<void>;
}

/** Whether a Bolt server answers at `uri` (auth off, as the bundled server runs on loopback). */
export async function boltAnswers(uri: string): Promise<boolean> {
  const driver = neo4j.driver(uri, undefined, { connectionTimeout: 1500, maxConnectionPoolSize: 1 });
  try {
    await driver.verifyConnectivity();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

/**
 * Starts the bundled Neo4j (the Java launcher in embedded/neo4j-launcher,
 * built with Maven on first use) on 127.0.0.1:`port`, or reuses a server that
 * already answers there. The JVM exits when this process does (the launcher
 * watches its stdin), so no orphan is left behind.
 */
export async function startBundledNeo4j(options: {
  port: number;
  dataDir: string;
  logger: Logger;
  /** @default 300000 (the first run builds the launcher and downloads Neo4j) */
  timeoutMs?: number;
}): Promise<BundledNeo4j> {
  const { port, logger } = options;
  const uri = `bolt://127.0.0.1:${port}`;
  if (await boltAnswers(uri)) {
    logger.info({ uri }, 'reusing the Neo4j server already listening');
    return { uri, started: false, stop: async () => {} };
  }
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  logger.info({ uri, dataDir }, 'starting bundled Neo4j (the first run builds the launcher with Maven)');
  const child = spawn(
    'bash',
    [path.join(LAUNCHER_DIR, 'run.sh'), '--port', String(port), '--data-dir', dataDir, '--exit-on-stdin-close'],
    {
      cwd: LAUNCHER_DIR,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NEO4J_LISTEN_ADDRESS: '127.0.0.1' },
    },
  );
  await waitForReady(child, options.timeoutMs ?? 300_000, logger);
  logger.info({ uri }, 'bundled Neo4j ready');
  return {
    uri,
    started: true,
    stop: () => stopChild(child),
  };
}

function waitForReady(child: ChildProcess, timeoutMs: number, logger: Logger): Promise<void> {
  return new Promise((resolve, reject) => {
    const stderr: string[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(
        new Error(
          `Neo4j did not become ready within ${timeoutMs / 1000}s. Last output:\n${stderr.slice(-20).join('\n')}`,
        ),
      );
    }, timeoutMs);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('NEO4J_READY')) {
        clearTimeout(timer);
        resolve();
      }
    });
    readline.createInterface({ input: child.stderr! }).on('line', (line) => {
      // The build step reports its progress (Maven build, first start) on stderr.
      if (line.startsWith('neo4j-launcher:')) logger.info(line);
      stderr.push(line);
      if (stderr.length > 200) stderr.shift();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `Neo4j launcher exited with code ${code} before it was ready:\n${stderr.slice(-20).join('\n')}\n` +
            'Check that Java 17 and Maven are installed (java -version, mvn -v), or set NEO4J_URI to use your own server.',
        ),
      );
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
