import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HelpdeskData } from './types';

/** Repository root: relative data paths are taken from here, not from the cwd. */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Where the demo seed writes the help desk's data, relative to the repository root. */
export const DEFAULT_HELPDESK_DATA_FILE = '.data/helpdesk/helpdesk.json';

/** Absolute path of a help-desk data file given relative to the repository root (or absolute). */
export function resolveHelpdeskDataFile(file: string = DEFAULT_HELPDESK_DATA_FILE): string {
  return path.resolve(REPO_ROOT, file);
}

/** The records of a data file, or null when there is no such file. */
export function readHelpdeskDataFile(file: string): HelpdeskData | null {
  const absolute = resolveHelpdeskDataFile(file);
  if (!existsSync(absolute)) return null;
  return JSON.parse(readFileSync(absolute, 'utf8')) as HelpdeskData;
}

/** Replaces a data file with these records (written under a temporary name, then renamed). */
export function writeHelpdeskDataFile(file: string, data: HelpdeskData): void {
  const absolute = resolveHelpdeskDataFile(file);
  const temporary = `${absolute}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(data));
  renameSync(temporary, absolute);
}
