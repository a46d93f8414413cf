/** Layering rules from DESIGN.md: an inner layer never imports an outer one. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports nothing outside domain/ (no node:, no libraries but yaml-free pure code)',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { pathNot: '^src/domain' },
    },
    {
      name: 'app-only-domain',
      comment: 'app/ (use cases and ports) depends on domain/ only; adapters come in through ports',
      severity: 'error',
      from: { path: '^src/app' },
      to: { path: '^src/(store|importers|config|cli|http|web|main)' },
    },
    {
      name: 'store-no-outer',
      severity: 'error',
      from: { path: '^src/store' },
      to: { path: '^src/(importers|config|cli|http|web|main)' },
    },
    {
      name: 'importers-no-outer',
      severity: 'error',
      from: { path: '^src/importers' },
      to: { path: '^src/(store|cli|http|web|main)' },
    },
    {
      name: 'demo-no-outer',
      comment: 'demo/ (the generators) builds on domain, ports, config and importers; never the store or the interfaces',
      severity: 'error',
      from: { path: '^src/demo' },
      to: { path: '^src/(store|cli|http|web|main)|^src/app/(?!ports/)' },
    },
    {
      name: 'interfaces-not-store',
      comment: 'cli/ and http/ are thin: they call use cases, never the store directly',
      severity: 'error',
      from: { path: '^src/(cli|http|web)' },
      to: { path: '^src/(store|main)' },
    },
    {
      name: 'db-drivers-only-in-store',
      severity: 'error',
      from: { pathNot: '^src/(store|bench)' },
      to: { path: 'node_modules/(better-sqlite3|pg|kysely)/' },
    },
    {
      name: 'env-only-in-config',
      comment: 'checked by a test (test/layering.test.ts) since process.env is not an import',
      severity: 'info',
      from: { path: '^$' },
      to: { path: '^$' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js'] },
  },
};
