/**
 * Builds the customer page and the self-hosted explorer into dist/, served by
 * the gateway under /app (the explorer's page at /explorer). After the bundle
 * is written, the app's trusted-documents manifest (written by `npm run
 * codegen` into src/gql/) is registered as the `customer-page` manifest of the
 * gateway's safelist: clients/customer-page/__generated__/persisted-documents.json,
 * which the gateway reloads on change.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const MANIFEST = path.join(here, 'src', 'gql', 'persisted-documents.json');
/** Where the gateway reads the manifests of client apps (PERSISTED_DOCUMENTS_DIR). */
const SAFELIST_DIR = process.env.PERSISTED_DOCUMENTS_DIR ?? path.join(here, '..', '..', 'clients');

function registerTrustedDocuments(): Plugin {
  return {
    name: 'c360-register-trusted-documents',
    apply: 'build',
    closeBundle() {
      const target = path.join(SAFELIST_DIR, 'customer-page', '__generated__', 'persisted-documents.json');
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(MANIFEST, target);
      copyFileSync(MANIFEST, path.join(here, 'dist', 'persisted-documents.json'));
    },
  };
}

export default defineConfig({
  root: here,
  base: '/app/',
  plugins: [react(), registerTrustedDocuments()],
  // npm hoists another React (a peer range of GraphiQL's dependencies) to the repository's root:
  // every import of React resolves to this app's one copy, or hooks break (React error #321).
  resolve: { dedupe: ['react', 'react-dom'] },
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: { app: path.join(here, 'index.html'), explorer: path.join(here, 'explorer.html') },
    },
  },
});
