import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { purgeBootstrap } from './scripts/purge-bootstrap.mjs';

// The console is served by `pol serve` at /console/ (see src/http); during
// `npm run dev` the API is proxied to a local `pol serve` on :8080.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  // Only the Bootstrap rules the console uses: the stylesheet blocks the first paint.
  css: { postcss: { plugins: [purgeBootstrap()] } },
  build: {
    outDir: 'dist',
    target: 'es2020',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
