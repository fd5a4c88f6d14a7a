import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { migrate, MigrationError, migrationFiles } from './migrations';
import { createTestPgSchema, type TestPgSchema } from '@c360/kit/testing';

let db: TestPgSchema;

beforeAll(async () => {
  db = await createTestPgSchema(TEST_ENV.CONSENT_DATABASE_URL!, 'consent');
});

afterAll(async () => {
  await db.drop();
});

describe('consent register migrations', () => {
  it('apply once even when replicas start together, and are recorded in consent_schema_migrations', async () => {
    const versions = migrationFiles().map((f) => f.replace(/\.sql$/, ''));
    expect(versions[0]).toBe('0001_consent_register');
    // Three replicas on their own connections, at the same time: one applies, the others find it done.
    const pools = [1, 2, 3].map(() => new Pool({ connectionString: db.url, max: 1 }));
    try {
      const applied = await Promise.all(pools.map((pool) => migrate(pool)));
      expect(applied.flat()).toEqual(versions);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
    const { rows } = await db.pool.query('SELECT version FROM consent_schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(versions);
    expect(await migrate(db.pool)).toEqual([]);
  });

  it('rolls back a migration the database refuses and names it, keeping the ones before', async () => {
    const other = await createTestPgSchema(TEST_ENV.CONSENT_DATABASE_URL!, 'consent');
    const dir = mkdtempSync(path.join(tmpdir(), 'consent-migrations-'));
    try {
      writeFileSync(path.join(dir, '0001_first.sql'), 'CREATE TABLE first_table (id int);');
      writeFileSync(path.join(dir, '0002_broken.sql'), 'CREATE TABLE half_done (id int); SELEC 1;');
      const failure = await migrate(other.pool, undefined, dir).catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(MigrationError);
      expect((failure as MigrationError).message).toMatch(/^consent migration 0002_broken failed: syntax error/);
      const { rows } = await other.pool.query(
        `SELECT (SELECT array_agg(version) FROM consent_schema_migrations) AS versions,
                to_regclass('half_done') IS NULL AS rolled_back`,
      );
      expect(rows).toEqual([{ versions: ['0001_first'], rolled_back: true }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await other.drop();
    }
  });
});
