import { defineConfig } from 'vite';

// `npm run dev` proxies the API to a local gateway (./installer.sh local up), so the dev server
// shares the gateway's origin rules exactly like the served bundle does.
export default defineConfig({
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // No inline <script>/<style>: the service's Content-Security-Policy forbids them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
