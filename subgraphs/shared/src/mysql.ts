import type { Pool, PoolConnection } from 'mysql2/promise';

/**
 * Runs `work` in one MariaDB/MySQL transaction on a connection of its own:
 * committed when it resolves, rolled back when it throws (the error is
 * rethrown), the connection released either way.
 */
export async function inTransaction<T>(pool: Pool, work: (connection: PoolConnection) => Promise<T>): Promise<T> {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    const result = await work(connection);
    await connection.commit();
    return result;
  } catch (err) {
    await connection.rollback().catch(() => undefined);
    throw err;
  } finally {
    connection.release();
  }
}
