/**
 * The erasure jobs (right to erasure): one task per system, run in stages —
 * the identity graph first (suppression: from then on no lookup finds the
 * person and no replayed feed brings them back), then every source system in
 * parallel, then the caches — each retried with exponential backoff until it
 * is done. Nothing is skipped silently: a source that fails keeps its task
 * FAILED and the job OPEN, with the error and the next attempt's time, and a
 * record of a system no source answers for keeps its task failing until one does.
 */
import { AdminCallError, ERASE_PATH, postAdmin, type EraseResponse } from '@c360/kit/admin';
import { SCOPES } from '@c360/kit/auth';
import type { Logger } from '@c360/kit/logger';
import { STAGES, type ErasureTaskRow, type NewTask, type PrivacyStore } from './store';

export interface SourceRecordKey {
  system: string;
  localId: string;
}

interface IdentityPlan {
  customerId: string;
  customerIds: string[];
  records: SourceRecordKey[];
}

export interface ErasureSettings {
  /** Base URL of the identity subgraph (its admin erasure endpoints). */
  identityUrl: () => string;
  /** Base URL of each source subgraph, by system name (their `POST /admin/erase`). */
  sourceUrls: () => Record<string, string>;
  /** Base URL of the gateway (its `/admin/cache/invalidate`); null when there is none to purge. */
  gatewayUrl: () => string | null;
  /** The secret shared with the gateway and the subgraphs; unset in development without one. */
  secret: () => string | undefined;
  /** First retry delay; doubled after each failure. @default 5000 */
  retryBaseMs?: number;
  /** Longest retry delay. @default 300000 */
  retryMaxMs?: number;
  /** How often the worker looks for due tasks. @default 1000 */
  pollMs?: number;
  /** Budget of one call to a subgraph or the gateway. @default 30000 */
  callTimeoutMs?: number;
}

/** A customer the identity graph does not know (or no longer: erased already). */
export class UnknownCustomerError extends Error {}

const WORKER = { client: 'privacy-erasure', scopes: [SCOPES.admin] };
const LEASE_MS = 120_000;

