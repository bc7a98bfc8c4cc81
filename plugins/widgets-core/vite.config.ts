import { defineConfig } from 'vite';

/**
 * Builds the widget bundle the builder imports at run time: an ES module at dist/widgets.js whose
 * default export is `defineWidgets(…)`. Nothing is external (the builder's page provides no modules),
 * and the charting and Markdown libraries go to chunks beside it, loaded with the first widget that
 * needs them.
 */
export default defineConfig({
  // Library mode leaves process.env.NODE_ENV for a consumer's bundler; this bundle is the end product.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    minify: true,
    sourcemap: true,
    lib: {
      entry: 'src/widgets.ts',
      formats: ['es'],
      fileName: () => 'widgets.js',
    },
    rolldownOptions: {
      output: {
        // Vite keeps whitespace in library builds for a consumer's bundler to minify; nothing comes after this one.
        minify: true,
        // Licence headers of the bundled libraries stay (Apache-2.0 asks for lightweight-charts' notice).
        comments: { legal: true, annotation: false, jsdoc: false },
      },
    },
  },
});
