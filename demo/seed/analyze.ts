/**
 * Fresh planner statistics after a bulk load.
 *
 * A seed writes a source's tables in one go: until statistics are gathered,
 * PostgreSQL (when autovacuum is off or has not come round yet) and MariaDB
 * (whose persistent statistics are recalculated in the background, later) plan
 * with the figures of the empty tables. On the survey tool seeded with 100,000
 * people that made the audience read of 1,000 customers take 2.9 s instead of
 * 15 ms: MariaDB read every survey's tokens before the few asked for. Like
 * `pg_restore`'s advice after a restore, every loader ends with this.
 */
import type { PoolClient } from 'pg';
import type { PoolConnection, RowDataPacket } from 'mysql2/promise';

/** `ANALYZE` of the given tables (schema-qualified where needed), or of the whole database, on a PostgreSQL connection. */
export async function analyzePostgres(client: Pick<PoolClient, 'query'>, tables?: readonly string[]): Promise<void> {
  await client.query(tables ? `ANALYZE ${tables.join(', ')}` : 'ANALYZE');
}

/**
 * `ANALYZE TABLE` of every base table of the connection's MariaDB/MySQL database; on MariaDB also its
 * engine-independent statistics (`PERSISTENT FOR ALL`: row counts and column histograms, which the
 * optimiser prefers to InnoDB's sampled ones and which nothing but ANALYZE writes).
 */
export async function analyzeMysql(conn: Pick<PoolConnection, 'query'>): Promise<void> {
  const [rows] = await conn.query<RowDataPacket[]>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'`,
  );
  const tables = rows.map((r) => `\`${String(r.name).replace(/`/g, '``')}\``);
  if (tables.length === 0) return;
  const [[version]] = await conn.query<RowDataPacket[]>('SELECT VERSION() AS v');
  const persistent = /mariadb/i.test(String(version?.v)) ? ' PERSISTENT FOR ALL' : '';
  // ANALYZE TABLE answers a result set per table (errors included, as rows): one that failed says so.
  const [results] = await conn.query<RowDataPacket[]>(`ANALYZE TABLE ${tables.join(', ')}${persistent}`);
  const failed = results.find((r) => r.Msg_type === 'error');
  if (failed) throw new Error(`ANALYZE TABLE ${String(failed.Table)} failed: ${String(failed.Msg_text)}`);
}
