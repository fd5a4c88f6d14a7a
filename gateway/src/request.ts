/**
 * What the gateway knows about one HTTP request to /graphql, gathered as it
 * goes through the middlewares and Apollo's pipeline, and logged once at the
 * end (see plugins/useRequestLog.ts).
 */
import type express from 'express';
import type { Principal } from './auth/authenticate';
import type { FetchTrail } from './cache/fetch-cache';
import { responseShape } from './plugins/useGraphQLOverHttp';

export interface RequestRecord {
  /** The client's `x-request-id` when well-formed, else a new UUID; echoed in the `x-request-id` response header. */
  readonly requestId: string;
  readonly startedAt: number;
  principal?: Principal;
  operationName?: string | null;
  /** SHA-256 (hex) of the document that ran: the persisted-query hash the client sent, or the hash of its text. */
  operationHash?: string;
  /** How the document was found: sent whole, from a trusted-documents manifest, or from the APQ cache. */
  documentFrom?: 'request' | 'manifest' | 'apq';
  /** `extensions.code` of every error sent, in order. */
  errorCodes: string[];
  /** Set when the request was answered before GraphQL ran (401, 403, 413, 429 …). */
  refused?: boolean;
}

export interface GatewayContext {
  principal: Principal;
  requestId: string;
  request: RequestRecord;
  /** What this request's subgraph fetches rest on, noted by the fetch cache for the response cache. */
  fetchTrail?: FetchTrail;
}

export function recordOf(res: express.Response): RequestRecord {
  return res.locals.request as RequestRecord;
}

/**
 * Answers a request refused before GraphQL runs (401, 403, 429 …) the way
 * GraphQL errors look, with its code and the request id, and records the code for the log line.
 * The media type and status follow the GraphQL-over-HTTP spec for the client's `Accept`
 * (see plugins/useGraphQLOverHttp.ts): `status` as given for `application/graphql-response+json`,
 * 200 for a client that asked for `application/json`.
 */
export function sendError(
  res: express.Response,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  const record = res.locals.request as RequestRecord | undefined;
  if (record) {
    record.errorCodes.push(code);
    record.refused = true;
  }
  const shape = responseShape(res.req?.headers.accept);
  res
    .status(shape.status(status))
    .type(shape.mediaType)
    .send(
      JSON.stringify({
        errors: [{ message, extensions: { code, ...extensions, ...(record ? { requestId: record.requestId } : {}) } }],
      }),
    );
}
