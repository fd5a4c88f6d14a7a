/**
 * A local append-only spool on disk: records are written as JSON lines and
 * flushed to the disk (fdatasync) before `append` resolves, so that whoever
 * awaits it knows the record survives a crash or a database outage. Appends
 * made while a write is in flight are written together (group commit), so
 * that a burst of requests costs one sync, not one each.
 *
 * Each spool writes its own segment file (`<prefix>-<host>-<pid>-<start>-<n>.jsonl`),
 * and delivers it from an offset it keeps in memory; once everything written
 * is delivered and the segment is large, it starts a new segment and deletes
 * the old one. Segments left by a process that died are adopted by the next
 * one on the same host and delivered from their start: delivery is
 * at-least-once, so records carry an id that makes the receiver idempotent.
 * Segments of other hosts are left alone (give each instance its own folder).
 */
import { mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

/** This host, as it appears in segment names: a spool folder shared by hosts is never adopted across them. */
const HOST = hostname().replace(/[^A-Za-z0-9.-]/g, '_') || 'host';

export interface SpoolOptions {
  dir: string;
  /** File name prefix of the segments. */
  prefix: string;
  /** Size past which a fully delivered segment is replaced by a new one. @default 4 MiB */
  rotateBytes?: number;
}

interface Segment {
  file: string;
  /** Bytes of complete lines in the file. */
  size: number;
  /** Bytes delivered. */
  delivered: number;
  own: boolean;
}

/**
 * Segments a spool of this process holds now (its own, or adopted): another
 * spool of the same process (several gateways in one process, as tests and
 * the bench run them) must neither adopt nor delete them.
 */
const HELD = new Set<string>();

/** Segments this process has started: two spools opening in the same millisecond still get different files. */
let started = 0;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export class DurableSpool<T> {
  private handle: FileHandle | null = null;
  private current: Segment | null = null;
  private readonly adopted: Segment[] = [];
  private pending: { line: string; resolve: () => void; reject: (err: Error) => void }[] = [];
  private writing: Promise<void> | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SpoolOptions) {}

  /** Creates the folder, adopts the segments of dead processes and opens a segment of its own. */
  async open(): Promise<void> {
    mkdirSync(this.options.dir, { recursive: true });
    const pattern = new RegExp(`^${this.options.prefix}-${HOST.replace(/\./g, '\\.')}-(\\d+)-\\d+(?:-\\d+)?\\.jsonl$`);
    for (const name of readdirSync(this.options.dir).sort()) {
      const match = pattern.exec(name);
      if (!match || (Number(match[1]) !== process.pid && alive(Number(match[1])))) continue;
      const file = path.join(this.options.dir, name);
      if (HELD.has(file)) continue;
      HELD.add(file);
      const size = await this.completeBytes(file);
      this.adopted.push({ file, size, delivered: 0, own: false });
    }
    await this.newSegment();
  }

  /** Records written to disk and not yet delivered (an estimate in bytes, for metrics and logs). */
  undeliveredBytes(): number {
    return [...this.adopted, ...(this.current ? [this.current] : [])].reduce((n, s) => n + s.size - s.delivered, 0);
  }

  /** Appends a record; resolves once it is on disk (fdatasync), rejects when it could not be written. */
  append(record: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ line: `${JSON.stringify(record)}\n`, resolve, reject });
      this.startWriting();
    });
  }

  private startWriting(): void {
    this.writing ??= this.serial(() => this.writePending()).finally(() => {
      this.writing = null;
      if (this.pending.length > 0) this.startWriting();
    });
  }

  private async writePending(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      if (!this.handle || !this.current) throw new Error('the audit spool is not open');
      const text = batch.map((p) => p.line).join('');
      const bytes = Buffer.byteLength(text);
      await this.handle.write(text);
      await this.handle.datasync();
      this.current.size += bytes;
      for (const p of batch) p.resolve();
    } catch (err) {
      for (const p of batch) p.reject(err as Error);
    }
  }

  /**
   * Hands the oldest undelivered records (at most `max`) to `deliver`; when it
   * resolves they count as delivered. Resolves to how many were delivered
   * (0 when there is nothing to do); a `deliver` that throws leaves them for the next call.
   */
  async deliver(max: number, deliver: (records: T[]) => Promise<void>): Promise<number> {
    const segment = this.adopted.find((s) => s.delivered < s.size) ?? this.current;
    if (!segment || segment.delivered >= segment.size) {
      await this.serial(() => this.cleanUp());
      return 0;
    }
    const chunk = await this.readRange(segment.file, segment.delivered, segment.size);
    // Whole lines only: a read capped mid-line leaves the rest for the next call.
    const parts = chunk.slice(0, chunk.lastIndexOf('\n') + 1).split('\n');
    parts.pop();
    const lines: string[] = [];
    let consumed = 0;
    for (const line of parts) {
      if (lines.length >= max) break;
      consumed += Buffer.byteLength(line) + 1;
      if (line.trim()) lines.push(line);
    }
    const records = lines.map((line) => JSON.parse(line) as T);
    if (records.length > 0) await deliver(records);
    segment.delivered = Math.min(segment.size, segment.delivered + consumed);
    await this.serial(() => this.cleanUp());
    return records.length;
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      await this.handle?.close();
      this.handle = null;
      // Undelivered records stay on disk for the next spool to adopt.
      for (const segment of [...this.adopted, ...(this.current ? [this.current] : [])]) HELD.delete(segment.file);
    });
  }

  /** Deletes delivered adopted segments; replaces a delivered own segment past the rotation size. */
  private async cleanUp(): Promise<void> {
    for (const segment of [...this.adopted]) {
      if (segment.delivered >= segment.size) {
        unlinkSync(segment.file);
        HELD.delete(segment.file);
        this.adopted.splice(this.adopted.indexOf(segment), 1);
      }
    }
    const current = this.current;
    if (
      current &&
      this.pending.length === 0 &&
      current.delivered >= current.size &&
      current.size >= (this.options.rotateBytes ?? 4 * 1024 * 1024)
    ) {
      await this.handle?.close();
      unlinkSync(current.file);
      HELD.delete(current.file);
      await this.newSegment();
    }
  }

  private async newSegment(): Promise<void> {
    started += 1;
    const file = path.join(
      this.options.dir,
      `${this.options.prefix}-${HOST}-${process.pid}-${Date.now()}-${started}.jsonl`,
    );
    HELD.add(file);
    // 'wx': a segment is never shared, not even by two spools of one process.
    this.handle = await open(file, 'wx');
    this.current = { file, size: 0, delivered: 0, own: true };
  }

  private async readRange(file: string, from: number, to: number): Promise<string> {
    const handle = await open(file, 'r');
    try {
      const length = Math.min(to - from, 8 * 1024 * 1024);
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, from);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  }

  /** The bytes of complete lines of a segment (a crash may have cut the last one). */
  private async completeBytes(file: string): Promise<number> {
    const { size } = await stat(file);
    if (size === 0) return 0;
    const text = await readFile(file);
    const last = text.lastIndexOf(0x0a);
    return last + 1;
  }

  private serial<R>(fn: () => Promise<R>): Promise<R> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }
}
