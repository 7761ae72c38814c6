import { defineConfig } from 'vite';

// The server serves client_web/dist at "/". During local development `npm run dev`
// proxies /api to a server (real one, or the throwaway mock in dev/) on 127.0.0.1:8787.
const target = process.env.KEYLEDGER_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: {
      '/api': { target, ws: true, changeOrigin: false },
    },
  },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
});
