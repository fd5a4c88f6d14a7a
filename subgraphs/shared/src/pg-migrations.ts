import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';

/**
 * Versioned SQL migrations for the PostgreSQL databases c360 owns (the
 * consent register, the profile subgraph's rules and segments): files
 * `NNNN_name.sql` in one folder, applied in order at start, each once and in
 * its own transaction together with its row in `<name>_schema_migrations`;
 * replicas starting together take turns through an advisory lock.
 */
export interface MigrationSet {
  /** Owner of the migrations, e.g. `consent`: names the history table and the errors. */
  name: string;
  /** Folder of the `NNNN_name.sql` files. */
  dir: string;
  /** Advisory lock id held while migrating; one per migration set. */
  lockId: number;
}

/** A migration that the database refused: a defect to fix, unlike the database being unreachable. */
export class MigrationError extends Error {
  constructor(
    readonly version: string,
    cause: unknown,
    owner = 'database',
  ) {
    super(`${owner} migration ${version} failed: ${(cause as Error).message}`, { cause });
    this.name = 'MigrationError';
  }
}

/** The migration files of a folder, in the order they apply: `NNNN_name.sql`. */
export function migrationFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort();
}

/**
 * Applies the migrations of `set` that the database has not recorded yet.
 * Returns the versions applied by this call (none when the schema is current).
 * `onQuery` is called on every round trip, for a source's query counter.
 */
export async function migrate(pool: Pool, set: MigrationSet, onQuery: () => void = () => {}): Promise<string[]> {
  if (!/^[a-z][a-z0-9_]*$/.test(set.name)) {
    throw new TypeError(`Expected a migration set name like consent (lower case, digits, _), received "${set.name}"`);
  }
  const history = `${set.name}_schema_migrations`;
  const client = await pool.connect();
  const query = (sql: string, values?: unknown[]) => {
    onQuery();
    return client.query(sql, values);
  };
  let broken = false;
  try {
    await query('SELECT pg_advisory_lock($1)', [set.lockId]);
    try {
      await query(
        `CREATE TABLE IF NOT EXISTS ${history} (
           version text PRIMARY KEY,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const { rows } = await query(`SELECT version FROM ${history}`);
      const done = new Set(rows.map((r: { version: string }) => r.version));
      const applied: string[] = [];
      for (const file of migrationFiles(set.dir)) {
        const version = file.replace(/\.sql$/, '');
        if (done.has(version)) continue;
        await query('BEGIN');
        try {
          await query(readFileSync(path.join(set.dir, file), 'utf8'));
          await query(`INSERT INTO ${history} (version) VALUES ($1)`, [version]);
          await query('COMMIT');
        } catch (err) {
          await query('ROLLBACK').catch(() => {});
          throw new MigrationError(version, err, set.name);
        }
        applied.push(version);
      }
      return applied;
    } finally {
      await query('SELECT pg_advisory_unlock($1)', [set.lockId]);
    }
  } catch (err) {
    broken = true;
    throw err;
  } finally {
    // A connection that failed mid-way is dropped (which also frees the lock) rather than reused.
    client.release(broken);
  }
}
