import { postAdmin } from '@c360/kit/admin';
import type { Logger } from '@c360/kit/logger';

/** One operation that read personal data: who, which fields, whose data. */
export interface PiiReadRecord {
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
  /** How often queued records are sent. @default 500 */
  flushMs?: number;
  /** Records kept while the privacy subgraph is unreachable; the oldest are dropped beyond (and logged). @default 10000 */
  maxQueued?: number;
}

/**
 * Sends the PII-read audit to its durable home, the privacy subgraph, in
 * batches, off the request path: a response never waits for the audit, and a
 * privacy subgraph that is down delays the records (kept and re-sent) instead
 * of failing reads. Every record is also in the gateway's log (`audit:
 * pii_read`), which stays the fallback when the queue overflows.
 */
export class PiiReadSink {
  private queue: PiiReadRecord[] = [];
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: PiiReadSinkOptions) {}

  add(record: PiiReadRecord): void {
    this.queue.push(record);
    const max = this.options.maxQueued ?? 10_000;
    if (this.queue.length > max) {
      const dropped = this.queue.splice(0, this.queue.length - max);
      this.options.logger.error(
        { dropped: dropped.length },
        'PII-read audit queue full: oldest records only in the log',
      );
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.flushMs ?? 500);
    this.timer.unref?.();
  }

  /** Sends what is queued now; resolves once it is sent or put back for later. */
  async flush(): Promise<void> {
    if (this.sending) await this.sending;
    const url = this.options.url();
    if (!url || this.queue.length === 0) return;
    const batch = this.queue.splice(0, 500);
    this.sending = postAdmin(
      url,
      { reads: batch },
      {
        caller: { client: 'gateway', scopes: ['admin'] },
        secret: this.options.secret,
        timeoutMs: 5000,
      },
    )
      .then(() => undefined)
      .catch((err: Error) => {
        this.queue.unshift(...batch);
        this.options.logger.warn({ err: err.message, queued: this.queue.length }, 'PII-read audit not delivered yet');
        if (this.stopped) return;
        this.timer ??= setTimeout(() => {
          this.timer = null;
          void this.flush();
        }, 5000);
        this.timer.unref?.();
      })
      .finally(() => {
        this.sending = null;
      });
    await this.sending;
    if (this.queue.length > 0 && !this.timer && !this.stopped) await this.flush();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush().catch(() => undefined);
  }
}
