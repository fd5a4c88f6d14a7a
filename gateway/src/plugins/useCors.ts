/**
 * Cross-origin access for browser apps served from another origin (a
 * front end on https://app.example.com calling the gateway on
 * https://api.example.com), and the headers that make a request
 * "non-simple" for CSRF prevention.
 *
 * The middleware answers preflights (OPTIONS with
 * Access-Control-Request-Method) itself, before authentication — browsers
 * send them without credentials — and adds the CORS headers to every answer
 * to an allowed origin, refusals included, so that a browser app can read a
 * 401 or a 429 and its `extensions.code`. An origin that is not allowed gets
 * no CORS header: the browser then keeps the answer from the page.
 */
import type express from 'express';

export interface CorsOptions {
  /**
   * Origins a browser app may call from: exact (`https://app.example.com`, scheme, host and port),
   * any subdomain (`https://*.example.com`), or `*` for any origin. Empty: no cross-origin access.
   * @default []
   */
  origins: readonly string[];
  /**
   * Whether browsers may send cookies and HTTP authentication with cross-origin calls
   * (`Access-Control-Allow-Credentials`). API keys and bearer tokens travel in headers and need no cookies.
   * @default false
   */
  credentials?: boolean;
  /** How long a browser may reuse a preflight's answer, in seconds (`Access-Control-Max-Age`). @default 600 */
  maxAgeSeconds?: number;
  /** Methods a cross-origin call may use. @default ['GET', 'POST'] */
  methods?: readonly string[];
  /** Response headers a browser app may read. @default EXPOSED_HEADERS */
  exposedHeaders?: readonly string[];
}

/** What a browser app may read of an answer besides the body: the request id, rate limits, the auth challenge. */
export const EXPOSED_HEADERS = [
  'x-request-id',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'retry-after',
  'www-authenticate',
] as const;

/**
 * Request headers that a browser sends only after a CORS preflight, which a
 * cross-site form or image cannot forge: Apollo Server's two
 * (`x-apollo-operation-name`, `apollo-require-preflight`) and the gateway's
 * credentials (`x-api-key`, `authorization` — neither is CORS-safelisted).
 * A GET or a simple POST carrying one of them passes Apollo Server's CSRF
 * prevention: every authenticated request does, so that urql's and
 * graphql-request's GETs work with nothing but their API key; only an
 * anonymous call (development) must add `apollo-require-preflight`.
 */
export const CSRF_PREFLIGHT_HEADERS = [
  'x-apollo-operation-name',
  'apollo-require-preflight',
  'x-api-key',
  'authorization',
];

const ORIGIN = /^(https?):\/\/(\*\.)?([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?$/i;
const TOKEN_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;

/** Problems with a list of allowed origins (for the config check), one message per bad entry. */
export function originProblems(origins: readonly string[], credentials: boolean): string[] {
  const problems = origins
    .filter((o) => o !== '*' && !ORIGIN.test(o))
    .map(
      (o) =>
        `"${o}" is not an origin: expected scheme://host[:port] without a path, e.g. https://app.example.com, ` +
        'https://*.example.com, or *',
    );
  if (credentials && origins.includes('*')) {
    problems.push('"*" cannot be combined with credentials: list the origins that may send cookies');
  }
  return problems;
}

/** Whether `origin` is one of `allowed` (exact, `*.` subdomain pattern, or `*`). */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  const lower = origin.toLowerCase();
  return allowed.some((entry) => {
    if (entry === '*') return true;
    const pattern = entry.toLowerCase();
    const star = pattern.indexOf('://*.');
    if (star < 0) return pattern === lower;
    const scheme = pattern.slice(0, star + 3);
    const suffix = pattern.slice(star + 4); // ".example.com[:port]"
    return lower.startsWith(scheme) && lower.endsWith(suffix) && lower.length > scheme.length + suffix.length;
  });
}

export function corsMiddleware(options: CorsOptions): express.RequestHandler {
  const credentials = options.credentials ?? false;
  const maxAge = String(options.maxAgeSeconds ?? 600);
  const methods = (options.methods ?? ['GET', 'POST']).join(', ');
  const exposed = (options.exposedHeaders ?? EXPOSED_HEADERS).join(', ');
  const anyOrigin = options.origins.includes('*') && !credentials;
  return (req, res, next) => {
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    // Answers differ by Origin: caches must not serve one origin's answer to another.
    if (!anyOrigin) res.vary('Origin');
    if (!origin || !originAllowed(origin, options.origins)) {
      // A refused preflight: no CORS header, so the browser stops there; nothing reaches authentication.
      if (preflight) return void res.status(204).end();
      return next();
    }
    res.setHeader('Access-Control-Allow-Origin', anyOrigin ? '*' : origin);
    if (credentials) res.setHeader('Access-Control-Allow-Credentials', 'true');
    if (!preflight) {
      res.setHeader('Access-Control-Expose-Headers', exposed);
      return next();
    }
    res.setHeader('Access-Control-Allow-Methods', methods);
    // The headers the app wants to send (its API key, content type, Apollo's preflight header …): any the browser
    // names is allowed to an allowed origin, which is trusted to call the API anyway.
    const requested = req.headers['access-control-request-headers'];
    if (typeof requested === 'string' && TOKEN_LIST.test(requested.trim())) {
      res.setHeader('Access-Control-Allow-Headers', requested.trim());
      res.vary('Access-Control-Request-Headers');
    }
    // Chrome's Private Network Access: a public page calling a gateway on a private address asks first.
    if (req.headers['access-control-request-private-network'] === 'true') {
      res.setHeader('Access-Control-Allow-Private-Network', 'true');
    }
    res.setHeader('Access-Control-Max-Age', maxAge);
    res.status(204).end();
  };
}
