import { constants } from 'node:fs';
import { access, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { FeedPosition, ObservedIdentifier, ObservedRecord } from '@c360/kit/feed';
import type { Logger } from '@c360/kit/logger';
import type { SourceClient } from '@c360/kit/bootstrap';
import {
  exportFileName,
  normaliseCardNumber,
  parseExportFile,
  type ExportFile,
  type MemberRow,
  type Receipt,
  type StoreRow,
} from './export-files';
import { eraseCardsFromExport } from './export-erasure';
import { ExportIndex, type CardEntry } from './export-index';

export const SYSTEM = 'stores';

export interface TillExportFolderOptions {
  /** The folder the tills and the loyalty programme export to. */
  dir: string;
  /** Budget of one lookup, including waiting for the first indexing. @default 2000 */
  timeoutMs?: number;
  /**
   * How long a file's size and time must stay still before it is read, so
   * that a file a till is still writing is never half-read. @default 1000
   */
  settleMs?: number;
  /** How often to look for the folder again while it is missing or unreadable. @default 5000 */
  retryMs?: number;
  logger: Logger;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects with `message` when `promise` takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The till export folder: the only code that reads it. Every export file is
 * parsed and indexed in memory at start, then a watcher (chokidar) re-reads
 * files that appear or change, once their writer is done. A missing or
 * unreadable folder makes the source unavailable (lookups fail, the
 * subgraph answers null + SOURCE_UNAVAILABLE) and is looked for again until
 * it comes back, then re-read whole.
 */
export class TillExportFolder implements SourceClient {
  /** Index lookups (one per loader batch and per feed page), so that tests can prove batching. */
  readonly stats = { queries: 0 };
  readonly dir: string;
  /** Resolves once the first attempt to read the folder is over, whether or not it was there. */
  readonly started: Promise<void>;

  private readonly timeoutMs: number;
  private readonly settleMs: number;
  private readonly retryMs: number;
  private readonly logger: Logger;
  private files = new Map<string, ExportFile>();
  /** Rebuilt lazily after a change: a burst of new files costs one rebuild, at the next lookup. */
  private built: ExportIndex | null = ExportIndex.empty;
  /** Why the folder cannot be read right now; null when it can. */
  private problem: string | null = 'the till export folder has not been read yet';
  private watcher: FSWatcher | null = null;
  private retry: NodeJS.Timeout | null = null;
  /** Latest read started per file: an older read finishing late must not overwrite a newer one. */
  private readSerial = new Map<string, number>();
  private serial = 0;
  /** Bumped when the folder is lost, so that a scan running meanwhile does not declare it back. */
  private epoch = 0;
  private closed = false;

  constructor(options: TillExportFolderOptions) {
    this.dir = path.resolve(options.dir);
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.settleMs = options.settleMs ?? 1000;
    this.retryMs = options.retryMs ?? 5000;
    this.logger = options.logger.child({ source: SYSTEM, dir: this.dir });
    this.started = this.open();
  }

  /** Cards by normalised number: one lookup for the whole batch. */
  cardsByNumbers(cardNumbers: readonly string[]): Promise<CardEntry[]> {
    return this.lookup((index) => cardNumbers.map((card) => index.card(card)));
  }

  receiptsByNumbers(receiptNumbers: readonly string[]): Promise<Receipt[]> {
    return this.lookup((index) => receiptNumbers.map((n) => index.receipt(n)).filter((r): r is Receipt => r !== null));
  }

  storesByCodes(codes: readonly string[]): Promise<StoreRow[]> {
    return this.lookup((index) => codes.map((code) => index.store(code)).filter((s): s is StoreRow => s !== null));
  }

  /** Loyalty cards changed after the watermark, oldest change first, with their members' identifiers. */
  feed(after: FeedPosition | null, limit: number) {
    return this.lookup((index) => {
      const members = index.changedAfter(after, limit);
      const records: ObservedRecord[] = members.map((m) => ({
        system: SYSTEM,
        localId: m.cardNumber,
        observedAt: m.updatedAt,
        name: [m.firstName, m.lastName].filter(Boolean).join(' ') || null,
        match: { givenName: m.firstName, familyName: m.lastName, country: index.regionOf(m) },
        identifiers: identifiersOf(m, index.regionOf(m)),
      }));
      const positions = members.map((m) => ({ updatedAt: m.updatedAt, localId: m.cardNumber }));
      return { records, positions };
    });
  }

  /**
   * Right to erasure of loyalty cards (the records of this source): rewrites
   * every member and till export naming them (see export-erasure.ts) under a
   * temporary name, renames it over the original, and re-indexes it at once,
   * so that no lookup or feed page serves the person after this resolves.
   * Resolves to how many of the cards the exports held.
   */
  async erase(localIds: string[]): Promise<number> {
    await within(this.usable(), this.timeoutMs, `the till export folder ${this.dir} did not answer in time`);
    const cards = new Set(localIds.map(normaliseCardNumber).filter((c): c is string => c !== null));
    if (cards.size === 0) return 0;
    const erased = new Set<string>();
    for (const name of await readdir(this.dir)) {
      const kind = exportFileName(name)?.kind;
      if (kind !== 'till' && kind !== 'members') continue;
      const file = path.join(this.dir, name);
      const result = eraseCardsFromExport(kind, await readFile(file, 'utf8'), cards);
      if (kind === 'members') for (const card of result.cards) erased.add(card);
      if (!result.changed) continue;
      // A dot name is not an export: neither the watcher nor a scan reads the half-written copy.
      const temporary = path.join(this.dir, `.${name}.erasure.tmp`);
      await writeFile(temporary, result.content);
      await rename(temporary, file);
      const read = await this.readExport(name);
      if (read) {
        this.files.set(name, read.file);
        this.built = null;
      }
    }
    if (erased.size > 0) this.logger.info({ cards: erased.size }, 'loyalty cards erased from the exports');
    return erased.size;
  }

  async ping(): Promise<void> {
    await within(this.usable(), this.timeoutMs, `the till export folder ${this.dir} did not answer in time`);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.watcher?.close();
    this.watcher = null;
  }

  /** Counts one round trip to the source and runs `read` on the current index, within the budget. */
  private async lookup<T>(read: (index: ExportIndex) => T): Promise<T> {
    this.stats.queries += 1;
    await within(
      this.usable(),
      this.timeoutMs,
      `the till export folder ${this.dir} did not answer within ${this.timeoutMs} ms`,
    );
    return read(this.index());
  }

  /** Throws unless the folder was read and is still there and readable. */
  private async usable(): Promise<void> {
    await this.started;
    if (this.problem) throw new Error(this.problem);
    try {
      // One cheap system call per lookup: an export share that vanished (unmounted, renamed)
      // must not be served from memory as if it were current.
      await access(this.dir, constants.R_OK | constants.X_OK);
    } catch (err) {
      this.lost(`the till export folder ${this.dir} is missing or unreadable: ${(err as Error).message}`);
      throw new Error(this.problem ?? 'the till export folder is unavailable');
    }
  }

  private index(): ExportIndex {
    if (!this.built) this.built = ExportIndex.build(this.files.values());
    return this.built;
  }

  /**
   * Watches the folder, then reads every export already in it. Never throws:
   * a folder that cannot be read is reported and looked for again later.
   */
  private async open(): Promise<void> {
    if (this.closed) return;
    const epoch = this.epoch;
    const scanStart = this.serial;
    let names: string[];
    try {
      if (!(await stat(this.dir)).isDirectory()) throw new Error('not a directory');
      await access(this.dir, constants.R_OK | constants.X_OK);
      // Watch first, then list: a file written in between is seen by one or the other.
      await this.startWatcher();
      if (this.closed) {
        await this.watcher?.close();
        return;
      }
      names = (await readdir(this.dir)).filter((name) => exportFileName(name) !== null);
      // The watcher waits for writers to finish; files written just before start may still
      // be growing, so wait until each has been still long enough (all at once, not one by one).
      await Promise.all(names.map((name) => this.settled(path.join(this.dir, name))));
    } catch (err) {
      this.lost(`the till export folder ${this.dir} is missing or unreadable: ${(err as Error).message}`);
      return;
    }
    const scanned: Array<{ name: string; file: ExportFile; serial: number }> = [];
    // A few reads at a time: thousands of small files, without thousands of open handles.
    for (let i = 0; i < names.length; i += 16) {
      await Promise.all(
        names.slice(i, i + 16).map(async (name) => {
          const read = await this.readExport(name);
          if (read) scanned.push({ name, ...read });
        }),
      );
    }
    if (this.closed || epoch !== this.epoch) return;
    const files = new Map<string, ExportFile>();
    // A scanned copy counts unless the watcher read or removed the file after the scan did.
    for (const { name, file, serial } of scanned) if (this.readSerial.get(name) === serial) files.set(name, file);
    // Files the watcher read since the scan began (new ones included) are as fresh as the scan's.
    for (const [name, file] of this.files) {
      if ((this.readSerial.get(name) ?? 0) > scanStart && !files.has(name)) files.set(name, file);
    }
    this.files = files;
    this.built = null;
    this.problem = null;
    this.logger.info({ files: files.size, ...this.index().size }, 'till export folder indexed');
  }

  private async startWatcher(): Promise<void> {
    await this.watcher?.close();
    const watcher = watch(this.dir, {
      depth: 0,
      ignoreInitial: true,
      // The HTTP server keeps the process alive, not the watcher: when the folder vanishes, chokidar
      // watches its parent, and a close racing that leaves an fs.watch behind that must not hold the exit.
      persistent: false,
      // Temporary files (`.TILL_….csv.tmp`) and anything else that is not an export are not ours.
      ignored: (file, stats) => stats?.isFile() === true && exportFileName(path.basename(file)) === null,
      awaitWriteFinish: {
        stabilityThreshold: this.settleMs,
        pollInterval: Math.max(20, Math.min(100, this.settleMs / 4)),
      },
    });
    this.watcher = watcher;
    const onFile = (file: string) => {
      const name = path.basename(file);
      if (path.dirname(file) !== this.dir || exportFileName(name) === null) return;
      void this.readExport(name).then((read) => {
        if (read && this.watcher === watcher && this.readSerial.get(name) === read.serial) {
          this.files.set(name, read.file);
          this.built = null;
          this.logger.info({ file: name }, 'export file indexed');
        }
      });
    };
    watcher.on('add', onFile);
    watcher.on('change', onFile);
    watcher.on('unlink', (file) => {
      // Files vanish with their folder too: that is a lost folder (unlinkDir), not removed exports.
      if (this.watcher !== watcher) return;
      const name = path.basename(file);
      this.readSerial.set(name, ++this.serial);
      if (this.files.delete(name)) {
        this.built = null;
        this.logger.info({ file: name }, 'export file removed');
      }
    });
    watcher.on('unlinkDir', (dir) => {
      if (path.resolve(dir) === this.dir)
        this.lost(`the till export folder ${this.dir} is missing or unreadable: removed`);
    });
    watcher.on('error', (err) => this.lost(`watching the till export folder failed: ${(err as Error).message}`));
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  }

  /**
   * Reads and parses one export, logging every skipped line with its file and
   * line number; null when the file cannot be read (it vanished meanwhile).
   * The serial tells the caller whether a later read or removal overtook this one.
   */
  private async readExport(name: string): Promise<{ file: ExportFile; serial: number } | null> {
    const serial = ++this.serial;
    this.readSerial.set(name, serial);
    try {
      const parsed = parseExportFile(name, await readFile(path.join(this.dir, name), 'utf8'));
      if (!parsed) return null;
      for (const w of parsed.warnings) {
        this.logger.warn({ file: w.file, line: w.line }, `${w.file}:${w.line}: ${w.message}`);
      }
      return { file: parsed.file, serial };
    } catch (err) {
      this.logger.warn({ file: name, err: (err as Error).message }, `${name}: could not be read, skipped`);
      return null;
    }
  }

  /**
   * Resolves once the file's size and time have not changed for `settleMs`
   * (at once for a file last written longer ago than that). Compares the
   * file with itself rather than trusting its time alone: a till with a wrong
   * clock may write times in the future. A vanished file counts as settled:
   * its read will say so.
   */
  private async settled(file: string): Promise<void> {
    const look = () => stat(file).catch(() => null);
    let previous = await look();
    if (!previous || Date.now() - previous.mtimeMs >= this.settleMs) return;
    for (;;) {
      await sleep(this.settleMs);
      const current = await look();
      if (!current || (current.size === previous.size && current.mtimeMs === previous.mtimeMs)) return;
      previous = current;
    }
  }

  /** Marks the folder unavailable and looks for it again later. */
  private lost(problem: string): void {
    if (this.closed || this.retry) return;
    this.epoch += 1;
    // Said once per outage, not at every look while it lasts.
    if (problem !== this.problem) this.logger.warn(`${problem}; looking again every ${this.retryMs} ms`);
    this.problem = problem;
    const watcher = this.watcher;
    this.watcher = null;
    void watcher?.close();
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.open();
    }, this.retryMs);
    this.retry.unref();
  }
}

/** The member's identifiers as the export holds them; the identity graph normalises them. */
function identifiersOf(member: MemberRow, region: string | null): ObservedIdentifier[] {
  const ids: ObservedIdentifier[] = [{ kind: 'LOYALTY_CARD', value: member.printedNumber }];
  if (member.email?.trim()) ids.push({ kind: 'EMAIL', value: member.email });
  if (member.phone?.trim()) ids.push({ kind: 'PHONE', value: member.phone, region });
  return ids;
}
