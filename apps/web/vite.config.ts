import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The console is served by the API under /app (apps/api serves apps/web/dist), so that its routes never
 * collide with the API's own paths. `npm run dev -w @docket/web` proxies API calls to a running API.
 */
export default defineConfig({
  base: '/app/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: Object.fromEntries(
      ['/cases', '/inbox', '/auth', '/audit', '/supervision', '/public', '/codec', '/health'].map((path) => [
        path,
        'http://localhost:3000',
      ]),
    ),
  },
});
