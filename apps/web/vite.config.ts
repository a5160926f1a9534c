import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The app is served by the API (static files at /), so it builds to plain files with no inline
// script: the API's Content-Security-Policy forbids inline code. JSX goes through Vite's own
// compiler (React's automatic runtime); no plugin is needed for a production build.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: true,
    assetsInlineLimit: 0,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' } },
});
