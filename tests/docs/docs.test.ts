/**
 * The documentation cannot go stale without a test failing: the generated
 * tables match the code, every link inside the repository resolves (files
 * and #anchors), and the README stays short enough to read.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const ROOT = path.join(__dirname, '..', '..');

function markdownFiles(): string[] {
  const out = ['README.md'];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.md')) out.push(rel);
    }
  };
  walk('docs');
  for (const dir of ['subgraphs', 'demo', 'embedded', 'gateway', 'packages', 'apps']) {
    if (!existsSync(path.join(ROOT, dir))) continue;
    const walkPkg = (d: string) => {
      for (const entry of readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
        if (['node_modules', 'dist', 'target', '__generated__'].includes(entry.name)) continue;
        const rel = path.join(d, entry.name);
        if (entry.isDirectory()) walkPkg(rel);
        else if (entry.name.endsWith('.md')) out.push(rel);
      }
    };
    walkPkg(dir);
  }
  return out;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');

function anchors(file: string): Set<string> {
  const text = readFileSync(path.join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1]!)));
}

describe('documentation', () => {
  it('has its generated tables (configuration, commands, ports) as the code says', async () => {
    // The generator formats with Prettier, whose dynamic imports jest's VM cannot run: it runs as
    // the same command a developer runs, `npm run docs -- --check`, which exits 1 naming what is stale.
    const run = promisify(execFile);
    const result = await run(process.execPath, [require.resolve('tsx/cli'), 'scripts/docs.ts', '--check'], {
      cwd: ROOT,
    }).then(
      (r) => ({ code: 0, stderr: r.stderr }),
      (err: { code: number; stderr: string }) => ({ code: err.code, stderr: err.stderr }),
    );
    expect(result).toEqual({ code: 0, stderr: '' });
  });

  it('links only to files and headings that exist in the repository', () => {
    const broken: string[] = [];
    for (const file of markdownFiles()) {
      const text = readFileSync(path.join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!;
        if (/^(https?:|mailto:)/.test(target)) continue;
        const [rel, anchor] = target.split('#') as [string, string | undefined];
        const resolved = rel === '' ? file : path.normalize(path.join(path.dirname(file), rel));
        if (resolved.startsWith('..') || path.isAbsolute(resolved)) {
          broken.push(`${file}: ${target} leaves the repository`);
          continue;
        }
        if (!existsSync(path.join(ROOT, resolved))) {
          broken.push(`${file}: ${target} (no ${resolved})`);
          continue;
        }
        if (anchor && resolved.endsWith('.md') && statSync(path.join(ROOT, resolved)).isFile()) {
          if (!anchors(resolved).has(anchor)) broken.push(`${file}: ${target} (no heading #${anchor} in ${resolved})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('keeps the README under 15 KB, with the two quick-start commands', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(15 * 1024);
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
