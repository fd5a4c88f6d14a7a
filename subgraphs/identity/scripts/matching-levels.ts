/**
 * `npx tsx subgraphs/identity/scripts/matching-levels.ts [--people N] [--seed S] [--levels easy,medium,hard,extreme]`
 *
 * The results table of docs/matching.md: for each difficulty level of the
 * generator (generate.ts), a dedup file and a link pair made with a seed the
 * matcher was not tuned on, each resolved without and with the national id
 * column (soc_sec_id), scored with pairwise precision, recall and F1.
 * Writes bench/results/matching-levels.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generate, LEVELS, writeGenerated, type Level } from '../src/matching/generate';
import { evaluateFile, type FileEval } from './eval-file';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      people: { type: 'string', default: '4000' },
      seed: { type: 'string', default: '2026' },
      levels: { type: 'string', default: Object.keys(LEVELS).join(',') },
    },
  });
  const people = Number(values.people);
  const seed = Number(values.seed);
  const dir = mkdtempSync(join(tmpdir(), 'c360-levels-'));
  const rows: { level: string; mode: string; identifier: boolean; result: FileEval }[] = [];
  try {
    for (const level of values.levels!.split(',') as Level[]) {
      for (const link of [false, true]) {
        const out = join(dir, `${level}-${link ? 'link' : 'dedup'}`);
        const files = await writeGenerated(out, generate({ people, level, seed, link, contacts: false }));
        for (const identifier of [false, true]) {
          const args = [
            ...files.flatMap((f) => ['--file', f]),
            '--truth',
            join(out, 'truth.csv'),
            ...(identifier ? ['--with-id'] : []),
          ];
          const result = await evaluateFile(args, true);
          if (typeof result === 'number') throw new Error(`c360 resolve failed (${result}) on ${files.join(', ')}`);
          rows.push({ level, mode: link ? 'link' : 'dedup', identifier, result });
          const m = result.metrics;
          process.stdout.write(
            `| ${level} | ${link ? 'link' : 'dedup'} | ${identifier ? 'national id' : 'none'} | ${result.rowsIn} | ${result.rowsKept} | ${m.precision.toFixed(4)} | ${m.recall.toFixed(4)} | ${m.f1.toFixed(4)} | ${result.seconds.toFixed(1)} |\n`,
          );
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/matching-levels.json',
    `${JSON.stringify({ people, seed, measuredAt: new Date().toISOString(), rows }, null, 2)}\n`,
  );
}

void main();
