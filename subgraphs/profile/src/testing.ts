import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

/** A PostgreSQL schema of its own in the test database, and a URL whose connections use it. */
export interface TestSchema {
  /** The database URL with `search_path` set to the schema: give it to the subgraph or a pool. */
  url: string;
  /** A pool on `url`, for the test's own SQL. */
  pool: Pool;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/** An empty schema in the test database for one test file, so that runs never see each other's rules. */
export async function createTestSchema(databaseUrl: string): Promise<TestSchema> {
  const schema = `profile_test_${randomUUID().slice(0, 8)}`;
  const admin = new Pool({ connectionString: databaseUrl, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const pool = new Pool({ connectionString: url, max: 2 });
  return {
    url,
    pool,
    async drop() {
      await pool.end();
      try {
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}
