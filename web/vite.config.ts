import { defineConfig } from 'vite';

/**
 * The dashboard is built from web/ into web-dist/ beside the package, where `tandem serve`
 * finds it. Preact's JSX runtime through Vite's own transformer (no Babel preset needed).
 */
export default defineConfig({
  root: 'web',
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../web-dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    chunkSizeWarningLimit: 300,
  },
});
