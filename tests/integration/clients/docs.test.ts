import { readdirSync } from 'node:fs';
import path from 'node:path';
import { includesOf } from './docs-snippets';

describe('docs/front-end.md', () => {
  it('shows every client snippet word for word as the suite runs it (npx tsx tests/integration/clients/docs-snippets.ts)', () => {
    const includes = includesOf();
    const snippets = readdirSync(path.join(__dirname, 'storefront', 'src')).map(
      (f) => `tests/integration/clients/storefront/src/${f}`,
    );
    expect(includes.map((i) => i.file).sort()).toEqual(expect.arrayContaining(snippets.sort()));
    for (const include of includes)
      expect({ file: include.file, text: include.inPage }).toEqual({ file: include.file, text: include.onDisk });
  });
});
