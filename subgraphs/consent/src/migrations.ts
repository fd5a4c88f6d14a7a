import path from 'node:path';
import type { Pool } from 'pg';
import { migrate as migrateSet, migrationFiles as filesOf, MigrationError } from '@c360/kit/pg-migrations';

export { MigrationError };

export const MIGRATIONS_DIR = path.join(__dirname, '..', 'migrations');

/** Advisory lock held while migrating, so that replicas starting together migrate one at a time. */
const MIGRATION_LOCK_ID = 360_2005;

/** The register's migration files, in the order they apply: `NNNN_name.sql`. */
export function migrationFiles(dir = MIGRATIONS_DIR): string[] {
  return filesOf(dir);
}

/**
 * Applies the register's versioned SQL migrations (see shared/src/pg-migrations.ts),
 * recorded in `consent_schema_migrations`. Returns the versions applied by this call.
 * `onQuery` is called on every round trip, for the register's query counter.
 */
export function migrate(pool: Pool, onQuery: () => void = () => {}, dir = MIGRATIONS_DIR): Promise<string[]> {
  return migrateSet(pool, { name: 'consent', dir, lockId: MIGRATION_LOCK_ID }, onQuery);
}
