/**
 * Bulk loading for the seed: PostgreSQL `COPY … FROM STDIN` (text format,
 * streamed through pg-copy-streams) and MariaDB multi-row INSERTs, both fed
 * in chunks so that memory stays bounded by one chunk of text whatever the
 * number of rows.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolConnection as MysqlConnection } from 'mysql2/promise';

/** Rows joined into one string before it is written to the COPY stream. */
const COPY_CHUNK_ROWS = 2000;

/** Rows per MariaDB INSERT: few round trips, well under max_allowed_packet (16 MiB by default). */
export const MYSQL_CHUNK_ROWS = 2000;

/** Called after each chunk with the rows written so far. */
export type RowProgress = (rows: number) => void;

/**
 * One value in COPY's text format: `\N` for NULL, backslash, newline, carriage
 * return and tab escaped; dates as ISO 8601 (UTC), booleans as t/f.
 */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') {
    return /[\\\n\r\t]/.test(value)
      ? value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')
      : value;
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  // Arrays and objects (jsonb columns) as JSON text, escaped like any string.
  return copyValue(JSON.stringify(value));
}

/**
 * `COPY table (columns) FROM STDIN` of `rows`, each turned into its column
 * values by `toRow`. Runs on the caller's client, so inside its transaction.
 */
export async function copyRows<T>(
  client: PoolClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<T>,
  toRow: (row: T) => readonly unknown[],
  progress?: RowProgress,
): Promise<number> {
  let written = 0;
  function* text(): Generator<string> {
    let lines: string[] = [];
    for (const row of rows) {
      const values = toRow(row);
      let line = copyValue(values[0]);
      for (let i = 1; i < values.length; i++) line += `\t${copyValue(values[i])}`;
      lines.push(line);
      if (lines.length === COPY_CHUNK_ROWS) {
        written += lines.length;
        yield `${lines.join('\n')}\n`;
        progress?.(written);
        lines = [];
      }
    }
    if (lines.length) {
      written += lines.length;
      yield `${lines.join('\n')}\n`;
      progress?.(written);
    }
  }
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(text(), { objectMode: false }), sink);
  return written;
}

/** Multi-row INSERTs (`VALUES ?`, expanded by mysql2) of MYSQL_CHUNK_ROWS rows each. */
export async function insertMysqlRows<T>(
  conn: MysqlConnection,
  table: string,
  columns: readonly string[],
  rows: Iterable<T>,
  toRow: (row: T) => unknown[],
  progress?: RowProgress,
): Promise<number> {
  let chunk: unknown[][] = [];
  let written = 0;
  const flush = async () => {
    if (!chunk.length) return;
    await conn.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [chunk]);
    written += chunk.length;
    progress?.(written);
    chunk = [];
  };
  for (const row of rows) {
    chunk.push(toRow(row));
    if (chunk.length === MYSQL_CHUNK_ROWS) await flush();
  }
  await flush();
  return written;
}
