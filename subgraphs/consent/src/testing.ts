import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

/** A PostgreSQL schema of its own in the test database, and a URL whose connections use it. */
export interface TestRegisterSchema {
  /** The database URL with `search_path` set to the schema: give it to the subgraph or a pool. */
  url: string;
  schema: string;
  /** A pool on `url`, for the test's own SQL. */
  pool: Pool;
  /** Drops the schema and everything in it (dropping is not one of the row changes the register refuses). */
  drop(): Promise<void>;
}

/**
 * Creates an empty schema in the test database for one test file: the
 * register's history cannot be deleted (that is the point), so each run
 * migrates its own schema and drops it afterwards instead of deleting rows.
 */
export async function createTestRegisterSchema(databaseUrl: string): Promise<TestRegisterSchema> {
  const schema = `consent_test_${randomUUID().slice(0, 8)}`;
  const admin = new Pool({ connectionString: databaseUrl, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const pool = new Pool({ connectionString: url, max: 4 });
  return {
    url,
    schema,
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
