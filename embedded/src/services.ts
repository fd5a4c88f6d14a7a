import { readFileSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { Client } from 'pg';
import type { Logger } from '@c360/kit/logger';

const DEMO_SOURCES = path.join(__dirname, '..', '..', 'demo', 'sources');

/** How to start each local service when it is down (the services of a machine like this one). */
export const START_COMMANDS = {
  postgresql: 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
  mariadb: 'start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd',
  redis: 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
} as const;

export class ServiceUnavailableError extends Error {
  constructor(service: keyof typeof START_COMMANDS, url: string, cause: unknown) {
    super(
      `${service} is not reachable at ${redact(url)} (${(cause as Error).message || String(cause)}).\n` +
        `Start it with:\n  ${START_COMMANDS[service]}\nor point the URL variable at a running server.`,
    );
    this.name = 'ServiceUnavailableError';
  }
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/**
 * Makes sure a database exists in PostgreSQL, with its schema when one is given.
 * The database named in `url` is created from the server's `postgres` database.
 */
export async function ensurePostgresDatabase(
  url: string,
  schemaFile: string | undefined,
  logger: Logger,
): Promise<void> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (err) {
    throw new ServiceUnavailableError('postgresql', url, err);
  }
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
      logger.info({ database }, 'created PostgreSQL database');
    }
  } finally {
    await client.end();
  }
  if (!schemaFile) return;
  const db = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await db.connect();
  try {
    await db.query(readFileSync(schemaFile, 'utf8'));
  } finally {
    await db.end();
  }
}

/** Makes sure a database exists in MariaDB, with its schema when one is given. */
export async function ensureMariaDbDatabase(
  url: string,
  schemaFile: string | undefined,
  logger: Logger,
): Promise<void> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/';
  let connection: mysql.Connection;
  try {
    connection = await mysql.createConnection({
      uri: admin.toString(),
      connectTimeout: 3000,
      multipleStatements: true,
    });
  } catch (err) {
    throw new ServiceUnavailableError('mariadb', url, err);
  }
  try {
    const [result] = await connection.query(`CREATE DATABASE IF NOT EXISTS \`${database.replace(/`/g, '``')}\``);
    if ((result as mysql.ResultSetHeader).warningStatus === 0) logger.info({ database }, 'created MariaDB database');
    if (schemaFile) {
      await connection.query(`USE \`${database.replace(/`/g, '``')}\``);
      await connection.query(readFileSync(schemaFile, 'utf8'));
    }
  } finally {
    await connection.end();
  }
}

/** A database the product needs: its engine, its URL and, for demo sources, the schema to apply. */
export interface DatabaseSpec {
  engine: 'postgresql' | 'mariadb';
  url: string;
  /** SQL applied on every start (idempotent: CREATE … IF NOT EXISTS). Omitted when the owner migrates it itself. */
  schemaFile?: string;
}

/** The schema a demo source keeps in demo/sources/<name>/schema.sql. */
export const demoSchema = (source: string) => path.join(DEMO_SOURCES, source, 'schema.sql');

/** The databases of the embedded product, by name, from its settings. */
export function productDatabases(urls: {
  crm: string;
  commerce: string;
  web: string;
  surveys: string;
  consent: string;
  profile: string;
  privacy: string;
}): Record<string, DatabaseSpec> {
  return {
    crm: { engine: 'postgresql', url: urls.crm, schemaFile: demoSchema('crm') },
    commerce: { engine: 'mariadb', url: urls.commerce, schemaFile: demoSchema('commerce') },
    web: { engine: 'postgresql', url: urls.web, schemaFile: demoSchema('web') },
    surveys: { engine: 'mariadb', url: urls.surveys, schemaFile: demoSchema('surveys') },
    // The consent register is the product's own data: its subgraph migrates it at start.
    consent: { engine: 'postgresql', url: urls.consent },
    // The profile subgraph's rules and segments: migrated by the subgraph too.
    profile: { engine: 'postgresql', url: urls.profile },
    // Erasure jobs and the PII-read audit: migrated by the privacy subgraph.
    privacy: { engine: 'postgresql', url: urls.privacy },
  };
}

/** Creates every database that is missing and applies the demo sources' schemas. */
export async function ensureDemoDatabases(databases: Record<string, DatabaseSpec>, logger: Logger): Promise<void> {
  for (const spec of Object.values(databases)) {
    if (spec.engine === 'postgresql') await ensurePostgresDatabase(spec.url, spec.schemaFile, logger);
    else await ensureMariaDbDatabase(spec.url, spec.schemaFile, logger);
  }
}
