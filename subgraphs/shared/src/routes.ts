/**
 * The inventory of the HTTP routes an Express app actually registers, read
 * from its router stack (Express 5 / router 2): what a security test walks to
 * check that every route but liveness refuses an unauthenticated caller, so
 * that a route added tomorrow is checked without anyone listing it.
 */
import type express from 'express';

export interface RouteEntry {
  /** Upper-case HTTP method, or `ANY` for a mount (`app.use(path, …)`) that answers every method. */
  method: string;
  /** The path as registered (a string; a RegExp as its source). */
  path: string;
}

interface Layer {
  rawPath?: unknown;
  slash?: boolean;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

const pathText = (p: unknown): string[] =>
  Array.isArray(p) ? p.flatMap(pathText) : p instanceof RegExp ? [p.source] : [String(p)];

/**
 * Every (method, path) the app serves. Middleware mounted on `/` for every
 * path (body parsers, error handlers) is reported as `ANY *`: it may answer
 * any path, so a test probes an unknown path for it.
 */
export function routesOf(app: express.Express): RouteEntry[] {
  const stack = (app as unknown as { router?: { stack: Layer[] } }).router?.stack ?? [];
  const seen = new Map<string, RouteEntry>();
  const add = (method: string, path: string) => seen.set(`${method} ${path}`, { method, path });
  const walk = (layers: Layer[], prefix: string) => {
    for (const layer of layers) {
      if (layer.route) {
        for (const path of pathText(layer.route.path)) {
          for (const [method, on] of Object.entries(layer.route.methods)) {
            if (on) add(method === '_all' ? 'ANY' : method.toUpperCase(), prefix + path);
          }
        }
      } else if (layer.handle?.stack) {
        // A nested router: its routes under the mount path.
        for (const path of pathText(layer.rawPath ?? '/'))
          walk(layer.handle.stack, prefix + (path === '/' ? '' : path));
      } else {
        for (const path of pathText(layer.rawPath ?? '/'))
          add('ANY', path === '/' ? `${prefix || ''}*` : prefix + path);
      }
    }
  };
  walk(stack, '');
  return [...seen.values()].sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}
