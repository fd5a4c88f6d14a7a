/**
 * Who is calling a subgraph, as the gateway vouches for it.
 *
 * The gateway authenticates clients (API keys, JWTs) and forwards the client
 * name, its scopes and the request id to each subgraph in headers, signed
 * with an HMAC over a secret shared by the gateway and the subgraphs
 * (SUBGRAPH_SHARED_SECRET). A subgraph verifies the signature before it
 * trusts the headers, so that a subgraph reached directly — not through the
 * gateway — gets no more than an anonymous caller:
 *
 * - production: a request without a valid signature is refused (401);
 * - development: it is served as the anonymous local user, with every scope
 *   (the embedded default is for one person on their own machine).
 *
 * A signature that is present but wrong is refused in both modes: it means a
 * misconfigured secret or a forged header, never a local user.
 *
 * Signatures carry their time and are accepted for `maxAgeMs` (5 minutes), so
 * that headers captured on the wire cannot be replayed for long. They are not
 * bound to the operation: whoever can read the gateway's traffic to its
 * subgraphs is inside the trust boundary anyway.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type express from 'express';
import { GraphQLError } from 'graphql';

/** Scopes the product knows. Clients may hold others; these are the ones the code checks. */
export const SCOPES = {
  /** Read customers (identity, source records, source data that is not personal). */
  customerRead: 'customer:read',
  /** Read fields marked `@pii` (names, emails, phones, addresses …). */
  piiRead: 'pii:read',
  /** Write the identity graph: observe records, merge customers, unlink records. */
  identityWrite: 'identity:write',
  /** Record consents and preferences. */
  consentWrite: 'consent:write',
  /** Operate the product (rules, erasure, access exports). */
  admin: 'admin',
  /** Explore the graph: introspection and the Sandbox in production. */
  analyst: 'analyst',
  /** Read a source's observation feed (`GET /observations`): every record's identifiers; the identity subgraph's. */
  feedRead: 'feed:read',
  /** Read health details and metrics of a service (operators and monitoring). */
  operator: 'operator',
} as const;

export const KNOWN_SCOPES: readonly string[] = Object.values(SCOPES);

/** Headers the gateway sets on every subgraph request. Lower-case, as Node reads them. */
export const CALLER_HEADERS = {
  client: 'x-c360-client',
  scopes: 'x-c360-scopes',
  requestId: 'x-c360-request-id',
  timestamp: 'x-c360-timestamp',
  signature: 'x-c360-signature',
} as const;

/** The caller of a subgraph request. */
export interface Caller {
  /** Client name the gateway authenticated, e.g. `sales-app`; `anonymous` for unsigned development requests. */
  readonly client: string;
  /** Scopes the client holds. */
  readonly scopes: readonly string[];
  /** The gateway's request id, for logs; absent on unsigned requests. */
  readonly requestId?: string;
  /** True when the gateway's signature was verified; false for the anonymous development caller. */
  readonly verified: boolean;
}

/** A subgraph context that knows its caller (the bootstrap puts it on every context). */
export interface CallerContext {
  caller: Caller;
}

/** The caller of unsigned requests in development: one person on their own machine, with every scope. */
export const ANONYMOUS_DEVELOPER: Caller = Object.freeze({
  client: 'anonymous',
  scopes: Object.freeze([...KNOWN_SCOPES]),
  verified: false,
});

export function hasScope(caller: Pick<Caller, 'scopes'> | undefined, scope: string): boolean {
  return caller?.scopes.includes(scope) ?? false;
}

/**
 * Throws FORBIDDEN unless the context's caller holds `scope`; call it first in
 * a resolver that needs one, e.g. `requireScope(ctx, 'consent:write')`.
 * Like every resolver error it carries no HTTP status: it fails its field.
 */
export function requireScope(ctx: { caller?: Caller }, scope: string): void {
  if (hasScope(ctx.caller, scope)) return;
  const client = ctx.caller?.client ?? 'unknown';
  const held = ctx.caller?.scopes.length ? ctx.caller.scopes.join(' ') : 'none';
  throw new GraphQLError(`This operation needs the ${scope} scope; client "${client}" holds: ${held}`, {
    extensions: { code: 'FORBIDDEN', requiredScope: scope, client },
  });
}

