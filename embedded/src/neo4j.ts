import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import neo4j, { type Driver } from 'neo4j-driver';
import type { Logger } from '@c360/kit/logger';
import type { Exit } from './supervisor';

export const LAUNCHER_DIR = path.join(__dirname, '..', 'neo4j-launcher');

export interface BundledNeo4j {
  uri: string;
  /** True when this process started the server (and so stops it). */
  started: boolean;
  /** Process id of the running JVM; null when this process did not start it, or it is down. */
  readonly pid: number | null;
  /**
   * Called when the server dies without `stop()` (a crash, a kill): it is
   * also logged as an error. A supervisor calls `restart()` from here.
   */
  onExit(listener: (exit: { code: number | null; signal: NodeJS.Signals | null }) => void): void;
  /** Starts the server again on the same port and data (stops it first when it still runs); resolves when it is ready. */
  restart(): Promise<void>;
  /**
   * Settles at the first death of the JVM this call started (a crash, a kill), never after `stop()` or for
   * a reused server: what a supervisor awaits before it starts the server again.
   */
  exited: Promise<Exit>;
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
    return {
      uri,
      started: false,
      pid: null,
      onExit: () => {},
      restart: async () => {},
      exited: new Promise<Exit>(() => {}),
      stop: async () => {},
    };
  }
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  let firstDeath!: (exit: Exit) => void;
  const exited = new Promise<Exit>((resolve) => (firstDeath = resolve));
  const listeners: ((exit: { code: number | null; signal: NodeJS.Signals | null }) => void)[] = [firstDeath];
  let child: ChildProcess | null = null;
  let stopping = false;
  const launch = async () => {
    // A start after stop() (the bulk load stops the server for Neo4j's importer) is supervised again.
    stopping = false;
    logger.info({ uri, dataDir }, 'starting bundled Neo4j (the first run builds the launcher with Maven)');
    const launched = spawn(
      'bash',
      [path.join(LAUNCHER_DIR, 'run.sh'), '--port', String(port), '--data-dir', dataDir, '--exit-on-stdin-close'],
      {
        cwd: LAUNCHER_DIR,
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, NEO4J_LISTEN_ADDRESS: '127.0.0.1' },
      },
    );
    child = launched;
    await waitForReady(launched, options.timeoutMs ?? 300_000, logger);
    // From now on an exit nobody asked for is a death: said, and told to whoever supervises.
    launched.once('exit', (code, signal) => {
      if (child === launched) child = null;
      if (stopping) return;
      logger.error({ uri, code, signal, pid: launched.pid }, 'bundled Neo4j exited unexpectedly');
      for (const listener of listeners) listener({ code, signal });
    });
    logger.info({ uri, pid: launched.pid }, 'bundled Neo4j ready');
  };
  await launch();
  return {
    uri,
    started: true,
    exited,
    get pid() {
      return child?.pid ?? null;
    },
    onExit: (listener) => {
      listeners.push(listener);
    },
    async restart() {
      if (child) {
        stopping = true;
        await stopChild(child).finally(() => {
          stopping = false;
        });
      }
      await launch();
    },
    async stop() {
      stopping = true;
      if (child) await stopChild(child);
    },
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

/** Files for Neo4j's bulk importer: nodes of one label or relationships of one type, each a CSV with a header. */
export interface ImportFiles {
  nodes: { label: string; file: string }[];
  relationships: { type: string; file: string }[];
  /** Some value holds a line break (the importer then reads the files on one thread). */
  multiline: boolean;
}

/**
 * Replaces the `neo4j` database of a bundled Neo4j data dir with the given
 * files, through Neo4j's own bulk importer (`neo4j-admin database import
 * full`, integer ids, no bad entry tolerated). The server on that data dir
 * must be stopped. `onLine` gets the importer's output lines (its phases and
 * progress); a failure throws with the importer's last lines.
 */
export async function importIntoBundledNeo4j(
  dataDir: string,
  files: ImportFiles,
  onLine: (line: string) => void = () => {},
): Promise<void> {
  const home = path.resolve(dataDir);
  const args = [
    path.join(LAUNCHER_DIR, 'import.sh'),
    '--data-dir',
    home,
    // The database first: --nodes and --relationships take several files each, and would take it for one.
    'neo4j',
    '--id-type=integer',
    '--overwrite-destination=true',
    '--bad-tolerance=0',
    '--strict=true',
    `--multiline-fields=${files.multiline}`,
    `--report-file=${path.join(home, 'logs', 'import.report')}`,
    ...files.nodes.map((n) => `--nodes=${n.label}=${n.file}`),
    ...files.relationships.map((r) => `--relationships=${r.type}=${r.file}`),
  ];
  mkdirSync(path.join(home, 'logs'), { recursive: true });
  const child = spawn('bash', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      onLine(line);
    });
  }
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c) => resolve(c));
  });
  if (code !== 0) {
    throw new Error(
      `Neo4j's importer exited with code ${code}:\n${tail.join('\n')}\n` +
        'Check that Java 17 and Maven are installed and that no server runs on this data dir. The import replaces ' +
        `the neo4j database and may have left it unusable: remove ${path.join(home, 'data', 'databases', 'neo4j')} and ` +
        `${path.join(home, 'data', 'transactions', 'neo4j')} (a bulk load only loads an empty graph), then run it again.`,
    );
  }
}

/**
 * A bundled Neo4j this process started, as a bulk load drives it (subgraphs/identity/src/bulk-load.ts, its
 * BulkTarget): stopped for Neo4j's importer on its data dir, then started again with a new driver, since the
 * imported database has none of the transactions the old driver's bookmarks name.
 */
export function bundledImportTarget(server: BundledNeo4j, dataDir: string) {
  const connect = () => neo4j.driver(server.uri, undefined, { disableLosslessIntegers: true });
  let current = connect();
  return {
    driver: (): Driver => current,
    stop: async () => {
      await current.close();
      await server.stop();
    },
    importFiles: (files: ImportFiles) => importIntoBundledNeo4j(dataDir, files),
    start: async () => {
      await server.restart();
      current = connect();
    },
  };
}
