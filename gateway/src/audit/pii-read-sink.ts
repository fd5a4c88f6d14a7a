import { randomUUID } from 'node:crypto';
import { postAdmin } from '@c360/kit/admin';
import type { Logger } from '@c360/kit/logger';
import { DurableSpool } from './spool';

/** One operation that read personal data: who, which fields, whose data. */
export interface PiiReadRecord {
  /** Unique per read: the privacy subgraph stores each id once, so a record sent twice is kept once. */
  id?: string;
  at: string;
  client: string;
  requestId: string | null;
  operationName: string | null;
  fields: string[];
  customerIds: string[];
}

export interface PiiReadSinkOptions {
  /** Where the privacy subgraph takes the records (`…/audit/pii-reads`); null while it is unknown. */
  url: () => string | null;
  /** The secret shared with the subgraphs, to sign the calls. */
  secret: string;
  logger: Logger;
  /** Folder of the spool on local disk (AUDIT_SPOOL_DIR): records wait there until the privacy subgraph has them. */
  spoolDir: string;
  /** How often the spool is delivered. @default 250 */
  flushMs?: number;
  /** Records per delivery. @default 500 */
  batchSize?: number;
  /** Longest wait between attempts while the privacy subgraph (or its database) is down. @default 5000 */
  maxRetryMs?: number;
  /** Told how many bytes of records wait for delivery, after each attempt (a metric). */
  onBacklog?: (bytes: number) => void;
}

/**
 * The PII-read audit, durable: `add` writes the record to a spool on local
 * disk (fdatasync, group commit) and resolves once it is there — the gateway
 * awaits it before it sends the answer, so no personal data leaves without
 * its record. A worker delivers the spool to the privacy subgraph (PostgreSQL)
 * in batches, at least once; while it or its database is down the records
 * wait on disk, however long, and are re-sent. Nothing is dropped.
 */
export class PiiReadSink {
  private readonly spool: DurableSpool<PiiReadRecord>;
  private timer: NodeJS.Timeout | null = null;
  private delivering: Promise<void> | null = null;
  private failures = 0;
  private stopped = false;
  private readonly opened: Promise<void>;

  constructor(private readonly options: PiiReadSinkOptions) {
    this.spool = new DurableSpool({ dir: options.spoolDir, prefix: 'pii-reads' });
    this.opened = this.spool.open();
    this.opened.then(
      () => this.schedule(0),
      (err: Error) =>
        options.logger.error({ err: err.message, dir: options.spoolDir }, 'PII-read audit spool not opened'),
    );
  }

  /** Writes the record durably; rejects when it could not (the caller must then not send the data). */
  async add(record: PiiReadRecord): Promise<void> {
    await this.opened;
    await this.spool.append({ id: randomUUID(), ...record });
    this.schedule(this.options.flushMs ?? 250);
  }

  /** Delivers everything spooled now; resolves once delivered or when the privacy subgraph fails. */
  async flush(): Promise<void> {
    await this.opened.catch(() => undefined);
    while (this.delivering) await this.delivering;
    this.delivering = this.deliverAll().finally(() => {
      this.delivering = null;
    });
    await this.delivering;
  }

  /** Bytes of records on disk not yet delivered. */
  backlogBytes(): number {
    return this.spool.undeliveredBytes();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush().catch(() => undefined);
    await this.spool.close();
  }

  private schedule(ms: number): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
    this.timer.unref?.();
  }

  private async deliverAll(): Promise<void> {
    const url = this.options.url();
    if (!url) {
      if (this.spool.undeliveredBytes() > 0) this.schedule(1000);
      return;
    }
    try {
      for (;;) {
        const sent = await this.spool.deliver(this.options.batchSize ?? 500, async (reads) => {
          await postAdmin(
            url,
            { reads },
            { caller: { client: 'gateway', scopes: ['admin'] }, secret: this.options.secret, timeoutMs: 5000 },
          );
        });
        if (sent === 0) break;
      }
      if (this.failures > 0) this.options.logger.info('PII-read audit delivered again after an outage');
      this.failures = 0;
    } catch (err) {
      this.failures += 1;
      const wait = Math.min(this.options.maxRetryMs ?? 5000, 250 * 2 ** Math.min(this.failures, 8));
      this.options.logger.warn(
        { err: (err as Error).message, backlogBytes: this.spool.undeliveredBytes(), retryInMs: wait },
        'PII-read audit not delivered yet: kept on disk, retrying',
      );
      this.schedule(wait);
    } finally {
      this.options.onBacklog?.(this.spool.undeliveredBytes());
    }
  }
}
