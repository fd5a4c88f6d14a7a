/**
 * Import rules of the c360 workspaces, checked by `npm run lint:deps` (part of
 * `npm run lint`, which CI runs):
 * - no import cycles anywhere (type-only imports count: they tie modules as much);
 * - a package reaches another one only through its name and public entry
 *   (`@c360/kit/logger`, `@c360/gateway/testing`, …, as its `exports` list them),
 *   never by a relative path into its folder;
 * - no product package imports the demo.
 * A package is a folder with its own package.json (see the root `workspaces`).
 */
const PACKAGE = '^(subgraphs/[^/]+|packages/[^/]+|apps/[^/]+|gateway|embedded|demo|graph-schema|tests/setup|bench)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Import cycles tie modules together: split the module so that imports point one way (model → logic → resolvers).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-deep-cross-package',
      severity: 'error',
      comment:
        'Import another workspace by its package name and public entry (exports), not by a relative path into it.',
      from: { path: PACKAGE },
      to: { dependencyTypes: ['local'], dependencyTypesNot: ['aliased-workspace'], path: PACKAGE, pathNot: '^$1/' },
    },
    {
      name: 'no-relative-into-packages-from-outside',
      severity: 'error',
      comment: 'Code outside the workspaces (tests/, root scripts) imports packages by name too.',
      from: { pathNot: PACKAGE },
      to: { dependencyTypes: ['local'], dependencyTypesNot: ['aliased-workspace'], path: PACKAGE },
    },
    {
      name: 'product-never-imports-demo',
      severity: 'error',
      comment:
        'The demo (seed, simulators) is imported by no product package; only the runner (embedded), the CLI, tests and benchmarks use it.',
      from: { path: '^(subgraphs|gateway|graph-schema|apps)/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^demo/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve: a missing file, or a package subpath that its exports do not list.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|target|__generated__)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: true,
    // Workspace packages resolve through their `exports` to TypeScript sources, as Node, tsx and jest resolve them.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.json', '.d.ts'],
      mainFields: ['main', 'types'],
    },
  },
};
