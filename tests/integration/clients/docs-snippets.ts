/**
 * The code of docs/front-end.md is the code the client suite runs: each
 * `<!-- include: path -->` line is followed by a fenced block holding that
 * file, word for word. `npx tsx tests/integration/clients/docs-snippets.ts`
 * rewrites the blocks from the files; docs.test.ts fails when they differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..', '..');
export const PAGE = path.join(ROOT, 'docs', 'front-end.md');

const INCLUDE = /<!-- include: (\S+) -->\n\n?```(\w+)\n([\s\S]*?)```\n/g;

export interface Include {
  file: string;
  inPage: string;
  onDisk: string;
}

/** Every include of the page, with the block's text and the file's. */
export function includesOf(page = readFileSync(PAGE, 'utf8')): Include[] {
  return [...page.matchAll(INCLUDE)].map(([, file, , inPage]) => ({
    file: file!,
    inPage: inPage!,
    onDisk: readFileSync(path.join(ROOT, file!), 'utf8'),
  }));
}

/** The page with every block replaced by its file. */
export function synced(page: string): string {
  return page.replace(
    INCLUDE,
    (_all, file: string, lang: string) =>
      `<!-- include: ${file} -->\n\n\`\`\`${lang}\n${readFileSync(path.join(ROOT, file), 'utf8')}\`\`\`\n`,
  );
}

if (require.main === module) writeFileSync(PAGE, synced(readFileSync(PAGE, 'utf8')));
