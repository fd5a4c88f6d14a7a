/**
 * Static files of the customer page (apps/customer-page, built by Vite into its
 * dist/): the app at /app, and the self-hosted GraphiQL explorer at /explorer,
 * which works without internet (its scripts, styles and fonts are ours). The
 * explorer's page goes through the same authentication and landing-page gate
 * as Apollo Sandbox at /graphql; its queries go to /graphql like any client's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Logger } from '@c360/kit/logger';

export const CUSTOMER_PAGE_DIR = path.join(__dirname, '..', '..', 'apps', 'customer-page');
export const CUSTOMER_PAGE_DIST = path.join(CUSTOMER_PAGE_DIR, 'dist');

export const customerPageBuilt = (dist = CUSTOMER_PAGE_DIST) => existsSync(path.join(dist, 'index.html'));

/**
 * Builds the app once when its bundle is missing (a first run from a fresh
 * clone), like the other first-run steps; returns whether a bundle is there.
 */
export function ensureCustomerPageBuilt(logger: Logger, dir = CUSTOMER_PAGE_DIR): boolean {
  if (customerPageBuilt(path.join(dir, 'dist'))) return true;
  logger.info('building the customer page (first run: vite build, about a minute)');
  // vite's package exports hide its bin: resolve it from the package's own folder.
  const vite = path.join(path.dirname(require.resolve('vite/package.json', { paths: [dir] })), 'bin', 'vite.js');
  const build = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: dir, stdio: 'inherit' });
  if (build.status !== 0) logger.warn('the customer page could not be built: /app and /explorer answer 503');
  return customerPageBuilt(path.join(dir, 'dist'));
}

export interface CustomerPageRoutesOptions {
  /** Authentication and the Sandbox's gate, run before the explorer's page. */
  explorerGuards: express.RequestHandler[];
  /** The built app. @default apps/customer-page/dist */
  dist?: string;
}

export function customerPageRoutes(options: CustomerPageRoutesOptions): express.Router {
  const dist = options.dist ?? CUSTOMER_PAGE_DIST;
  const router = express.Router();
  const notBuilt: express.RequestHandler = (_req, res, next) => {
    if (customerPageBuilt(dist)) return next();
    res
      .status(503)
      .type('text/plain')
      .send('The customer page is not built: run `npm run build:app` (npm start builds it on its first run).');
  };
  router.use('/app', notBuilt, express.static(dist, { index: 'index.html', maxAge: '1h', immutable: false }));
  router.get('/explorer', notBuilt, ...options.explorerGuards, (_req, res) => {
    res.sendFile(path.join(dist, 'explorer.html'));
  });
  return router;
}