export class ErasureService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly store: PrivacyStore,
    private readonly settings: ErasureSettings,
    private readonly logger: Logger,
  ) {}

  private call<T>(url: string, body: unknown): Promise<T> {
    return postAdmin<T>(url, body, {
      caller: WORKER,
      secret: this.settings.secret(),
      timeoutMs: this.settings.callTimeoutMs ?? 30_000,
    });
  }

  /**
   * Starts (or returns the open) erasure job of a customer. The identity
   * task runs before this resolves, so that the person is suppressed at once;
   * should it fail, the job stays open and the worker retries it like any task.
   *
   * Who runs the identity task is settled by the database, not by timing: the
   * transaction that creates the job leases it to this request (see
   * `createJob`), and workers only take tasks whose lease has run out. A
   * request that finds the job open already (asked twice, or of another
   * instance at once) waits for the identity task's attempt to end.
   */
  async request(customerId: string, requestedBy: string, reason: string | null): Promise<string> {
    const before = await this.store.jobsOf(customerId);
    const open = before.find((job) => job.status === 'OPEN');
    if (open) {
      await this.awaitFirstStage(open.jobId);
      return open.jobId;
    }
    const { plan } = await this.call<{ plan: IdentityPlan | null }>(
      new URL('/admin/erasure/plan', this.settings.identityUrl()).href,
      { customerId },
    );
    if (!plan) {
      // Asked of two instances at once, the other may have created its job and suppressed the person between this
      // request's look at the jobs and its plan (no plan for a suppressed person): that job is this answer too.
      const known = new Set(before.map((job) => job.jobId));
      const concurrent = (await this.store.jobsOf(customerId)).find((job) => !known.has(job.jobId));
      if (concurrent) {
        await this.awaitFirstStage(concurrent.jobId);
        return concurrent.jobId;
      }
      throw new UnknownCustomerError(`Unknown customer id: ${customerId}`);
    }
    const bySystem = new Map<string, string[]>();
    for (const r of plan.records) bySystem.set(r.system, [...(bySystem.get(r.system) ?? []), r.localId]);
    // Every known source gets its task, even without records of the person: the job shows each as done.
    for (const system of Object.keys(this.settings.sourceUrls())) if (!bySystem.has(system)) bySystem.set(system, []);
    const tasks: NewTask[] = [
      { target: 'identity', stage: STAGES.identity, localIds: plan.customerIds },
      ...[...bySystem].sort().map(([target, localIds]) => ({ target, stage: STAGES.sources, localIds })),
      {
        target: 'caches',
        stage: STAGES.caches,
        // PostgreSQL text holds no NUL: records as `record:<system>:<localId>` (system names hold no colon).
        localIds: [
          ...plan.customerIds.map((id) => `customer:${id}`),
          ...plan.records.map((r) => `record:${r.system}:${r.localId}`),
        ],
      },
    ];
    const { jobId, created, claimed } = await this.store.createJob({
      customerId,
      requestedBy,
      reason,
      tasks,
      leaseMs: this.leaseMs(),
    });
    if (!created) {
      await this.awaitFirstStage(jobId);
      return jobId;
    }
    this.logger.info({ jobId, customerId, requestedBy }, 'erasure job started');
    // The identity task, leased to this request: the person is suppressed before the answer.
    await Promise.all(claimed.map((task) => this.run(task)));
    this.kick();
    return jobId;
  }

  /** A lease outlives any attempt: a call's budget twice over, at least LEASE_MS. */
  private leaseMs(): number {
    return Math.max(LEASE_MS, 2 * (this.settings.callTimeoutMs ?? 30_000));
  }

  /**
   * Waits until the first-stage tasks of an open job have ended an attempt
   * (done, or failed and due again later), running them here once their
   * lease has run out (the request that held it died); bounded by one lease.
   */
  private async awaitFirstStage(jobId: string): Promise<void> {
    const until = Date.now() + this.leaseMs();
    for (;;) {
      const first = (await this.store.tasks([jobId])).filter((t) => t.stage === STAGES.identity);
      if (first.every((t) => t.status !== 'PENDING')) return;
      // Only first-stage tasks can be due while one of them is not done (stages).
      if (await this.runBatch(jobId)) continue;
      if (Date.now() > until) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Runs the due tasks, stage after stage, until none is due. */
  async runDue(): Promise<void> {
    while (await this.runBatch()) {
      // Next batch: the tasks of the next stage may be due now.
    }
  }

  /** Runs one batch of due tasks (of one job, or any); false when none was due. */
  private async runBatch(jobId?: string): Promise<boolean> {
    const due = await this.store.claimDue(20, this.leaseMs(), jobId);
    await Promise.all(due.map((task) => this.run(task)));
    return due.length > 0;
  }

  private async run(task: ErasureTaskRow): Promise<void> {
    try {
      const { erased, detail } = await this.execute(task);
      const closed = await this.store.taskDone(task, erased, detail);
      this.logger.info({ jobId: task.jobId, target: task.target, erased }, 'erasure task done');
      if (closed) this.logger.info({ jobId: task.jobId }, 'erasure job done');
    } catch (err) {
      const base = this.settings.retryBaseMs ?? 5000;
      const delay = Math.min(base * 2 ** Math.max(0, task.attempts - 1), this.settings.retryMaxMs ?? 300_000);
      const message = `${task.target}: ${(err as Error).message}`;
      await this.store
        .taskFailed(task, message, delay)
        .catch((e: Error) => this.logger.error({ err: e.message }, 'could not record a failed erasure task'));
      this.logger.warn(
        { jobId: task.jobId, target: task.target, attempts: task.attempts, retryInMs: delay, err: message },
        'erasure task failed; retried later',
      );
    }
  }

  private async execute(task: ErasureTaskRow): Promise<{ erased: number; detail: string }> {
    if (task.target === 'identity') return this.eraseIdentity(task);
    if (task.target === 'caches') return this.purgeCaches(task);
    if (task.localIds.length === 0) return { erased: 0, detail: 'no record of the person in this source' };
    const url = this.settings.sourceUrls()[task.target];
    if (!url) throw new Error(`no source subgraph is configured to erase "${task.target}" records`);
    const { erased } = await this.call<EraseResponse>(new URL(ERASE_PATH, url).href, { localIds: task.localIds });
    return { erased, detail: `${erased} of ${task.localIds.length} record(s) erased by the source` };
  }

  private async eraseIdentity(task: ErasureTaskRow): Promise<{ erased: number; detail: string }> {
    const tasks = await this.store.tasks([task.jobId]);
    const records = tasks
      .filter((t) => t.stage === STAGES.sources)
      .flatMap((t) => t.localIds.map((localId) => ({ system: t.target, localId })));
    const result = await this.call<{ records: SourceRecordKey[]; customerIds: string[]; identifiersDeleted: number }>(
      new URL('/admin/erasure/erase', this.settings.identityUrl()).href,
      { erasureId: task.jobId, customerIds: task.localIds, records },
    );
    // Records that joined the customer between the plan and the erasure: their sources must erase them too.
    const known = new Set(records.map((r) => `${r.system}\u0000${r.localId}`));
    const extra = new Map<string, string[]>();
    for (const r of result.records) {
      if (!known.has(`${r.system}\u0000${r.localId}`)) extra.set(r.system, [...(extra.get(r.system) ?? []), r.localId]);
    }
    if (extra.size > 0) {
      await this.store.addRecords(task.jobId, extra);
      const tags = [...extra].flatMap(([system, ids]) => ids.map((id) => `record:${system}:${id}`));
      await this.store.appendIds(task.jobId, 'caches', tags);
    }
    // The gateway may hold answers about the person: drop them now, not only once the sources are done.
    await this.invalidateGateway(result.customerIds, result.records).catch((err: Error) =>
      this.logger.warn({ err: err.message }, 'gateway cache not purged yet; the caches task will'),
    );
    return {
      erased: result.records.length,
      detail: `${result.records.length} record(s), ${result.identifiersDeleted} identifier(s) deleted; tombstones left`,
    };
  }

  private async purgeCaches(task: ErasureTaskRow): Promise<{ erased: number; detail: string }> {
    const customers = task.localIds.filter((id) => id.startsWith('customer:')).map((id) => id.slice(9));
    const records = task.localIds
      .filter((id) => id.startsWith('record:'))
      .map((id) => {
        const rest = id.slice(7);
        const colon = rest.indexOf(':');
        return { system: rest.slice(0, colon), localId: rest.slice(colon + 1) };
      });
    // A feed page read before the identity erasure and written after it could have brought a record back
    // for a moment; now that no source holds the records any more, sweep once more (idempotent).
    const swept = await this.call<{ records: SourceRecordKey[] }>(
      new URL('/admin/erasure/erase', this.settings.identityUrl()).href,
      { erasureId: task.jobId, customerIds: customers, records },
    );
    const entries = await this.invalidateGateway(customers, records);
    return {
      erased: entries,
      detail: `identity swept (${swept.records.length} record(s)); ${entries} gateway cache entr${entries === 1 ? 'y' : 'ies'} dropped`,
    };
  }

  private async invalidateGateway(customers: string[], records: SourceRecordKey[]): Promise<number> {
    const gateway = this.settings.gatewayUrl();
    if (!gateway) return 0;
    try {
      const { invalidatedEntries } = await this.call<{ invalidatedEntries: number }>(
        new URL('/admin/cache/invalidate', gateway).href,
        // Identity lookups that select no __typename cannot be tagged with the customer they found: all go.
        { customers, records, subgraphs: ['identity'] },
      );
      return invalidatedEntries;
    } catch (err) {
      if (err instanceof AdminCallError) throw new Error(`the gateway cache could not be purged: ${err.message}`);
      throw err;
    }
  }

  /** Starts the background worker: due tasks are looked for every `pollMs`. */
  start(): void {
    this.stopped = false;
    this.schedule();
  }

  /** Runs due tasks soon (after a request, without waiting for the next poll). */
  private kick(): void {
    if (this.stopped || this.running) return;
    setImmediate(() => void this.tick());
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), this.settings.pollMs ?? 1000);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.runDue()
      .catch((err: Error) => this.logger.warn({ err: err.message }, 'erasure worker: privacy database unavailable'))
      .finally(() => {
        this.running = null;
        this.schedule();
      });
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
