import { defineConfig } from 'vite';

/**
 * Builds the widget bundle the builder imports at run time: an ES module at dist/widgets.js whose
 * default export is `defineWidgets(…)`. It has no dependencies besides the sdk's types, so it is one
 * small self-contained file.
 */
export default defineConfig({
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
      // Vite keeps whitespace in library builds for a consumer's bundler to minify; nothing comes after this one.
      output: { minify: true },
    },
  },
});
