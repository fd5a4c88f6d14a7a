import { createReadStream, statSync } from 'node:fs';
import { parse } from 'csv-parse';

/** A row the parser could not read (an unclosed quote, …); its lines are skipped. */
export interface UnreadableRows {
  fromLine: number;
  toLine: number;
  message: string;
}

export interface CsvReadOptions {
  delimiter?: string;
  /** The header (first row). Throwing here stops the read (an unknown column, …). */
  onHeader(header: string[]): void;
  /** One data row and the line it starts on (1-based, the header being line 1). */
  onRow(fields: string[], line: number): void;
  onUnreadable(rows: UnreadableRows): void;
  /** Bytes read so far, of `total`. */
  onProgress?(bytes: number, total: number): void;
}

/**
 * Streams a CSV file (RFC 4180 quoting, a BOM ignored, blank lines skipped)
 * through csv-parse. Rows of any length are passed on: checking the column
 * count is the caller's, so that it can name the line and go on.
 */
export async function readCsv(path: string, options: CsvReadOptions): Promise<void> {
  const total = statSync(path).size;
  const input = createReadStream(path);
  let bytes = 0;
  if (options.onProgress) {
    input.on('data', (chunk) => {
      bytes += chunk.length;
      options.onProgress!(bytes, total);
    });
  }
  const parser = input.pipe(
    parse({
      delimiter: options.delimiter ?? ',',
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
    }),
  );
  let lastLine = 0;
  parser.on('skip', (err: Error & { lines?: number }) => {
    const toLine = err.lines ?? lastLine + 1;
    options.onUnreadable({ fromLine: lastLine + 1, toLine, message: err.message });
    lastLine = toLine;
  });
  let header = true;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      let newlines = 0;
      for (const field of record) for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) newlines++;
      const line = info.lines - newlines;
      lastLine = info.lines;
      if (header) {
        header = false;
        options.onHeader(record);
      } else options.onRow(record, line);
    }
  } finally {
    input.destroy();
  }
  if (header) options.onHeader([]);
}

/** One CSV field, quoted when it must be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}
