import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { purgeBootstrap } from './scripts/purge-bootstrap.mjs';

// The console is served by `pol serve` at /console/ (see src/http); during
// `npm run dev` the API is proxied to a local `pol serve` on :8080.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  // Preact's React-compatible layer in place of React: the same components and hooks in 4 kB instead of
  // 45 kB of compressed script that every console page downloads, parses and runs before it shows anything.
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  // Only the Bootstrap rules the console uses: the stylesheet blocks the first paint.
  css: { postcss: { plugins: [purgeBootstrap()] } },
  build: {
    outDir: 'dist',
    target: 'es2020',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 400,
    // No <link rel="modulepreload"> elements added from script before each lazy chunk: the browser fetches a
    // chunk's imports as soon as it parses it, and the elements cost the main thread 2–3 ms each on start-up.
    modulePreload: false,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
