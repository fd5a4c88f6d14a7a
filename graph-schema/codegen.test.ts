import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import YAML from 'yaml';

const ROOT = path.join(__dirname, '..');

describe('generated resolver types', () => {
  it('match codegen.yml and the subgraph schemas (run `npm run codegen` when this fails)', async () => {
    const config = YAML.parse(readFileSync(path.join(ROOT, 'codegen.yml'), 'utf8'));
    const outputs = (await generate({ ...config, cwd: ROOT, silent: true }, false)) as {
      filename: string;
      content: string;
    }[];
    // A preset (the client preset of clients/*) writes several files for one entry: every entry writes at least one.
    const unwritten = Object.keys(config.generates).filter(
      (target) =>
        !outputs.some((o) => o.filename === target || (target.endsWith('/') && o.filename.startsWith(target))),
    );
    expect(unwritten).toEqual([]);
    for (const output of outputs) {
      const onDisk = readFileSync(path.resolve(ROOT, output.filename), 'utf8');
      expect({ file: output.filename, content: onDisk }).toEqual({ file: output.filename, content: output.content });
    }
  }, 60_000);
});