/** A fresh random secret (256 bits, base64url), for SUBGRAPH_SHARED_SECRET or a per-process development secret. */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The text that is signed: versioned, every field on its own line, values as they are sent. */
function signedText(timestamp: string, client: string, scopes: string, requestId: string): string {
  return `c360-caller-v1\n${timestamp}\n${client}\n${scopes}\n${requestId}`;
}

const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('base64url');

/**
 * The headers that tell a subgraph who calls it, signed with `secret`.
 * Client names and request ids are percent-encoded so that any name fits in a header.
 */
export function signCaller(
  caller: { client: string; scopes: readonly string[]; requestId?: string },
  secret: string,
  now: number = Date.now(),
): Record<string, string> {
  const timestamp = String(now);
  const client = encodeURIComponent(caller.client);
  const scopes = [...new Set(caller.scopes)].sort().join(' ');
  const requestId = encodeURIComponent(caller.requestId ?? '');
  return {
    [CALLER_HEADERS.client]: client,
    [CALLER_HEADERS.scopes]: scopes,
    [CALLER_HEADERS.requestId]: requestId,
    [CALLER_HEADERS.timestamp]: timestamp,
    [CALLER_HEADERS.signature]: `v1=${hmac(secret, signedText(timestamp, client, scopes, requestId))}`,
  };
}

export type VerifyResult =
  { ok: true; caller: Caller } | { ok: false; reason: 'missing' | 'invalid' | 'expired'; message: string };

type Headers = Record<string, string | string[] | undefined>;
const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Signatures already verified, per secrets list: the gateway signs a request once and sends the same
 * headers to every subgraph it calls (a dozen on a customer page), so only the first call of a request
 * pays for the HMAC. Only matches are kept (a wrong signature is checked again each time), and age and
 * encoding are checked on every call.
 */
const verified = new WeakMap<readonly string[], Set<string>>();
const VERIFIED_MAX = 1024;

