import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console is served by `pol serve` at /console/ (see src/http); during
// `npm run dev` the API is proxied to a local `pol serve` on :8080.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
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
