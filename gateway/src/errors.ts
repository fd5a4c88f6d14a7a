/**
 * What clients see of errors.
 *
 * Every mode: a refusal by an operation limit gets the code
 * OPERATION_LIMIT_EXCEEDED and names the limit (`extensions.limit`).
 *
 * Production: errors whose message was written for clients (by this product:
 * bad input, refusals, degraded subgraphs …) pass as they are. Any other —
 * an internal error, a subgraph's message that may quote data or a driver
 * error, a source's failure reason — is masked: the client gets a generic
 * message, its code, its path, the subgraph or source at fault, and the
 * request id; the original, with its stack, goes to the log under the same
 * request id.
 */
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import type { Logger } from '@c360/kit/logger';
import { TOO_MANY_TOKENS } from './plugins/useLimits';

/** Codes whose messages are written for clients and hold no internal detail. */
export const CLIENT_SAFE_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'OPERATION_LIMIT_EXCEEDED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_ALLOWED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  // The gateway's own messages about a subgraph it could not reach (datasource.ts).
  'SUBGRAPH_TIMEOUT',
  'SUBGRAPH_UNAVAILABLE',
  // A service behind a subgraph is down (the identity graph's Neo4j): the subgraph's own words, no data.
  'SERVICE_UNAVAILABLE',
]);

/** Extensions a masked error keeps: they say what failed, not what the data was. */
const KEPT_EXTENSIONS = ['code', 'subgraph', 'serviceName', 'source', 'limit'] as const;

export interface FormatErrorOptions {
  mode: 'development' | 'production';
  logger: Logger;
}

/**
 * The request id of each error being sent, for formatError, which Apollo calls without a context.
 * Apollo hands didEncounterErrors the same error objects it then formats, so the plugin below notes
 * them there. (An AsyncLocalStorage did this before, at the price of Node's promise hooks on every
 * promise of every request.) Errors Apollo formats outside a request's pipeline (a failed context
 * creation) reach formatError unnoted, and are masked without a request id.
 */
const requestIdOfError = new WeakMap<object, string>();

/** Notes which request each error belongs to, for the masked errors of createFormatError. */
export function useErrorRequestIds<TContext extends { requestId: string }>(): ApolloServerPlugin<TContext> {
  const listener: GraphQLRequestListener<TContext> = {
    async didEncounterErrors({ contextValue, errors }) {
      for (const error of errors) requestIdOfError.set(error, contextValue.requestId);
    },
  };
  return { requestDidStart: async () => listener };
}

export function createFormatError({ mode, logger }: FormatErrorOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // In production no message suggests a name (fields, arguments, types, enum values): with introspection
    // off, "Did you mean …?" would let the schema be guessed one probe at a time.
    if (mode === 'production') formatted = withoutSuggestions(formatted);
    const limited = asLimitRefusal(formatted);
    if (limited) return limited;
    const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : 'INTERNAL_SERVER_ERROR';
    if (mode === 'development' || CLIENT_SAFE_CODES.has(code)) return formatted;

    const requestId = typeof error === 'object' && error !== null ? requestIdOfError.get(error) : undefined;
    // Duck-typed: errors rebuilt by the gateway from subgraph responses are not always Error instances here.
    const original = (error instanceof GraphQLError ? (error.originalError ?? error) : error) as
      { message?: unknown; stack?: unknown } | undefined;
    logger.error(
      {
        requestId,
        code,
        path: formatted.path,
        extensions: formatted.extensions,
        err: { message: String(original?.message ?? original), stack: original?.stack },
      },
      `masked error: ${formatted.message}`,
    );
    const extensions: Record<string, unknown> = {};
    for (const key of KEPT_EXTENSIONS)
      if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
    extensions.code = code;
    if (requestId) extensions.requestId = requestId;
    return {
      message: maskedMessage(code, extensions),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions,
    };
  };
}

/** Every "Did you mean …?" graphql-js writes: `"x"?`, `"x" or "y"?`, `the enum value "X"?`. */
const SUGGESTION = /\s*(?:Did you mean [^?]*\?|\[Suggestion hidden\]\??)/g;

export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(SUGGESTION, '').trim();
  return message === formatted.message ? formatted : { ...formatted, message };
}

function maskedMessage(code: string, extensions: Record<string, unknown>): string {
  if (code === 'SOURCE_UNAVAILABLE' && typeof extensions.source === 'string') {
    return `Source "${extensions.source}" is unavailable`;
  }
  if (code === 'SUBGRAPH_REQUEST_FAILED' && typeof extensions.subgraph === 'string') {
    return `Subgraph "${extensions.subgraph}" refused the request`;
  }
  return 'Internal server error; quote the request id to the support team';
}

/**
 * graphql-js's "Validation aborted.": its check that fields with the same name can be merged gave up
 * (a complexity budget), which a document selecting one field hundreds of times triggers.
 */
const VALIDATION_ABORTED = 'Validation aborted.';

function asLimitRefusal(formatted: GraphQLFormattedError): GraphQLFormattedError | undefined {
  if (formatted.message === VALIDATION_ABORTED) {
    return {
      message:
        'The operation repeats the same fields too many times to be validated (e.g. one field selected hundreds of times): select each field once',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'fields' },
    };
  }
  const limit = formatted.extensions?.limit;
  if (typeof limit === 'string')
    return { ...formatted, extensions: { ...formatted.extensions, code: 'OPERATION_LIMIT_EXCEEDED' } };
  if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && TOO_MANY_TOKENS.test(formatted.message)) {
    return {
      ...formatted,
      message: formatted.message.replace(/^Syntax Error: /, '').replace('more that', 'more than'),
      extensions: { ...formatted.extensions, code: 'OPERATION_LIMIT_EXCEEDED', limit: 'tokens' },
    };
  }
  return undefined;
}