function signatureMatches(secrets: readonly string[], text: string, signature: string): boolean {
  let known = verified.get(secrets);
  const key = `${signature}\n${text}`;
  if (known?.has(key)) return true;
  const given = Buffer.from(signature);
  const matches = secrets.some((secret) => {
    const expected = Buffer.from(`v1=${hmac(secret, text)}`);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (matches) {
    if (!known) verified.set(secrets, (known = new Set()));
    if (known.size >= VERIFIED_MAX) known.clear();
    known.add(key);
  }
  return matches;
}

/**
 * Verifies the caller headers against any of `secrets` (the first one is the
 * current secret, the others are accepted during a rotation).
 */
export function verifyCaller(
  headers: Headers,
  secrets: readonly string[],
  maxAgeMs = 300_000,
  now: number = Date.now(),
): VerifyResult {
  const signature = header(headers, CALLER_HEADERS.signature);
  if (!signature) return { ok: false, reason: 'missing', message: 'the request carries no gateway signature' };
  const timestamp = header(headers, CALLER_HEADERS.timestamp) ?? '';
  const client = header(headers, CALLER_HEADERS.client) ?? '';
  const scopes = header(headers, CALLER_HEADERS.scopes) ?? '';
  const requestId = header(headers, CALLER_HEADERS.requestId) ?? '';
  const text = signedText(timestamp, client, scopes, requestId);
  const matches = signatureMatches(secrets, text, signature);
  if (!matches) return { ok: false, reason: 'invalid', message: 'the gateway signature does not match' };
  const at = Number(timestamp);
  if (!Number.isFinite(at) || Math.abs(now - at) > maxAgeMs) {
    return { ok: false, reason: 'expired', message: `the gateway signature is older than ${maxAgeMs} ms` };
  }
  let decoded: { client: string; requestId: string };
  try {
    decoded = { client: decodeURIComponent(client), requestId: decodeURIComponent(requestId) };
  } catch {
    return { ok: false, reason: 'invalid', message: 'the caller headers are not well-formed' };
  }
  return {
    ok: true,
    caller: {
      client: decoded.client,
      scopes: scopes ? scopes.split(' ') : [],
      requestId: decoded.requestId || undefined,
      verified: true,
    },
  };
}

export interface SubgraphAuthOptions {
  /**
   * `production` refuses requests without a valid gateway signature (401);
   * `development` serves them as the anonymous local user.
   * @default 'development'
   */
  mode?: 'development' | 'production';
  /**
   * Secrets shared with the gateway (SUBGRAPH_SHARED_SECRET): any of them verifies.
   * Required in production. In development without one, every request is anonymous.
   * @default []
   */
  secrets?: readonly string[];
  /** How old a signature may be, in milliseconds. @default 300000 */
  maxAgeMs?: number;
}

/**
 * Process-wide defaults for subgraphs started without their own `auth`
 * option: the embedded product sets them once, before starting its
 * subgraphs, so that every subgraph of the process verifies the same
 * secret without each subgraph's start function passing it along.
 */
let defaults: SubgraphAuthOptions = {};

export function configureSubgraphAuth(options: SubgraphAuthOptions): void {
  if (options.mode === 'production' && !options.secrets?.length) {
    throw new Error(
      'Subgraphs in production need the secret shared with the gateway (SUBGRAPH_SHARED_SECRET) to verify their callers',
    );
  }
  defaults = { ...options };
}

export function subgraphAuthDefaults(): SubgraphAuthOptions {
  return defaults;
}

/** Reads the caller a request was authenticated as (set by `callerMiddleware`). */
export function callerOf(res: express.Response): Caller {
  return (res.locals.caller as Caller | undefined) ?? ANONYMOUS_DEVELOPER;
}

/**
 * Express middleware verifying the gateway's signature before GraphQL runs:
 * stores the caller in `res.locals.caller`, or answers 401 UNAUTHENTICATED.
 * `options` is read per request, so that `configureSubgraphAuth` may come after the subgraph started.
 */
export function callerMiddleware(options: () => SubgraphAuthOptions): express.RequestHandler {
  return (req, res, next) => {
    const result = authenticateCaller(req.headers, options());
    if (result.ok) {
      res.locals.caller = result.caller;
      return next();
    }
    res.status(401).json({ errors: [{ message: result.message, extensions: { code: 'UNAUTHENTICATED' } }] });
  };
}

/**
 * Who calls, from the caller headers, under `options`: the verified caller, the
 * anonymous developer (development, unsigned), or why the request is refused (401).
 * The one rule for HTTP requests (`callerMiddleware`) and in-process calls (local.ts).
 */
export function authenticateCaller(
  headers: Headers,
  { mode = 'development', secrets = [], maxAgeMs }: SubgraphAuthOptions,
): { ok: true; caller: Caller } | { ok: false; message: string } {
  if (secrets.length === 0) {
    if (mode === 'production')
      return { ok: false, message: 'This subgraph has no secret to verify its callers; set SUBGRAPH_SHARED_SECRET' };
    return { ok: true, caller: ANONYMOUS_DEVELOPER };
  }
  const result = verifyCaller(headers, secrets, maxAgeMs);
  if (result.ok) return result;
  if (result.reason === 'missing' && mode === 'development') return { ok: true, caller: ANONYMOUS_DEVELOPER };
  return { ok: false, message: `Subgraph requests must come through the gateway: ${result.message}` };
}

/**
 * Express middleware for a service route other than `/graphql`: verifies the
 * signed caller like `callerMiddleware` (401 UNAUTHENTICATED in production
 * without a valid signature), then, when `scope` is given, requires it
 * (403 FORBIDDEN). Every route of a subgraph but liveness goes through it.
 */
export function requireCaller(options: () => SubgraphAuthOptions, scope?: string): express.RequestHandler {
  const verify = callerMiddleware(options);
  return (req, res, next) =>
    verify(req, res, (err?: unknown) => {
      if (err) return next(err);
      const caller = callerOf(res);
      if (scope && !hasScope(caller, scope)) {
        res.status(403).json({
          errors: [
            {
              message: `${req.path} needs the ${scope} scope; client "${caller.client}" holds: ${caller.scopes.join(' ') || 'none'}`,
              extensions: { code: 'FORBIDDEN', requiredScope: scope },
            },
          ],
        });
        return;
      }
      next();
    });
}
