import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '@c360/kit/logger';

export interface ReloaderOptions {
  /** Files or folders to watch (folders: every file below them, `depth` levels down). */
  paths: string[];
  /** Which changed files matter. @default every file */
  filter?: (file: string) => boolean;
  /** Folder levels watched below a folder. @default 3 */
  depth?: number;
  /** Called after changes settle, and on SIGHUP. Failures are the caller's to log; the previous state stays. */
  reload: () => void;
  /** Quiet time after the last change before reloading, in ms (editors and codegen write in several steps). @default 100 */
  debounceMs?: number;
  /** Reload on SIGHUP too. @default true */
  onSighup?: boolean;
  logger?: Logger;
}

export interface Reloader {
  /** Resolves once the watcher has read the folders (changes before that may be missed). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Calls `reload` when watched files change or the process receives SIGHUP
 * (`kill -HUP <pid>`), so that clients and manifests are picked up without a restart.
 */
export function watchForReload(options: ReloaderOptions): Reloader {
  const debounceMs = options.debounceMs ?? 100;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (file: string) => {
    if (options.filter && !options.filter(file)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      options.logger?.info({ file }, 'reloading after a file change');
      options.reload();
    }, debounceMs);
  };
  const watcher: FSWatcher = watch(options.paths, {
    ignoreInitial: true,
    // The HTTP server keeps the process alive, not a watcher: one left behind by a close that raced a
    // folder change (chokidar watches the parent of a vanished folder) must not hold the exit.
    persistent: false,
    depth: options.depth ?? 3,
    // Codegen and editors replace files; wait until a write is complete before reading it.
    awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 20 },
  });
  watcher.on('add', schedule).on('change', schedule).on('unlink', schedule);
  watcher.on('error', (err) => options.logger?.warn({ err: (err as Error).message }, 'file watcher error'));
  const onSighup = () => {
    options.logger?.info('reloading on SIGHUP');
    options.reload();
  };
  if (options.onSighup ?? true) process.on('SIGHUP', onSighup);
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    async close() {
      clearTimeout(timer);
      process.off('SIGHUP', onSighup);
      await watcher.close();
    },
  };
}
