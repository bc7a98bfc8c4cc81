import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './vite-precompress.ts';

// The Nautilus server (core) listens here in development; the app calls it on the same origin.
const server = 'http://127.0.0.1:3000';
const proxy = { '/trpc': server, '/healthz': server, '/plugins': server };

export default defineConfig({
  plugins: [react(), precompress()],
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases, and the
        // app's own chunk stays small. A group also takes in what its modules import, so the group that
        // must keep a module gets the higher priority (react above the antd components that import it).
        // antd and the components it is built on are two chunks, each under Vite's 500 kB warning.
        // The library groups take only modules the entry loads (`$initial`): what only edit mode or the
        // custom time range needs (colour and date pickers, drawer…) stays in those lazy chunks, out of
        // every dashboard view.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 4 },
            {
              name: 'antd-base',
              test: /node_modules[\\/](@ant-design|@rc-component|rc-[^\\/]+|@babel[\\/]runtime|dayjs)[\\/]/,
              priority: 3,
              tags: ['$initial'],
            },
            { name: 'antd', test: /node_modules[\\/]antd[\\/]/, priority: 2, tags: ['$initial'] },
            { name: 'data', test: /node_modules[\\/](@tanstack|@trpc)[\\/]/, priority: 2 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1, tags: ['$initial'] },
          ],
        },
      },
    },
  },
});
