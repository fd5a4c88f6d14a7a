import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FREE_PORTS } from '@c360/embedded/config';
import { TEST_DEFAULTS, testDatabaseUrl } from './test-defaults';

/**
 * The folder of a test run's files (the test Neo4j's data, the till exports, the help desk's data file, the ground
 * truth, screenshots), relative to the repository root. TEST_DATA_DIR moves it, so that two test runs of one checkout
 * (CI's Node 22 pass beside its Node 20 one) keep apart, as their TEST_* databases, Redis and Neo4j port do.
 */
export const TEST_DATA_DIR = process.env.TEST_DATA_DIR ?? TEST_DEFAULTS.dataDir;

/**
 * The environment tests run against: the real local services, with their own
 * databases (c360_test_*) and their own bundled Neo4j (port 7688, data under
 * .data/test), so that a test run never touches the demo data of `npm start`.
 */
export const TEST_ENV: Record<string, string> = {
  C360_MODE: 'development',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  HOST: '127.0.0.1',
  ...FREE_PORTS,
  CRM_DATABASE_URL: testDatabaseUrl('CRM'),
  COMMERCE_DATABASE_URL: testDatabaseUrl('COMMERCE'),
  WEB_DATABASE_URL: testDatabaseUrl('WEB'),
  SURVEYS_DATABASE_URL: testDatabaseUrl('SURVEYS'),
  CONSENT_DATABASE_URL: testDatabaseUrl('CONSENT'),
  PROFILE_DATABASE_URL: testDatabaseUrl('PROFILE'),
  PRIVACY_DATABASE_URL: testDatabaseUrl('PRIVACY'),
  STORES_EXPORT_DIR: `${TEST_DATA_DIR}/stores/till-exports`,
  HELPDESK_DATA_PATH: `${TEST_DATA_DIR}/helpdesk/helpdesk.json`,
  NEO4J_BOLT_PORT: process.env.TEST_NEO4J_BOLT_PORT ?? TEST_DEFAULTS.neo4jBoltPort,
  NEO4J_DATA_DIR: `${TEST_DATA_DIR}/neo4j`,
  REDIS_URL: process.env.TEST_REDIS_URL ?? TEST_DEFAULTS.redisUrl,
  // The PII-read audit spool of each test file's gateways: never delivered to another file's privacy database.
  AUDIT_SPOOL_DIR: mkdtempSync(path.join(tmpdir(), 'c360-test-audit-')),
  DEMO_PEOPLE: '1000',
};

export const TEST_NEO4J_URI = process.env.TEST_NEO4J_URI ?? `bolt://127.0.0.1:${TEST_ENV.NEO4J_BOLT_PORT}`;
export const TEST_TRUTH_PATH = path.join(__dirname, '..', '..', TEST_DATA_DIR, 'ground-truth.json');

/** The test environment merged over the given overrides (for config loaders). */
export function testEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return { ...TEST_ENV, NEO4J_URI: TEST_NEO4J_URI, ...overrides };
}
