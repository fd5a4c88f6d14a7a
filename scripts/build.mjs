// `npm run build`: compiles the c360 command and everything it runs into one
// JavaScript file, dist/c360.js (and the matcher's worker thread scripts beside it), that production runs with plain `node`
// (`node dist/c360.js start [--only SERVICE]`) — no TypeScript loader.
//
// Our workspace packages are bundled; third-party packages stay in
// node_modules (installed by `npm ci --omit=dev`). Our modules find their
// files (schema.graphql, migrations, the Neo4j launcher…) next to their
// sources through __dirname, so each module's __dirname is rewritten to the
// folder its source is in, relative to dist/: the build runs in place.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'dist', 'c360.js');

/** Third-party imports stay require()s of node_modules; @c360/* and relative imports are bundled. */
const externalThirdParty = {
  name: 'external-third-party',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@c360/') ? undefined : { path: args.path, external: true },
    );
  },
};

const entry = path.join(root, 'packages/cli/src/main.ts');

/**
 * Each bundled module keeps its own source folder as __dirname; and only the
 * entry runs as a program: in one bundle every module's `module` is the
 * bundle's, so the `require.main === module` guards of the modules that are
 * also scripts of their own (npm run seed, the gateway…) must read false.
 */
const sourceModules = {
  name: 'source-modules',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      let text = await readFile(args.path, 'utf8');
      const rel = path.relative(path.dirname(outfile), path.dirname(args.path));
      text = text.replace(/\b__dirname\b/g, `__c360_dirname(${JSON.stringify(rel)})`);
      if (args.path !== entry) text = text.replace(/\brequire\.main === module\b/g, 'false');
      return { contents: text, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/** What both outputs share: bundled, CommonJS for Node 20 and up, with source maps and our modules' folders. */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: "const __c360_dirname = (rel) => require('node:path').join(__dirname, rel);" },
  plugins: [externalThirdParty, sourceModules],
};

const started = Date.now();
const result = await build({ ...common, entryPoints: [entry], outfile, metafile: true });
const inputs = Object.keys(result.metafile.inputs).length;
console.log(`built ${path.relative(root, outfile)} from ${inputs} modules in ${Date.now() - started} ms`);

// The worker threads' scripts, next to dist/c360.js: the batch matcher's comparing threads
// (subgraphs/identity/src/matching/compare-pairs.ts), the bulk load's scoring threads (score-blocks.ts) and the demo
// seed's source threads (demo/seed/source-jobs.ts).
const workers = [
  ['matching-worker.js', 'subgraphs/identity/src/matching/compare-worker.ts'],
  ['score-blocks-worker.js', 'subgraphs/identity/src/matching/score-blocks-worker.ts'],
  ['seed-worker.js', 'demo/seed/source-worker.ts'],
];
for (const [out, source] of workers) {
  const workerOut = path.join(root, 'dist', out);
  await build({ ...common, entryPoints: [path.join(root, source)], outfile: workerOut });
  console.log(`built ${path.relative(root, workerOut)}`);
}
