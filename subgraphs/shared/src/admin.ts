/**
 * Operator endpoints beside a subgraph's GraphQL API, and how services call
 * them: the erasure of a source's own records (right to erasure), the
 * identity graph's erasure, the PII-read audit sink.
 *
 * They are plain JSON over HTTP rather than GraphQL mutations on purpose:
 * they are service-to-service calls of the privacy subgraph (and the
 * gateway), not part of the public graph, so they stay out of the
 * supergraph. They trust the same signed caller headers as `/graphql` (see
 * auth.ts) and need the `admin` scope.
 */
import express from 'express';
import {
  callerMiddleware,
  callerOf,
  hasScope,
  SCOPES,
  signCaller,
  type Caller,
  type SubgraphAuthOptions,
} from './auth';

/** A request an admin endpoint refuses as malformed: answered 400 BAD_USER_INPUT with this message. */
export class BadAdminRequest extends Error {}

/** What a source subgraph's erase endpoint receives: the source's own record ids, as the identity graph names them. */
export interface EraseRequest {
  localIds: string[];
}

/** What it answers: how many of those records it erased (records it does not hold count as nothing to do). */
export interface EraseResponse {
  erased: number;
}

/** Path of every source subgraph's erase endpoint. */
export const ERASE_PATH = '/admin/erase';

/**
 * Mounts `POST path`: verifies the caller (signed headers), requires the
 * admin scope (403 FORBIDDEN), parses the JSON body and answers the
 * handler's result as JSON; a BadAdminRequest is a 400, any other failure a
 * 503 SOURCE_UNAVAILABLE naming `source`, so that the caller retries.
 */
export function adminRoute(
  app: express.Express,
  path: string,
  options: { source: string; auth: () => SubgraphAuthOptions; jsonLimit?: string },
  handler: (body: unknown, caller: Caller) => Promise<unknown>,
): void {
  const json = express.json({ limit: options.jsonLimit ?? '1mb' });
  app.post(path, callerMiddleware(options.auth), json, async (req, res) => {
    const caller = callerOf(res);
    if (!hasScope(caller, SCOPES.admin)) {
      res.status(403).json({
        error: {
          code: 'FORBIDDEN',
          message: `${path} needs the ${SCOPES.admin} scope; client "${caller.client}" holds: ${caller.scopes.join(' ') || 'none'}`,
        },
      });
      return;
    }
    try {
      res.json(await handler(req.body, caller));
    } catch (err) {
      if (err instanceof BadAdminRequest) {
        res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: err.message } });
        return;
      }
      res.status(503).json({
        error: { code: 'SOURCE_UNAVAILABLE', source: options.source, message: (err as Error).message },
      });
    }
  });
}

/** Reads `{"localIds": [string…]}` (1 to 10 000 ids), or throws BadAdminRequest saying what was received. */
export function parseEraseRequest(body: unknown): EraseRequest {
  const localIds = (body as { localIds?: unknown } | null)?.localIds;
  if (!Array.isArray(localIds) || localIds.some((id) => typeof id !== 'string' || id === '')) {
    throw new BadAdminRequest(
      `expected {"localIds": [non-empty strings]}, received ${JSON.stringify(body)?.slice(0, 200) ?? 'nothing'}`,
    );
  }
  if (localIds.length > 10_000) throw new BadAdminRequest(`localIds: at most 10000 ids, received ${localIds.length}`);
  return { localIds: [...new Set(localIds as string[])] };
}

/** Mounts a source subgraph's erase endpoint (`POST /admin/erase`) over its client's `erase`. */
export function eraseRoute(
  app: express.Express,
  source: string,
  auth: () => SubgraphAuthOptions,
  erase: (localIds: string[], requestedBy: string) => Promise<number>,
): void {
  adminRoute(app, ERASE_PATH, { source, auth }, async (body, caller): Promise<EraseResponse> => {
    const { localIds } = parseEraseRequest(body);
    return { erased: localIds.length === 0 ? 0 : await erase(localIds, caller.client) };
  });
}

/** An admin endpoint answered with an error: `status` 0 when it could not be reached at all. */
export class AdminCallError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ServiceCallOptions {
  /** Who the call is made as (signed when a secret is given). */
  caller: { client: string; scopes: readonly string[]; requestId?: string };
  /** The secret shared with the gateway and the subgraphs; without one the call is unsigned (development). */
  secret?: string;
  /** @default 10000 */
  timeoutMs?: number;
}

/** POSTs JSON to a service endpoint with signed caller headers; resolves to the JSON answer, throws AdminCallError. */
export async function postAdmin<T>(url: string, body: unknown, options: ServiceCallOptions): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.secret ? signCaller(options.caller, options.secret) : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (err) {
    throw new AdminCallError(url, 0, `${url} did not answer: ${(err as Error).message}`);
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  if (!response.ok) {
    const error = (parsed as { error?: { message?: string } | string } | null)?.error;
    const detail = typeof error === 'string' ? error : (error?.message ?? String(text).slice(0, 200));
    throw new AdminCallError(url, response.status, `${url} answered ${response.status}: ${detail}`);
  }
  return parsed as T;
}
