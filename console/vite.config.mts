import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console is built into console/dist and served by the api process at `/` (src/console/serve-console.ts).
// No @vitejs/plugin-react: its optional Babel 8 peer clashes with Jest's Babel 7 in one lockfile, and
// Vite 8's own transformer (oxc) compiles TSX with React's automatic runtime; only dev fast-refresh is lost.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  // The api process swaps this for each answer's CSP nonce (src/console/serve-console.ts): vite puts it on the
  // inline <style> and the <link>/<script> tags, and in <meta property="csp-nonce">, where main.tsx reads it for antd.
  html: { cspNonce: '__HERALD_CSP_NONCE__' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // antd's files start with "use client" (for React Server Components); meaningless in a SPA bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      output: {
        // Libraries every screen uses in one cached chunk; pages are split by route (React.lazy).
        // A group also takes the dependencies of what it matches, so the shared libraries claim theirs
        // first (higher priority): otherwise React itself would land in the flow chunk.
        codeSplitting: {
          groups: [
            { name: 'react', priority: 40, test: /node_modules[\\/](react|react-dom|scheduler|react-router|use-sync-external-store)[\\/]/ },
            { name: 'antd', priority: 30, test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|dayjs)[\\/]/ },
            // React Flow and its d3 parts: only the journey canvas loads this chunk. The d3 modules it shares
            // with recharts get a small chunk of their own, so neither page pulls in the other's library.
            { name: 'flow', priority: 10, test: /node_modules[\\/](@xyflow|zustand|classcat|d3-(drag|selection|zoom|dispatch|transition))[\\/]/ },
            { name: 'd3-shared', priority: 20, test: /node_modules[\\/]d3-(interpolate|color|ease|timer)[\\/]/ },
            {
              name: 'charts',
              priority: 10,
              test: /node_modules[\\/](recharts|d3-[a-z-]+|victory-vendor|es-toolkit|decimal\.js-light|@reduxjs|immer|reselect|redux)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    // npm run console:dev — the API from a local `npm run up` (cookies are same-origin through the proxy).
    proxy: { '/api': 'http://localhost:3000' },
  },
});
