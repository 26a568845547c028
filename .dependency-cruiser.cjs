/*
 * Import cycles are refused (decision 0014): between files anywhere in the three packages, and between
 * server modules (modules/<name>/ taken as one node), where `npm run check:cycles` also runs
 * scripts/check-module-cycles.mjs over this cruise. Type-only imports are erased at run time and are
 * left out.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-file-cycles',
      comment: 'A file may not import itself through other files: split the shared part out or invert the dependency.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '\\.test-artifacts', '/dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
