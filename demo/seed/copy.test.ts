import mysql from 'mysql2/promise';
import { Pool } from 'pg';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { copyRows, copyValue, insertMysqlRows, MYSQL_CHUNK_ROWS } from './copy';

describe('copyValue (COPY text format)', () => {
  it('writes NULL as \\N and escapes backslash, newline, carriage return and tab', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue('a\\b\nc\rd\te')).toBe('a\\\\b\\nc\\rd\\te');
    expect(copyValue('\\N')).toBe('\\\\N');
    expect(copyValue(true)).toBe('t');
    expect(copyValue(12.5)).toBe('12.5');
    expect(copyValue(new Date('2026-01-02T03:04:05.000Z'))).toBe('2026-01-02T03:04:05.000Z');
  });
});

describe('bulk loading into the real databases', () => {
  const rows = Array.from({ length: 4321 }, (_, i) => ({
    id: i,
    text: i % 7 === 0 ? null : `row ${i}\twith\ttabs\\ and\nnewlines é`,
    at: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
  }));

  it('COPY FROM STDIN writes every row, in chunks, with the values read back unchanged', async () => {
    const pool = new Pool({ connectionString: TEST_ENV.CRM_DATABASE_URL, max: 1 });
    const client = await pool.connect();
    try {
      await client.query('CREATE TEMP TABLE copy_probe (id int PRIMARY KEY, text text, at timestamptz)');
      const seen: number[] = [];
      const written = await copyRows(
        client,
        'copy_probe',
        ['id', 'text', 'at'],
        rows,
        (r) => [r.id, r.text, r.at],
        (n) => seen.push(n),
      );
      expect(written).toBe(rows.length);
      expect(seen).toEqual([2000, 4000, 4321]);
      const { rows: back } = await client.query<{ id: number; text: string | null; at: Date }>(
        'SELECT id, text, at FROM copy_probe ORDER BY id',
      );
      expect(back).toEqual(rows);
    } finally {
      client.release(true);
      await pool.end();
    }
  });

  it('multi-row INSERTs into MariaDB write every row, a chunk per statement', async () => {
    const pool = mysql.createPool({ uri: TEST_ENV.SURVEYS_DATABASE_URL!, connectionLimit: 1, timezone: 'Z' });
    const conn = await pool.getConnection();
    try {
      await conn.query('CREATE TEMPORARY TABLE copy_probe (id INT PRIMARY KEY, text TEXT NULL)');
      const seen: number[] = [];
      const written = await insertMysqlRows(
        conn,
        'copy_probe',
        ['id', 'text'],
        rows,
        (r) => [r.id, r.text],
        (n) => seen.push(n),
      );
      expect(written).toBe(rows.length);
      expect(seen).toEqual([MYSQL_CHUNK_ROWS, 2 * MYSQL_CHUNK_ROWS, rows.length]);
      const [back] = await conn.query<mysql.RowDataPacket[]>('SELECT id, text FROM copy_probe ORDER BY id');
      expect(back.map((r) => ({ id: r.id, text: r.text }))).toEqual(rows.map((r) => ({ id: r.id, text: r.text })));
    } finally {
      conn.release();
      await pool.end();
    }
  });
});
