import { Writable } from 'node:stream';

/** A stream that appends each non-empty line written to it to `lines` (a supervisor's prefixed output, for assertions). */
export function lineSink(lines: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
}
