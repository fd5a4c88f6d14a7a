/**
 * Request ids and one structured log line per GraphQL request.
 *
 * The express middleware gives each request its id (the client's
 * `x-request-id` when it is a sane token, else a new UUID), returns it in the
 * `x-request-id` response header, and writes one JSON line when the response
 * is finished — whether GraphQL ran or the request was refused before
 * (401, 403, 413, 429):
 *
 * `{"msg":"request","requestId":"…","client":"partner-app","via":"api-key","keyId":"…",
 *   "operationName":"PartnerRecentOrders","operationHash":"3b77…","documentFrom":"manifest",
 *   "status":200,"durationMs":12.3,"errorCodes":[]}`
 *
 * The Apollo plugin fills in what only the pipeline knows: the operation's
 * name and hash, where its text came from, and the codes of the errors sent.
 * Neither the query text nor variables are logged: they may hold personal data.
 */
import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type express from 'express';
import type { Logger } from '@c360/kit/logger';
import type { GatewayContext, RequestRecord } from '../request';

export interface RequestLogOptions {
  logger: Logger;
  /** Header carrying the request id, both ways. @default 'x-request-id' */
  header?: string;
  /** Called once for a request answered before GraphQL ran, with its error code (for metrics). @default none */
  onRefused?: (code: string) => void;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestLogMiddleware(options: RequestLogOptions): express.RequestHandler {
  const header = options.header ?? 'x-request-id';
  return (req, res, next) => {
    const given = req.get(header);
    const record: RequestRecord = {
      requestId: given && REQUEST_ID.test(given) ? given : randomUUID(),
      startedAt: performance.now(),
      errorCodes: [],
    };
    res.locals.request = record;
    res.setHeader(header, record.requestId);
    res.on('finish', () => {
      const { principal } = record;
      if (record.refused) options.onRefused?.(record.errorCodes[0] ?? 'UNKNOWN');
      options.logger.info(
        {
          requestId: record.requestId,
          method: req.method,
          client: principal?.client ?? null,
          via: principal?.via ?? null,
          keyId: principal?.keyId,
          subject: principal?.subject,
          operationName: record.operationName ?? null,
          operationHash: record.operationHash ?? null,
          documentFrom: record.documentFrom,
          status: res.statusCode,
          durationMs: Math.round((performance.now() - record.startedAt) * 10) / 10,
          errorCodes: record.errorCodes,
        },
        'request',
      );
    });
    next();
  };
}

/** Records an express-level error (a body over the limit, malformed JSON) for the log line, then passes it on. */
export const recordBodyErrors: express.ErrorRequestHandler = (err, _req, res, next) => {
  const record = res.locals.request as RequestRecord | undefined;
  if (record) {
    record.refused = true;
    record.errorCodes.push(
      err?.type === 'entity.too.large'
        ? 'PAYLOAD_TOO_LARGE'
        : err?.type === 'entity.parse.failed'
          ? 'BAD_REQUEST'
          : 'INTERNAL_SERVER_ERROR',
    );
  }
  next(err);
};

export function useRequestLog(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveSource({ contextValue, queryHash, metrics }) {
          const record = contextValue.request;
          record.operationHash = queryHash;
          if (metrics.persistedQueryHit) record.documentFrom = 'apq';
          else record.documentFrom ??= 'request';
        },
        async willSendResponse({ contextValue, response, operationName, request }) {
          const record = contextValue.request;
          record.operationName = operationName ?? request.operationName ?? null;
          const { body } = response;
          const result = body.kind === 'single' ? body.singleResult : body.initialResult;
          for (const error of result.errors ?? []) {
            const code = error.extensions?.code;
            record.errorCodes.push(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
          }
        },
      };
    },
  };
}
