import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** POSTs a GraphQL operation to `url` the way a client does, and returns the parsed body and status. */
export async function postGraphQL<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T> & { status: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResponse<T>;
  return { ...body, status: response.status };
}

/** A source-system name no other test uses, so that Neo4j tests never see each other's nodes. */
export function uniqueSystem(prefix = 'test'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A PostgreSQL schema of its own in a test database, and a URL whose connections use it. */
export interface TestPgSchema {
  /** The database URL with `search_path` set to the schema: give it to the subgraph or a pool. */
  url: string;
  schema: string;
  /** A pool on `url`, for the test's own SQL. */
  pool: Pool;
  /** Drops the schema and everything in it (dropping is not one of the row changes an append-only table refuses). */
  drop(): Promise<void>;
}

/**
 * Creates an empty schema in the test database for one test file, named
 * `<prefix>_test_<random>`, so that runs never see each other's rows and a
 * subgraph whose history cannot be deleted (the consent register) can still be
 * cleaned up: each run migrates its own schema and drops it afterwards.
 */
export async function createTestPgSchema(databaseUrl: string, prefix: string, poolSize = 4): Promise<TestPgSchema> {
  const schema = `${prefix}_test_${randomUUID().slice(0, 8)}`;
  const admin = new Pool({ connectionString: databaseUrl, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = `${databaseUrl}${databaseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const pool = new Pool({ connectionString: url, max: poolSize });
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
