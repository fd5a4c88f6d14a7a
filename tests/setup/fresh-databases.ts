import { rmSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { Client } from 'pg';
import type { DatabaseSpec } from '@c360/embedded/services';

/**
 * Drops a test run's databases and the seed's files (`paths`: the ground truth, till exports, help-desk file), so that the run starts from nothing, whatever an earlier run (another checkout, another lane plan) left:
 * `npm test`'s full runs do (TEST_FRESH_DATABASES=1), so that no suite depends on which suites ran before it.
 */
export async function dropTestDatabases(specs: DatabaseSpec[], paths: string[]): Promise<void> {
  for (const spec of specs) {
    const url = new URL(spec.url);
    const name = decodeURIComponent(url.pathname.slice(1));
    if (!name.includes('test')) throw new Error(`refusing to drop ${name}: not a test database (its name says test)`);
    if (spec.engine === 'postgresql') {
      url.pathname = '/postgres';
      const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    } else {
      url.pathname = '/';
      const connection = await mysql.createConnection({ uri: url.toString(), connectTimeout: 3000 });
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${name.replace(/`/g, '``')}\``);
      } finally {
        await connection.end();
      }
    }
  }
  for (const file of paths) rmSync(file, { recursive: true, force: true });
}
